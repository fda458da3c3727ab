// The programmatic entry of the checks: run the live vitest suites against an inventory and
// get back the CheckRun the reporter built (runCheckSuites), or evaluate the same checks
// without vitest (evaluateChecks). Both call evaluateCheck, so they can never disagree.
//
// runCheckSuites uses vitest's Node API with its own inline configuration: it never reads the
// project's vitest.config.ts and works from any cwd (paths come from this file's location).
// Tuned for speed (measured, see the notes of the report): all four suite files in one worker
// thread (threads beat forks; a worker per file costs more than it saves), no isolation (the
// rules are loaded once), no coverage, no typecheck, no watch, no results cache. Loading the
// rules natively through tsx in a forked worker was measured slower than vite's module runner.
import path from 'node:path';
import type { Reporter, TestSpecification, Vitest } from 'vitest/node';
import type { Language } from '../contract/errors';
import { CATEGORIES, type CheckRun, type Target } from '../contract/report';
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from './config';
import type { Inventory } from './inventory/types';
import { CheckRunReporter } from './reporter/check-run-reporter';
import { summarizeDiscovery } from './reporter/build-run';
import { completeRun } from './reporter/complete-run';
import { RUN_INPUT_KEY } from './suites/context';

export { evaluateCheck, evaluateChecks } from './rules/evaluate';

const CHECKS_DIR = import.meta.dirname;
const PROJECT_ROOT = path.resolve(CHECKS_DIR, '..');
/** The live suites, relative to the project root. */
export const LIVE_SUITES_GLOB = 'checks/suites/*.live.ts';

/** Runs the suite files in rubric order (architecture first), so the progress lines read like the report. */
class RubricOrderSequencer {
  private rank(spec: TestSpecification): number {
    const index = CATEGORIES.findIndex((c) => path.basename(spec.moduleId) === `${c}.live.ts`);
    return index === -1 ? CATEGORIES.length : index;
  }
  shard(files: TestSpecification[]): TestSpecification[] {
    return files;
  }
  sort(files: TestSpecification[]): TestSpecification[] {
    return [...files].sort((a, b) => this.rank(a) - this.rank(b));
  }
}

/** Lets the Vitest instance exist (and pre-transform the suites) before the run's reporter does. */
class ReporterSlot implements Reporter {
  current: CheckRunReporter | undefined;
  onTestRunStart(): void {
    this.current?.onTestRunStart();
  }
  onTestModuleCollected(...args: Parameters<CheckRunReporter['onTestModuleCollected']>): void {
    this.current?.onTestModuleCollected(...args);
  }
  onTestCaseResult(...args: Parameters<CheckRunReporter['onTestCaseResult']>): void {
    this.current?.onTestCaseResult(...args);
  }
  onTestModuleEnd(...args: Parameters<CheckRunReporter['onTestModuleEnd']>): void {
    this.current?.onTestModuleEnd(...args);
  }
  onTestRunEnd(...args: Parameters<CheckRunReporter['onTestRunEnd']>): void {
    this.current?.onTestRunEnd(...args);
  }
}

interface PreparedSuites {
  vitest: Vitest;
  slot: ReporterSlot;
}

let prepared: Promise<PreparedSuites> | undefined;

/**
 * Prepares the next live run while the caller does something else: loads vitest's Node API,
 * creates the Vitest instance and lets vite transform the suites and the rules they import
 * (esbuild works in its own process). `verify` calls it before collecting the inventory, so
 * the two overlap. Calling it again is free; the next runCheckSuites uses what it prepared,
 * and releaseCheckSuites() closes it when no run follows.
 */
export function warmUpCheckSuites(): Promise<unknown> {
  prepared ??= prepareSuites();
  return prepared;
}

/** Closes a prepared run that will not be used (e.g. the collection failed). */
export async function releaseCheckSuites(): Promise<void> {
  const unused = prepared;
  prepared = undefined;
  await (await unused?.catch(() => undefined))?.vitest.close();
}

