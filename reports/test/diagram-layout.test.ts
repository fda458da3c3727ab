// The diagram's model from the recorded inventories (fixtures/inventories): who judges what
// (judges.ts), what an unreadable dataset becomes (error, never missing or passed), an older
// report without placement, a waived check, and a check that judged nothing.
import { describe, expect, it } from 'vitest';
import { deploymentMapOf } from '../../checks/inventory/deployment-map';
import { evaluateChecks } from '../../checks/rules/evaluate';
import type { CheckRun, Report } from '../../contract/report';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { derive, notCollected } from '../../fixtures/inventories/sdk';
import { consoleBuilt, manyDefects, withoutRedis } from '../../fixtures/inventories/variants';
import { judge } from '../diagram/judges';
import { layoutOf, nodesOf, type DiagramModel } from '../diagram/layout';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();
type Inv = ReturnType<typeof referenceInventory>;

function reportOf(inventory: Inv, change: (run: CheckRun) => void = () => {}): Report {
  const run: CheckRun = {
    target: { kind: 'local', region: 'ap-northeast-2', accountId: '123456789012', student: 's01', emulated: true },
    startedAt: '2026-12-08T01:00:00.000Z',
    finishedAt: '2026-12-08T01:01:00.000Z',
    checks: evaluateChecks(inventory),
    deployment: deploymentMapOf(inventory),
  };
  change(run);
  return scoreRun(run, { rubric });
}

function statuses(m: DiagramModel): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of nodesOf(m)) out[n.judgement.status] = (out[n.judgement.status] ?? 0) + 1;
  return out;
}

describe('deployment map (checks/inventory/deployment-map.ts)', () => {
  it('places the reference deployment by AZ: ALB nodes, instances, RDS primary and standby, Redis roles, NATs', () => {
    const map = deploymentMapOf(referenceInventory());
    expect(map.zones).toEqual(['ap-northeast-2a', 'ap-northeast-2c']);
    expect(map.loadBalancers.map((lb) => lb.zones)).toEqual([['ap-northeast-2a', 'ap-northeast-2c']]);
    expect(map.instances.map((i) => i.zone)).toEqual(['ap-northeast-2a', 'ap-northeast-2c']);
    expect(map.databases.map((d) => [d.zone, d.standbyZone])).toEqual([['ap-northeast-2a', 'ap-northeast-2c']]);
    expect(map.caches[0]!.nodes.map((n) => `${n.zone} ${n.role}`)).toEqual(['ap-northeast-2a primary', 'ap-northeast-2c replica']);
    expect(map.natGateways.map((n) => n.zone)).toEqual(['ap-northeast-2a', 'ap-northeast-2c']);
    expect(map.securityGroups.filter((g) => g.openToInternet.length).map((g) => g.openToInternet)).toEqual([['tcp 80', 'tcp 443']]);
    expect(map.unread).toEqual([]);
  });

  it('a dataset that was not collected makes its part unread instead of empty', () => {
    const inventory = derive(referenceInventory(), (inv) => {
      inv.rds.instances = notCollected('rds:DescribeDBInstances', 'AccessDenied: not authorized');
      inv.ec2.instances = notCollected('ec2:DescribeInstances', 'AccessDenied: not authorized');
    });
    const map = deploymentMapOf(inventory);
    expect(map.unread).toEqual(['app', 'db']);
    expect(map.databases).toEqual([]);
  });

  it('a snapshot saved without a dataset (an older version) marks its part unread instead of failing verify', () => {
    const inventory = derive(referenceInventory(), (inv) => {
      delete (inv.ec2 as Partial<typeof inv.ec2>).natGateways;
      delete (inv.cloudwatch as Partial<typeof inv.cloudwatch>).dashboards;
    });
    const map = deploymentMapOf(inventory);
    expect(map.unread).toEqual(['monitoring', 'network']);
    expect(map.databases).toHaveLength(1);
  });
});

