// The collectors on the scenarios of sandbox/scenarios (the reference deployment as the
// reference stacks deploy it, with a defective neighbour in the same account; and the
// console-built one, tags only): every dataset collected, only the student's resources,
// each list operation once, no request twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createScenario, neighbourOf } from '../../sandbox/scenarios/index';
import { stackNames } from '../../stacks/config';
import { AwsSession } from '../aws/session';
import { collectWithSession } from '../collect';
import type { Inventory } from '../inventory/types';

const REGION = 'ap-northeast-2';
let emulator: RunningEmulator;

async function collect(student: string): Promise<{ inventory: Inventory; session: AwsSession }> {
  const session = new AwsSession({ region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });
  try {
    return { inventory: await collectWithSession(session, { student }), session };
  } finally {
    session.destroy();
  }
}

function notCollected(inventory: Inventory): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (!value || typeof value !== 'object') return;
    const v = value as { status?: string; operation?: string; reason?: string };
    if (v.status === 'not-collected') out.push(`${path}: ${v.operation}: ${v.reason}`);
    else for (const [k, child] of Object.entries(value)) walk(child, path ? `${path}.${k}` : k);
  };
  walk({ ...inventory, discovery: undefined }, '');
  return out;
}

const count = (dataset: { status: string; data?: unknown }) => (dataset.status === 'collected' ? (Array.isArray(dataset.data) ? dataset.data.length : Object.keys(dataset.data as object).length) : -1);

beforeAll(async () => {
  emulator = await startEmulator();
  await Promise.all([
    createScenario('neighbour', { endpoint: emulator.endpoint, region: REGION, student: 'kim' }),
    createScenario('console', { endpoint: emulator.endpoint, region: REGION, student: 'park' }),
  ]);
});

afterAll(async () => {
  await emulator?.stop();
});

describe('collectors on the scenarios', () => {
  it('collects every dataset of the reference deployment, and only the student’s', async () => {
    const { inventory, session } = await collect('kim');
    expect(notCollected(inventory)).toEqual([]);
    for (const dataset of [
      inventory.ec2.vpcs,
      inventory.ec2.subnets,
      inventory.ec2.natGateways,
      inventory.ec2.instances,
      inventory.ec2.launchTemplateVersions,
      inventory.elbv2.loadBalancers,
      inventory.elbv2.listeners,
      inventory.autoscaling.groups,
      inventory.rds.instances,
      inventory.elasticache.replicationGroups,
      inventory.elasticache.cacheClusters,
      inventory.cloudfront.distributions,
      inventory.s3.buckets,
      inventory.cloudwatch.metricAlarms,
      inventory.cloudwatch.dashboards,
      inventory.logs.logGroups,
      inventory.backup.plans,
      inventory.iam.instanceRoles,
    ]) {
      expect(count(dataset)).toBeGreaterThan(0);
    }
    expect(count(inventory.ec2.vpcs)).toBe(1);
    expect(count(inventory.elasticache.cacheClusters)).toBe(2);
    const neighbour = neighbourOf('kim');
    expect(inventory.discovery.resources.filter((r) => r.tags?.['cloudmart:student'] === neighbour || r.id.includes(`-${neighbour}-`))).toEqual([]);
    // The reference is the six reference stacks, plus the nested stack the Data stack's secret
    // rotation creates (AWS::Serverless::Application), named after its parent as on AWS.
    const stacks = inventory.discovery.stacks.map((s) => s.name);
    expect(stacks.filter((name) => !name.startsWith('CloudMart-kim-Data-'))).toEqual(Object.values(stackNames('kim')).sort());
    expect(stacks.filter((name) => name.startsWith('CloudMart-kim-Data-'))).toEqual([expect.stringMatching(/^CloudMart-kim-Data-DatabaseRotation/)]);
    expect(session.recorder.duplicates()).toEqual([]);
  });

  it('finds the console-built deployment (no stack) by its tags, with the same datasets', async () => {
    const { inventory } = await collect('park');
    expect(inventory.discovery.stacks).toEqual([]);
    expect(notCollected(inventory)).toEqual([]);
    expect(count(inventory.ec2.vpcs)).toBe(1);
    expect(count(inventory.autoscaling.groups)).toBe(1);
    expect(count(inventory.rds.instances)).toBe(1);
    expect(count(inventory.backup.plans)).toBe(1);
    expect(count(inventory.cloudwatch.dashboards)).toBe(1);
    expect(inventory.discovery.resources.every((r) => r.via.includes('tag') || r.via.includes('graph'))).toBe(true);
  });
});
