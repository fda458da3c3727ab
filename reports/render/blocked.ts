// A check that costs its points because a tier it needs is missing. Reports since issue 13
// give it the status `blocked` and the finding checks that failed (`blockedBy`); older
// report.json files hold it as `not-applicable` with `scoredAs`. Renderers ask here, so both
// read the same.
import type { CheckEntry, CheckStatus } from '../../contract/report';
import type { Lang } from './i18n';

type Blockable = Pick<CheckEntry, 'status' | 'blockedBy' | 'scoredAs'>;

/** The status to show: `blocked` for an older report's not-applicable check that was scored as failed. */
export function shownStatus(check: Blockable): CheckStatus {
  return check.status === 'not-applicable' && check.scoredAs ? 'blocked' : check.status;
}

// The reason score-run.ts wrote into scoredAs before the `blocked` status existed.
const OLD_REASON = /^counts as failed: (.+) failed, so there was nothing to check$/;

/** The finding checks whose failure blocks this one (empty when it is not blocked). */
export function blockersOf(check: Blockable): string[] {
  if (check.status === 'blocked') return check.blockedBy ?? [];
  if (shownStatus(check) !== 'blocked') return [];
  const old = OLD_REASON.exec(check.scoredAs!.reason);
  return old ? old[1]!.split(', ') : [];
}

/** One sentence: what blocks the check and what that costs, e.g. "blocked by elasticache.redis-present: ...". */
export function blockedSentence(lang: Lang, check: Blockable): string {
  const ids = blockersOf(check).join(', ');
  if (!ids) return lang === 'ko' ? '선행 검사가 실패해 검사할 대상이 없으므로, 실패와 같이 점수를 잃습니다.' : check.scoredAs?.reason ?? 'blocked: a check it needs failed, so it costs its points like a failure.';
  return lang === 'ko'
    ? `${ids} 때문에 막힘: ${ids} 검사가 실패해 검사할 대상이 없으므로, 이 검사는 실패와 같이 점수를 잃습니다.`
    : `blocked by ${ids}: ${ids} failed, so there was nothing to check; this check costs its points like a failure.`;
}
