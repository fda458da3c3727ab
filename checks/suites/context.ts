// What a live suite run receives and reports, shared by the suites (in the vitest worker) and
// the reporter and runner (in the main process).
import type { CheckOutcome } from '../../contract/report';
import type { CheckConfig } from '../config';
import type { Inventory } from '../inventory/types';

/** The key under which runCheckSuites provides the run's input to the suites (vitest `provide`). */
export const RUN_INPUT_KEY = 'cloudmartCheckRun';

export interface SuiteRunInput {
  inventory: Inventory;
  config: CheckConfig;
}

declare module 'vitest' {
  interface ProvidedContext {
    cloudmartCheckRun: SuiteRunInput;
  }
  interface TaskMeta {
    /** The check's complete outcome, attached to its test for the reporter. */
    checkOutcome?: CheckOutcome;
  }
}
