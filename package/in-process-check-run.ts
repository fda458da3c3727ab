// The checks of the CloudShell package, run in-process: what checks/run-check-suites.ts does
// with vitest, done with a plain loop, because the package has no vitest. package/build.ts puts
// this file in the bundle in place of checks/run-check-suites.ts, so verify and grade run
// unchanged. Same parts as a live run: evaluateCheck per check (checks/rules/evaluate.ts), the
// suites' order (rubric categories, catalogue order inside each), the same progress lines
// (SuiteProgress) and the same CheckRun assembly (buildCheckRun, then completeRun).
// package/test/in-process-check-run.emulator.test.ts proves both give identical runs.
import type * as LiveSuites from '../checks/run-check-suites';
import { DEFAULT_CHECK_CONFIG } from '../checks/config';
import { buildCheckRun, summarizeDiscovery, type RecordedTest } from '../checks/reporter/build-run';
import { completeRun } from '../checks/reporter/complete-run';
import { SuiteProgress } from '../checks/reporter/progress';
import { evaluateCheck } from '../checks/rules/evaluate';
import { checksOf } from '../checks/rules/index';
import type { OutcomeStatus } from '../checks/rules/types';
import { CATEGORIES } from '../contract/report';

export { evaluateCheck, evaluateChecks } from '../checks/rules/evaluate';
export type { CheckSuiteInput, RunCheckSuitesOptions } from '../checks/run-check-suites';

/** How a vitest test of the live suites ends for each status (checks/suites/define.ts). */
const TEST_STATE: Record<OutcomeStatus, RecordedTest['state']> = { pass: 'passed', fail: 'failed', error: 'failed', 'not-applicable': 'skipped' };

/** Nothing to prepare without vitest. */
export const warmUpCheckSuites: typeof LiveSuites.warmUpCheckSuites = () => Promise.resolve();
export const releaseCheckSuites: typeof LiveSuites.releaseCheckSuites = () => Promise.resolve();

export const runCheckSuites: typeof LiveSuites.runCheckSuites = async (options) => {
  const [run] = await runCheckSuitesForMany([options], { progress: options.progress, ...(options.lang ? { lang: options.lang } : {}) });
  return run!;
};

export const runCheckSuitesForMany: typeof LiveSuites.runCheckSuitesForMany = async (inputs, options = {}) => {
  if (inputs.length === 0) return [];
  const keys = new Set<string>();
  for (const input of inputs) {
    if (keys.has(input.target.student)) throw new Error(`Two deployments of one live run share the key ${input.target.student}.`);
    keys.add(input.target.student);
  }
  const stream = options.progress === false ? undefined : (options.progress ?? process.stdout);
  const progress = stream ? new SuiteProgress(stream, options.lang) : undefined;
  const tests: RecordedTest[][] = inputs.map(() => []);
  const startedAt = new Date().toISOString();
  for (const category of CATEGORIES) {
    const checks = checksOf(category);
    progress?.start(category, checks.length * inputs.length);
    inputs.forEach((input, index) => {
      for (const check of checks) {
        const outcome = evaluateCheck(check, input.inventory, input.config ?? DEFAULT_CHECK_CONFIG);
        tests[index]!.push({ checkId: check.id, state: TEST_STATE[outcome.status], outcome, errors: [] });
        progress?.record(category, outcome.status);
      }
    });
    progress?.end(category);
  }
  const finishedAt = new Date().toISOString();
  return inputs.map((input, index) =>
    completeRun(
      buildCheckRun({ target: input.target, startedAt, finishedAt, discovery: summarizeDiscovery(input.inventory.discovery), tests: tests[index]!, runErrors: [] }),
      input.inventory,
    ),
  );
};
