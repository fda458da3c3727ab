// The vitest reporter of the live suites (vitest 4 Reporter API): records each test's outcome
// (attached as task meta by checks/suites/define.ts), prints one progress line per suite, and
// at the end of the run builds the CheckRun (build-run.ts). reports/ scores it into report.json.
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason } from 'vitest/node';
import type { CheckRun, Target } from '../../contract/report';
import type { OutcomeStatus } from '../rules/types';
import '../suites/context';
import { buildCheckRun, type RecordedTest } from './build-run';
import { SuiteProgress } from './progress';

export interface CheckRunReporterOptions {
  target: Target;
  discovery: CheckRun['discovery'];
  /** Where the per-suite progress goes; none when undefined. */
  progress?: NodeJS.WritableStream | undefined;
  /** The clock (tests pin it). */
  now?: () => Date;
}

function message(error: { message?: string; name?: string } | undefined): string {
  if (!error) return 'unknown error';
  return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : (error.message ?? 'unknown error');
}

export class CheckRunReporter implements Reporter {
  private readonly tests: RecordedTest[] = [];
  private readonly runErrors: string[] = [];
  private readonly progress: SuiteProgress | undefined;
  private readonly now: () => Date;
  private startedAt: string;
  private run: CheckRun | undefined;

  constructor(private readonly options: CheckRunReporterOptions) {
    this.progress = options.progress ? new SuiteProgress(options.progress) : undefined;
    this.now = options.now ?? (() => new Date());
    this.startedAt = this.now().toISOString();
  }

  onTestRunStart(): void {
    this.startedAt = this.now().toISOString();
  }

  onTestModuleCollected(module: TestModule): void {
    for (const suite of module.children.suites()) this.progress?.start(suite.name, [...suite.children.allTests()].length);
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    const outcome = testCase.meta().checkOutcome;
    this.tests.push({
      checkId: testCase.name,
      state: result.state,
      outcome,
      errors: (result.errors ?? []).map((e) => message(e)),
    });
    const suite = testCase.parent.type === 'suite' ? testCase.parent.name : '';
    const status: OutcomeStatus = outcome?.status ?? 'error';
    this.progress?.record(suite, status);
  }

  onTestModuleEnd(module: TestModule): void {
    for (const suite of module.children.suites()) this.progress?.end(suite.name);
    for (const error of module.errors()) this.runErrors.push(`${module.relativeModuleId}: ${message(error)}`);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, _reason: TestRunEndReason): void {
    for (const module of modules) {
      // A module that failed to load never reaches onTestModuleEnd with its errors.
      for (const error of module.errors()) {
        const line = `${module.relativeModuleId}: ${message(error)}`;
        if (!this.runErrors.includes(line)) this.runErrors.push(line);
      }
    }
    for (const error of unhandledErrors) this.runErrors.push(message(error));
    this.run = buildCheckRun({
      target: this.options.target,
      startedAt: this.startedAt,
      finishedAt: this.now().toISOString(),
      discovery: this.options.discovery,
      tests: this.tests,
      runErrors: this.runErrors,
    });
  }

  /** The CheckRun of the finished run. */
  result(): CheckRun {
    if (!this.run) throw new Error('The live check run has not finished: no CheckRun yet.');
    return this.run;
  }
}
