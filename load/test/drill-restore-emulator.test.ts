// drill restore's AWS side through the real SDK v3 clients against the emulator (moto with
// the restore patches): the temporary instance is restored into the deployment's own DB
// subnet group and security groups, tagged with its cleanup tags and an expiry one hour
// ahead, watched from `creating` to `available` (RTO), read with the application's secret,
// and deleted: at the end, and also when the drill is stopped with Ctrl-C meanwhile.
// The application is a loopback stand-in (the emulator's ALB serves no traffic) and the
// emulated instance has no PostgreSQL behind it, so the restored rows are read by a
// stand-in reader that checks it was given the secret's credentials.
// RDS API reference, RestoreDBInstanceToPointInTime ("created ... with the default security
// group, the default subnet group" unless given; Tags) and DeleteDBInstance (SkipFinalSnapshot).
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BackupClient, CreateBackupVaultCommand, ListRecoveryPointsByResourceCommand, StartBackupJobCommand } from '@aws-sdk/client-backup';
import { CreateDBSnapshotCommand, DescribeDBInstancesCommand, ListTagsForResourceCommand, RDSClient } from '@aws-sdk/client-rds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsSession } from '../../checks/aws/session';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { drillOptions, runDrill } from '../drills/index';
import type { DrillTarget } from '../target';
import { awsDrillTarget } from '../targets/aws';
import { awsRestoreActions, type RestoredConnection } from '../targets/aws-restore';
import type { DrillDeployment } from '../targets/deployment';
import { createEmulatorDeployment, REGION } from './support/emulator-deployment';
import { startFakeShop, type FakeShop } from './support/fake-shop';

// The restore takes AWS's ten emulated minutes x SCALE = 3 s.
const SCALE = 0.005;
const quick = { baselineMs: 600, probeIntervalMs: 50, probeTimeoutMs: 1000 };
let emulator: RunningEmulator;
let session: AwsSession;
let shop: FakeShop;
let deployment: DrillDeployment;
let rds: RDSClient;
const reads: RestoredConnection[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ drillTimeScale: SCALE });
  shop = await startFakeShop();
  deployment = await createEmulatorDeployment(emulator.endpoint, { student: '20260001' });
  const config = { endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() };
  rds = new RDSClient(config);
  const secrets = new SecretsManagerClient(config);
  const secret = await secrets.send(new CreateSecretCommand({ Name: 'cloudmart-db-credentials', SecretString: JSON.stringify({ username: 'cloudmart_app', password: 'from-the-secret', dbname: 'cloudmart' }) }));
  secrets.destroy();
  deployment = { ...deployment, appUrl: shop.url, dbSecretArn: secret.ARN! };
  session = new AwsSession({ region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });
});

afterAll(async () => {
  rds?.destroy();
  session?.destroy();
  await shop?.close();
  await emulator?.stop();
});

/** The AWS target, with a reader of the restored rows that returns what the shop acknowledged before `until`. */
function target(until: () => number = () => Infinity): DrillTarget {
  const base = awsDrillTarget({ deployment, session, pollIntervalMs: 100 } as Parameters<typeof awsDrillTarget>[0]);
  const restore = awsRestoreActions({
    deployment,
    session,
    readWrites: async (connection, first, last) => {
      reads.push(connection);
      return [...shop.writes.entries()].filter(([seq, at]) => seq >= first && seq <= last && Date.parse(at) <= until()).map(([seq]) => seq);
    },
  });
  return { ...base, restore };
}

async function instanceGone(id: string): Promise<boolean> {
  const out = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id })).catch((e: Error) => e);
  return out instanceof Error ? out.name === 'DBInstanceNotFoundFault' : out.DBInstances?.[0]?.DBInstanceStatus === 'deleting';
}

const restoreCall = (result: Awaited<ReturnType<typeof runDrill>>) => result.timeline.find((e) => e.kind === 'api-call' && e.message.startsWith('rds:RestoreDBInstanceToPointInTime'))!;

