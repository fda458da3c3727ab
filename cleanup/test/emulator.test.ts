// Cleanup against the emulator: two students in one account, an untagged look-alike
// deployment, an untagged subnet inside kim's VPC and an untagged bucket. Listing deletes
// nothing; `--yes` for kim deletes kim's stack (with its untagged resources), then kim's
// tagged resources that remain (one the stack retained included) in dependency order,
// reports what it could not delete (the VPC still
// holds the untagged subnet), and leaves lee, the look-alike and the untagged ones intact.
// (No Redis here: moto never finishes deleting a replication group; see the report.)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateSubnetCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { cleanup } from '../../commands/cleanup';
import { collectInventory } from '../../checks/collect';
import { createTestDeployment, type TestDeployment } from '../../checks/discovery/test/sdk-deployment';
import type { Inventory } from '../../contract/inventory';

const REGION = 'ap-northeast-2';
const ROOT = path.resolve(import.meta.dirname, '../..');
let emulator: RunningEmulator;
let kim: TestDeployment;
let lee: TestDeployment;
let ghost: TestDeployment;
let strayId: string;
let leeBefore: Inventory;

const target = () => ({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });
const options = (student: string) => ({ student, endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials(), pollIntervalMs: 200, timeoutMs: 20_000, lang: 'en' as const, dependencyRetry: { intervalMs: 200, forMs: 1_000 } });

