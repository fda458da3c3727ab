// Points of one check under the rubric. A check is worth its override's points, else its
// severity's. pass earns them (less any partial-credit rule); fail and error earn nothing
// (a fail may earn a share with a `resources` rule); not-applicable and waived are worth
// nothing either way: they leave the denominator.
import type { CheckEntry } from '../../contract/report';
import type { PartialRule, Rubric } from '../rubric/rubric';
import { isDrillId } from '../rubric/rubric';

export interface CheckPoints {
  points: number;
  maxPoints: number;
  partialCredit?: { share: number; basis: string };
}

export function ruleFor(rubric: Rubric, check: Pick<CheckEntry, 'id' | 'severity'>): { points: number; partial?: PartialRule } {
  const override = isDrillId(check.id) ? rubric.drills.checks[check.id] : rubric.checks[check.id];
  return {
    points: override?.points ?? rubric.severityPoints[check.severity],
    partial: override?.partial,
  };
}

export function pointsFor(
  check: Pick<CheckEntry, 'id' | 'severity' | 'status' | 'resources' | 'evidence'>,
  rubric: Rubric,
  metrics: Record<string, number | null> = {},
): CheckPoints {
  if (check.status === 'not-applicable' || check.status === 'waived') return { points: 0, maxPoints: 0 };
  const rule = ruleFor(rubric, check);
  const max = rule.points;
  if (check.status === 'error') return { points: 0, maxPoints: max };

  const partial = rule.partial;
  if (check.status === 'fail') {
    if (partial?.by !== 'resources' || check.resources.length === 0) return { points: 0, maxPoints: max };
    const passing = check.resources.filter((r) => r.status === 'pass').length;
    const share = passing / check.resources.length;
    return withShare(max, share, `${passing} of ${check.resources.length} resources pass`);
  }

  // pass
  if (partial?.by !== 'metric') return { points: max, maxPoints: max };
  const value = metricValue(partial.metric, metrics, check.evidence);
  if (value === undefined) {
    return withShare(max, 1, `${partial.metric} was not measured: full points on the check's own verdict`);
  }
  if (value <= partial.full) return { points: max, maxPoints: max };
  if (value > partial.limit) return withShare(max, 0, `${partial.metric} ${value} is above the limit ${partial.limit}`);
  const share = 1 - ((1 - partial.shareAtLimit) * (value - partial.full)) / (partial.limit - partial.full);
  return withShare(max, share, `${partial.metric} ${value} is between full marks (<= ${partial.full}) and the limit (${partial.limit})`);
}

function withShare(max: number, share: number, basis: string): CheckPoints {
  const rounded = Math.round(share * 1000) / 1000;
  return { points: round2(max * share), maxPoints: max, partialCredit: { share: rounded, basis } };
}

function metricValue(name: string, metrics: Record<string, number | null>, evidence: Record<string, unknown> | undefined): number | undefined {
  const candidate = metrics[name] ?? evidence?.[name];
  return typeof candidate === 'number' && Number.isFinite(candidate) ? candidate : undefined;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