describe('drill restore against the emulator', () => {
  it('restores into the deployment subnets and security group, tagged to expire in an hour, measures RTO, reads with the secret, deletes it', async () => {
    const started = Date.now();
    const result = await runDrill('restore', { target: target(), options: drillOptions('restore', quick, 'aws') });
    if (result.status !== 'pass') console.log(JSON.stringify({ criteria: result.verdict.criteria, notes: result.notes, timeline: result.timeline }, null, 1));
    expect(result.status).toBe('pass');
    const request = restoreCall(result).data as Record<string, unknown>;
    const source = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'cloudmart-db' }))).DBInstances![0]!;
    expect(request).toMatchObject({
      SourceDBInstanceIdentifier: 'cloudmart-db',
      UseLatestRestorableTime: true,
      DBSubnetGroupName: source.DBSubnetGroup!.DBSubnetGroupName,
      VpcSecurityGroupIds: source.VpcSecurityGroups!.map((g) => g.VpcSecurityGroupId),
      MultiAZ: false,
      PubliclyAccessible: false,
    });
    const tags = Object.fromEntries((request.Tags as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]));
    expect(tags['cloudmart:student']).toBe('20260001');
    const expiresIn = Date.parse(tags['cloudmart:expires-at']!) - started;
    expect(expiresIn).toBeGreaterThan(59 * 60_000);
    expect(expiresIn).toBeLessThan(62 * 60_000);
    // creating, then available: the RTO is the emulated restore (600 s x SCALE), not zero.
    expect(result.timeline.some((e) => e.kind === 'event' && / creating/.test(e.message))).toBe(true);
    expect(result.metrics.rtoMs).toBeGreaterThanOrEqual(2500);
    expect(result.metrics).toMatchObject({ rpoMs: 0, missingWrites: 0 });
    // Restored to the latest restorable time, which lags behind the request (rds_latest_restorable_time: at most 300 s x SCALE).
    expect(result.metrics.restoredToLagMs).toBeGreaterThanOrEqual(0);
    expect(result.metrics.restoredToLagMs).toBeLessThanOrEqual(300_000 * SCALE + 1000);
    expect(reads.at(-1)).toMatchObject({ user: 'cloudmart_app', password: 'from-the-secret', database: 'cloudmart', port: 5432 });
    const id = String(request.TargetDBInstanceIdentifier);
    expect(id).toMatch(/^cloudmart-db-restore-\d{14}$/);
    expect(await instanceGone(id)).toBe(true);
    expect(result.notes.join(' ')).toContain(`The temporary instance ${id} was deleted without a final snapshot`);
  }, 60_000);

  it('fails the RPO when the restored data misses the newest acknowledged writes', async () => {
    // The restore holds only what was acknowledged before the first 300 ms of writes ended.
    let cutoff = Infinity;
    const result = await runDrill('restore', {
      target: target(() => cutoff),
      options: drillOptions('restore', { ...quick, rpoLimitMs: 100 }, 'aws'),
      onProgress: () => {
        if (cutoff === Infinity && shop.writes.size > 0) cutoff = Math.min(...[...shop.writes.values()].map((at) => Date.parse(at))) + 150;
      },
    });
    expect(result.status).toBe('fail');
    const rpo = result.verdict.criteria.find((c) => c.name.includes('(RPO)'))!;
    expect(rpo.pass).toBe(false);
    expect(result.metrics.missingWrites).toBeGreaterThan(0);
  }, 60_000);

  it('deletes the temporary instance when the drill is stopped (Ctrl-C) while it is being created', async () => {
    const controller = new AbortController();
    let restoring = '';
    const result = await runDrill('restore', {
      target: target(),
      options: drillOptions('restore', quick, 'aws'),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'recovery' && !controller.signal.aborted) {
          restoring = p.state?.en ?? '';
          controller.abort();
        }
      },
    });
    expect(result.status).toBe('error');
    const id = String((restoreCall(result).data as Record<string, unknown>).TargetDBInstanceIdentifier);
    expect(await instanceGone(id)).toBe(true);
    expect(result.notes.join(' ')).toMatch(/Stopped by the user/);
    expect(result.notes.join(' ')).toContain(`The temporary instance ${id} was deleted without a final snapshot`);
    expect(restoring).toMatch(/creating/);
  }, 60_000);

  it('--from snapshot restores the newest snapshot of the instance (RestoreDBInstanceFromDBSnapshot), judged on the backup RPO limit', async () => {
    // Newer than the automated snapshot taken when the instance was created.
    await new Promise((r) => setTimeout(r, 1100));
    await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'cloudmart-db', DBSnapshotIdentifier: 'cloudmart-db-daily' }));
    const result = await runDrill('restore', { target: target(), options: drillOptions('restore', { ...quick, restoreFrom: 'snapshot' }, 'aws') });
    const call = result.timeline.find((e) => e.kind === 'api-call' && e.message.startsWith('rds:RestoreDBInstanceFromDBSnapshot'))!;
    expect(call.data).toMatchObject({ DBSnapshotIdentifier: 'cloudmart-db-daily', MultiAZ: false });
    expect(result.metrics.rpoLimitMs).toBe(24 * 3600_000);
    expect(result.status).toBe('pass');
    expect(await instanceGone(String((call.data as Record<string, unknown>).DBInstanceIdentifier))).toBe(true);
  }, 60_000);

  it('--from recovery-point is an error, never a pass, while AWS Backup has no recovery point of the instance; then restores the newest one (StartRestoreJob), tags it and deletes it', async () => {
    // No backup has run yet: no recovery point, as AWS before the plan's first run.
    const none = await runDrill('restore', { target: target(), options: drillOptions('restore', { ...quick, restoreFrom: 'recovery-point' }, 'aws') });
    expect(none.status).toBe('error');
    expect(none.notes.join(' ')).toContain('DB instance cloudmart-db has no completed AWS Backup recovery point');

    const config = { endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() };
    const backup = new BackupClient(config);
    const source = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'cloudmart-db' }))).DBInstances![0]!;
    await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'cloudmart-vault' }));
    const job = await backup.send(new StartBackupJobCommand({ BackupVaultName: 'cloudmart-vault', ResourceArn: source.DBInstanceArn!, IamRoleArn: 'arn:aws:iam::123456789012:role/cloudmart-backup' }));
    for (let i = 0; i < 100; i++) {
      const points = await backup.send(new ListRecoveryPointsByResourceCommand({ ResourceArn: source.DBInstanceArn! }));
      if (points.RecoveryPoints?.[0]?.Status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    backup.destroy();
    const result = await runDrill('restore', { target: target(), options: drillOptions('restore', { ...quick, restoreFrom: 'recovery-point' }, 'aws') });
    if (result.status !== 'pass') console.log(JSON.stringify({ criteria: result.verdict.criteria, notes: result.notes, timeline: result.timeline }, null, 1));
    expect(result.status).toBe('pass');
    const call = result.timeline.find((e) => e.kind === 'api-call' && e.message.startsWith('backup:StartRestoreJob'))!;
    const request = call.data as { RecoveryPointArn: string; IamRoleArn: string; Metadata: Record<string, string> };
    expect(request.RecoveryPointArn).toBe(job.RecoveryPointArn);
    expect(request.IamRoleArn).toBe('arn:aws:iam::123456789012:role/cloudmart-backup');
    expect(request.Metadata).toMatchObject({ DBSubnetGroupName: source.DBSubnetGroup!.DBSubnetGroupName, MultiAZ: 'false', VpcSecurityGroupIds: JSON.stringify(source.VpcSecurityGroups!.map((g) => g.VpcSecurityGroupId)) });
    // Tagged once the restore job created it (StartRestoreJob takes no tags), before it was deleted.
    expect(result.timeline.some((e) => e.kind === 'event' && /restore job pending|creating/.test(e.message))).toBe(true);
    expect(result.metrics.rtoMs).toBeGreaterThanOrEqual(2500);
    expect(await instanceGone(request.Metadata.DBInstanceIdentifier!)).toBe(true);
  }, 60_000);

  it('tags nothing it does not own: the source instance keeps its tags and is never deleted', async () => {
    const source = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'cloudmart-db' }))).DBInstances![0]!;
    expect(source.DBInstanceStatus).toBe('available');
    const tags = await rds.send(new ListTagsForResourceCommand({ ResourceName: source.DBInstanceArn! }));
    expect(tags.TagList?.map((t) => t.Key)).not.toContain('cloudmart:expires-at');
    await expect(awsRestoreActions({ deployment, session }).remove('cloudmart-db')).rejects.toThrow(/was not created by this drill/);
  });
});
