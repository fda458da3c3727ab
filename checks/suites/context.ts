// What a live suite run receives and reports, shared by the suites (in the vitest worker) and
// the reporter and runner (in the main process).
import type { CheckOutcome } from '../../contract/report';
import type { CheckConfig } from '../config';
import type { Inventory } from '../inventory/types';

/** The key under which runCheckSuites provides the run's input to the suites (vitest `provide`). */
export const RUN_INPUT_KEY = 'cloudmartCheckRun';

/** One deployment to check: a student's inventory, under a key (the student id) that names its results. */
export interface SuiteRun {
  key: string;
  inventory: Inventory;
  config: CheckConfig;
}

/**
 * What one vitest run checks: usually one deployment (verify), or a whole class at once
 * (grade: vitest's fixed cost of a run is paid once, not once per student).
 */
export interface SuiteRunInput {
  runs: SuiteRun[];
}

declare module 'vitest' {
  interface ProvidedContext {
    cloudmartCheckRun: SuiteRunInput;
  }
  interface TaskMeta {
    /** The check's complete outcome, attached to its test for the reporter. */
    checkOutcome?: CheckOutcome;
    /** Which deployment (SuiteRun.key) the outcome belongs to. */
    runKey?: string;
  }
}