/** What the account holds, read directly (not through discovery). */
async function account() {
  const ec2 = new EC2Client(target());
  const s3 = new S3Client({ ...target(), forcePathStyle: true });
  const cfn = new CloudFormationClient(target());
  const logs = new CloudWatchLogsClient(target());
  try {
    return {
      vpcs: ((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).map((v) => v.VpcId!).sort(),
      subnets: ((await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? []).map((s) => s.SubnetId!).sort(),
      buckets: ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!).sort(),
      stacks: ((await cfn.send(new DescribeStacksCommand({}))).Stacks ?? []).map((s) => s.StackName!).sort(),
      logGroups: ((await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((g) => g.logGroupName!).sort(),
    };
  } finally {
    for (const c of [ec2, s3, cfn, logs]) c.destroy();
  }
}

function comparable(inventory: Inventory): unknown {
  return JSON.parse(JSON.stringify({ ...inventory, collectedAt: '' }), (key, value: unknown) => (key === 'LatestRestorableTime' ? '' : value));
}

beforeAll(async () => {
  emulator = await startEmulator();
  [kim, lee, ghost] = await Promise.all([
    createTestDeployment(target(), 'kim', { cidrOctet: 1, stack: true, redis: false }),
    createTestDeployment(target(), 'lee', { cidrOctet: 2, stack: true, redis: false }),
    createTestDeployment(target(), 'ghost', { cidrOctet: 3, untagged: true, redis: false }),
  ]);
  const ec2 = new EC2Client(target());
  strayId = (await ec2.send(new CreateSubnetCommand({ VpcId: kim.vpcId, CidrBlock: '10.1.9.0/24', AvailabilityZone: `${REGION}a` }))).Subnet!.SubnetId!;
  ec2.destroy();
  const s3 = new S3Client({ ...target(), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'stray-untagged-bucket', CreateBucketConfiguration: { LocationConstraint: REGION } }));
  s3.destroy();
  leeBefore = await collectInventory(options('lee'));
});

afterAll(async () => {
  await emulator?.stop();
});

describe('cleanup on the emulator', () => {
  it('lists by default and deletes nothing', async () => {
    const before = await account();
    const result = await cleanup(options('kim'));
    expect(result.exitCode).toBe(0);
    expect(result.outcome).toBeUndefined();
    expect(result.text).toContain('Listed only, nothing was deleted: run again with --yes');
    expect(result.text).toMatch(/delete +AWS::EC2::VPC +vpc-/);
    expect(result.text).toMatch(new RegExp(`keep +AWS::EC2::Subnet +${strayId} +expires-at: none +\\(it does not carry cloudmart:student=kim\\)`));
    expect(await account()).toEqual(before);
  });

  it('with --yes deletes kim’s stack and tagged resources, reports the VPC it could not delete, and touches nothing else', async () => {
    const before = await account();
    const result = await cleanup({ ...options('kim'), yes: true });
    expect(result.exitCode).toBe(1);
    const outcome = result.outcome!;
    expect(outcome.stacks).toEqual([{ name: 'CloudMart-kim-Extra', status: 'deleted', reason: { ko: 'DeleteStack 완료', en: 'DeleteStack completed' } }]);
    const failed = outcome.resources.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.resource.id)).toEqual([kim.vpcId]);
    expect(failed[0]!.reason.en).toMatch(/^DependencyViolation: /);
    expect(result.text).toContain(`Could not delete 1:\n  AWS::EC2::VPC ${kim.vpcId}: DependencyViolation`);
    const deleted = outcome.resources.filter((r) => r.status === 'deleted').map((r) => r.resource.id);
    for (const id of [kim.autoScalingGroupName, kim.loadBalancerArn, kim.targetGroupArn, kim.launchTemplateId, kim.dbInstanceIdentifier, kim.natGatewayId, kim.allocationId, kim.bucket, kim.distributionId]) {
      expect(deleted).toContain(id);
    }

    const after = await account();
    // kim's subnets and stack are gone, with the stack's untagged log group; the untagged subnet, bucket and VPC stay.
    expect(after.subnets).toEqual(before.subnets.filter((s) => !Object.values(kim.subnetIds).includes(s)));
    expect(after.subnets).toContain(strayId);
    expect(after.stacks).toEqual(before.stacks.filter((s) => s !== 'CloudMart-kim-Extra'));
    expect(after.logGroups).not.toContain('/cloudmart/kim/audit');
    // Retained by the stack (DeletionPolicy: Retain), tagged: found again after the stack went, then deleted.
    expect(before.logGroups).toContain('/cloudmart/kim/kept');
    expect(after.logGroups).not.toContain('/cloudmart/kim/kept');
    expect(outcome.resources.find((r) => r.resource.id === '/cloudmart/kim/kept')).toMatchObject({ status: 'deleted' });
    expect(outcome.resources.find((r) => r.resource.id === '/cloudmart/kim/audit')).toMatchObject({ status: 'with-stack' });
    expect(after.logGroups).not.toContain(kim.logGroupName);
    expect(after.vpcs).toContain(kim.vpcId);
    expect(after.buckets).toEqual(before.buckets.filter((b) => b !== kim.bucket));
    expect(after.buckets).toContain('stray-untagged-bucket');
    // lee and the untagged look-alike are intact, resource by resource.
    expect(comparable(await collectInventory(options('lee')))).toEqual(comparable(leeBefore));
    expect(after.vpcs).toEqual(expect.arrayContaining([lee.vpcId, ghost.vpcId]));
    expect(after.subnets).toEqual(expect.arrayContaining([...Object.values(lee.subnetIds), ...Object.values(ghost.subnetIds)]));
    expect(after.logGroups).toEqual(expect.arrayContaining([lee.logGroupName, '/cloudmart/lee/audit', '/cloudmart/lee/kept', ghost.logGroupName]));
  });

  it('with --older-than-expiry leaves what has not expired', async () => {
    const result = await cleanup({ ...options('lee'), yes: true, olderThanExpiry: true });
    expect(result.exitCode).toBe(0);
    expect(result.outcome!.resources.filter((r) => r.status === 'deleted')).toEqual([]);
    expect(result.outcome!.stacks).toEqual([{ name: 'CloudMart-lee-Extra', status: 'kept', reason: { ko: '아직 만료되지 않았습니다', en: 'it has not expired yet' } }]);
    expect(comparable(await collectInventory(options('lee')))).toEqual(comparable(leeBefore));
  });

  it('is idempotent for someone with nothing deployed', async () => {
    const result = await cleanup({ ...options('nobody'), yes: true });
    expect(result.exitCode).toBe(0);
    expect(result.text).toMatch(/^Nothing to clean up\. No CloudMart deployment found for student "nobody"/);
  });

  it('runs as `cloudmart cleanup` from the command line (lists, exit 0)', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/cloudmart.js'), 'cleanup', '--student', 'lee', '--endpoint', emulator.endpoint, '--lang', 'en'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIAEMULATORTESTING1', AWS_SECRET_ACCESS_KEY: 'emulator-secret-access-key', AWS_PROFILE: '' },
      timeout: 60_000,
    });
    expect(run.stderr).not.toContain('internal error');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Deployment of lee in ${REGION} (account 123456789012)`);
    expect(run.stdout).toContain(lee.vpcId);
    expect(run.stdout).toContain('Listed only, nothing was deleted');
  });

  it('exits 2 with one sentence for a bad region, from the command line', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/cloudmart.js'), 'cleanup', '--student', 'lee', '--region', 'seoul', '--endpoint', emulator.endpoint], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' },
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    // Korean: the language of error sentences by default (cleanup has no --lang).
    expect(run.stderr.trim()).toBe('cloudmart: "seoul"은(는) AWS 리전 이름이 아닙니다(예: ap-northeast-2). 배포한 리전을 --region 으로 주세요.');
  });
});
