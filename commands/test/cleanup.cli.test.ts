// `cloudmart cleanup` from the command line on emulated deployments: two students (lee and
// kim, the `partial` scenario, no Redis: moto never finishes deleting a replication group) in
// one account. Without --yes it lists and deletes nothing; with --yes it deletes lee's stack
// and tagged resources (TLS-only and log buckets included) and exits 0, leaving kim's
// deployment exactly as it was; nothing deployed is exit 0; an unreachable endpoint exit 3.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDependency } from '../../cleanup/deleter';
import { collectInventory } from '../../checks/collect';
import type { Inventory } from '../../contract/inventory';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { closedPortEndpoint } from '../../test/support/faults/closed-port';
import { createScenario } from '../../sandbox/scenarios/index';
import { expectOneSentence, REGION, runCli } from './support';

let emulator: RunningEmulator;
let kimBefore: unknown;

const collect = (student: string) => collectInventory({ student, region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });

/** kim's deployment, without what differs between two honest collections (time, RDS's moving restore point, and the call counts: one dashboard fewer in the account is one GetDashboard fewer). */
function comparable(inventory: Inventory): unknown {
  return JSON.parse(JSON.stringify({ ...inventory, collectedAt: '', calls: {} }), (key, value: unknown) => (key === 'LatestRestorableTime' ? '' : value));
}

/** What the account holds, read through the services' own APIs (not through discovery). */
async function account() {
  const config = { endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() };
  const cfn = new CloudFormationClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const rds = new RDSClient(config);
  const cloudwatch = new CloudWatchClient(config);
  try {
    return {
      stacks: ((await cfn.send(new DescribeStacksCommand({}))).Stacks ?? []).map((s) => s.StackName!).sort(),
      buckets: ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!).sort(),
      databases: ((await rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? []).map((d) => d.DBInstanceIdentifier!).sort(),
      alarms: ((await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? []).map((a) => a.AlarmName!).sort(),
    };
  } finally {
    for (const client of [cfn, s3, rds, cloudwatch]) client.destroy();
  }
}

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  emulator = await startEmulator();
  await Promise.all(['lee', 'kim'].map((student) => createScenario('partial', { endpoint: emulator.endpoint, region: REGION, student })));
  kimBefore = comparable(await collect('kim'));
});

afterAll(async () => {
  await emulator?.stop();
});

describe('cleanup from the command line', { timeout: 150_000 }, () => {
  it('lists lee’s resources with their expiry and deletes nothing without --yes (exit 0)', async () => {
    const before = await account();
    expect(before.stacks).toEqual(['CloudMart-kim-Network', 'CloudMart-lee-Network']);
    const run = await runCli(['cleanup', '--student', 'lee', '--endpoint', emulator.endpoint, '--lang', 'en']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Deployment of lee in ap-northeast-2 \(account 123456789012\): 1 stack\(s\), \d+ resource\(s\)\.$/m);
    expect(run.stdout).toMatch(/^ {2}delete +CloudMart-lee-Network +CREATE_COMPLETE +expires-at: \S+Z \(in \d+ min\)/m);
    expect(run.stdout).toMatch(/^ {2}delete +AWS::RDS::DBInstance +cloudmart-lee-db +expires-at: /m);
    expect(run.stdout).toContain('Listed only, nothing was deleted: run again with --yes');
    expect(run.stdout).not.toContain('kim');
    expect(await account()).toEqual(before);
  });

  it('with --yes deletes lee’s stack and tagged resources (exit 0) and leaves kim’s deployment exactly as it was', async () => {
    const before = await account();
    const run = await runCli(['cleanup', '--student', 'lee', '--endpoint', emulator.endpoint, '--yes', '--lang', 'en', '--dependency-wait-minutes', '0.5'], { timeoutMs: 120_000 });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^Deleted 1 stack\(s\) and \d+ resource\(s\)/m);
    expect(run.stdout).not.toContain('Could not delete');

    const after = await account();
    const lees = (names: string[]) => names.filter((n) => /(^|-)lee(-|$)/i.test(n));
    expect(lees(before.buckets)).toHaveLength(3);
    expect(lees(before.alarms).length).toBeGreaterThan(5);
    expect(after).toEqual({
      stacks: ['CloudMart-kim-Network'],
      buckets: before.buckets.filter((b) => !lees(before.buckets).includes(b)),
      databases: ['cloudmart-kim-db'],
      // lee's alarms, and the target-tracking alarms Auto Scaling deleted with lee's policies.
      alarms: before.alarms.filter((a) => !lees(before.alarms).includes(a) && !a.startsWith('TargetTracking-CloudMart-lee-')),
    });
    expect(comparable(await collect('kim'))).toEqual(kimBefore);
  });

  it('exits 0 with "Nothing to clean up" for a student with nothing deployed', async () => {
    const run = await runCli(['cleanup', '--student', 'nobody', '--endpoint', emulator.endpoint, '--yes', '--lang', 'en']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Nothing to clean up\. No CloudMart deployment found for student "nobody"/);
  });

  it('exits 3 with one sentence when nothing listens at the endpoint', async () => {
    const endpoint = await closedPortEndpoint();
    const run = await runCli(['cleanup', '--student', 'lee', '--endpoint', endpoint, '--yes']);
    // Korean: cleanup's --lang defaults to ko, error sentences included.
    expect(expectOneSentence(run, 3, { progress: true })).toBe(`엔드포인트 ${endpoint} 에 연결할 수 없습니다(ECONNREFUSED). 그 주소에서 에뮬레이터나 서비스가 실행 중인지 확인하세요.`);
  });

  it('retries a bucket that refilled while it was emptied (a log bucket of another bucket being deleted)', () => {
    expect(isDependency(Object.assign(new Error('The bucket you tried to delete is not empty'), { name: 'BucketNotEmpty' }))).toBe(true);
    expect(isDependency(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }))).toBe(false);
  });
});
