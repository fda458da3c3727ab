// The deployment diagram's layout on the emulated deployments of sandbox/scenarios: each is
// built in one emulator, collected and checked as grade does it (one run of the live suites,
// whose check runs carry the placement: checks/inventory/deployment-map.ts), scored, and laid
// out (reports/diagram/layout.ts). Each scenario's picture
// must show the student's own resources where they live and the broken part as the seed draws it.
// Placement fields relied on:
// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html (AvailabilityZone, SecondaryAvailabilityZone)
// https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_NodeGroupMember.html (PreferredAvailabilityZone, CurrentRole)
// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancer.html (AvailabilityZones)
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Placement.html (an instance's AvailabilityZone)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsSession } from '../../checks/aws/session';
import { collectWithSession } from '../../checks/collect';
import { runCheckSuitesForMany } from '../../checks/run-check-suites';
import type { Report } from '../../contract/report';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { DB_PORT } from '../../sandbox/scenarios/blueprint';
import { createScenario } from '../../sandbox/scenarios/index';
import { layoutOf, type DiagramModel } from '../diagram/layout';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const REGION = 'ap-northeast-2';
const AZ_A = 'ap-northeast-2a';
const AZ_C = 'ap-northeast-2c';
/** Scenario -> the student who owns it in the shared emulator. */
const STUDENTS: Record<string, string> = {
  reference: 'ref',
  console: 'con',
  'rds-single-az': 'single',
  'asg-single-subnet': 'onesub',
  'db-open-to-internet': 'opendb',
  partial: 'noredis',
};

let emulator: RunningEmulator;
const reports = new Map<string, Report>();

beforeAll(async () => {
  emulator = await startEmulator();
  await Promise.all(Object.entries(STUDENTS).map(([scenario, student]) => createScenario(scenario, { endpoint: emulator.endpoint, region: REGION, student })));
  const inputs = [];
  for (const [scenario, student] of Object.entries(STUDENTS)) {
    const session = new AwsSession({ region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });
    try {
      const inventory = await collectWithSession(session, { student });
      inputs.push({ inventory, target: { kind: 'local' as const, region: REGION, accountId: inventory.target.accountId, student, emulated: true, scenario } });
    } finally {
      session.destroy();
    }
  }
  // As verify and grade run them: the live suites, whose runs carry each deployment's placement.
  const runs = await runCheckSuitesForMany(inputs, { progress: false });
  for (const run of runs) reports.set(run.target.scenario!, scoreRun(run, { rubric: defaultRubric() }));
}, 300_000);

afterAll(async () => {
  await emulator?.stop();
});

function model(scenario: string): DiagramModel {
  const m = layoutOf(reports.get(scenario)!);
  if (!m) throw new Error(`${scenario}: no diagram`);
  return m;
}

/** "row zone kind[role] status [culprit]" per drawn thing, for readable comparisons. */
function cells(m: DiagramModel, row: string): string[] {
  const r = m.rows.find((x) => x.row === row)!;
  return r.cells.flatMap((cell, zi) =>
    cell.map((n) => `${m.zones[zi]!.name} ${n.kind}${n.role ? `[${n.role}]` : ''}${n.slot ? ' slot' : ''} ${n.judgement.status}${n.judgement.culprit ? ` ${n.judgement.culprit.id}` : ''}`),
  );
}

function path(m: DiagramModel, key: string): string {
  const p = m.paths.find((x) => x.key === key);
  return p ? `${p.judgement.status}${p.judgement.culprit ? ` ${p.judgement.culprit.id}` : ''}` : 'absent';
}

describe('the deployment diagram on the emulated scenarios', () => {
  for (const scenario of ['reference', 'console']) {
    it(`${scenario}: every resource in its AZ, all passing, nothing missing`, () => {
      const m = model(scenario);
      expect(m.zones.map((z) => z.name)).toEqual([AZ_A, AZ_C]);
      expect(cells(m, 'public')).toEqual([`${AZ_A} alb pass`, `${AZ_A} nat pass`, `${AZ_C} alb pass`, `${AZ_C} nat pass`]);
      expect(cells(m, 'app')).toEqual([`${AZ_A} instance pass`, `${AZ_C} instance pass`]);
      expect(cells(m, 'db')).toEqual([`${AZ_A} db[primary] pass`, `${AZ_C} db[standby] pass`]);
      expect(cells(m, 'cache')).toEqual([`${AZ_A} cache[primary] pass`, `${AZ_C} cache[replica] pass`]);
      expect(m.rows.find((r) => r.row === 'app')!.groups.map((g) => g.judgement.status)).toEqual(['pass']);
      expect(m.paths.map((p) => `${p.key} ${p.judgement.status}`)).toEqual(['internet-public pass', 'public-app pass', 'app-db pass', 'app-cache pass']);
      // The frontend bucket and the deployment's other buckets, each drawn, each passing.
      expect(m.edge.map((n) => `${n.kind} ${n.judgement.status}`)).toEqual(['distribution pass', ...reports.get(scenario)!.deployment!.buckets.map(() => 'bucket pass')]);
      expect(m.edge.filter((n) => n.kind === 'bucket').length).toBeGreaterThan(0);
      expect(m.monitoring.map((n) => `${n.kind} ${n.judgement.status}`)).toEqual(['dashboard pass', 'alarms pass', 'backup pass']);
      const db = m.rows.find((r) => r.row === 'db')!.cells[0]![0]!;
      expect(db.badges.map((b) => `${b.kind} ${b.judgement.status}`)).toEqual(['alarm pass', 'backup pass']);
    });
  }

  it('rds-single-az: the primary is red and the other AZ has an empty, red-dashed standby slot', () => {
    const m = model('rds-single-az');
    const db = cells(m, 'db');
    expect(db).toHaveLength(2);
    expect(db.filter((c) => c.includes('db[primary] fail rds.multi-az'))).toHaveLength(1);
    expect(db.filter((c) => c.includes('db slot missing rds.multi-az'))).toHaveLength(1);
    // The rest of the picture is the reference's.
    expect(cells(m, 'cache')).toEqual([`${AZ_A} cache[primary] pass`, `${AZ_C} cache[replica] pass`]);
  });

  it('asg-single-subnet: every instance in one AZ, the other AZ an empty slot, the group red', () => {
    const m = model('asg-single-subnet');
    expect(cells(m, 'app').filter((c) => c.startsWith(AZ_A))).not.toContain(`${AZ_A} instance slot missing asg.multi-az`);
    expect(cells(m, 'app').filter((c) => c.startsWith(AZ_A)).every((c) => c.includes('instance pass'))).toBe(true);
    expect(cells(m, 'app').filter((c) => c.startsWith(AZ_C))).toEqual([`${AZ_C} instance slot missing asg.multi-az`]);
    expect(m.rows.find((r) => r.row === 'app')!.groups.map((g) => `${g.judgement.status} ${g.judgement.culprit?.id}`)).toEqual(['fail asg.multi-az']);
  });

  it('db-open-to-internet: the app -> DB path is red and an arrow from the internet to the DB appears', () => {
    const m = model('db-open-to-internet');
    expect(path(m, 'app-db')).toBe('fail sg.db-from-app-only');
    const exposed = m.paths.find((p) => p.key === 'internet-db-exposed');
    expect(exposed?.label).toBe(`tcp ${DB_PORT}`);
    expect(exposed?.judgement.status).toBe('fail');
    expect(path(m, 'app-cache')).toBe('pass');
    expect(m.paths.filter((p) => p.exposure)).toHaveLength(1);
  });

  it('partial (no Redis): one dashed slot where Redis should be, and the path to it is missing', () => {
    const m = model('partial');
    expect(cells(m, 'cache')).toEqual([`${AZ_A} cache slot missing elasticache.redis-present`]);
    expect(path(m, 'app-cache')).toBe('missing elasticache.redis-present');
    expect(cells(m, 'db')).toEqual([`${AZ_A} db[primary] pass`, `${AZ_C} db[standby] pass`]);
  });

  it('a reference report round-trips through report.json with its placement', () => {
    const report = reports.get('reference')!;
    expect(report.deployment?.unread).toEqual([]);
    expect(report.deployment?.databases).toEqual([expect.objectContaining({ zone: AZ_A, standbyZone: AZ_C })]);
  });
});
