// The AWS drill target through the real SDK v3 clients against the emulator (moto with
// the drill gap patches): every drill's AWS side, on a CloudMart-shaped deployment. The
// application side is a loopback stand-in for the ALB (the emulator's ALB serves no
// traffic). The emulator takes AWS's time for failovers and replacements, at SCALE of
// AWS's pace: an RDS failover completes 90 s x SCALE after the call, a Redis test
// failover swaps roles after 30 s x SCALE, a replacement instance is Pending 60 s x SCALE.
import { AutoScalingClient, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ModifyDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsSession } from '../../checks/aws/session';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { drillOptions, runDrill } from '../drills/index';
import { awsDrillTarget } from '../targets/aws';
import type { DrillDeployment } from '../targets/deployment';
import type { DrillTarget } from '../target';
import { createEmulatorDeployment, REGION } from './support/emulator-deployment';
import { FAKE_SHOP_DB_SERVER, startFakeShop, type FakeShop } from './support/fake-shop';

let emulator: RunningEmulator;
let session: AwsSession;
let shop: FakeShop;
let deployment: DrillDeployment;
let target: DrillTarget;

const SCALE = 0.05;
const quick = { baselineMs: 500, settleMs: 500, probeIntervalMs: 50, probeTimeoutMs: 1000, observeMs: 30_000 };
const byName = (criteria: { name: string; pass: boolean }[]) => Object.fromEntries(criteria.map((c) => [c.name, c.pass]));
const client = <C>(Client: new (config: Record<string, unknown>) => C): C => new Client({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });

beforeAll(async () => {
  emulator = await startEmulator({ drillTimeScale: SCALE });
  shop = await startFakeShop();
  deployment = await createEmulatorDeployment(emulator.endpoint);
  session = new AwsSession({ region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });
  // The emulated DB endpoint has no DNS: it resolves to the address the fake shop's database reports.
  target = awsDrillTarget({ deployment: { ...deployment, appUrl: shop.url }, session, pollIntervalMs: 200, resolveHost: async () => [FAKE_SHOP_DB_SERVER.address] });
});

afterAll(async () => {
  session?.destroy();
  await shop?.close();
  await emulator?.stop();
});

