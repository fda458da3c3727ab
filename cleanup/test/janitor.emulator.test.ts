// The janitor against the emulator, on a class of emulated deployments in one account:
// a1 and a2 expired (the `partial` scenario, expiry tags an hour ago), b not expired, mx
// expired except one resource a student extended (the latest expiry wins: kept whole), and
// an untagged look-alike (ghost). cleanAllExpired lists without touching anything; the Lambda
// handler, called as a function, deletes nothing in its default dry run and reports the
// expired ones to its SNS topic; in delete mode only a1 and a2 are gone, and the report
// (read back from the emulator's SNS through a subscribed endpoint on 127.0.0.1) lists them;
// the esbuild bundle the stack deploys runs the same way.
// Untagged resources and what has not expired are never touched.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateTagsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFor } from '../../checks/aws/session';
import { createTestDeployment } from '../../checks/discovery/test/sdk-deployment';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createScenario } from '../../sandbox/scenarios/index';
import { cleanAllExpired, type AllExpiredRecord } from '../all-expired';
import { buildJanitorBundle } from '../janitor/bundle';
import { handler, runJanitor } from '../janitor/handler';

const REGION = 'ap-northeast-2';
const HOUR = 3600_000;
let emulator: RunningEmulator;
let topicArn: string;
let subscriber: http.Server;
const received: { Subject?: string; Message: string }[] = [];
const savedEnv = { ...process.env };

const config = () => ({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });

