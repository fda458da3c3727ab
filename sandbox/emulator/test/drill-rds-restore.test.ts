// The restore patches through the real SDK: rds_latest_restorable_time (LatestRestorableTime
// lags behind now, on the five-minute grid), rds_restore_instance_creating (a restored
// instance is `creating`, then `available`), rds_restore_single_az_default (Single-AZ
// unless MultiAZ=true is asked), rds_restore_point_in_time_not_enabled (no point-in-time
// restore without automated backups). The emulator runs at 1/200 of AWS's pace
// (drillTimeScale), so the ten minutes of a restore become 3 s.
import {
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  CreateDBSubnetGroupCommand,
  DescribeDBInstancesCommand,
  RDSClient,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
} from '@aws-sdk/client-rds';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../emulator';

const SCALE = 0.005;
const region = 'ap-northeast-2';
let emulator: RunningEmulator;
let rds: RDSClient;
let securityGroup: string;

beforeAll(async () => {
  emulator = await startEmulator({ drillTimeScale: SCALE });
  const config = { endpoint: emulator.endpoint, region, credentials: emulatorCredentials() };
  rds = new RDSClient(config);
  const ec2 = new EC2Client(config);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const subnets = await Promise.all(['a', 'c'].map((zone, i) => ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.0.${i}.0/24`, AvailabilityZone: `${region}${zone}` }))));
  securityGroup = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'db', Description: 'db from app only', VpcId: vpc }))).GroupId!;
  ec2.destroy();
  await rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'db-subnets', DBSubnetGroupDescription: 'two AZs', SubnetIds: subnets.map((s) => s.Subnet!.SubnetId!) }));
  for (const [id, retention] of [['source', 7], ['no-backups', 0]] as const) {
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: id,
        Engine: 'postgres',
        DBInstanceClass: 'db.t4g.micro',
        AllocatedStorage: 20,
        MasterUsername: 'cloudmart',
        MasterUserPassword: 'cloudmart-secret',
        MultiAZ: true,
        DBSubnetGroupName: 'db-subnets',
        VpcSecurityGroupIds: [securityGroup],
        BackupRetentionPeriod: retention,
      }),
    );
  }
});

afterAll(async () => {
  rds?.destroy();
  await emulator?.stop();
});

async function describeInstance(id: string) {
  return (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances![0]!;
}

async function until<T>(what: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('emulator patch rds_restore_instance_creating', () => {
  // AWS: the restored instance is `creating` ("inaccessible while it is being created"), then `available` (RDS API reference, API_RestoreDBInstanceToPointInTime; User Guide, accessing-monitoring.html, DB instance status).
  it('a point-in-time restore is creating at first, then available, in the subnet group and security group asked for', async () => {
    const out = await rds.send(
      new RestoreDBInstanceToPointInTimeCommand({
        SourceDBInstanceIdentifier: 'source',
        TargetDBInstanceIdentifier: 'source-restore-1',
        UseLatestRestorableTime: true,
        DBSubnetGroupName: 'db-subnets',
        VpcSecurityGroupIds: [securityGroup],
        MultiAZ: false,
        Tags: [{ Key: 'cloudmart:expires-at', Value: '2030-01-01T00:00:00Z' }],
      }),
    );
    expect(out.DBInstance?.DBInstanceStatus).toBe('creating');
    expect((await describeInstance('source-restore-1')).DBInstanceStatus).toBe('creating');
    const done = await until(() => describeInstance('source-restore-1'), (db) => db.DBInstanceStatus === 'available');
    expect(done.DBInstanceStatus).toBe('available');
    expect(done.DBSubnetGroup?.DBSubnetGroupName).toBe('db-subnets');
    expect(done.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId)).toEqual([securityGroup]);
    expect(done.TagList).toEqual([{ Key: 'cloudmart:expires-at', Value: '2030-01-01T00:00:00Z' }]);
    // The source is untouched.
    expect((await describeInstance('source')).DBInstanceStatus).toBe('available');
  });

  // AWS: RestoreDBInstanceFromDBSnapshot answers with the new instance while it is created (RDS API reference, API_RestoreDBInstanceFromDBSnapshot).
  it('a restore from a snapshot is creating at first, then available', async () => {
    await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'source', DBSnapshotIdentifier: 'source-snap' }));
    const out = await rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ DBSnapshotIdentifier: 'source-snap', DBInstanceIdentifier: 'source-restore-2', DBSubnetGroupName: 'db-subnets', VpcSecurityGroupIds: [securityGroup], MultiAZ: false }));
    expect(out.DBInstance?.DBInstanceStatus).toBe('creating');
    const done = await until(() => describeInstance('source-restore-2'), (db) => db.DBInstanceStatus === 'available');
    expect(done.DBInstanceStatus).toBe('available');
  });
});

describe('emulator patch rds_restore_single_az_default', () => {
  // AWS: "By default, the new DB instance is created as a single-AZ deployment" (RDS API reference, API_RestoreDBInstanceToPointInTime, MultiAZ).
  it('restores a Multi-AZ source as Single-AZ unless MultiAZ=true is asked', async () => {
    expect((await describeInstance('source')).MultiAZ).toBe(true);
    await rds.send(new RestoreDBInstanceToPointInTimeCommand({ SourceDBInstanceIdentifier: 'source', TargetDBInstanceIdentifier: 'source-restore-3', UseLatestRestorableTime: true }));
    expect((await describeInstance('source-restore-3')).MultiAZ).toBe(false);
    expect((await describeInstance('source-restore-2')).MultiAZ).toBe(false);
    await rds.send(new RestoreDBInstanceToPointInTimeCommand({ SourceDBInstanceIdentifier: 'source', TargetDBInstanceIdentifier: 'source-restore-4', UseLatestRestorableTime: true, MultiAZ: true }));
    expect((await describeInstance('source-restore-4')).MultiAZ).toBe(true);
  });
});

describe('emulator patch rds_latest_restorable_time', () => {
  // AWS: "The latest restorable time for a DB instance is typically within 5 minutes of the current time" (RDS User Guide, USER_PIT); DescribeDBInstances LatestRestorableTime.
  it('reports a LatestRestorableTime behind the current time, on the five-minute grid since creation (scaled)', async () => {
    const stepMs = 300_000 * SCALE;
    await new Promise((r) => setTimeout(r, stepMs + 200));
    const before = Date.now();
    const db = await describeInstance('source');
    const latest = db.LatestRestorableTime!.getTime();
    const created = db.InstanceCreateTime!.getTime();
    expect(latest).toBeGreaterThan(created);
    expect(latest).toBeLessThanOrEqual(before + 50);
    expect(before - latest).toBeLessThanOrEqual(stepMs + 500);
    const steps = (latest - created) / stepMs;
    expect(Math.abs(steps - Math.round(steps)) * stepMs).toBeLessThan(5);
  });
});

describe('emulator patch rds_restore_point_in_time_not_enabled', () => {
  // AWS: PointInTimeRestoreNotEnabled, "SourceDBInstanceIdentifier refers to a DB instance with BackupRetentionPeriod equal to 0" (RDS API reference, API_RestoreDBInstanceToPointInTime, Errors).
  it('refuses a point-in-time restore of an instance without automated backups, and creates nothing', async () => {
    const refused = await rds.send(new RestoreDBInstanceToPointInTimeCommand({ SourceDBInstanceIdentifier: 'no-backups', TargetDBInstanceIdentifier: 'no-backups-restore', UseLatestRestorableTime: true })).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    // The SDK names the error code PointInTimeRestoreNotEnabled by its fault shape.
    expect((refused as Error).name).toBe('PointInTimeRestoreNotEnabledFault');
    const lookup = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'no-backups-restore' })).catch((e: Error) => e);
    expect((lookup as Error).name).toBe('DBInstanceNotFoundFault');
  });
});
