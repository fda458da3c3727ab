// Each drill through the AWS code path (drill --endpoint --student: commands/drill.ts ->
// targets/aws.ts) against the reference stacks deployed in the emulator, with a REAL data
// plane behind the deployment's names (load/local/emulated-data-plane.ts): the ALB's DNS
// name reaches CloudMart API processes, one per emulated instance, the RDS endpoint a
// PostgreSQL pair promoted when the emulated failover swaps the AZs, the Redis endpoints a
// Redis pair failed over when the emulated primary moves. Each drill passes on the
// reference and fails for its reason on the defect where it must fail. The emulator takes
// AWS's time x SCALE (patches/_drill_clock.py).
import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { EMULATED_DATA_PLANE_NOTE } from '../local/emulated-data-plane';
import { emulatedDrillBed, type EmulatedDrillBed } from './support/emulated-drill';

const SCALE = 0.05;
// A defect case deploys its own stacks and starts its own PostgreSQL and Redis pairs and API
// processes before the drill: on a loaded 2-core CI machine that alone has taken minutes.
const DEFECT_MS = 420_000;
const quick = { baselineMs: 1000, settleMs: 1000, probeIntervalMs: 50, probeTimeoutMs: 1000, observeMs: 60_000 };
const byName = (criteria: { name: string; pass: boolean }[]) => Object.fromEntries(criteria.map((c) => [c.name, c.pass]));

let emulator: RunningEmulator;
let reference: EmulatedDrillBed;

beforeAll(async () => {
  emulator = await startEmulator({ drillTimeScale: SCALE });
  reference = await emulatedDrillBed(emulator.endpoint, 'reference', 'ref');
}, 240_000);

afterAll(async () => {
  await reference?.stop();
  await emulator?.stop();
});

async function waitFor(done: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('the emulator did not get there in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function replicationGroupStatus(bed: EmulatedDrillBed): Promise<string | undefined> {
  const out = await bed.session.client(ElastiCacheClient, 'elasticache').send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: bed.deployment.replicationGroupId! }));
  return out.ReplicationGroups?.[0]?.Status;
}

/** A defect deployment with its own data plane, for one drill. */
async function onDefect<T>(scenario: string, student: string, run: (bed: EmulatedDrillBed) => Promise<T>): Promise<T> {
  const bed = await emulatedDrillBed(emulator.endpoint, scenario, student);
  try {
    return await run(bed);
  } finally {
    await bed.stop();
  }
}