/** What the account holds, read through the services' own APIs (not through discovery). */
async function account() {
  const cfn = new CloudFormationClient(config());
  const s3 = new S3Client({ ...config(), forcePathStyle: true });
  const rds = new RDSClient(config());
  const ec2 = new EC2Client(config());
  try {
    return {
      stacks: ((await cfn.send(new DescribeStacksCommand({}))).Stacks ?? []).map((s) => s.StackName!).sort(),
      buckets: ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!).sort(),
      databases: ((await rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? []).map((d) => d.DBInstanceIdentifier!).sort(),
      vpcs: ((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).map((v) => v.VpcId!).sort(),
    };
  } finally {
    for (const client of [cfn, s3, rds, ec2]) client.destroy();
  }
}

const owned = (names: string[], student: string) => names.filter((n) => new RegExp(`(^|-)${student}(-|$)`, 'i').test(n));

/** The report the janitor published last, as the topic's subscriber got it. */
function lastReport(): { subject: string; text: string; record: AllExpiredRecord } {
  const last = received.at(-1)!;
  const json = last.Message.slice(last.Message.indexOf('{'));
  return { subject: last.Subject ?? '', text: last.Message, record: JSON.parse(json) as AllExpiredRecord };
}

/** Runs the handler as Lambda would: configuration in the environment, credentials from it too. */
function lambdaEnv(mode: string | undefined) {
  const { accessKeyId, secretAccessKey } = emulatorCredentials();
  Object.assign(process.env, { AWS_REGION: REGION, AWS_ENDPOINT_URL: emulator.endpoint, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, JANITOR_TOPIC_ARN: topicArn, JANITOR_LANG: 'en' });
  delete process.env.AWS_PROFILE;
  if (mode === undefined) delete process.env.JANITOR_MODE;
  else process.env.JANITOR_MODE = mode;
}

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  emulator = await startEmulator();
  const past = new Date(Date.now() - HOUR).toISOString();
  const target = { endpoint: emulator.endpoint, region: REGION };
  await Promise.all([
    createScenario('partial', { ...target, student: 'a1', expiresAt: past }),
    createScenario('partial', { ...target, student: 'a2', expiresAt: past }),
    createScenario('partial', { ...target, student: 'b' }),
    createScenario('partial', { ...target, student: 'mx', expiresAt: past }),
    createTestDeployment({ ...target, credentials: emulatorCredentials() }, 'ghost', { cidrOctet: 3, untagged: true, redis: false }),
  ]);
  // mx's student extended one resource (its VPC) by a day: the deployment has not expired.
  const ec2 = new EC2Client(config());
  const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:cloudmart:student', Values: ['mx'] }] }))).Vpcs![0]!.VpcId!;
  await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'cloudmart:expires-at', Value: new Date(Date.now() + 24 * HOUR).toISOString() }] }));
  ec2.destroy();

  // The report topic, and a subscriber on loopback that keeps what the emulator's SNS delivers.
  subscriber = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const notice = JSON.parse(body) as { Type: string; Subject?: string; Message: string };
      if (notice.Type === 'Notification') received.push(notice);
      response.end();
    });
  });
  await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
  const sns = new SNSClient(config());
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'cloudmart-janitor-reports' }))).TopicArn!;
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}/` }));
  sns.destroy();
}, 240_000);

afterAll(async () => {
  process.env = savedEnv;
  subscriber?.close();
  await emulator?.stop();
});

describe('cleanup --all --older-than-expiry on an emulated class', { timeout: 180_000 }, () => {
  it('lists every tagged deployment with its expiry and deletes nothing', async () => {
    const before = await account();
    const session = sessionFor(config(), 'test');
    try {
      const result = await cleanAllExpired(session, { lang: 'en' });
      expect(result.exitCode).toBe(0);
      expect(result.record.mode).toBe('list');
      expect(result.record.deployments.map((d) => [d.student, d.state, d.status])).toEqual([
        ['a1', 'expired', 'would-delete'],
        ['a2', 'expired', 'would-delete'],
        ['b', 'not-expired', 'kept'],
        ['mx', 'not-expired', 'kept'],
      ]);
      // mx's resources disagree: the latest expiry (the VPC's, a day ahead) wins.
      const mx = result.record.deployments.find((d) => d.student === 'mx')!;
      expect(mx.expiries).toHaveLength(2);
      expect(mx.reason.en).toMatch(/^not expired yet: its resources disagree on the expiry, and the latest, \S+, wins$/);
      expect(result.text).toContain('Listed only, nothing was deleted: run again with --yes to delete the 2 expired deployment(s).');
      expect(result.text).toContain('== a1 ==\nDeployment of a1 in ap-northeast-2');
      expect(result.text).not.toContain('ghost');
    } finally {
      session.destroy();
    }
    expect(await account()).toEqual(before);
  });
});

describe('the janitor’s Lambda handler, called as a function', { timeout: 180_000 }, () => {
  it('refuses a mode it does not know, and does nothing', async () => {
    lambdaEnv('nuke');
    const before = await account();
    await expect(handler()).rejects.toThrow('JANITOR_MODE must be dry-run or delete, not "nuke"; nothing was done.');
    expect(await account()).toEqual(before);
  });

  it('is a dry run by default: deletes nothing and reports the expired deployments to its topic', async () => {
    lambdaEnv(undefined);
    const before = await account();
    const count = received.length;
    const result = await handler({}, { getRemainingTimeInMillis: () => 15 * 60_000 });
    expect(result.mode).toBe('dry-run');
    expect(received).toHaveLength(count + 1);
    const report = lastReport();
    expect(report.subject).toBe('CloudMart janitor (dry run): 2 of 4 deployment(s) expired, ap-northeast-2');
    expect(report.text).toMatch(/^Dry run: nothing was deleted\. The 2 expired deployment\(s\) are deleted by a janitor deployed with --janitor-mode delete\./);
    expect(report.record.deployments.filter((d) => d.status === 'would-delete').map((d) => d.student)).toEqual(['a1', 'a2']);
    expect(await account()).toEqual(before);
  });

  it('in delete mode deletes only the expired deployments and reports them deleted', async () => {
    lambdaEnv('delete');
    const before = await account();
    expect(owned(before.stacks, 'a1').length).toBeGreaterThan(0);
    const result = await handler({}, { getRemainingTimeInMillis: () => 15 * 60_000 });
    expect(result.exitCode).toBe(0);
    const report = lastReport();
    expect(report.subject).toBe('CloudMart janitor: 2 deleted, 0 failed, 2 kept, ap-northeast-2');
    expect(report.record.mode).toBe('delete');
    expect(report.record.deployments.map((d) => [d.student, d.status])).toEqual([
      ['a1', 'deleted'],
      ['a2', 'deleted'],
      ['b', 'kept'],
      ['mx', 'kept'],
    ]);
    expect(report.text).toMatch(/^ {2}a1: deleted - expired and deleted: \d+ stack\(s\), \d+ resource\(s\)$/m);

    const after = await account();
    const expiredOnes = (names: string[]) => [...owned(names, 'a1'), ...owned(names, 'a2')];
    expect(expiredOnes(before.buckets).length).toBeGreaterThan(0);
    expect(after.stacks).toEqual(before.stacks.filter((s) => !expiredOnes(before.stacks).includes(s)));
    expect(after.buckets).toEqual(before.buckets.filter((b) => !expiredOnes(before.buckets).includes(b)));
    expect(after.databases).toEqual(before.databases.filter((d) => !expiredOnes(before.databases).includes(d)));
    // b, mx and the untagged look-alike keep everything they had.
    for (const student of ['b', 'mx', 'ghost']) {
      expect(owned(after.stacks, student)).toEqual(owned(before.stacks, student));
      expect(owned(after.buckets, student)).toEqual(owned(before.buckets, student));
      expect(owned(after.databases, student)).toEqual(owned(before.databases, student));
    }
    expect(after.vpcs).toHaveLength(before.vpcs.length - 2);
  });

  it('runs the same from the esbuild bundle the stack deploys', async () => {
    await createScenario('partial', { endpoint: emulator.endpoint, region: REGION, student: 'c1', expiresAt: new Date(Date.now() - HOUR).toISOString() });
    const dir = await buildJanitorBundle(path.join(import.meta.dirname, '../../.tmp/janitor-bundle-test'));
    const bundled = (await import(path.join(dir, 'index.mjs'))) as { handler: typeof handler };
    lambdaEnv(undefined);
    const before = await account();
    const result = await bundled.handler({}, { getRemainingTimeInMillis: () => 15 * 60_000 });
    expect(result.mode).toBe('dry-run');
    // a1 and a2 are still found by tag for a while (AWS lists terminated instances and deleted
    // NAT gateways for about an hour; so does the emulator), with nothing left to delete.
    expect(lastReport().record.deployments.map((d) => [d.student, d.status])).toEqual([
      ['a1', 'nothing-left'],
      ['a2', 'nothing-left'],
      ['b', 'kept'],
      ['c1', 'would-delete'],
      ['mx', 'kept'],
    ]);
    expect(lastReport().subject).toBe('CloudMart janitor (dry run): 1 of 5 deployment(s) expired, ap-northeast-2');
    expect(await account()).toEqual(before);
  });

  it('stops before Lambda would stop it, leaving what it has not started to the next run', async () => {
    const before = await account();
    // 90 s left: the janitor keeps that much back to report, so it starts nothing (a1 and a2,
    // whose leftovers the tag search still finds, are expired deployments too).
    const result = await runJanitor({ mode: 'delete', topicArn, lang: 'en', concurrency: 4, region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials(), remainingMs: () => 90_000 });
    expect(result.exitCode).toBe(130);
    expect(result.record.deployments.find((d) => d.student === 'c1')).toMatchObject({ status: 'interrupted', reason: { en: 'not started: cleanup was interrupted' } });
    expect(lastReport().subject).toBe('CloudMart janitor: 0 deleted, 0 failed, 2 kept, 3 left for the next run, ap-northeast-2');
    expect(await account()).toEqual(before);
  });
});