async function prepareSuites(): Promise<PreparedSuites> {
  const { createVitest } = await import('vitest/node');
  const slot = new ReporterSlot();
  // The deployments arrive just before the run (vitest.provide).
  const vitest = await createVitest(...liveSuitesVitestArgs([slot], { [RUN_INPUT_KEY]: { runs: [] } }));
  return { vitest, slot };
}

type CreateVitestArgs = Parameters<(typeof import('vitest/node'))['createVitest']>;

/**
 * createVitest's arguments for a live run (tuned as the top of this file says), with `reporters` and the
 * first `provide`. Exported so that the check-suites benchmark's what-ifs build their
 * Vitest instance exactly as runCheckSuites does.
 */
export function liveSuitesVitestArgs(reporters: Reporter[], provide: NonNullable<CreateVitestArgs[1]['provide']>): CreateVitestArgs {
  return [
    'test',
    {
      config: false,
      root: PROJECT_ROOT,
      include: [LIVE_SUITES_GLOB],
      watch: false,
      reporters,
      provide,
      pool: 'threads',
      isolate: false,
      fileParallelism: false,
      maxWorkers: 1,
      coverage: { enabled: false },
      typecheck: { enabled: false },
      passWithNoTests: false,
      sequence: { sequencer: RubricOrderSequencer },
      // No results cache on disk: the run order is fixed and verify writes nothing.
      cache: false,
      // Checks are pure and fast; a check that hangs is a bug, not a slow AWS call.
      testTimeout: 10_000,
      silent: true,
    },
    { logLevel: 'silent', clearScreen: false, server: { watch: null, warmup: { ssrFiles: [`./${LIVE_SUITES_GLOB}`] } } },
  ];
}

/** One deployment to check. */
export interface CheckSuiteInput {
  inventory: Inventory;
  target: Target;
  config?: CheckConfig;
}

export interface RunCheckSuitesOptions extends CheckSuiteInput {
  /** Where the per-suite progress lines go: standard output by default, nowhere with false. */
  progress?: NodeJS.WritableStream | false;
  /** The language of the progress lines (the command's --lang). */
  lang?: Language;
}

/** The live suites on one deployment (verify). */
export async function runCheckSuites(options: RunCheckSuitesOptions): Promise<CheckRun> {
  const [run] = await runCheckSuitesForMany([options], { progress: options.progress, ...(options.lang ? { lang: options.lang } : {}) });
  return run!;
}

/**
 * The live suites on several deployments in ONE vitest run (grade: a run's fixed cost, about
 * half a second, is paid once for the class instead of once per student). One CheckRun per
 * deployment, in the order given; the deployments' students must differ.
 */
export async function runCheckSuitesForMany(
  inputs: readonly CheckSuiteInput[],
  options: { progress?: NodeJS.WritableStream | false; lang?: Language } = {},
): Promise<CheckRun[]> {
  if (inputs.length === 0) return [];
  const keyed = inputs.map((input) => ({ ...input, key: input.target.student }));
  const reporter = new CheckRunReporter({
    runs: keyed.map((input) => ({ key: input.key, target: input.target, discovery: summarizeDiscovery(input.inventory.discovery) })),
    progress: options.progress === false ? undefined : (options.progress ?? process.stdout),
    ...(options.lang ? { lang: options.lang } : {}),
  });
  // One Vitest instance per run: take the prepared one (or prepare it now) so that a run
  // started at the same time prepares its own.
  const mine = prepared ?? prepareSuites();
  prepared = undefined;
  const { vitest, slot } = await mine;
  slot.current = reporter;
  vitest.provide(RUN_INPUT_KEY, {
    runs: keyed.map((input) => ({ key: input.key, inventory: input.inventory, config: input.config ?? DEFAULT_CHECK_CONFIG })),
  });
  // Failing checks make vitest set process.exitCode = 1; the exit code is the CLI's to set.
  const exitCode = process.exitCode;
  try {
    await vitest.start();
  } finally {
    await vitest.close();
    process.exitCode = exitCode;
  }
  // Each run carries where its deployment's resources live (the report's diagram), for verify and grade alike.
  return reporter.results().map((run, i) => completeRun(run, inputs[i]!.inventory));
}
