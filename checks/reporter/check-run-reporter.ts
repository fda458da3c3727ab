// The vitest reporter of the live suites (vitest 4 Reporter API): records each test's outcome
// (attached as task meta by checks/suites/define.ts), prints one progress line per suite, and
// at the end of the run builds one CheckRun per deployment checked (build-run.ts). reports/
// scores each into a report.json.
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason, TestSuite } from 'vitest/node';
import type { Language } from '../../contract/errors';
import type { CheckRun, Target } from '../../contract/report';
import type { OutcomeStatus } from '../rules/types';
import '../suites/context';
import { buildCheckRun, type RecordedTest } from './build-run';
import { SuiteProgress } from './progress';

/** One deployment of the run: its key (SuiteRun.key), and what its CheckRun says about it. */
export interface ReportedRun {
  key: string;
  target: Target;
  discovery: CheckRun['discovery'];
}

export interface CheckRunReporterOptions {
  runs: ReportedRun[];
  /** Where the per-suite progress goes; none when undefined. */
  progress?: NodeJS.WritableStream | undefined;
  /** The language of the progress lines (the command's --lang). */
  lang?: Language;
  /** The clock (tests pin it). */
  now?: () => Date;
}

function message(error: { message?: string; name?: string } | undefined): string {
  if (!error) return 'unknown error';
  return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : (error.message ?? 'unknown error');
}

export class CheckRunReporter implements Reporter {
  private readonly tests = new Map<string, RecordedTest[]>();
  private readonly runErrors: string[] = [];
  private readonly progress: SuiteProgress | undefined;
  private readonly now: () => Date;
  private startedAt: string;
  private runs: CheckRun[] | undefined;

  constructor(private readonly options: CheckRunReporterOptions) {
    for (const run of options.runs) {
      if (this.tests.has(run.key)) throw new Error(`Two deployments of one live run share the key ${run.key}.`);
      this.tests.set(run.key, []);
    }
    this.progress = options.progress ? new SuiteProgress(options.progress, options.lang) : undefined;
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
    const meta = testCase.meta();
    const outcome = meta.checkOutcome;
    // A test that crashed before it attached its meta is placed by its describe (or the only run).
    const key = meta.runKey ?? (this.options.runs.length === 1 ? this.options.runs[0]!.key : parentName(testCase));
    this.tests.get(key)?.push({
      checkId: testCase.name,
      state: result.state,
      outcome,
      errors: (result.errors ?? []).map((e) => message(e)),
    });
    const status: OutcomeStatus = outcome?.status ?? 'error';
    this.progress?.record(categoryOf(testCase), status);
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
    const finishedAt = this.now().toISOString();
    this.runs = this.options.runs.map((run) =>
      buildCheckRun({
        target: run.target,
        startedAt: this.startedAt,
        finishedAt,
        discovery: run.discovery,
        tests: this.tests.get(run.key)!,
        runErrors: this.runErrors,
      }),
    );
  }

  /** The CheckRun of every deployment of the finished run, in the order they were given. */
  results(): CheckRun[] {
    if (!this.runs) throw new Error('The live check run has not finished: no CheckRun yet.');
    return this.runs;
  }

  /** The CheckRun of a run of one deployment. */
  result(): CheckRun {
    return this.results()[0]!;
  }
}

function parentName(testCase: TestCase): string {
  return testCase.parent.type === 'suite' ? testCase.parent.name : '';
}

/** The category suite (the outermost describe) a test belongs to. */
function categoryOf(testCase: TestCase): string {
  let suite: TestSuite | undefined = testCase.parent.type === 'suite' ? testCase.parent : undefined;
  while (suite && suite.parent.type === 'suite') suite = suite.parent;
  return suite?.name ?? '';
}
