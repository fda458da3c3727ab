// The AWS drill target through the real SDK v3 clients against the emulator (moto with
// the drill gap patches): every drill's AWS side, on a CloudMart-shaped deployment. The
// application side is a loopback stand-in for the ALB (the emulator's ALB serves no
// traffic).
import { AutoScalingClient, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ModifyDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsSession } from '../../checks/aws/session';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../fixtures/emulator/emulator';
import { drillOptions, runDrill } from '../drills/index';
import { awsDrillTarget } from '../targets/aws';
import type { DrillDeployment } from '../targets/deployment';
import type { DrillTarget } from '../target';
import { createEmulatorDeployment, REGION } from './support/emulator-deployment';
import { startFakeShop, type FakeShop } from './support/fake-shop';

let emulator: RunningEmulator;
let session: AwsSession;
let shop: FakeShop;
let deployment: DrillDeployment;
let target: DrillTarget;

const quick = { baselineMs: 500, settleMs: 500, probeIntervalMs: 50, probeTimeoutMs: 1000 };
const byName = (criteria: { name: string; pass: boolean }[]) => Object.fromEntries(criteria.map((c) => [c.name, c.pass]));
const client = <C>(Client: new (config: Record<string, unknown>) => C): C => new Client({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });

beforeAll(async () => {
  emulator = await startEmulator();
  shop = await startFakeShop();
  deployment = await createEmulatorDeployment(emulator.endpoint);
  session = new AwsSession({ region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });
  target = awsDrillTarget({ deployment: { ...deployment, appUrl: shop.url }, session, pollIntervalMs: 200 });
});

afterAll(async () => {
  session?.destroy();
  await shop?.close();
  await emulator?.stop();
});

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
    });
    const after = await target.cache.describe();
    expect(after.members.find((m) => m.role === 'primary')!.id).not.toBe(before.members.find((m) => m.role === 'primary')!.id);
    expect(result.timeline.some((e) => e.kind === 'api-call' && e.message === 'elasticache:TestFailover cloudmart-redis')).toBe(true);
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
