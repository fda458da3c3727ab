// Turns what the live suites reported into the CheckRun of contract/report.ts: every check of
// the catalog, in catalog order, each a complete CheckOutcome. A check whose test did not
// report an outcome (its module failed to load, the test crashed before attaching it) becomes
// `error` with the reason, so the run is complete whatever happened. Pure.
import type { Bilingual, CheckOutcome, CheckRun, Target } from '../../contract/report';
import type { Discovery } from '../inventory/types';
import { CHECKS } from '../rules/index';
import type { Check } from '../rules/types';

/** What the reporter saw of one test. */
export interface RecordedTest {
  checkId: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  /** The outcome the test attached (task meta), if it got that far. */
  outcome?: CheckOutcome | undefined;
  /** Messages of the errors the test ended with. */
  errors: string[];
}

export interface BuildRunInput {
  target: Target;
  startedAt: string;
  finishedAt: string;
  discovery: CheckRun['discovery'];
  tests: RecordedTest[];
  /** Errors outside any test: a suite file that failed to load, an unhandled error. */
  runErrors: string[];
}

export function summarizeDiscovery(discovery: Discovery): NonNullable<CheckRun['discovery']> {
  return {
    stackPrefix: discovery.stackPrefix,
    stacks: discovery.stacks.map((s) => s.name),
    resourceCount: discovery.resources.length,
    searched: discovery.searched,
    ...(discovery.searchedKo ? { searchedKo: discovery.searchedKo } : {}),
    ...(discovery.ownershipConflicts?.length ? { ownershipConflicts: discovery.ownershipConflicts } : {}),
  };
}

function errorOutcome(check: Check, summary: Bilingual): CheckOutcome {
  return {
    id: check.id,
    category: check.category,
    severity: check.severity,
    title: check.title,
    status: 'error',
    summary,
    resources: [],
    remediation: check.remediation,
    refs: check.refs,
  };
}

function outcomeFor(check: Check, test: RecordedTest | undefined, runErrors: string[]): CheckOutcome {
  if (!test) {
    const why = runErrors[0] ?? 'its live suite did not run it';
    return errorOutcome(check, { ko: `검사가 실행되지 않았습니다: ${why}`, en: `The check did not run: ${why}` });
  }
  if (!test.outcome) {
    const error = test.errors[0];
    return errorOutcome(check, {
      ko: `검사의 테스트가 결과 없이 끝났습니다(${test.state}): ${error ?? '보고된 오류 없음'}`,
      en: `The check's test ended (${test.state}) without an outcome: ${error ?? 'no error was reported'}`,
    });
  }
  // The outcome says pass but the test failed after attaching it (a hook, a timeout): not a pass.
  if (test.state === 'failed' && test.outcome.status === 'pass') {
    const error = test.errors[0];
    return {
      ...test.outcome,
      status: 'error',
      summary: { ko: `검사는 통과했지만 그 테스트가 실패했습니다: ${error ?? '알 수 없는 오류'}`, en: `The check passed but its test failed: ${error ?? 'unknown error'}` },
    };
  }
  return test.outcome;
}

export function buildCheckRun(input: BuildRunInput): CheckRun {
  const byId = new Map(input.tests.map((t) => [t.checkId, t]));
  return {
    target: input.target,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    checks: CHECKS.map((check) => outcomeFor(check, byId.get(check.id), input.runErrors)),
    discovery: input.discovery,
  };
}
