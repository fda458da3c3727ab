// `cloudmart cleanup --all --older-than-expiry` from the command line on an emulated class in
// one account: old1 and old2 expired an hour ago (the `partial` scenario), new1 expires in
// three hours, and an untagged look-alike (ghost). Without --yes it lists, writes the JSON
// record and deletes nothing (exit 0); with --yes it deletes old1 and old2 only (exit 0) and
// the record says so per student; --all without --older-than-expiry, or with --student, or
// neither --student nor --all, is one sentence and exit 2, in Korean by default.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllExpiredRecord } from '../../cleanup/all-expired';
import { createTestDeployment } from '../../checks/discovery/test/sdk-deployment';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createScenario } from '../../sandbox/scenarios/index';
import { expectOneSentence, REGION, runCli, tempDirs } from './support';

let emulator: RunningEmulator;
const tempDir = tempDirs('cloudmart-cleanup-all-');

async function account() {
  const config = { endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() };
  const cfn = new CloudFormationClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const ec2 = new EC2Client(config);
  try {
    return {
      stacks: ((await cfn.send(new DescribeStacksCommand({}))).Stacks ?? []).map((s) => s.StackName!).sort(),
      buckets: ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!).sort(),
      vpcs: ((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).map((v) => v.VpcId!).sort(),
    };
  } finally {
    for (const client of [cfn, s3, ec2]) client.destroy();
  }
}

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  emulator = await startEmulator();
  const target = { endpoint: emulator.endpoint, region: REGION };
  const past = new Date(Date.now() - 3600_000).toISOString();
  await Promise.all([
    createScenario('partial', { ...target, student: 'old1', expiresAt: past }),
    createScenario('partial', { ...target, student: 'old2', expiresAt: past }),
    createScenario('partial', { ...target, student: 'new1' }),
    createTestDeployment({ ...target, credentials: emulatorCredentials() }, 'ghost', { cidrOctet: 3, untagged: true, redis: false }),
  ]);
}, 240_000);

afterAll(async () => {
  await emulator?.stop();
});

describe('cleanup --all --older-than-expiry from the command line', { timeout: 150_000 }, () => {
  it('lists every deployment with its expiry, writes the record and deletes nothing without --yes (exit 0)', async () => {
    const before = await account();
    const record = path.join(tempDir(), 'cleanup-all.json');
    const run = await runCli(['cleanup', '--all', '--older-than-expiry', '--endpoint', emulator.endpoint, '--lang', 'en', '--record', record]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^3 CloudMart deployment\(s\) in account 123456789012, ap-northeast-2 \(found by the tag cloudmart:student, judged at \S+\): 2 expired\.$/m);
    expect(run.stdout).toMatch(/^ {2}new1 +kept +not expired yet \(\S+Z\)$/m);
    expect(run.stdout).toMatch(/^ {2}old1 +would delete +expired \(\S+\)$/m);
    expect(run.stdout).toContain('Listed only, nothing was deleted: run again with --yes to delete the 2 expired deployment(s).');
    expect(run.stdout).toContain(`wrote ${record}`);
    expect(run.stdout).not.toContain('ghost');
    const written = JSON.parse(readFileSync(record, 'utf8')) as AllExpiredRecord;
    expect(written).toMatchObject({ kind: 'cloudmart-cleanup-all', mode: 'list', accountId: '123456789012', region: REGION });
    expect(written.deployments.map((d) => [d.student, d.status])).toEqual([
      ['new1', 'kept'],
      ['old1', 'would-delete'],
      ['old2', 'would-delete'],
    ]);
    expect(await account()).toEqual(before);
  });

  it('with --yes deletes the expired deployments only (exit 0), and the record says so per student', async () => {
    const before = await account();
    const record = path.join(tempDir(), 'cleanup-all.json');
    const run = await runCli(['cleanup', '--all', '--older-than-expiry', '--yes', '--endpoint', emulator.endpoint, '--lang', 'en', '--record', record, '--dependency-wait-minutes', '0.5', '--concurrency', '2'], { timeoutMs: 140_000 });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^ {2}old1 +deleted +expired and deleted: \d+ stack\(s\), \d+ resource\(s\)$/m);
    expect(run.stderr).toMatch(/^ {2}\[old2\] /m);
    const written = JSON.parse(readFileSync(record, 'utf8')) as AllExpiredRecord;
    expect(written.mode).toBe('delete');
    expect(written.deployments.map((d) => [d.student, d.status])).toEqual([
      ['new1', 'kept'],
      ['old1', 'deleted'],
      ['old2', 'deleted'],
    ]);
    const after = await account();
    const old = (names: string[]) => names.filter((n) => /(^|-)old[12](-|$)/i.test(n));
    expect(old(before.stacks).filter((n) => n.startsWith('CloudMart-old1-')).length).toBeGreaterThan(0);
    expect(old(before.stacks).filter((n) => n.startsWith('CloudMart-old2-')).length).toBeGreaterThan(0);
    expect(after.stacks).toEqual(before.stacks.filter((n) => !old(before.stacks).includes(n)));
    expect(after.stacks.filter((n) => n.startsWith('CloudMart-new1-')).length).toBeGreaterThan(0);
    expect(after.buckets).toEqual(before.buckets.filter((b) => !old(before.buckets).includes(b)));
    // new1's VPC and the untagged look-alike's stay; old1's and old2's are gone.
    expect(after.vpcs).toHaveLength(before.vpcs.length - 2);
  });

  it('refuses --all without --older-than-expiry, in Korean by default (exit 2)', async () => {
    const run = await runCli(['cleanup', '--all', '--yes', '--endpoint', emulator.endpoint]);
    expect(expectOneSentence(run, 2)).toBe('--all 은 --older-than-expiry 와 함께만 씁니다: 만료되지 않은 배포까지 계정 전체를 지우는 일은 하지 않습니다.');
  });

  it('wants exactly one of --student and --all (exit 2)', async () => {
    expect(expectOneSentence(await runCli(['cleanup', '--endpoint', emulator.endpoint, '--lang', 'en']), 2)).toBe('Say what to clean up: --student <id>, or --all --older-than-expiry.');
    expect(expectOneSentence(await runCli(['cleanup', '--all', '--older-than-expiry', '--student', 'old1', '--endpoint', emulator.endpoint, '--lang', 'en']), 2)).toBe('Give either --student or --all, not both.');
  });
});
