import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { Report, type CheckRun } from '../../contract/report';
import { CHECK_CATALOGUE as CATALOG } from '../../contract/check-catalogue';
import { rdsFailoverDrill, sampleRun, scaleOutDrill } from '../../fixtures/reports/sample-runs';
import { defaultRubric, parseRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();
const allStatuses = (status: 'pass' | 'fail' | 'error' | 'not-applicable') => Object.fromEntries(CATALOG.map((c) => [c.id, status]));
const category = (report: Report, id: string) => report.score.categories.find((c) => c.id === id)!;
const check = (report: Report, id: string) => report.checks.find((c) => c.id === id)!;

// Points of the catalogue's checks (contract/check-catalogue.ts) under the default rubric (critical 10, high 6, medium 3, low 1).
const MAX = { architecture: 46, 'high-availability': 38, security: 84, monitoring: 15 };

describe('scoring', () => {
  it('all pass: 100 in every category, every check worth its severity points', () => {
    const report = scoreRun(sampleRun(), { rubric });
    expect(report.score).toMatchObject({ points: 100, maxPoints: 100, percent: 100 });
    for (const c of report.score.categories) {
      expect(c).toMatchObject({ percent: 100, weightedPoints: c.weight, maxPoints: MAX[c.id], points: MAX[c.id] });
    }
    expect(check(report, 'rds.not-public')).toMatchObject({ points: 10, maxPoints: 10 });
    expect(check(report, 'nat.per-az')).toMatchObject({ points: 1, maxPoints: 1 });
    expect(Report.safeParse(report).success).toBe(true);
    expect(report.rubric).toEqual({ name: 'cloudmart-week5-default', digest: rubric.digest });
  });

  it('all fail: 0, with every check counted as fail', () => {
    const report = scoreRun(sampleRun({ statuses: allStatuses('fail') }), { rubric });
    expect(report.score).toMatchObject({ points: 0, maxPoints: 100, percent: 0 });
    expect(category(report, 'security').counts).toEqual({ pass: 0, fail: 13, error: 0, notApplicable: 0, waived: 0, blocked: 0 });
  });

  it('error earns nothing and is counted apart from fail', () => {
    const report = scoreRun(sampleRun({ statuses: { 'logs.retention': 'error', 'dashboard.present': 'fail' } }), { rubric });
    const monitoring = category(report, 'monitoring');
    expect(monitoring.counts).toMatchObject({ pass: 4, fail: 1, error: 1 });
    expect(check(report, 'logs.retention')).toMatchObject({ status: 'error', points: 0, maxPoints: 1 });
    expect(monitoring).toMatchObject({ points: 11, maxPoints: 15, percent: 73.33, weightedPoints: 14.67 });
    expect(report.score.points).toBe(94.67);
  });

  it('not-applicable leaves the denominator', () => {
    const report = scoreRun(sampleRun({ statuses: { 'rds.enhanced-monitoring': 'not-applicable', 'logs.retention': 'fail' } }), { rubric });
    expect(check(report, 'rds.enhanced-monitoring')).toMatchObject({ points: 0, maxPoints: 0 });
    // 13 of 14 (not 13 of 15): the n/a check's point is out of the category.
    expect(category(report, 'monitoring')).toMatchObject({ points: 13, maxPoints: 14, percent: 92.86 });
  });

  it('a category with nothing to score leaves the total denominator (its weight is not counted)', () => {
    const statuses = Object.fromEntries(CATALOG.filter((c) => c.category === 'monitoring').map((c) => [c.id, 'not-applicable' as const]));
    const report = scoreRun(sampleRun({ statuses: { ...statuses, 'rds.multi-az': 'fail' } }), { rubric });
    expect(category(report, 'monitoring')).toMatchObject({ maxPoints: 0, percent: 0, weightedPoints: 0 });
    expect(report.score.maxPoints).toBe(80);
    const ha = 30 * (32 / 38);
    expect(report.score.points).toBeCloseTo(30 + ha + 20, 1);
    expect(report.score.percent).toBeCloseTo((100 * (50 + ha)) / 80, 1);
  });

  it('per-check point overrides and weights are applied', () => {
    const custom = parseRubric(
      `weights: { architecture: 10, high-availability: 50, security: 20, monitoring: 20 }
severityPoints: { critical: 10, high: 6, medium: 3, low: 1 }
checks:
  nat.per-az: { points: 4 }`,
      'custom.yaml',
    );
    const report = scoreRun(sampleRun({ statuses: { 'nat.per-az': 'fail' } }), { rubric: custom });
    expect(check(report, 'nat.per-az')).toMatchObject({ points: 0, maxPoints: 4 });
    expect(category(report, 'high-availability')).toMatchObject({ weight: 50, points: 37, maxPoints: 41 });
    expect(report.score.points).toBeCloseTo(10 + (50 * 37) / 41 + 20 + 20, 2);
  });

  it('partial credit by resources: a failed check earns the share of resources that pass', () => {
    const custom = parseRubric(
      `weights: { architecture: 30, high-availability: 30, security: 20, monitoring: 20 }
severityPoints: { critical: 10, high: 6, medium: 3, low: 1 }
checks:
  alarms.coverage: { partial: { by: resources } }`,
      'custom.yaml',
    );
    const report = scoreRun(sampleRun({ statuses: { 'alarms.coverage': 'fail' } }), { rubric: custom });
    expect(check(report, 'alarms.coverage')).toMatchObject({ status: 'fail', points: 4, maxPoints: 6, partialCredit: { share: 0.667, basis: '4 of 6 resources pass' } });
    // Without the rule the same failure earns nothing.
    expect(check(scoreRun(sampleRun({ statuses: { 'alarms.coverage': 'fail' } }), { rubric }), 'alarms.coverage').points).toBe(0);
  });

  describe('prerequisites', () => {
    const noRedis = { 'elasticache.redis-present': 'fail', 'elasticache.automatic-failover': 'not-applicable', 'elasticache.snapshots': 'not-applicable', 'elasticache.encryption': 'not-applicable', 'sg.cache-from-app-only': 'not-applicable' } as const;

    it('a tier left out costs the points of the checks that needed it: no better than a weak tier', () => {
      const missing = scoreRun(sampleRun({ statuses: noRedis }), { rubric });
      // A status of its own, with what blocks it (issue 13 item 3).
      expect(check(missing, 'elasticache.automatic-failover')).toMatchObject({
        status: 'blocked',
        blockedBy: ['elasticache.redis-present'],
        points: 0,
        maxPoints: 6,
      });
      expect(category(missing, 'high-availability').counts).toMatchObject({ blocked: 2, notApplicable: 0 });
      expect(check(missing, 'sg.cache-from-app-only')).toMatchObject({ points: 0, maxPoints: 6 });
      expect(category(missing, 'high-availability')).toMatchObject({ points: 29, maxPoints: 38 });
      expect(category(missing, 'security')).toMatchObject({ points: 75, maxPoints: 84 });
      const weak = scoreRun(sampleRun({ statuses: { 'elasticache.automatic-failover': 'fail' } }), { rubric });
      expect(missing.score.points).toBeLessThan(weak.score.points);
    });

    it('a legitimately not-applicable check, or a waived prerequisite, leaves the denominator', () => {
      const legit = scoreRun(sampleRun({ statuses: { 'elasticache.snapshots': 'not-applicable' } }), { rubric });
      expect(check(legit, 'elasticache.snapshots')).toMatchObject({ points: 0, maxPoints: 0 });
      expect(check(legit, 'elasticache.snapshots')).toMatchObject({ status: 'not-applicable' });
      expect(check(legit, 'elasticache.snapshots').blockedBy).toBeUndefined();
      const without = parseRubric(
        `weights: { architecture: 30, high-availability: 30, security: 20, monitoring: 20 }
severityPoints: { critical: 10, high: 6, medium: 3, low: 1 }`,
        'no-prerequisites.yaml',
      );
      expect(check(scoreRun(sampleRun({ statuses: noRedis }), { rubric: without }), 'elasticache.automatic-failover')).toMatchObject({ points: 0, maxPoints: 0 });
    });
  });

  describe('drills', () => {
    it('absent drills leave the denominator; present ones score in high-availability with their rubric points', () => {
      const without = scoreRun(sampleRun(), { rubric });
      expect(without.checks.some((c) => c.id.startsWith('drill.'))).toBe(false);
      expect(category(without, 'high-availability').maxPoints).toBe(38);

      const withDrills = scoreRun(sampleRun({ drills: [scaleOutDrill('fail'), rdsFailoverDrill({ writeGapMs: 20_000 })] }), { rubric });
      const scale = check(withDrills, 'drill.scale-out');
      expect(scale).toMatchObject({ category: 'high-availability', status: 'fail', points: 0, maxPoints: 6 });
      expect(scale.title?.en).toBe('Scale-out under load drill');
      expect(scale.resources.map((r) => r.status)).toEqual(['fail', 'fail']);
      expect(check(withDrills, 'drill.rds-failover')).toMatchObject({ status: 'pass', points: 10, maxPoints: 10 });
      expect(category(withDrills, 'high-availability')).toMatchObject({ points: 48, maxPoints: 54 });
      expect(withDrills.drills).toHaveLength(2);
    });

    it.each([
      [30_000, 10, undefined],
      [60_000, 10, undefined],
      [90_000, 7.5, 0.75],
      [120_000, 5, 0.5],
    ])('rds-failover with a write gap of %i ms earns %d of 10', (gap, points, share) => {
      const report = scoreRun(sampleRun({ drills: [rdsFailoverDrill({ writeGapMs: gap })] }), { rubric });
      const drill = check(report, 'drill.rds-failover');
      expect(drill).toMatchObject({ status: 'pass', points, maxPoints: 10 });
      expect(drill.partialCredit?.share).toBe(share);
    });

    it('a drill over the limit fails and earns nothing; an errored drill earns nothing and counts as error', () => {
      const over = scoreRun(sampleRun({ drills: [rdsFailoverDrill({ writeGapMs: 130_000 })] }), { rubric });
      expect(check(over, 'drill.rds-failover')).toMatchObject({ status: 'fail', points: 0, maxPoints: 10 });
      const errored = scoreRun(sampleRun({ drills: [rdsFailoverDrill({ status: 'error' })] }), { rubric });
      expect(check(errored, 'drill.rds-failover')).toMatchObject({ status: 'error', points: 0 });
      expect(category(errored, 'high-availability').counts?.error).toBe(1);
    });
  });

  describe('bad input', () => {
    it('refuses a rubric override naming a check the run does not have', () => {
      const custom = parseRubric(
        `weights: { architecture: 30, high-availability: 30, security: 20, monitoring: 20 }
severityPoints: { critical: 10, high: 6, medium: 3, low: 1 }
checks:
  rds.multi-azz: { points: 2 }`,
        'typo.yaml',
      );
      expect(() => scoreRun(sampleRun(), { rubric: custom })).toThrow(UsageError);
      expect(() => scoreRun(sampleRun(), { rubric: custom })).toThrow(/typo\.yaml: the rubric names check rds\.multi-azz that the report does not have/);
    });

    it('refuses a run that lists a check twice or breaks the schema', () => {
      const run = sampleRun();
      const twice: CheckRun = { ...run, checks: [...run.checks, run.checks[0]!] };
      expect(() => scoreRun(twice, { rubric })).toThrow(/lists check vpc\.multi-az-subnets twice/);
      const broken = { ...run, checks: [{ ...run.checks[0]!, status: 'maybe' }] } as unknown as CheckRun;
      expect(() => scoreRun(broken, { rubric })).toThrow(/The check run is not valid: checks\.0\.status/);
    });
  });
});
