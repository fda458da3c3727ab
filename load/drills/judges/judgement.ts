// What a judge returns and how it is built: criteria in both languages, a status that
// follows from them (or 'error' when the drill could not judge), the headline numbers.
import type { Bilingual, DrillCriterion, DrillResult } from '../../../contract/report';

export type DrillJudgement = Pick<DrillResult, 'status' | 'verdict' | 'metrics'>;

/** A verdict criterion; report.json keeps the English fields and carries the Korean beside them. */
export function criterion(name: Bilingual, expected: Bilingual, actual: Bilingual, pass: boolean): DrillCriterion {
  return { name: name.en, expected: expected.en, actual: actual.en, pass, nameKo: name.ko, expectedKo: expected.ko, actualKo: actual.ko };
}

/** The names of the failed criteria, in both languages, for a summary. */
export function failedNames(criteria: DrillCriterion[]): Bilingual {
  const failed = criteria.filter((c) => !c.pass);
  return { ko: failed.map((c) => c.nameKo ?? c.name).join('; '), en: failed.map((c) => c.name).join('; ') };
}

/**
 * The judgement: 'error' when forced (the drill could not judge: a read-back failed, a
 * precondition could not be checked), else 'pass' only when there are criteria and all pass.
 */
export function judgement(summary: Bilingual, criteria: DrillCriterion[], options: { error?: boolean; metrics?: Record<string, number | null> } = {}): DrillJudgement {
  const status = options.error ? 'error' : criteria.length > 0 && criteria.every((c) => c.pass) ? 'pass' : 'fail';
  return { status, verdict: { summary, criteria }, metrics: options.metrics ?? {} };
}

/** The summary of a drill that did not get far enough to be judged. */
export const NO_VERDICT: Bilingual = {
  ko: '드릴이 끝까지 실행되지 못해 판정할 수 없습니다. notes를 확인하세요.',
  en: 'The drill did not run to the end, so there is no verdict; see the notes.',
};

/** The judgement of observations that stop before the fault without a failed precondition. */
export function unfinished(): DrillJudgement {
  return judgement(NO_VERDICT, [], { error: true });
}
