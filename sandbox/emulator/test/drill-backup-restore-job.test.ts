// The AWS Backup job patches through the real SDK: backup_start_backup_job (an on-demand
// backup makes a recovery point, CREATING then COMPLETED, listed for the resource),
// backup_recovery_point_restore_metadata (DescribeRecoveryPoint and the restore metadata),
// backup_restore_job (StartRestoreJob creates the DB instance named in the metadata,
// DescribeRestoreJob goes PENDING, RUNNING, COMPLETED with CreatedResourceArn). The emulator
// runs at 1/200 of its pace, so the five-minute backup takes 1.5 s and the ten-minute
// restore 3 s.
import {
  BackupClient,
  CreateBackupVaultCommand,
  DescribeRecoveryPointCommand,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  ListRecoveryPointsByResourceCommand,
  StartBackupJobCommand,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import { CreateDBInstanceCommand, CreateDBSubnetGroupCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../emulator';

const SCALE = 0.005;
const region = 'ap-northeast-2';
const ROLE = 'arn:aws:iam::123456789012:role/cloudmart-backup';
let emulator: RunningEmulator;
let rds: RDSClient;
let backup: BackupClient;
let dbArn: string;
let securityGroup: string;

beforeAll(async () => {
  emulator = await startEmulator({ drillTimeScale: SCALE });
  const config = { endpoint: emulator.endpoint, region, credentials: emulatorCredentials() };
  rds = new RDSClient(config);
  backup = new BackupClient(config);
  const ec2 = new EC2Client(config);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const subnets = await Promise.all(['a', 'c'].map((zone, i) => ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.0.${i}.0/24`, AvailabilityZone: `${region}${zone}` }))));
  securityGroup = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'db', Description: 'db', VpcId: vpc }))).GroupId!;
  ec2.destroy();
  await rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'db-subnets', DBSubnetGroupDescription: 'two AZs', SubnetIds: subnets.map((s) => s.Subnet!.SubnetId!) }));
  const db = await rds.send(
    new CreateDBInstanceCommand({ DBInstanceIdentifier: 'source', Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', AllocatedStorage: 20, MasterUsername: 'cloudmart', MasterUserPassword: 'cloudmart-secret', MultiAZ: true, DBSubnetGroupName: 'db-subnets', VpcSecurityGroupIds: [securityGroup] }),
  );
  dbArn = db.DBInstance!.DBInstanceArn!;
  await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'cloudmart-vault' }));
});

afterAll(async () => {
  rds?.destroy();
  backup?.destroy();
  await emulator?.stop();
});

async function until<T>(what: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

let recoveryPointArn: string;

describe('emulator patch backup_start_backup_job', () => {
  // AWS: StartBackupJob answers BackupJobId and RecoveryPointArn; the point is listed for the resource, CREATING then COMPLETED (AWS Backup API reference, API_StartBackupJob, API_ListRecoveryPointsByResource).
  it('makes a recovery point of the RDS instance, CREATING then COMPLETED, listed for the resource', async () => {
    const job = await backup.send(new StartBackupJobCommand({ BackupVaultName: 'cloudmart-vault', ResourceArn: dbArn, IamRoleArn: ROLE }));
    expect(job.BackupJobId).toBeTruthy();
    recoveryPointArn = job.RecoveryPointArn!;
    expect(recoveryPointArn).toMatch(/^arn:aws:rds:ap-northeast-2:\d{12}:snapshot:awsbackup:job-/);
    const listed = await backup.send(new ListRecoveryPointsByResourceCommand({ ResourceArn: dbArn }));
    expect(listed.RecoveryPoints?.map((p) => [p.RecoveryPointArn, p.Status])).toEqual([[recoveryPointArn, 'CREATING']]);
    const done = await until(() => backup.send(new ListRecoveryPointsByResourceCommand({ ResourceArn: dbArn })), (out) => out.RecoveryPoints?.[0]?.Status === 'COMPLETED');
    expect(done.RecoveryPoints?.[0]?.Status).toBe('COMPLETED');
    expect(done.RecoveryPoints?.[0]?.BackupVaultName).toBe('cloudmart-vault');
  });

  it('refuses a vault that does not exist', async () => {
    const refused = await backup.send(new StartBackupJobCommand({ BackupVaultName: 'no-such-vault', ResourceArn: dbArn, IamRoleArn: ROLE })).catch((e: Error) => e);
    expect((refused as Error).name).toBe('ResourceNotFoundException');
  });
});

describe('emulator patch backup_recovery_point_restore_metadata', () => {
  // AWS: DescribeRecoveryPoint returns the point with its IamRoleArn; GetRecoveryPointRestoreMetadata the metadata a restore starts from (AWS Backup API reference, API_DescribeRecoveryPoint, API_GetRecoveryPointRestoreMetadata).
  it('describes the recovery point and gives the metadata of the instance it was taken from', async () => {
    const point = await backup.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'cloudmart-vault', RecoveryPointArn: recoveryPointArn }));
    expect(point).toMatchObject({ RecoveryPointArn: recoveryPointArn, ResourceArn: dbArn, IamRoleArn: ROLE, Status: 'COMPLETED', ResourceType: 'RDS' });
    const meta = await backup.send(new GetRecoveryPointRestoreMetadataCommand({ BackupVaultName: 'cloudmart-vault', RecoveryPointArn: recoveryPointArn }));
    expect(meta.RestoreMetadata).toMatchObject({ DBInstanceIdentifier: 'source', Engine: 'postgres', DBSubnetGroupName: 'db-subnets', MultiAZ: 'true' });
    const unknown = await backup.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'cloudmart-vault', RecoveryPointArn: `${recoveryPointArn}-nope` })).catch((e: Error) => e);
    expect((unknown as Error).name).toBe('ResourceNotFoundException');
  });
});

describe('emulator patch backup_restore_job', () => {
  // AWS: StartRestoreJob answers a RestoreJobId; DescribeRestoreJob goes PENDING, RUNNING, COMPLETED with CreatedResourceArn (AWS Backup API reference, API_StartRestoreJob, API_DescribeRestoreJob).
  it('restores the recovery point into the instance the metadata names: PENDING, RUNNING with the instance creating, COMPLETED with it available', async () => {
    const job = await backup.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: recoveryPointArn,
        IamRoleArn: ROLE,
        ResourceType: 'RDS',
        Metadata: { DBInstanceIdentifier: 'source-from-backup', DBSubnetGroupName: 'db-subnets', VpcSecurityGroupIds: JSON.stringify([securityGroup]), MultiAZ: 'false' },
      }),
    );
    const first = await backup.send(new DescribeRestoreJobCommand({ RestoreJobId: job.RestoreJobId! }));
    expect(first.Status).toBe('PENDING');
    const running = await until(() => backup.send(new DescribeRestoreJobCommand({ RestoreJobId: job.RestoreJobId! })), (j) => j.Status !== 'PENDING');
    expect(running.Status).toBe('RUNNING');
    const creating = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'source-from-backup' }))).DBInstances![0]!;
    expect(creating).toMatchObject({ DBInstanceStatus: 'creating', MultiAZ: false });
    expect(creating.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId)).toEqual([securityGroup]);
    const done = await until(() => backup.send(new DescribeRestoreJobCommand({ RestoreJobId: job.RestoreJobId! })), (j) => j.Status === 'COMPLETED');
    expect(done.Status).toBe('COMPLETED');
    expect(done.CreatedResourceArn).toMatch(/:db:source-from-backup$/);
    expect((await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'source-from-backup' }))).DBInstances![0]!.DBInstanceStatus).toBe('available');
  });

  it('refuses an unknown recovery point', async () => {
    const refused = await backup.send(new StartRestoreJobCommand({ RecoveryPointArn: `${recoveryPointArn}-nope`, IamRoleArn: ROLE, Metadata: { DBInstanceIdentifier: 'x' } })).catch((e: Error) => e);
    expect((refused as Error).name).toBe('ResourceNotFoundException');
  });
});
