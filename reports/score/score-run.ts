// Turns one verify run (the checks' outcomes, drills, nag findings) into the graded Report:
// drills become checks, waivers apply, every check gets its points, the categories and the
// total are computed. Pure: the rubric, the waivers and the time come in as arguments.
import { UsageError } from '../../contract/errors';
import {
  CATEGORIES,
  CheckRun,
  Report,
  type CategoryScore,
  type CheckEntry,
  type CheckOutcome,
  type Score,
  type StatusCounts,
} from '../../contract/report';
import { TOOL } from '../../contract/version';
import type { Rubric } from '../rubric/rubric';
import { isDrillId, rubricCheckIds } from '../rubric/rubric';
import { applyWaivers, type WaiverSet } from '../waivers/apply';
import { pointsFor, round2, ruleFor } from './check-points';
import { drillOutcome } from './drill-checks';

export interface ScoreOptions {
  rubric: Rubric;
  waivers?: WaiverSet;
  /** When waivers are judged for expiry; defaults to the run's finishedAt. */
  now?: Date;
  tool?: { name: string; version: string };
  /**
   * The check catalog's ids. When given, the rubric's overrides are checked against the
   * catalog rather than against the run (a drills-only run has no checks, yet the rubric is fine).
   */
  knownCheckIds?: Iterable<string>;
}

export function scoreRun(input: CheckRun, options: ScoreOptions): Report {
  const parsed = CheckRun.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`The check run is not valid: ${issue.path.join('.') || 'root'}: ${issue.message}.`);
  }
  const run = parsed.data;
  const { rubric } = options;
  assertOverridesKnown(rubric, options.knownCheckIds ?? run.checks.map((c) => c.id));

  const outcomes: CheckOutcome[] = [...run.checks];
  const seen = new Set<string>();
  for (const c of outcomes) {
    if (seen.has(c.id)) throw new UsageError(`The check run lists check ${c.id} twice.`);
    seen.add(c.id);
  }
  const drillMetrics = new Map<string, Record<string, number | null>>();
  for (const drill of run.drills ?? []) {
    drillMetrics.set(drill.id, drill.metrics);
    if (!seen.has(drill.id)) {
      outcomes.push(drillOutcome(drill, rubric));
      seen.add(drill.id);
    }
  }

  const unscored: CheckEntry[] = outcomes.map((o) => ({ ...o, points: 0, maxPoints: 0 }));
  const { checks: waived, ignored } = applyWaivers(unscored, options.waivers, {
    student: run.target.student,
    neverWaivable: rubric.neverWaivable,
    now: options.now ?? new Date(run.finishedAt),
  });
  const failedPrerequisites = prerequisitesFailed(waived, rubric);
  const checks = waived.map((check) => {
    const missing = failedPrerequisites.get(check.id);
    if (!missing) return { ...check, ...pointsFor(check, rubric, drillMetrics.get(check.id)) };
    // Not applicable only because what it checks is missing: blocked, and it costs its points like a failure.
    const { points: max } = ruleFor(rubric, check);
    return { ...check, status: 'blocked' as const, blockedBy: missing, points: 0, maxPoints: max };
  });

  const report: Report = {
    schemaVersion: 1,
    tool: options.tool ?? { name: TOOL.name, version: TOOL.version },
    target: run.target,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    score: totals(checks, rubric),
    checks,
    ...(run.drills ? { drills: run.drills } : {}),
    ...(run.nag ? { nag: run.nag } : {}),
    ...(run.discovery ? { discovery: run.discovery } : {}),
    ...(run.deployment ? { deployment: run.deployment } : {}),
    ...(ignored.length ? { waiversIgnored: ignored } : {}),
    rubric: { name: rubric.name, digest: rubric.digest },
  };
  return Report.parse(report);
}

/** Category scores and the total: a category is its weight times the share of points earned. */
export function totals(checks: readonly CheckEntry[], rubric: Rubric): Score {
  const categories: CategoryScore[] = CATEGORIES.map((id) => {
    const inCategory = checks.filter((c) => c.category === id);
    const points = inCategory.reduce((s, c) => s + c.points, 0);
    const maxPoints = inCategory.reduce((s, c) => s + c.maxPoints, 0);
    const weight = rubric.weights[id];
    return {
      id,
      weight,
      points: round2(points),
      maxPoints: round2(maxPoints),
      percent: maxPoints > 0 ? round2((100 * points) / maxPoints) : 0,
      weightedPoints: maxPoints > 0 ? round2((weight * points) / maxPoints) : 0,
      counts: countStatuses(inCategory),
    };
  });
  // A category with nothing to score (every check not-applicable or waived) leaves the total's
  // denominator, like a not-applicable check leaves its category's.
  const scored = categories.filter((c) => c.maxPoints > 0);
  const earned = scored.reduce((s, c) => s + (c.weight * c.points) / c.maxPoints, 0);
  const max = scored.reduce((s, c) => s + c.weight, 0);
  return { points: round2(earned), maxPoints: max, percent: max > 0 ? round2((100 * earned) / max) : 0, categories };
}

export function countStatuses(checks: readonly Pick<CheckEntry, 'status'>[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, error: 0, notApplicable: 0, waived: 0, blocked: 0 };
  for (const c of checks) {
    if (c.status === 'not-applicable') counts.notApplicable++;
    else if (c.status === 'blocked') counts.blocked = (counts.blocked ?? 0) + 1;
    else counts[c.status]++;
  }
  return counts;
}

/** not-applicable checks whose prerequisite (per the rubric) failed or errored, with those prerequisites. */
function prerequisitesFailed(checks: readonly CheckEntry[], rubric: Rubric): Map<string, string[]> {
  const status = new Map(checks.map((c) => [c.id, c.status]));
  const out = new Map<string, string[]>();
  for (const [prerequisite, dependents] of Object.entries(rubric.prerequisites)) {
    const s = status.get(prerequisite);
    if (s !== 'fail' && s !== 'error') continue;
    for (const id of dependents) {
      if (status.get(id) === 'not-applicable') out.set(id, [...(out.get(id) ?? []), prerequisite]);
    }
  }
  return out;
}

/** An override for a check the run does not have is most likely a typo: refuse to grade with it. */
function assertOverridesKnown(rubric: Rubric, known: Iterable<string>): void {
  const ids = new Set(known);
  const unknown = rubricCheckIds(rubric).filter((id) => !ids.has(id) && !isDrillId(id));
  if (unknown.length) {
    throw new UsageError(
      `${rubric.source}: the rubric names check${unknown.length > 1 ? 's' : ''} ${[...new Set(unknown)].join(', ')} that the report does not have (a typo? see checks.md for the ids).`,
    );
  }
}
