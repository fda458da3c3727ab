// The data tier: RDS PostgreSQL Multi-AZ, encrypted, private, credentials in Secrets
// Manager (rotated), backups, deletion protection, monitoring; ElastiCache Redis with a
// replica, automatic failover, Multi-AZ, encryption and an AUTH token from Secrets Manager.
import { beforeAll, describe, expect, it } from 'vitest';
import { PORTS } from '../config';
import { pointsAt, resourcesOf, synthesize, type Synthesized } from './support';

let s: Synthesized;
const DATA = 'CloudMart-alice-Data';

beforeAll(() => {
  s = synthesize('production');
});

function one(type: string): [string, Record<string, unknown>] {
  const entries = Object.entries(resourcesOf(s.raw('Data'), type));
  expect(entries, type).toHaveLength(1);
  return entries[0]!;
}

function subnetKinds(subnetIds: unknown[]): string[] {
  return subnetIds.map((id) => {
    const target = pointsAt(s.templates, DATA, id)!;
    const subnet = s.templates[target.stack]!.Resources[target.logicalId]!;
    return (subnet.Properties!.Tags as { Key: string; Value: string }[]).find((t) => t.Key === 'aws-cdk:subnet-type')!.Value;
  });
}

describe('RDS PostgreSQL', () => {
  it('is a Multi-AZ, encrypted, private db.t3.micro PostgreSQL on a non-default port', () => {
    const [, db] = one('AWS::RDS::DBInstance');
    expect(db).toMatchObject({
      Engine: 'postgres',
      DBInstanceClass: 'db.t3.micro',
      MultiAZ: true,
      StorageEncrypted: true,
      PubliclyAccessible: false,
      Port: String(PORTS.database),
    });
  });

  it('lives in a subnet group of the isolated subnets of both AZs', () => {
    const [, group] = one('AWS::RDS::DBSubnetGroup');
    expect(subnetKinds(group.SubnetIds as unknown[])).toEqual(['Isolated', 'Isolated']);
  });

  it('keeps automated backups 7 days, has deletion protection and enhanced monitoring', () => {
    const [, db] = one('AWS::RDS::DBInstance');
    expect(db.BackupRetentionPeriod).toBeGreaterThanOrEqual(7);
    expect(db.DeletionProtection).toBe(true);
    expect(db.MonitoringInterval).toBeGreaterThan(0);
    expect(db.MonitoringRoleArn).toBeDefined();
  });

  it('takes its master password from a generated Secrets Manager secret, rotated every 30 days', () => {
    const [, db] = one('AWS::RDS::DBInstance');
    const secrets = Object.entries(resourcesOf(s.raw('Data'), 'AWS::SecretsManager::Secret'));
    const [secretId, secret] = secrets.find(([, p]) => (p.GenerateSecretString as { GenerateStringKey?: string } | undefined)?.GenerateStringKey === 'password')!;
    expect(JSON.stringify(db.MasterUserPassword)).toContain('{{resolve:secretsmanager:');
    expect(JSON.stringify(db.MasterUserPassword)).toContain(secretId);
    expect(secret.SecretString).toBeUndefined();
    const [, schedule] = one('AWS::SecretsManager::RotationSchedule');
    expect(schedule.RotationRules).toMatchObject({ ScheduleExpression: 'rate(30 days)' });
  });
});

describe('ElastiCache Redis', () => {
  it('is a replication group with one replica, automatic failover and Multi-AZ over both AZs', () => {
    const [, redis] = one('AWS::ElastiCache::ReplicationGroup');
    expect(redis).toMatchObject({
      Engine: 'redis',
      CacheNodeType: 'cache.t3.micro',
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
      PreferredCacheClusterAZs: ['ap-northeast-2a', 'ap-northeast-2c'],
      Port: PORTS.cache,
    });
    expect(redis.SnapshotRetentionLimit).toBeGreaterThanOrEqual(1);
  });

  it('encrypts at rest and in transit and requires an AUTH token that comes from Secrets Manager', () => {
    const [, redis] = one('AWS::ElastiCache::ReplicationGroup');
    expect(redis.AtRestEncryptionEnabled).toBe(true);
    expect(redis.TransitEncryptionEnabled).toBe(true);
    const token = JSON.stringify(redis.AuthToken);
    expect(token).toMatch(/^\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:",\{"Ref":"CacheAuthToken[0-9A-F]+"\},":SecretString:::\}\}"\]\]\}$/);
  });

  it('lives in a subnet group of the isolated subnets', () => {
    const [, group] = one('AWS::ElastiCache::SubnetGroup');
    expect(subnetKinds(group.SubnetIds as unknown[])).toEqual(['Isolated', 'Isolated']);
  });
});
