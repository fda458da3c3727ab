// Shapes AWS publishes that a naive check misjudges, built in the emulator and verified end to
// end: HealthCheckType "ELB,EBS" passes asg.behind-alb; Redis alarms on ReplicationGroupId do
// not count for alarms.coverage (sandbox/scenarios/catalog/published-shapes.ts and defects.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createScenario, emulatedAccountCredentials, SCENARIOS } from '../../sandbox/scenarios/index';
import { collectInventory } from '../collect';
import { DEFAULT_CHECK_CONFIG } from '../config';
import type { Inventory } from '../inventory/types';
import { evaluateChecks } from '../run-check-suites';

const REGION = 'ap-northeast-2';
let emulator: RunningEmulator;
const inventories = new Map<string, Inventory>();

const outcomes = (inventory: Inventory) => evaluateChecks(inventory, DEFAULT_CHECK_CONFIG);
const statuses = (inventory: Inventory) => Object.fromEntries(outcomes(inventory).map((o) => [o.id, o.status]));

beforeAll(async () => {
  emulator = await startEmulator();
  for (const [index, name] of ['asg-health-elb-ebs', 'alarms-on-replication-group'].entries()) {
    const accountId = String(430000000000 + index);
    await createScenario(name, { endpoint: emulator.endpoint, region: REGION, student: 'pub', accountId });
    const credentials = await emulatedAccountCredentials({ endpoint: emulator.endpoint, region: REGION, accountId });
    inventories.set(name, await collectInventory({ student: 'pub', region: REGION, endpoint: emulator.endpoint, credentials }));
  }
});

afterAll(async () => {
  await emulator?.stop();
});

describe('published shapes, end to end', () => {
  // HealthCheckType: "A comma-separated value string of one or more health check types" (Amazon EC2 Auto Scaling API Reference, AutoScalingGroup).
  it('asg-health-elb-ebs: HealthCheckType "ELB,EBS" passes asg.behind-alb, and every check', () => {
    const inventory = inventories.get('asg-health-elb-ebs')!;
    expect(inventory.autoscaling.groups.status === 'collected' && inventory.autoscaling.groups.data[0]!.HealthCheckType).toBe('ELB,EBS');
    expect(statuses(inventory)).toEqual(SCENARIOS['asg-health-elb-ebs']!.expected);
  });

  // ElastiCache metrics are "measured and published for each cache node": https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.html
  it('alarms-on-replication-group: alarms on ReplicationGroupId never count, and are named with the reason', () => {
    const inventory = inventories.get('alarms-on-replication-group')!;
    expect(statuses(inventory)).toEqual(SCENARIOS['alarms-on-replication-group']!.expected);
    const coverage = outcomes(inventory).find((o) => o.id === 'alarms.coverage')!;
    const redis = coverage.resources.filter((r) => r.status === 'fail');
    expect(redis).toHaveLength(1);
    expect(redis[0]!.detail).toContain('never per ReplicationGroupId, so it never receives data');
  });
});
