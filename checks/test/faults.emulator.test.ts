// Faults between the SDK and the emulator (test/support/faults/fault-proxy.ts answers with
// real-shaped AWS errors): 30% throttling changes nothing, AccessDenied on one service
// leaves only that service's datasets not collected, expired credentials and a closed
// port end the run with UnreachableError (exit 3). An Organization that limits regions
// (tag:GetResources refused in us-east-1) still gets its CloudFront distribution found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnreachableError, UsageError } from '../../contract/errors';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { closedPortEndpoint } from '../../test/support/faults/closed-port';
import { denyService, denyServiceInRegion, expireCredentials, startFaultProxy, throttle, type FaultRule } from '../../test/support/faults/fault-proxy';
import { AwsSession } from '../aws/session';
import { collectInventory, collectWithSession } from '../collect';
import { createTestDeployment } from '../discovery/test/sdk-deployment';
import type { Inventory } from '../inventory/types';

const REGION = 'ap-northeast-2';
let emulator: RunningEmulator;
let clean: Inventory;

const collect = (endpoint: string) => collectInventory({ student: 'kim', endpoint, region: REGION, credentials: emulatorCredentials() });

async function throughProxy<T>(rule: FaultRule, run: (endpoint: string) => Promise<T>) {
  const proxy = await startFaultProxy({ upstream: emulator.endpoint, rule });
  try {
    return { result: await run(proxy.endpoint).catch((error: unknown) => error), stats: proxy.stats };
  } finally {
    await proxy.stop();
  }
}

/** The inventory without what differs between two honest runs (time, endpoint, RDS's moving restore point). */
function comparable(inventory: Inventory): unknown {
  return JSON.parse(JSON.stringify({ ...inventory, collectedAt: '', target: { ...inventory.target, endpoint: '' } }), (key, value: unknown) =>
    key === 'LatestRestorableTime' ? '' : value,
  );
}

/** Paths of the datasets that are not collected. */
function notCollected(inventory: Inventory): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (!value || typeof value !== 'object') return;
    if ((value as { status?: string }).status === 'not-collected') out.push(path);
    else for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk({ ...inventory, discovery: undefined }, '');
  return out.sort();
}

beforeAll(async () => {
  emulator = await startEmulator();
  await createTestDeployment({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() }, 'kim', { stack: true });
  clean = await collect(emulator.endpoint);
});

afterAll(async () => {
  await emulator?.stop();
});

