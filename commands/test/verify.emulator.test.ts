// The programmatic `verify` against an emulator already running (--endpoint), in this
// process: the snapshot round trip (a saved inventory graded offline gives the live run's
// statuses and evidence), --min-score at its boundary, read-only (only read operations go
// out and the account is the same afterwards), AccessDenied on one service (only the checks
// that need that service's data say `error`), and 30% throttling (the same report statuses).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand, DescribePoliciesCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand, ListDashboardsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetBucketPolicyCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { Report } from '../../contract/report';
import { CHECKS } from '../../checks/rules/index';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { denyService, startFaultProxy, throttle, type FaultRule, type ProxiedRequest } from '../../test/support/faults/fault-proxy';
import { createScenario, MEMBER_ACCOUNT_ROLE, SCENARIOS } from '../../sandbox/scenarios/index';
import { isAwsEndpoint, passed, verify, type VerifyOptions, type VerifyResult } from '../verify';
import { EMULATOR_ENV, REGION, ROOT, statusMap, tempDirs } from './support';

const LEE_ACCOUNT = '100000000002';
let emulator: RunningEmulator;
let clean: VerifyResult;
const tempDir = tempDirs('cloudmart-verify-emulator-');

/** verify of a deployment in the emulator (or whatever `endpoint` is), as `verify --endpoint` runs it. */
function verifyAt(endpoint: string, more: Partial<VerifyOptions> = {}): Promise<VerifyResult> {
  return verify({ target: 'aws', endpoint, region: REGION, student: 'kim', out: tempDir(), formats: ['json', 'md'], lang: 'en', progress: false, ...more });
}

async function throughProxy<T>(rule: FaultRule, run: (endpoint: string) => Promise<T>): Promise<{ result: T; faults: number }> {
  const proxy = await startFaultProxy({ upstream: emulator.endpoint, rule });
  try {
    const result = await run(proxy.endpoint);
    return { result, faults: proxy.stats.faults.throttle + proxy.stats.faults['access-denied'] + proxy.stats.faults['expired-token'] };
  } finally {
    await proxy.stop();
  }
}

let leeRun: Promise<{ live: VerifyResult; snapshot: string }> | undefined;

/** lee's defect deployment in its own account, verified once with --role-arn and --snapshot-out (the snapshot written). */
function leeLive(): Promise<{ live: VerifyResult; snapshot: string }> {
  leeRun ??= (async () => {
    const snapshot = path.join(tempDir(), 'lee.inventory.json');
    const live = await verifyAt(emulator.endpoint, { student: 'lee', roleArn: `arn:aws:iam::${LEE_ACCOUNT}:role/${MEMBER_ACCOUNT_ROLE}`, snapshotOut: snapshot });
    const file = live.files.find((f) => f.path === snapshot);
    if (!file) throw new Error('verify returned no snapshot file for --snapshot-out');
    writeFileSync(snapshot, file.content);
    return { live, snapshot };
  })();
  return leeRun;
}