async function waitFor(done: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('the emulator did not get there in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('AWS drill target against the emulator', () => {
  it('rds-failover: RebootDBInstance ForceFailover swaps the AZs and shows the failover events', async () => {
    const before = await target.database.describe();
    expect(before).toMatchObject({ id: 'cloudmart-db', multiAz: true, status: 'available' });
    expect(before.secondaryAvailabilityZone).toBeDefined();
    const result = await runDrill('rds-failover', { target, options: drillOptions('rds-failover', quick, 'aws') });
    expect(byName(result.verdict.criteria)).toEqual({
      'failover completed: AZ and secondary AZ swapped': true,
      'failover events seen': true,
      'write gap seen through the application': true,
      'no acknowledged write lost': true,
      "writes acknowledged by the deployment's own database": true,
    });
    expect(result).toMatchObject({ status: 'pass', target: 'aws', simulated: false, source: 'harness' });
    const after = await target.database.describe();
    expect(after.availabilityZone).toBe(before.secondaryAvailabilityZone);
    const timeline = result.timeline.map((e) => `${e.kind}: ${e.message}`);
    expect(timeline).toContain('api-call: rds:RebootDBInstance cloudmart-db');
    expect(timeline.some((m) => m === 'event: RDS-EVENT-0013 Multi-AZ instance failover started.')).toBe(true);
    expect(timeline.some((m) => m === 'event: RDS-EVENT-0049 Multi-AZ instance failover completed')).toBe(true);
    expect(result.metrics.lostWrites).toBe(0);
    expect(result.metrics.acknowledgedWrites).toBe(shop.writes.size);
  });

  // RDS User Guide, Concepts.MultiAZ.Failover: "Failover times are typically 60-120 seconds"; RDS-EVENT-0013/0015/0049 from USER_Events.Messages.
  it('rds-failover: keeps watching after the write-gap limit, so a failover AWS reports after limit + settle still passes', async () => {
    await waitFor(async () => (await target.database.describe()).status === 'available');
    // The writes never stop here, so a 1 s gap limit holds; the failover completes 4.5 s after the call.
    const result = await runDrill('rds-failover', { target, options: drillOptions('rds-failover', { ...quick, limitMs: 1000 }, 'aws') });
    expect(byName(result.verdict.criteria)).toEqual({
      'failover completed: AZ and secondary AZ swapped': true,
      'failover events seen': true,
      'write gap seen through the application': true,
      'no acknowledged write lost': true,
      "writes acknowledged by the deployment's own database": true,
    });
    const call = result.timeline.find((e) => e.kind === 'api-call' && e.message.startsWith('rds:RebootDBInstance'))!;
    const completed = result.timeline.findLast((e) => e.kind === 'event' && e.message.startsWith('RDS-EVENT-0049'))!;
    expect(completed.t - call.t).toBeGreaterThan(1.5);
    expect(result.timeline.some((e) => e.kind === 'event' && /status available -> rebooting|status rebooting -> available/.test(e.message))).toBe(true);
  });

  it('rds-failover: a failover AWS has not reported by the end of the watch fails on the failover criteria, not on the write gap', async () => {
    await waitFor(async () => (await target.database.describe()).status === 'available');
    const result = await runDrill('rds-failover', { target, options: drillOptions('rds-failover', { ...quick, observeMs: 500 }, 'aws') });
    expect(result.status).toBe('fail');
    const criteria = Object.fromEntries(result.verdict.criteria.map((c) => [c.name, c]));
    expect(criteria['failover completed: AZ and secondary AZ swapped']).toMatchObject({ pass: false, actual: expect.stringMatching(/status rebooting \(not swapped within the 0\.5 s watch\)$/) });
    expect(criteria['failover events seen']!.pass).toBe(false);
    expect(criteria['write gap seen through the application']!.pass).toBe(true);
    expect(criteria['no acknowledged write lost']!.pass).toBe(true);
    expect(result.notes.some((n) => /^Watched for 0\.5 s after the failover was requested without seeing/.test(n))).toBe(true);
    await waitFor(async () => (await target.database.describe()).status === 'available');
  });

  it('rds-failover: fails without acting on a Single-AZ instance', async () => {
    const rds = client(RDSClient);
    await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'cloudmart-db', MultiAZ: false, ApplyImmediately: true }));
    rds.destroy();
    const before = await target.database.describe();
    const result = await runDrill('rds-failover', { target, options: drillOptions('rds-failover', quick, 'aws') });
    expect(result.status).toBe('fail');
    expect(result.verdict.criteria).toEqual([expect.objectContaining({ name: 'DB instance is Multi-AZ', pass: false })]);
    expect(result.timeline.some((e) => e.kind === 'api-call' && /RebootDBInstance/.test(e.message))).toBe(false);
    expect((await target.database.describe()).availabilityZone).toBe(before.availabilityZone);
  });

  it('redis-failover: TestFailover moves the primary role and the shop keeps serving', async () => {
    const before = await target.cache.describe();
    const result = await runDrill('redis-failover', { target, options: drillOptions('redis-failover', quick, 'aws') });
    expect(byName(result.verdict.criteria)).toEqual({
      'failover completed: the primary role moved': true,
      'failover events seen': true,
      'application kept serving (error rate)': true,
      "cached reads served by the deployment's own Redis": true,
    });
    const after = await target.cache.describe();
    expect(after.members.find((m) => m.role === 'primary')!.id).not.toBe(before.members.find((m) => m.role === 'primary')!.id);
    expect(result.timeline.some((e) => e.kind === 'api-call' && e.message === 'elasticache:TestFailover cloudmart-redis')).toBe(true);
  });

  // ElastiCache API reference, TestFailover: the events in order of occurrence; InvalidReplicationGroupStateFault when the group is not available.
  it('redis-failover: keeps watching after the limit, so a failover ElastiCache reports later still passes', async () => {
    await waitFor(async () => (await target.cache.describe()).status === 'available');
    // The roles swap 1.5 s after the call: long after a 0.1 s limit and settle.
    const result = await runDrill('redis-failover', { target, options: drillOptions('redis-failover', { ...quick, limitMs: 100, settleMs: 100 }, 'aws') });
    expect(byName(result.verdict.criteria)).toEqual({
      'failover completed: the primary role moved': true,
      'failover events seen': true,
      'application kept serving (error rate)': true,
      "cached reads served by the deployment's own Redis": true,
    });
  });

  it('redis-failover: a group that is not available stops with one sentence before TestFailover', async () => {
    // Right after a test failover the group is modifying until the old primary has recovered.
    expect((await target.cache.describe()).status).toBe('modifying');
    const result = await runDrill('redis-failover', { target, options: drillOptions('redis-failover', quick, 'aws') });
    expect(result.status).toBe('error');
    expect(result.verdict.summary.en).toBe('Replication group cloudmart-redis is modifying; run the drill again once it is available.');
    expect(result.verdict.criteria).toEqual([expect.objectContaining({ name: 'replication group available before the drill', actual: 'modifying', pass: false })]);
    expect(result.timeline.some((e) => e.kind === 'api-call' && /TestFailover/.test(e.message))).toBe(false);
  });

  // ElastiCache API reference, TestFailover: up to 15 shards in any rolling 24-hour period; TestFailoverNotAvailableFault.
  it('redis-failover: explains TestFailoverNotAvailableFault (the rolling 24-hour limit) in one sentence', async () => {
    await waitFor(async () => (await target.cache.describe()).status === 'available');
    const refusing: DrillTarget = {
      ...target,
      cache: {
        ...target.cache,
        testFailover: async () => {
          throw Object.assign(new Error('The TestFailover action is not available.'), { name: 'TestFailoverNotAvailableFault' });
        },
      },
    };
    const result = await runDrill('redis-failover', { target: refusing, options: drillOptions('redis-failover', quick, 'aws') });
    expect(result.status).toBe('error');
    expect(result.verdict.summary.en).toBe(
      'ElastiCache refused TestFailover (TestFailoverNotAvailableFault): AWS allows test failovers on at most 15 shards in any rolling 24-hour period and may block the API during large-scale events, so run the drill again later.',
    );
    expect(result.verdict.summary.ko).toMatch(/24시간/);
  });

  it('instance-loss: TerminateInstanceInAutoScalingGroup, the group replaces the instance with a healthy target', async () => {
    const before = await target.group.describe();
    const result = await runDrill('instance-loss', { target, options: drillOptions('instance-loss', quick, 'aws') });
    if (result.status !== 'pass') console.log(JSON.stringify({ criteria: result.verdict.criteria, notes: result.notes }, null, 1));
    expect(result.status).toBe('pass');
    const after = await target.group.describe();
    expect(after.instances).toHaveLength(before.desiredCapacity);
    const replaced = before.instances.filter((i) => !after.instances.some((j) => j.id === i.id));
    expect(replaced).toHaveLength(1);
    expect(result.timeline.some((e) => e.kind === 'event' && e.message.startsWith(`Terminating EC2 instance: ${replaced[0]!.id}`))).toBe(true);
  });

  // EC2 Auto Scaling User Guide, ec2-auto-scaling-lifecycle: a launched instance is Pending before it is InService.
  it('instance-loss: a replacement slower than the recovery limit is measured and judged on that limit, not cut off', async () => {
    await waitFor(async () => (await target.group.describe()).instances.every((i) => i.lifecycleState === 'InService'));
    // The replacement is Pending for 3 s: over a 1 s recovery limit.
    const result = await runDrill('instance-loss', { target, options: drillOptions('instance-loss', { ...quick, recoveryLimitMs: 1000 }, 'aws') });
    expect(result.status).toBe('fail');
    const recovery = result.verdict.criteria.find((c) => c.name === 'group back to desired capacity with healthy targets')!;
    expect(recovery.pass).toBe(false);
    expect(recovery.actual).toMatch(/^2 serving after \d+(\.\d)? s \(zones /);
    expect(result.metrics.recoveryMs).toBeGreaterThan(1000);
    expect(result.timeline.some((e) => e.kind === 'capacity' && /Pending -> InService/.test(e.message))).toBe(true);
  });

  it('instance-loss refuses to terminate an instance outside the group', async () => {
    await expect(target.group.terminateInstance('i-0123456789abcdef0')).rejects.toThrow(/not in the Auto Scaling group cloudmart-asg/);
  });

  it('scale-out: passes when desired capacity rises and the new instance is healthy in a second AZ, with the CloudWatch metric', async () => {
    // Stand-ins for what AWS does by itself: CloudWatch receives CPU datapoints, and the
    // target-tracking alarm raises the desired capacity a moment after the load starts.
    const cloudwatch = client(CloudWatchClient);
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/EC2',
        MetricData: [{ MetricName: 'CPUUtilization', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'cloudmart-asg' }], Value: 87.5, Unit: 'Percent', Timestamp: new Date(Date.now() - 60_000) }],
      }),
    );
    cloudwatch.destroy();
    const autoscaling = client(AutoScalingClient);
    const scaler = setTimeout(() => void autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'cloudmart-asg', DesiredCapacity: 3 })), 1500);
    try {
      const result = await runDrill('scale-out', { target, options: drillOptions('scale-out', { ...quick, rate: 20, limitMs: 20_000 }, 'aws') });
      if (result.status !== 'pass') console.log(JSON.stringify({ criteria: result.verdict.criteria, notes: result.notes }, null, 1));
      expect(result.status).toBe('pass');
      expect(result.metrics.peakDesired).toBe(3);
      expect(result.metrics.peakScalingMetric).toBe(87.5);
      expect(result.timeline.some((e) => e.kind === 'event' && /explicitly set group desired capacity changing the desired capacity from 2 to 3/.test(String((e.data as { cause?: string }).cause)))).toBe(true);
      expect(result.timeline.some((e) => e.kind === 'target-health')).toBe(true);
    } finally {
      clearTimeout(scaler);
      autoscaling.destroy();
    }
  });

  it('scale-out: fails when the group does not grow within the limit', async () => {
    const autoscaling = client(AutoScalingClient);
    await autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'cloudmart-asg', DesiredCapacity: 2 }));
    autoscaling.destroy();
    const result = await runDrill('scale-out', { target, options: drillOptions('scale-out', { ...quick, rate: 20, limitMs: 2000 }, 'aws') });
    expect(result.status).toBe('fail');
    expect(byName(result.verdict.criteria)['within the time limit']).toBe(false);
  });
});