describe('faults', () => {
  it('gives the same inventory when 30% of the calls are throttled (adaptive retries)', async () => {
    const { result, stats } = await throughProxy(throttle(0.3, 42), collect);
    expect(result).not.toBeInstanceOf(Error);
    expect(stats.faults.throttle).toBeGreaterThan(10);
    expect(comparable(result as Inventory)).toEqual(comparable(clean));
    // Retries are not calls: the count is the clean run's.
    expect((result as Inventory).calls).toEqual(clean.calls);
  });

  it('leaves only the RDS datasets not collected when every rds: call is denied', async () => {
    const { result, stats } = await throughProxy(denyService('rds'), collect);
    expect(stats.faults['access-denied']).toBeGreaterThan(0);
    const denied = result as Inventory;
    const extra = notCollected(denied).filter((p) => !notCollected(clean).includes(p));
    // The DB clusters are read only for the instances that name one: unknown instances, unknown clusters.
    expect(extra).toEqual(['rds.clusters', 'rds.instances']);
    expect(denied.rds.instances).toEqual({
      status: 'not-collected',
      operation: 'rds:DescribeDBInstances',
      reason: 'AccessDenied: the credentials are not allowed to call rds:DescribeDBInstances (the read-only policy checks/iam/verify-policy.json grants it).',
    });
    expect(denied.elbv2).toEqual(clean.elbv2);
  });

  it('leaves only the CloudWatch datasets not collected when CloudWatch (JSON protocol) denies', async () => {
    const { result } = await throughProxy(denyService('monitoring'), collect);
    const extra = notCollected(result as Inventory).filter((p) => !notCollected(clean).includes(p));
    expect(extra).toEqual(['cloudwatch.compositeAlarms', 'cloudwatch.dashboards', 'cloudwatch.metricAlarms']);
  });

  it('stops with a usage error when discovery cannot search by tag (a half-found deployment would fail wrongly)', async () => {
    const { result } = await throughProxy(denyService('tagging'), collect);
    expect(result).toBeInstanceOf(UsageError);
    expect((result as Error).message).toContain('tag:GetResources');
  });

  describe('in an account whose Organization limits regions (tag:GetResources refused in us-east-1)', () => {
    // AWS: the region-deny SCP exempts only the global services it lists (CloudFront, IAM, ...); "any other requests to services in the us-east-1 Region are denied"
    // (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html).
    const regionLocked = denyServiceInRegion('tagging', 'us-east-1');
    const withoutSearchLines = (inventory: Inventory) => comparable({ ...inventory, calls: {}, discovery: { ...inventory.discovery, searched: [], searchedKo: [] } });

    it('finds the distribution through ListDistributions and its tags, and says which lookup was refused', async () => {
      const { result, stats } = await throughProxy(regionLocked, collect);
      expect(result).not.toBeInstanceOf(Error);
      expect(stats.faulted).toContain('tagging:GetResources');
      const inventory = result as Inventory;
      // The same deployment as with the tag search: the distribution found by its tag, with its tags.
      expect(withoutSearchLines(inventory)).toEqual(withoutSearchLines(clean));
      const distribution = inventory.discovery.resources.find((r) => r.type === 'AWS::CloudFront::Distribution');
      expect(distribution).toMatchObject({ via: ['tag'], tags: { 'cloudmart:student': 'kim' } });
      expect(inventory.calls['cloudfront:ListTagsForResource']).toBeGreaterThan(0);
      const line = inventory.discovery.searched.find((l) => l.startsWith('CloudFront distributions'));
      expect(line).toMatch(/the tag search in us-east-1 \(tag:GetResources\) was refused \(AccessDeniedException\), as a policy that limits regions refuses it there; /);
      expect(line).toMatch(/searched instead through cloudfront:ListDistributions and each distribution's tags \(cloudfront:ListTagsForResource\): 1 found$/);
    });

    it('still finds it through its origin (the student bucket) when its tags cannot be read either, and says so', async () => {
      const noCloudFrontTags: FaultRule = (request) =>
        regionLocked(request) ?? (request.service === 'cloudfront' && request.path.includes('/tagging') ? 'access-denied' : undefined);
      const { result } = await throughProxy(noCloudFrontTags, collect);
      expect(result).not.toBeInstanceOf(Error);
      const inventory = result as Inventory;
      expect(inventory.cloudfront.distributions).toEqual(clean.cloudfront.distributions);
      const distribution = inventory.discovery.resources.find((r) => r.type === 'AWS::CloudFront::Distribution');
      expect(distribution).toMatchObject({ via: ['graph'], tags: null, tagsUnreadable: expect.stringContaining('cloudfront:ListTagsForResource') });
      expect(inventory.discovery.searched.join('\n')).toContain(
        "cloudfront:ListTagsForResource failed too (AccessDenied: the credentials are not allowed to call cloudfront:ListTagsForResource (the read-only policy checks/iam/verify-policy.json grants it)), so only the distributions serving the deployment's bucket or load balancer were found",
      );
    });

    it('stops with a usage error naming both lookups when the distributions cannot be listed either', async () => {
      const nothing: FaultRule = (request) => regionLocked(request) ?? (request.service === 'cloudfront' ? 'access-denied' : undefined);
      const { result } = await throughProxy(nothing, collect);
      expect(result).toBeInstanceOf(UsageError);
      expect((result as Error).message).toMatch(/tag:GetResources.*cloudfront:ListDistributions failed too/);
      expect((result as UsageError).in('ko')).toMatch(/CloudFront 배포를 찾을 수 없습니다.*tag:GetResources.*cloudfront:ListDistributions/);
    });
  });

  it('ends with UnreachableError (exit 3) when the credentials have expired, at the start or mid-run', async () => {
    const atStart = await throughProxy(expireCredentials('sts'), collect);
    expect(atStart.result).toBeInstanceOf(UnreachableError);
    expect((atStart.result as Error).message).toBe('The AWS credentials have expired (ExpiredToken); refresh them (e.g. "aws sso login") and run again.');
    const midRun = await throughProxy(expireCredentials('rds'), collect);
    expect(midRun.result).toBeInstanceOf(UnreachableError);
    expect((midRun.result as Error).message).toContain('rds:DescribeDBInstances');
  });

  it('ends with UnreachableError (exit 3) for an endpoint where nothing listens', async () => {
    const endpoint = await closedPortEndpoint();
    const session = new AwsSession({ region: REGION, endpoint, credentials: emulatorCredentials() });
    const error = await collectWithSession(session, { student: 'kim' }).catch((e: unknown) => e);
    session.destroy();
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as Error).message).toBe(`Cannot reach the endpoint ${endpoint} (ECONNREFUSED); is the emulator or service running there?`);
    // Said before the first request: no SDK retry storm against a closed port.
    expect(session.recorder.calls).toEqual([]);
  });
});
