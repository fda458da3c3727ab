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
import type { TestSpecification } from 'vitest/node';
import { CATEGORIES, type CheckRun, type Target } from '../contract/report';
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from './config';
import type { Inventory } from './inventory/types';
import { CheckRunReporter } from './reporter/check-run-reporter';
import { summarizeDiscovery } from './reporter/build-run';
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

let vitestNode: Promise<typeof import('vitest/node')> | undefined;

/**
 * Starts loading vitest's Node API (the largest part of runCheckSuites' overhead). `verify`
 * can call this before collecting the inventory so the two overlap; calling it again is free.
 */
export function warmUpCheckSuites(): Promise<unknown> {
  vitestNode ??= import('vitest/node');
  return vitestNode;
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
}

/** The live suites on one deployment (verify). */
export async function runCheckSuites(options: RunCheckSuitesOptions): Promise<CheckRun> {
  const [run] = await runCheckSuitesForMany([options], { progress: options.progress });
  return run!;
}

/**
 * The live suites on several deployments in ONE vitest run (grade: a run's fixed cost, about
 * half a second, is paid once for the class instead of once per student). One CheckRun per
 * deployment, in the order given; the deployments' students must differ.
 */
export async function runCheckSuitesForMany(
  inputs: readonly CheckSuiteInput[],
  options: { progress?: NodeJS.WritableStream | false } = {},
): Promise<CheckRun[]> {
  if (inputs.length === 0) return [];
  await warmUpCheckSuites();
  const { createVitest } = await vitestNode!;
  const keyed = inputs.map((input) => ({ ...input, key: input.target.student }));
  const reporter = new CheckRunReporter({
    runs: keyed.map((input) => ({ key: input.key, target: input.target, discovery: summarizeDiscovery(input.inventory.discovery) })),
    progress: options.progress === false ? undefined : (options.progress ?? process.stdout),
  });
  // Failing checks make vitest set process.exitCode = 1; the exit code is the CLI's to set.
  const exitCode = process.exitCode;
  const vitest = await createVitest(
    'test',
    {
      config: false,
      root: PROJECT_ROOT,
      include: [LIVE_SUITES_GLOB],
      watch: false,
      reporters: [reporter],
      provide: {
        [RUN_INPUT_KEY]: { runs: keyed.map((input) => ({ key: input.key, inventory: input.inventory, config: input.config ?? DEFAULT_CHECK_CONFIG })) },
      },
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
    { logLevel: 'silent', clearScreen: false, server: { watch: null } },
  );
  try {
    await vitest.start();
  } finally {
    await vitest.close();
    process.exitCode = exitCode;
  }
  return reporter.results();
}
