// The restore drill's actions on AWS: the deployment's DB instance restored into a NEW,
// temporary instance (never the source), in the deployment's own DB subnet group and
// security groups ("the target database is created ... with the default security group,
// the default subnet group" unless told otherwise, RDS API reference,
// RestoreDBInstanceToPointInTime), Single-AZ and not public, tagged with the deployment's
// cleanup tags and an expiry one hour ahead (so `cleanup` removes it even if the drill
// could not), then read with the application's credentials and deleted without a final
// snapshot. Only instances this object created are ever deleted.
//
// - point in time: RestoreDBInstanceToPointInTime, UseLatestRestorableTime or RestoreTime;
// - snapshot: RestoreDBInstanceFromDBSnapshot from the newest available snapshot of the source;
// - recovery point: AWS Backup StartRestoreJob from the newest completed recovery point
//   of the source, with the metadata GetRecoveryPointRestoreMetadata gives, overridden
//   with the temporary instance's name, subnet group and security groups.
//
// The restored data is read with a read-only SQL query as the application's database
// user (the Secrets Manager secret the application reads: --db-secret, or the instance's
// RDS-managed MasterUserSecret). The temporary instance sits in the deployment's private
// subnets behind its security group, so the query only connects from where the
// application's network reaches the database; elsewhere the read fails and the drill says
// so (status error, never a pass).
import pg from 'pg';
import { awsSdk } from '../../checks/aws/sdk';
import type { AwsSession } from '../../checks/aws/session';
import { UsageError } from '../../contract/errors';
import { TAG_EXPIRES_AT, TAG_STUDENT } from '../../stacks/tags';
import type { RestoreActions, RestoreSource } from '../target';
import type { DrillDeployment } from './deployment';

const {
  AddTagsToResourceCommand,
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
} = awsSdk('@aws-sdk/client-rds');
const { BackupClient, DescribeRecoveryPointCommand, DescribeRestoreJobCommand, GetRecoveryPointRestoreMetadataCommand, ListRecoveryPointsByResourceCommand, StartRestoreJobCommand } = awsSdk('@aws-sdk/client-backup');
const { GetSecretValueCommand, SecretsManagerClient } = awsSdk('@aws-sdk/client-secrets-manager');

/** Every AWS action the restore drill uses, for the drill role's IAM policy (targets/aws.ts adds them to DRILL_ACTIONS). */
export const RESTORE_DRILL_ACTIONS = [
  'rds:DescribeDBInstances',
  'rds:DescribeDBSnapshots',
  'rds:RestoreDBInstanceToPointInTime',
  'rds:RestoreDBInstanceFromDBSnapshot',
  // Tags given in a create or restore request need AddTagsToResource too (RDS User Guide, "Tagging Amazon RDS resources").
  'rds:AddTagsToResource',
  'rds:DeleteDBInstance',
  'backup:ListRecoveryPointsByResource',
  'backup:DescribeRecoveryPoint',
  'backup:GetRecoveryPointRestoreMetadata',
  'backup:StartRestoreJob',
  'backup:DescribeRestoreJob',
  // StartRestoreJob passes the recovery point's restore role to AWS Backup.
  'iam:PassRole',
  'secretsmanager:GetSecretValue',
] as const;

/** How long the temporary instance may live before `cleanup` removes it by its expiry tag. */
export const RESTORE_EXPIRY_MS = 60 * 60_000;

/** A database user and where to reach the restored instance. */
export interface RestoredConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/** Reads the drill writes with seq in [firstSeq, lastSeq]; the default is a read-only SQL query (pg, TLS). */
export type RestoredWritesReader = (connection: RestoredConnection, firstSeq: number, lastSeq: number) => Promise<number[]>;

export interface AwsRestoreOptions {
  deployment: DrillDeployment;
  session: AwsSession;
  /** Instead of the SQL query (tests). */
  readWrites?: RestoredWritesReader;
  /** The clock for names and the expiry tag (tests). */
  now?: () => Date;
}

interface SourceDetails extends RestoreSource {
  arn?: string;
  subnetGroup?: string;
  securityGroups: string[];
  instanceClass?: string;
  student?: string;
  secretArn?: string;
  dbName?: string;
}