describe('drills on the AWS code path against the deployed reference stacks in the emulator', () => {
  // RDS User Guide, Concepts.MultiAZ.Failover: on an outage of the primary "Amazon RDS automatically switches to a standby replica in another Availability Zone"; "Failover times are typically 60-120 seconds".
  it('rds-failover passes: the writes stop while the emulated failover runs and resume on the promoted standby, no acknowledged write lost', async () => {
    const result = await reference.drill('rds-failover', quick);
    if (result.status !== 'pass') console.log(JSON.stringify({ criteria: result.verdict.criteria, notes: result.notes, metrics: result.metrics, outages: reference.plane.outages, problems: reference.plane.problems, health: reference.plane.balancer.health(), instances: [...reference.plane.instances()] }, null, 1));
    expect(reference.plane.problems).toEqual([]);
    expect(byName(result.verdict.criteria)).toEqual({
      'failover completed: AZ and secondary AZ swapped': true,
      'failover events seen': true,
      'write gap seen through the application': true,
      'no acknowledged write lost': true,
      "writes acknowledged by the deployment's own database": true,
    });
    expect(result).toMatchObject({ status: 'pass', target: 'aws', simulated: false });
    // The data plane really went down and came back with the emulator's failover.
    const outage = reference.plane.outages.find((o) => o.kind === 'rds-failover')!;
    expect(outage.upAt).toBeDefined();
    expect(outage.downAt).toBeLessThan(outage.emulatorCompletedAt!);
    expect(outage.upAt!).toBeGreaterThanOrEqual(outage.emulatorCompletedAt!);
    // The writes stopped for the outage (3.75 s at this scale; how closely is the benchmark's business).
    expect(result.metrics.writeGapMs).toBeGreaterThan((outage.upAt! - outage.downAt) / 2);
    expect(result.metrics.lostWrites).toBe(0);
    // The report says what was emulated, in both languages, and where the names went.
    expect(result.notes).toContain(EMULATED_DATA_PLANE_NOTE.en);
    expect(result.notesKo).toContain(EMULATED_DATA_PLANE_NOTE.ko);
    expect(result.notes.some((n) => /^Resolved through CLOUDMART_RESOLVE instead of DNS: .*elb\.amazonaws\.com -> 127\.0\.0\.1:\d+/.test(n))).toBe(true);
  }, 120_000);

  it('rds-failover fails on a Single-AZ DB instance (rds-single-az) without acting', async () => {
    const result = await onDefect('rds-single-az', 'single-az', (bed) => bed.drill('rds-failover', quick));
    expect(result.status).toBe('fail');
    expect(result.verdict.criteria).toEqual([expect.objectContaining({ name: 'DB instance is Multi-AZ', pass: false })]);
    expect(result.timeline.some((e) => e.kind === 'api-call' && /RebootDBInstance/.test(e.message))).toBe(false);
  }, DEFECT_MS);

  // ElastiCache API reference, TestFailover: the primary node of the node group fails over to a replica, the events in order of occurrence.
  it('redis-failover passes: the Redis endpoint is down from the TestFailover call to the promotion of the replica when the emulated primary moves, and the shop keeps serving', async () => {
    const result = await reference.drill('redis-failover', quick);
    if (result.status !== 'pass') console.log(JSON.stringify({ criteria: result.verdict.criteria, notes: result.notes, problems: reference.plane.problems }, null, 1));
    expect(byName(result.verdict.criteria)).toEqual({
      'failover completed: the primary role moved': true,
      'failover events seen': true,
      'application kept serving (error rate)': true,
      "cached reads served by the deployment's own Redis": true,
    });
    // The Redis endpoint was down from the TestFailover call to the promotion, and back.
    const outage = reference.plane.outages.find((o) => o.kind === 'redis-failover')!;
    expect(outage.downAt).toBeLessThan(outage.emulatorCompletedAt!);
    expect(outage.upAt!).toBeGreaterThanOrEqual(outage.emulatorCompletedAt!);
    expect(reference.plane.problems).toEqual([]);
    expect(result.notes).toContain(EMULATED_DATA_PLANE_NOTE.en);
  }, 120_000);

  it('redis-failover fails on a replication group without automatic failover (redis-no-failover) without calling TestFailover', async () => {
    const result = await onDefect('redis-no-failover', 'no-failover', (bed) => bed.drill('redis-failover', quick));
    expect(result.status).toBe('fail');
    expect(result.verdict.criteria).toEqual([expect.objectContaining({ name: 'replication group can fail over', actual: 'automatic failover off, 1 replica(s)', pass: false })]);
    expect(result.timeline.some((e) => e.kind === 'api-call' && /TestFailover/.test(e.message))).toBe(false);
  }, DEFECT_MS);

  // EC2 Auto Scaling User Guide, ec2-auto-scaling-lifecycle: a terminated instance is replaced, the replacement Pending before InService.
  it("instance-loss passes: the terminated instance's API process dies with it, and the replacement's process serves behind the ALB", async () => {
    await waitFor(async () => (await replicationGroupStatus(reference)) === 'available');
    const before = new Set(reference.plane.instances().keys());
    const result = await reference.drill('instance-loss', quick);
    if (result.status !== 'pass') console.log(JSON.stringify({ criteria: result.verdict.criteria, notes: result.notes, problems: reference.plane.problems }, null, 1));
    expect(result.status).toBe('pass');
    const after = [...reference.plane.instances().keys()];
    expect(after.filter((id) => !before.has(id))).toHaveLength(1);
    expect([...before].filter((id) => !after.includes(id))).toHaveLength(1);
  }, 120_000);

  // EC2 Auto Scaling User Guide, as-scaling-target-tracking: above a policy's target value (CPU 50 %, 600 requests per target per minute) the group scales out.
  it('scale-out passes: the load burns real CPU in the API processes, the group grows into both AZs and the new process serves', async () => {
    const result = await reference.drill('scale-out', { ...quick, rate: 30, limitMs: 45_000 });
    if (result.status !== 'pass') console.log(JSON.stringify({ criteria: result.verdict.criteria, notes: result.notes, metrics: result.metrics, problems: reference.plane.problems }, null, 1));
    expect(result.status).toBe('pass');
    expect(result.metrics.peakDesired).toBeGreaterThan(2);
    // The API processes' measured CPU reached CloudWatch (how high depends on the shared machine).
    expect(result.metrics.peakScalingMetric).toBeGreaterThan(0);
    expect(reference.plane.instances().size).toBeGreaterThan(2);
  }, 120_000);

  it('scale-out fails on an Auto Scaling group in one AZ (asg-single-subnet): the serving instances are not spread', async () => {
    const result = await onDefect('asg-single-subnet', 'one-az', (bed) => bed.drill('scale-out', { ...quick, rate: 30, limitMs: 25_000 }));
    if (result.status !== 'fail') console.log(JSON.stringify({ criteria: result.verdict.criteria, notes: result.notes }, null, 1));
    expect(result.status).toBe('fail');
    const criteria = byName(result.verdict.criteria);
    expect(criteria['serving instances spread over >= 2 AZs']).toBe(false);
    expect(criteria['new instances InService and healthy in the target group']).toBe(true);
  }, DEFECT_MS);

  // The AZ spread is scale-out's criterion: instance-loss judges the recovery, which one AZ survives too.
  it('instance-loss passes on the one-AZ group (asg-single-subnet) and says every serving instance is in one zone', async () => {
    const result = await onDefect('asg-single-subnet', 'one-az-loss', (bed) => bed.drill('instance-loss', quick));
    expect(result.status).toBe('pass');
    const recovery = result.verdict.criteria.find((c) => c.name === 'group back to desired capacity with healthy targets')!;
    expect(recovery.actual).toMatch(/\(zones ap-northeast-2a\)$/);
  }, DEFECT_MS);

  it('the drill token secret the data plane made for a deployment without one is gone once it stops', async () => {
    const { ListSecretsCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const listTokens = async () => ((await reference.session.client(SecretsManagerClient, 'secretsmanager').send(new ListSecretsCommand({ Filters: [{ Key: 'tag-key', Values: ['cloudmart:drill-token'] }] }))).SecretList ?? []).filter((s) => !s.DeletedDate).length;
    const bed = await emulatedDrillBed(emulator.endpoint, 'reference', 'token-gone');
    const during = await listTokens();
    await bed.stop();
    expect(await listTokens()).toBe(during - 1);
  }, DEFECT_MS);
});
