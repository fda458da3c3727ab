// One live suite per rubric category, one test per check. Each test evaluates its check on the
// provided inventory (the same evaluateCheck as evaluateChecks), attaches the outcome to the
// test (task meta) and ends the way the status says:
//   pass -> passes; fail -> fails (CheckFailedError); error -> fails with CheckErrorStatus, a
//   different error the reporter and a console reader can tell apart; not-applicable -> skipped.
import { describe, inject, test } from 'vitest';
import type { CheckOutcome, Category } from '../../contract/report';
import { evaluateCheck } from '../rules/evaluate';
import { checksOf } from '../rules/index';
import { RUN_INPUT_KEY, type SuiteRun, type SuiteRunInput } from './context';

export class CheckFailedError extends Error {
  constructor(outcome: CheckOutcome) {
    const offenders = outcome.resources.filter((r) => r.status === 'fail').map((r) => `  - ${r.id}: ${r.detail}`);
    super([`${outcome.id} failed: ${outcome.summary?.en}`, ...offenders].join('\n'));
    this.name = 'CheckFailedError';
  }
}

export class CheckErrorStatus extends Error {
  constructor(outcome: CheckOutcome) {
    super(`${outcome.id} could not be evaluated: ${outcome.summary?.en}`);
    this.name = 'CheckErrorStatus';
  }
}

function runInput(): SuiteRunInput {
  const input = inject(RUN_INPUT_KEY);
  if (!input?.runs?.length) throw new Error('The live suites need an inventory: run them through runCheckSuites (checks/run-check-suites.ts).');
  return input;
}

/**
 * The suite of one rubric category: one test per check, for each deployment of the run. With
 * one deployment the tests sit right under the category (what a student sees); with several,
 * each deployment has its own describe named by its key.
 */
export function defineCategorySuite(category: Category): void {
  const { runs } = runInput();
  describe(category, () => {
    if (runs.length === 1) defineChecks(category, runs[0]!);
    else for (const run of runs) describe(run.key, () => defineChecks(category, run));
  });
}

function defineChecks(category: Category, run: SuiteRun): void {
  for (const check of checksOf(category)) {
    test(check.id, (context) => {
      const outcome = evaluateCheck(check, run.inventory, run.config);
      context.task.meta.checkOutcome = outcome;
      context.task.meta.runKey = run.key;
      switch (outcome.status) {
        case 'pass':
          return;
        case 'not-applicable':
          context.skip(outcome.summary?.en);
          return;
        case 'fail':
          throw new CheckFailedError(outcome);
        case 'error':
          throw new CheckErrorStatus(outcome);
      }
    });
  }
}