/** What the default account holds, read directly through the services' own APIs (not through discovery). */
async function accountState(): Promise<unknown> {
  const config = { endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() };
  const ec2 = new EC2Client(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const autoscaling = new AutoScalingClient(config);
  const rds = new RDSClient(config);
  const elasticache = new ElastiCacheClient(config);
  const cloudwatch = new CloudWatchClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  try {
    const buckets = (await s3.send(new ListBucketsCommand({}))).Buckets ?? [];
    const state = {
      vpcs: (await ec2.send(new DescribeVpcsCommand({}))).Vpcs,
      subnets: (await ec2.send(new DescribeSubnetsCommand({}))).Subnets,
      securityGroups: (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups,
      instances: (await ec2.send(new DescribeInstancesCommand({}))).Reservations,
      loadBalancers: (await elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers,
      targetGroups: (await elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups,
      groups: (await autoscaling.send(new DescribeAutoScalingGroupsCommand({}))).AutoScalingGroups,
      policies: (await autoscaling.send(new DescribePoliciesCommand({}))).ScalingPolicies,
      dbInstances: (await rds.send(new DescribeDBInstancesCommand({}))).DBInstances,
      replicationGroups: (await elasticache.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups,
      alarms: (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms,
      dashboards: (await cloudwatch.send(new ListDashboardsCommand({}))).DashboardEntries,
      buckets: await Promise.all(
        buckets.map(async (b) => ({ name: b.Name, policy: (await s3.send(new GetBucketPolicyCommand({ Bucket: b.Name }))).Policy })),
      ),
    };
    // Times that move by themselves (RDS's restore point) are not changes anyone made.
    return JSON.parse(JSON.stringify(state), (key, value: unknown) => (key === 'LatestRestorableTime' || key === '$metadata' ? undefined : value));
  } finally {
    for (const client of [ec2, elbv2, autoscaling, rds, elasticache, cloudwatch, s3]) client.destroy();
  }
}

beforeAll(async () => {
  // verify --endpoint takes its credentials from the standard chain, as for a user.
  Object.assign(process.env, EMULATOR_ENV);
  emulator = await startEmulator();
  await Promise.all([
    createScenario('reference', { endpoint: emulator.endpoint, region: REGION, student: 'kim' }),
    createScenario('rds-single-az', { endpoint: emulator.endpoint, region: REGION, student: 'lee', accountId: LEE_ACCOUNT }),
  ]);
  clean = await verifyAt(emulator.endpoint);
});

afterAll(async () => {
  await emulator?.stop();
});

describe('verify --endpoint (programmatic)', { timeout: 120_000 }, () => {
  it('grades the reference deployment: every check passes, exit code 0, the report valid per the contract', () => {
    expect(Report.parse(clean.report)).toEqual(clean.report);
    expect(clean.exitCode).toBe(0);
    expect(clean.report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    // An endpoint that is not AWS: stamped with it, never shown as target aws (issue 13 item 2).
    // AWS endpoints are <service>.<region>.amazonaws.com or .api.aws: https://docs.aws.amazon.com/general/latest/gr/rande.html
    expect(clean.report.target).toEqual({
      kind: 'aws',
      region: REGION,
      accountId: '123456789012',
      student: 'kim',
      endpoint: emulator.endpoint,
      stamps: [{ kind: 'endpoint', endpoint: emulator.endpoint }],
    });
    const md = clean.files.find((f) => f.path.endsWith('report.md'))!.content;
    expect(md).toContain(`> **NOT AWS · endpoint ${emulator.endpoint}**: This report was produced against ${emulator.endpoint}, an endpoint that is not AWS`);
    expect(md).toContain('Target not AWS (another endpoint)');
    expect(clean.summary).toContain(`[NOT AWS · endpoint ${emulator.endpoint}]`);
    // verify writes nothing itself: it returns the files.
    expect(clean.files.map((f) => path.basename(f.path)).sort()).toEqual(['report.json', 'report.md']);
    expect(JSON.parse(clean.files.find((f) => f.path.endsWith('report.json'))!.content)).toEqual(clean.report);
  });

  it('--snapshot-out then --from-snapshot (offline, no endpoint) gives the live run’s statuses and evidence', async () => {
    const { live, snapshot } = await leeLive();
    expect(statusMap(live.report)).toEqual(SCENARIOS['rds-single-az']!.expected);
    expect(live.report.target.accountId).toBe(LEE_ACCOUNT);

    // No endpoint and no credentials at all: the only way to a report is the file.
    const saved = { ...process.env };
    for (const key of Object.keys(EMULATOR_ENV)) delete process.env[key];
    let offline: VerifyResult;
    try {
      offline = await verify({ target: 'aws', fromSnapshot: snapshot, out: tempDir(), formats: ['json'], lang: 'en', progress: false });
    } finally {
      Object.assign(process.env, saved);
    }
    expect(offline.report.checks).toEqual(live.report.checks);
    expect(offline.report.score).toEqual(live.report.score);
    expect(offline.report.discovery).toEqual(live.report.discovery);
    expect(offline.report.target).toMatchObject({ student: 'lee', accountId: LEE_ACCOUNT, region: REGION });
    expect(offline.exitCode).toBe(1);
    // Stamped "from a snapshot file, not verified live" with the file's SHA-256, and the endpoint it was collected at.
    const sha256 = createHash('sha256').update(readFileSync(snapshot)).digest('hex');
    expect(offline.report.target.stamps).toEqual([
      { kind: 'snapshot', file: path.basename(snapshot), sha256, collectedAt: JSON.parse(readFileSync(snapshot, 'utf8')).collectedAt },
      { kind: 'endpoint', endpoint: emulator.endpoint },
    ]);
    expect(offline.summary).toContain('[SNAPSHOT · not verified live]');
    expect(offline.summary).toContain(`SHA-256 ${sha256}`);
    expect(JSON.parse(readFileSync(snapshot, 'utf8')).target.student).toBe('lee');
  });

  it('--min-score: exit 0 at exactly the score, 1 just above it, whatever the failed checks', async () => {
    const { live, snapshot } = await leeLive();
    const percent = live.report.score.percent;
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(100);
    const at = await verify({ target: 'aws', fromSnapshot: snapshot, out: tempDir(), formats: ['json'], lang: 'en', progress: false, minScore: percent });
    const above = await verify({ target: 'aws', fromSnapshot: snapshot, out: tempDir(), formats: ['json'], lang: 'en', progress: false, minScore: Math.min(100, percent + 0.1) });
    expect(at.exitCode).toBe(0);
    expect(above.exitCode).toBe(1);
    // Without --min-score, any failed check is exit 1; the reference passes at any bar.
    expect(passed(live.report)).toBe(false);
    expect(passed(clean.report, 100)).toBe(true);
    // Out of range: a usage error before anything is read.
    for (const minScore of [150, -1, Number.NaN]) {
      await expect(verify({ target: 'aws', fromSnapshot: snapshot, out: tempDir(), formats: ['json'], lang: 'en', progress: false, minScore })).rejects.toThrow(
        new UsageError({ ko: `--min-score 는 0부터 100까지의 수여야 합니다(받은 값: ${minScore}).`, en: `--min-score must be a number from 0 to 100, not ${minScore}.` }),
      );
    }
  });

  it('--template: the cdk-nag findings of the student’s template join the report; a bad template stops before anything is read', async () => {
    const { live, snapshot } = await leeLive();
    const template = path.join(ROOT, 'fixtures/templates/insecure.json');
    const withNag = await verify({ target: 'aws', fromSnapshot: snapshot, template, out: tempDir(), formats: ['json'], lang: 'en', progress: false });
    expect(withNag.report.nag?.template).toBe(template);
    expect(withNag.report.nag!.findings.some((f) => f.level === 'error' && !f.suppressed)).toBe(true);
    expect(withNag.report.checks).toEqual(live.report.checks);
    // The template is checked before the snapshot is even opened.
    await expect(
      verify({ target: 'aws', fromSnapshot: path.join(tempDir(), 'missing.json'), template: path.join(tempDir(), 'nope.yaml'), out: tempDir(), formats: ['json'], lang: 'en', progress: false }),
    ).rejects.toThrow(/^Cannot read the template .*nope\.yaml: no such file\.$/);
  });

  it('is read-only: only read operations go out, and the account is the same afterwards', async () => {
    const before = await accountState();
    const requests: ProxiedRequest[] = [];
    const { result } = await throughProxy(
      (request) => {
        requests.push(request);
        return undefined;
      },
      (endpoint) => verifyAt(endpoint),
    );
    expect(statusMap(result.report)).toEqual(statusMap(clean.report));
    expect(requests.length).toBeGreaterThan(20);
    // Query and JSON protocols name the operation; REST ones (S3, CloudFront, Backup) read with GET/HEAD.
    const writes = requests.filter((r) =>
      r.operation !== undefined ? !/^(Describe|List|Get)[A-Z]/.test(r.operation) : !['GET', 'HEAD'].includes(r.method),
    );
    expect(writes.map((r) => `${r.service}:${r.operation ?? `${r.method} ${r.path}`}`)).toEqual([]);
    expect(new Set(requests.map((r) => r.service))).toEqual(
      new Set(['sts', 'cloudformation', 'tagging', 'ec2', 'elasticloadbalancing', 'autoscaling', 'rds', 'elasticache', 'cloudfront', 's3', 'monitoring', 'logs', 'backup', 'iam']),
    );
    expect(await accountState()).toEqual(before);
  });

  it('AccessDenied on RDS makes exactly the checks that need RDS data `error`, the rest as in a clean run, exit 1', async () => {
    const { result, faults } = await throughProxy(denyService('rds'), (endpoint) => verifyAt(endpoint));
    expect(faults).toBeGreaterThan(0);
    expect(result.exitCode).toBe(1);
    const needsRds = new Set(CHECKS.filter((c) => c.datasets.some((d) => d.startsWith('rds.'))).map((c) => c.id));
    // What that set is, in words: the RDS checks and the checks that look at the database among other things.
    expect([...needsRds].sort()).toEqual(
      expect.arrayContaining(['rds.multi-az', 'rds.encrypted', 'rds.not-public', 'rds.postgres-present', 'backup.plan-covers-rds', 'sg.db-from-app-only']),
    );
    const expected = Object.fromEntries(clean.report.checks.map((c) => [c.id, needsRds.has(c.id) ? 'error' : c.status]));
    expect(statusMap(result.report)).toEqual(expected);
    for (const check of result.report.checks.filter((c) => c.status === 'error')) {
      expect(check.summary?.en, check.id).toContain('rds:DescribeDBInstances');
      expect(check.points).toBe(0);
    }
    // error is shown apart from fail in the score.
    const ha = result.report.score.categories.find((c) => c.id === 'high-availability')!;
    expect(ha.counts).toMatchObject({ fail: 0, error: [...needsRds].filter((id) => CHECKS.find((c) => c.id === id)!.category === 'high-availability').length });
  });

  it('30% of the calls throttled: the same check statuses and evidence as a clean run', async () => {
    const { result, faults } = await throughProxy(throttle(0.3, 7), (endpoint) => verifyAt(endpoint));
    expect(faults).toBeGreaterThan(10);
    expect(result.exitCode).toBe(0);
    expect(statusMap(result.report)).toEqual(statusMap(clean.report));
    expect(result.report.checks.map((c) => c.resources)).toEqual(clean.report.checks.map((c) => c.resources));
  });
});

describe('which endpoints are AWS', () => {
  // Regional <service>.<region>.amazonaws.com (.com.cn in China), dual-stack .api.aws: https://docs.aws.amazon.com/general/latest/gr/rande.html
  it('stamps every endpoint but AWS service endpoints', () => {
    for (const aws of ['https://rds.ap-northeast-2.amazonaws.com', 'https://ec2.ap-northeast-2.api.aws', 'https://ec2.cn-north-1.amazonaws.com.cn']) expect(isAwsEndpoint(aws), aws).toBe(true);
    for (const other of ['http://127.0.0.1:5000', 'http://localhost:4566', 'https://amazonaws.com.evil.example', 'not a url']) expect(isAwsEndpoint(other), other).toBe(false);
  });
});