export function awsRestoreActions(options: AwsRestoreOptions): RestoreActions {
  const { deployment, session } = options;
  const now = options.now ?? (() => new Date());
  const rds = (): InstanceType<typeof RDSClient> => session.client(RDSClient, 'rds');
  const backup = (): InstanceType<typeof BackupClient> => session.client(BackupClient, 'backup');
  const secrets = (): InstanceType<typeof SecretsManagerClient> => session.client(SecretsManagerClient, 'secretsmanager');
  const dbId = (): string => {
    if (!deployment.dbInstanceIdentifier) throw new UsageError({ ko: '배포에 RDS DB 인스턴스가 없어 복원 드릴을 실행할 수 없습니다.', en: 'The deployment has no RDS DB instance; the restore drill cannot run without it.' });
    return deployment.dbInstanceIdentifier;
  };
  /** The temporary instances this drill created: the only ones it may delete. */
  const created = new Set<string>();
  const restoreJobs = new Map<string, string>();
  /** A restore job takes no tags: they are added once its instance exists. */
  const untagged = new Map<string, { Key: string; Value: string }[]>();
  let details: SourceDetails | undefined;

  async function describeSource(): Promise<SourceDetails> {
    const out = await rds().send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: dbId() }));
    const db = out.DBInstances?.[0];
    if (!db) throw new Error(`DB instance ${dbId()} was not found`);
    const student = db.TagList?.find((t) => t.Key === TAG_STUDENT)?.Value;
    details = {
      id: db.DBInstanceIdentifier ?? dbId(),
      status: db.DBInstanceStatus ?? 'unknown',
      ...(db.BackupRetentionPeriod !== undefined ? { backupRetentionDays: db.BackupRetentionPeriod } : {}),
      ...(db.LatestRestorableTime ? { latestRestorableTime: db.LatestRestorableTime.toISOString() } : {}),
      ...(db.DBClusterIdentifier ? { clusterId: db.DBClusterIdentifier } : {}),
      ...(db.DBInstanceArn ? { arn: db.DBInstanceArn } : {}),
      ...(db.DBSubnetGroup?.DBSubnetGroupName ? { subnetGroup: db.DBSubnetGroup.DBSubnetGroupName } : {}),
      securityGroups: (db.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId ?? '').filter(Boolean),
      ...(db.DBInstanceClass ? { instanceClass: db.DBInstanceClass } : {}),
      ...(student ? { student } : {}),
      ...((deployment.dbSecretArn ?? db.MasterUserSecret?.SecretArn) ? { secretArn: deployment.dbSecretArn ?? db.MasterUserSecret?.SecretArn } : {}),
      ...(db.DBName ? { dbName: db.DBName } : {}),
    };
    return details;
  }

  /** A new instance name: the source's, "-restore-" and the time, within RDS's 63 characters. */
  function temporaryId(): string {
    const stamp = now().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const suffix = `-restore-${stamp}`;
    return `${dbId().slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
  }

  function tags(source: SourceDetails): { Key: string; Value: string }[] {
    return [
      ...(source.student ? [{ Key: TAG_STUDENT, Value: source.student }] : []),
      { Key: TAG_EXPIRES_AT, Value: new Date(now().getTime() + RESTORE_EXPIRY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z') },
      { Key: 'cloudmart:drill', Value: 'restore' },
    ];
  }

  return {
    async source() {
      const { id, status, backupRetentionDays, latestRestorableTime, clusterId } = await describeSource();
      return { id, status, ...(backupRetentionDays !== undefined ? { backupRetentionDays } : {}), ...(latestRestorableTime ? { latestRestorableTime } : {}), ...(clusterId ? { clusterId } : {}) };
    },

    async start(request) {
      // Described again: the latest restorable time moves on while the drill writes.
      const source = await describeSource();
      const id = temporaryId();
      const placement = {
        ...(source.subnetGroup ? { DBSubnetGroupName: source.subnetGroup } : {}),
        ...(source.securityGroups.length ? { VpcSecurityGroupIds: source.securityGroups } : {}),
        ...(source.instanceClass ? { DBInstanceClass: source.instanceClass } : {}),
        MultiAZ: false,
        PubliclyAccessible: false,
        DeletionProtection: false,
      };
      if (request.from === 'point-in-time') {
        const when = request.restoreTimeMs !== undefined ? { RestoreTime: new Date(request.restoreTimeMs) } : { UseLatestRestorableTime: true };
        const input = { SourceDBInstanceIdentifier: source.id, TargetDBInstanceIdentifier: id, ...when, ...placement, Tags: tags(source) };
        await rds().send(new RestoreDBInstanceToPointInTimeCommand(input));
        created.add(id);
        const restoredTo = request.restoreTimeMs ?? (source.latestRestorableTime ? Date.parse(source.latestRestorableTime) : undefined);
        return { id, action: { operation: 'rds:RestoreDBInstanceToPointInTime', resource: source.id, request: { ...input } }, ...(restoredTo !== undefined ? { restoredToMs: restoredTo } : {}) };
      }
      if (request.from === 'snapshot') {
        const out = await rds().send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: source.id }));
        const newest = (out.DBSnapshots ?? []).filter((s) => s.Status === 'available' && s.SnapshotCreateTime).sort((a, b) => b.SnapshotCreateTime!.getTime() - a.SnapshotCreateTime!.getTime())[0];
        if (!newest?.DBSnapshotIdentifier) throw new Error(`DB instance ${source.id} has no available snapshot to restore from`);
        const input = { DBSnapshotIdentifier: newest.DBSnapshotIdentifier, DBInstanceIdentifier: id, ...placement, Tags: tags(source) };
        await rds().send(new RestoreDBInstanceFromDBSnapshotCommand(input));
        created.add(id);
        return { id, action: { operation: 'rds:RestoreDBInstanceFromDBSnapshot', resource: newest.DBSnapshotIdentifier, request: { ...input } }, restoredToMs: newest.SnapshotCreateTime!.getTime(), fromResource: newest.DBSnapshotIdentifier };
      }
      // An AWS Backup recovery point.
      if (!source.arn) throw new Error(`DB instance ${source.id} has no ARN to look its recovery points up by`);
      const points = await backup().send(new ListRecoveryPointsByResourceCommand({ ResourceArn: source.arn }));
      const point = (points.RecoveryPoints ?? []).filter((p) => p.Status === 'COMPLETED' && p.CreationDate).sort((a, b) => b.CreationDate!.getTime() - a.CreationDate!.getTime())[0];
      if (!point?.RecoveryPointArn || !point.BackupVaultName) throw new Error(`DB instance ${source.id} has no completed AWS Backup recovery point`);
      const meta = await backup().send(new GetRecoveryPointRestoreMetadataCommand({ BackupVaultName: point.BackupVaultName, RecoveryPointArn: point.RecoveryPointArn }));
      // The role the backup plan used is the one that may restore it.
      const described = await backup().send(new DescribeRecoveryPointCommand({ BackupVaultName: point.BackupVaultName, RecoveryPointArn: point.RecoveryPointArn }));
      const metadata: Record<string, string> = {
        ...(meta.RestoreMetadata ?? {}),
        DBInstanceIdentifier: id,
        ...(source.subnetGroup ? { DBSubnetGroupName: source.subnetGroup } : {}),
        ...(source.securityGroups.length ? { VpcSecurityGroupIds: JSON.stringify(source.securityGroups) } : {}),
        MultiAZ: 'false',
        PubliclyAccessible: 'false',
        DeletionProtection: 'false',
      };
      const input = { RecoveryPointArn: point.RecoveryPointArn, Metadata: metadata, ...(described.IamRoleArn ? { IamRoleArn: described.IamRoleArn } : {}), ResourceType: 'RDS' };
      const job = await backup().send(new StartRestoreJobCommand(input));
      created.add(id);
      if (job.RestoreJobId) restoreJobs.set(id, job.RestoreJobId);
      untagged.set(id, tags(source));
      return { id, action: { operation: 'backup:StartRestoreJob', resource: point.RecoveryPointArn, request: { ...input, RestoreJobId: job.RestoreJobId } }, restoredToMs: point.CreationDate!.getTime(), fromResource: point.RecoveryPointArn };
    },

    async describe(id) {
      const jobId = restoreJobs.get(id);
      let jobStatus: string | undefined;
      if (jobId) {
        const job = await backup().send(new DescribeRestoreJobCommand({ RestoreJobId: jobId }));
        jobStatus = job.Status;
        if (job.Status === 'FAILED' || job.Status === 'ABORTED') throw new Error(`the AWS Backup restore job ${jobId} ended ${job.Status}: ${job.StatusMessage ?? 'no message'}`);
      }
      try {
        const out = await rds().send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
        const db = out.DBInstances?.[0];
        const pendingTags = untagged.get(id);
        if (pendingTags && db?.DBInstanceArn) {
          await rds().send(new AddTagsToResourceCommand({ ResourceName: db.DBInstanceArn, Tags: pendingTags }));
          untagged.delete(id);
        }
        return { status: db?.DBInstanceStatus ?? 'unknown', ...(db?.Endpoint?.Address ? { endpoint: `${db.Endpoint.Address}:${db.Endpoint.Port ?? 5432}` } : {}) };
      } catch (error) {
        // A restore job creates the instance some time after it starts; a restore's instance
        // may take a moment to be listed. The wait ends at the RTO limit either way.
        if ((error as { name?: string }).name === 'DBInstanceNotFoundFault' && created.has(id)) return { status: jobStatus ? `restore job ${jobStatus.toLowerCase()}` : 'not listed yet' };
        throw error;
      }
    },

    async readWrites(id, firstSeq, lastSeq) {
      const source = details ?? (await describeSource());
      if (!source.secretArn) {
        throw new UsageError({
          ko: 'DB 비밀(Secrets Manager)을 찾지 못해 복원된 데이터를 읽을 수 없습니다. 애플리케이션이 쓰는 비밀을 --db-secret으로 지정하세요.',
          en: "No database secret (Secrets Manager) was found, so the restored data cannot be read; pass the secret the application uses with --db-secret.",
        });
      }
      const secret = await secrets().send(new GetSecretValueCommand({ SecretId: source.secretArn }));
      const values = JSON.parse(secret.SecretString ?? '{}') as { username?: string; password?: string; dbname?: string };
      if (!values.username || !values.password) throw new Error(`the secret ${source.secretArn} holds no username and password`);
      const out = await rds().send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
      const endpoint = out.DBInstances?.[0]?.Endpoint;
      if (!endpoint?.Address) throw new Error(`${id} has no endpoint`);
      const connection: RestoredConnection = { host: endpoint.Address, port: endpoint.Port ?? 5432, database: values.dbname ?? source.dbName ?? 'postgres', user: values.username, password: values.password };
      const read = options.readWrites ?? readWithSql;
      const where = `${connection.host}:${connection.port}`;
      return {
        seqs: await read(connection, firstSeq, lastSeq),
        via: { ko: `${where}에 ${connection.user}(비밀 ${source.secretArn})로 읽기 전용 SQL 조회`, en: `read-only SQL on ${where} as ${connection.user} (secret ${source.secretArn})` },
      };
    },

    async remove(id) {
      if (!created.has(id)) throw new Error(`${id} was not created by this drill; it is left alone`);
      const request = { DBInstanceIdentifier: id, SkipFinalSnapshot: true, DeleteAutomatedBackups: true };
      const out = await rds().send(new DeleteDBInstanceCommand(request));
      return { operation: 'rds:DeleteDBInstance', resource: id, request, status: out.DBInstance?.DBInstanceStatus ?? 'deleting' };
    },
  };
}

/**
 * The default reader: one read-only transaction as the application's user, over TLS (RDS
 * for PostgreSQL 15 and later refuses plain connections by default, rds.force_ssl). The
 * certificate is not checked against the RDS CA bundle, which the harness does not ship;
 * the query only reads the drill's own rows.
 */
const readWithSql: RestoredWritesReader = async (connection, firstSeq, lastSeq) => {
  const client = new pg.Client({ ...connection, ssl: { rejectUnauthorized: false }, connectionTimeoutMillis: 10_000, statement_timeout: 30_000 });
  await client.connect();
  try {
    await client.query('BEGIN READ ONLY');
    const { rows } = await client.query<{ seq: string }>('SELECT seq FROM drill_writes WHERE seq BETWEEN $1 AND $2 ORDER BY seq', [firstSeq, lastSeq]);
    await client.query('COMMIT');
    return rows.map((r) => Number(r.seq));
  } finally {
    await client.end();
  }
};
