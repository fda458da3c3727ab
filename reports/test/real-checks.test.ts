// The scoring and renderers fed with what the real checks produce (checks/rules on the
// recorded inventories of fixtures/inventories), and the default rubric held against the real
// catalog: if a check id of the rubric disappears or the outcomes change shape, this fails.
import { describe, expect, it } from 'vitest';
import type { CheckRun } from '../../contract/report';
import { Report } from '../../contract/report';
import { evaluateChecks } from '../../checks/rules/evaluate';
import { CHECKS } from '../../checks/rules/index';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { withoutRds, withoutRedis } from '../../fixtures/inventories/variants';
import { RENDERERS } from '../render/index';
import { assertRubricKnowsChecks, defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();

function runOf(inventory: ReturnType<typeof referenceInventory>): CheckRun {
  return {
    target: { kind: 'local', region: 'ap-northeast-2', accountId: '123456789012', student: 's01', emulated: true },
    startedAt: '2026-11-26T05:00:00.000Z',
    finishedAt: '2026-11-26T05:01:00.000Z',
    checks: evaluateChecks(inventory),
  };
}

describe('scoring the real checks', () => {
  it('the default rubric names only checks of the real catalog', () => {
    expect(() => assertRubricKnowsChecks(rubric, CHECKS.map((c) => c.id))).not.toThrow();
  });

  it('the reference inventory scores 100 and renders in every format', () => {
    const report = scoreRun(runOf(referenceInventory()), { rubric });
    expect(report.score.percent).toBe(100);
    expect(report.checks).toHaveLength(CHECKS.length);
    for (const renderer of Object.values(RENDERERS)) expect(renderer.render(report, { lang: 'ko' }).length).toBeGreaterThan(100);
    expect(Report.safeParse(JSON.parse(RENDERERS.json.render(report, { lang: 'en' }))).success).toBe(true);
  });

  it('a missing data tier costs the points of every check that needed it', () => {
    const reference = scoreRun(runOf(referenceInventory()), { rubric });
    const noRedis = scoreRun(runOf(withoutRedis()), { rubric });
    const noRds = scoreRun(runOf(withoutRds()), { rubric });
    const lostToMissingRedis = noRedis.checks.filter((c) => c.status === 'blocked').map((c) => c.id).sort();
    expect(lostToMissingRedis).toEqual(['elasticache.automatic-failover', 'elasticache.encryption', 'elasticache.snapshots', 'sg.cache-from-app-only']);
    expect(noRds.checks.filter((c) => c.status === 'blocked' && c.blockedBy?.includes('rds.postgres-present'))).toHaveLength(8);
    expect(noRedis.score.percent).toBeLessThan(reference.score.percent);
    expect(noRds.score.percent).toBeLessThan(noRedis.score.percent);
  });
});