describe('diagram layout (reports/diagram/layout.ts)', () => {
  it('the reference: every node and path passes, nothing is an empty slot', () => {
    const m = layoutOf(reportOf(referenceInventory()))!;
    expect(statuses(m)).toEqual({ pass: nodesOf(m).length });
    expect(nodesOf(m).filter((n) => n.slot)).toEqual([]);
    expect(m.paths.every((p) => p.judgement.status === 'pass')).toBe(true);
  });

  it('console-built: the same picture as the reference', () => {
    const shape = (m: DiagramModel) => nodesOf(m).map((n) => `${n.kind} ${n.zone ?? ''} ${n.judgement.status}`);
    expect(shape(layoutOf(reportOf(consoleBuilt()))!)).toEqual(shape(layoutOf(reportOf(referenceInventory()))!));
  });

  it('without Redis: an empty slot judged by elasticache.redis-present, and a missing path to it', () => {
    const m = layoutOf(reportOf(withoutRedis()))!;
    const cache = m.rows.find((r) => r.row === 'cache')!.cells.flat();
    expect(cache.map((n) => [n.judgement.status, n.judgement.culprit?.id, n.slot?.en])).toEqual([['missing', 'elasticache.redis-present', 'no Redis']]);
    // The path to it is missing too, and red for the check that found Redis missing.
    expect(m.paths.find((p) => p.key === 'app-cache')!.judgement).toMatchObject({ status: 'missing', culprit: { id: 'elasticache.redis-present' } });
  });

  it('many defects: the broken parts are red with the check that failed them', () => {
    const m = layoutOf(reportOf(manyDefects()))!;
    const culprits = (kind: string) => nodesOf(m).filter((n) => n.kind === kind).map((n) => `${n.judgement.status} ${n.judgement.culprit?.id ?? ''}`);
    expect(culprits('distribution')).toEqual(['fail cloudfront.https-only']);
    expect(culprits('bucket')).toEqual(['fail s3.block-public-access']);
    expect(culprits('db')).toEqual(['fail rds.multi-az', 'missing rds.multi-az']);
    // The app security group admits SSH from anywhere: its path is red, and an arrow comes in from the internet.
    expect(m.paths.find((p) => p.key === 'public-app')!.judgement.status).toBe('fail');
    expect(m.paths.find((p) => p.key === 'internet-app-exposed')).toMatchObject({ label: 'tcp 22', exposure: true });
  });

  it('a part that could not be read is drawn as an error slot, never missing or passed', () => {
    const inventory = derive(referenceInventory(), (inv) => {
      inv.rds.instances = notCollected('rds:DescribeDBInstances', 'AccessDenied: not authorized');
    });
    const m = layoutOf(reportOf(inventory))!;
    const db = m.rows.find((r) => r.row === 'db')!.cells.flat();
    expect(db.length).toBeGreaterThan(0);
    expect(db.every((n) => n.judgement.status === 'error' && n.slot?.en === 'could not be read')).toBe(true);
    expect(db[0]!.judgement.culprit?.id).toBe('rds.postgres-present');
  });

  it('a report made before issue 17 (no placement) has no model', () => {
    const report = reportOf(referenceInventory(), (run) => {
      delete run.deployment;
    });
    expect(layoutOf(report)).toBeUndefined();
  });

  it('one AZ only: a second, placeholder column of empty slots', () => {
    const report = reportOf(referenceInventory());
    const map = report.deployment!;
    const onlyA = <T extends { zone?: string }>(items: T[]) => items.filter((i) => i.zone === 'ap-northeast-2a');
    const oneAz: Report = {
      ...report,
      deployment: { ...map, zones: ['ap-northeast-2a'], instances: onlyA(map.instances), natGateways: onlyA(map.natGateways), loadBalancers: map.loadBalancers.map((lb) => ({ ...lb, zones: ['ap-northeast-2a'] })), databases: map.databases.map(({ standbyZone: _s, ...d }) => d), caches: map.caches.map((c) => ({ ...c, nodes: onlyA(c.nodes) })) },
    };
    const m = layoutOf(oneAz)!;
    expect(m.zones).toEqual([{ name: 'ap-northeast-2a', placeholder: false }, { name: '', placeholder: true }]);
    expect(m.rows.every((r) => r.cells[1]!.length > 0 && r.cells[1]!.every((n) => n.judgement.status === 'missing'))).toBe(true);
  });
});

describe('judges (reports/diagram/judges.ts)', () => {
  const base = reportOf(referenceInventory());
  const withCheck = (id: string, change: (c: Report['checks'][number]) => Report['checks'][number]): Report => ({ ...base, checks: base.checks.map((c) => (c.id === id ? change(c) : c)) });

  it('a failed evidence line about the resource fails it; a line about another resource does not', () => {
    const report = withCheck('rds.encrypted', (c) => ({ ...c, status: 'fail', resources: [{ ...c.resources[0]!, status: 'fail' }] }));
    expect(judge(report, 'db', ['cloudmart-s01-db'])).toMatchObject({ status: 'fail', culprit: { id: 'rds.encrypted' } });
    expect(judge(report, 'db', ['someone-elses-db']).status).toBe('pass');
  });

  it('a check that errored makes what it judges an error', () => {
    const report = withCheck('rds.multi-az', (c) => ({ ...c, status: 'error', resources: [] }));
    expect(judge(report, 'db', ['cloudmart-s01-db'])).toMatchObject({ status: 'error', culprit: { id: 'rds.multi-az' } });
  });

  it('a waived check does not paint its resource red', () => {
    const report = withCheck('rds.multi-az', (c) => ({ ...c, status: 'waived', originalStatus: 'fail', resources: [{ ...c.resources[0]!, status: 'fail' }] }));
    expect(judge(report, 'db', ['cloudmart-s01-db']).status).toBe('pass');
  });

  it('no check of the report judged it: error, never a silent pass', () => {
    const report: Report = { ...base, checks: base.checks.filter((c) => !c.id.startsWith('rds.') && c.id !== 'vpc.private-tiers') };
    expect(judge(report, 'db', ['cloudmart-s01-db'])).toEqual({ status: 'error', checks: [] });
  });
});
