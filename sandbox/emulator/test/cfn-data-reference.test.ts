// The synthesized reference Network and Data stacks (production profile) deployed into the
// emulator by CloudFormation: the Data stack reaches CREATE_COMPLETE with every resource the
// checks read present, as the collectors read them; an update of a property takes effect;
// DeleteStack removes them (the secrets stay: DeletionPolicy Retain, and final snapshots of the
// database and the cache are left: DeletionPolicy Snapshot, as on AWS). Exercises
// cloudformation_rds_instance_properties, cloudformation_rds_snapshot_on_delete, cloudformation_rds_subnet_group_id,
// cloudformation_elasticache_snapshot_on_delete, cloudformation_secretsmanager_secret,
// cloudformation_secretsmanager_dynamic_references, cloudformation_secretsmanager_target_attachment,
// cloudformation_secretsmanager_rotation_schedule, cloudformation_secretsmanager_resource_policy,
// cloudformation_sam_serverless_application, cloudformation_elasticache_subnet_group and
// cloudformation_elasticache_replication_group together.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListExportsCommand, type StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { DescribeCacheClustersCommand, DescribeCacheSubnetGroupsCommand, DescribeReplicationGroupsCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-elasticache';
import { DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, DescribeDBSubnetGroupsCommand, ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import { DescribeSecretCommand, GetResourcePolicyCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReferenceApp, synthesizeTemplates, type CloudFormationTemplate } from '../../../stacks/app';
import { createStack, deleteStack, describeStack, stackResources, tagMap, updateStack } from './cfn-data-support';
import { useEmulator } from './patch-helpers';

const STUDENT = 'e2ref';
const NETWORK = `CloudMart-${STUDENT}-Network`;
const DATA = `CloudMart-${STUDENT}-Data`;
const handle = useEmulator();
let templates: Record<string, CloudFormationTemplate>;

beforeAll(() => {
  const bundle = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-bundle-'));
  writeFileSync(path.join(bundle, 'install.sh'), '#!/bin/bash\n');
  const reference = buildReferenceApp({
    student: STUDENT,
    profile: 'production',
    expiresAt: '2030-01-01T00:00:00Z',
    workloadBundleDir: bundle,
    nag: false,
    builtinValidation: false,
    outdir: mkdtempSync(path.join(os.tmpdir(), 'cloudmart-cdk-out-')),
  });
  templates = synthesizeTemplates(reference.app);
});

function physicalIdOf(resources: StackResourceSummary[], type: string, logicalPrefix = ''): string {
  const found = resources.filter((r) => r.ResourceType === type && (r.LogicalResourceId ?? '').startsWith(logicalPrefix));
  expect(found, `${type} ${logicalPrefix}`).toHaveLength(1);
  return found[0]!.PhysicalResourceId!;
}

describe('the reference Data stack, deployed by CloudFormation into the emulator', () => {
  it('creates every Data resource as the checks read it, updates a property, and DeleteStack removes them', async () => {
    const { cloudformation, rds, elasticache, secrets, ssm } = handle().clients;
    // The templates' BootstrapVersion parameter reads the SSM parameter `cdk bootstrap` writes:
    // https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping-env.html
    await ssm.send(new PutParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version', Value: '30', Type: 'String' }));
    expect((await createStack(cloudformation, NETWORK, templates[NETWORK]!)).StackStatus).toBe('CREATE_COMPLETE');
    const data = await createStack(cloudformation, DATA, templates[DATA]!);
    expect(data.StackStatus).toBe('CREATE_COMPLETE');

    const network = await stackResources(cloudformation, NETWORK);
    const resources = await stackResources(cloudformation, DATA);
    // Every resource of the template is in the stack (the Serverless::Application as the nested stack SAM makes of it).
    expect(resources.map((r) => r.LogicalResourceId).sort()).toEqual(Object.keys(templates[DATA]!.Resources).sort());
    // Each with its physical ID, which discovery follows (cloudformation_rds_subnet_group_id for the DB subnet group).
    expect(resources.filter((r) => !r.PhysicalResourceId).map((r) => r.LogicalResourceId)).toEqual([]);
    const dataSubnets = network.filter((r) => /^NetworkVpcdataSubnet\dSubnet/.test(r.LogicalResourceId ?? '')).map((r) => r.PhysicalResourceId).sort();
    expect(dataSubnets).toHaveLength(2);

    // RDS: what rds.* and sg.db-from-app-only read (DescribeDBInstances).
    const databaseId = physicalIdOf(resources, 'AWS::RDS::DBInstance');
    const db = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: databaseId }))).DBInstances![0]!;
    expect(db).toMatchObject({
      Engine: 'postgres',
      MultiAZ: true,
      StorageEncrypted: true,
      BackupRetentionPeriod: 7,
      DeletionProtection: true,
      PubliclyAccessible: false,
      MonitoringInterval: 60,
      MonitoringRoleArn: expect.stringContaining(':role/'),
    });
    expect(db.SecondaryAvailabilityZone).toBeDefined();
    expect(db.SecondaryAvailabilityZone).not.toBe(db.AvailabilityZone);
    expect(db.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId)).toEqual([physicalIdOf(network, 'AWS::EC2::SecurityGroup', 'SecurityGroupsDatabase')]);
    expect(db.DBSubnetGroup?.Subnets?.map((s) => s.SubnetIdentifier).sort()).toEqual(dataSubnets);
    expect(db.DBSubnetGroup?.DBSubnetGroupName).toBe(physicalIdOf(resources, 'AWS::RDS::DBSubnetGroup'));
    expect(tagMap(db.TagList)).toMatchObject({ 'cloudmart:student': STUDENT, 'aws:cloudformation:stack-name': DATA });

    // The DB secret: generated, completed with the instance's connection details, rotated by the SAR application's function.
    const secretArn = physicalIdOf(resources, 'AWS::SecretsManager::Secret', 'CloudMart');
    const secret = JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString!) as Record<string, unknown>;
    expect(secret).toMatchObject({ username: 'cloudmart_admin', engine: 'postgres', host: db.Endpoint?.Address, port: 5433, dbInstanceIdentifier: databaseId });
    expect(secret.password).toEqual(expect.any(String));
    const nestedId = physicalIdOf(resources, 'AWS::CloudFormation::Stack');
    const nested = (await describeStack(cloudformation, nestedId))!;
    expect(nested).toMatchObject({ StackStatus: 'CREATE_COMPLETE', ParentId: data.StackId, RootId: data.StackId });
    const rotationFunction = nested.Outputs?.find((o) => o.OutputKey === 'RotationLambdaARN')?.OutputValue;
    const described = await secrets.send(new DescribeSecretCommand({ SecretId: secretArn }));
    expect(described).toMatchObject({ RotationEnabled: true, RotationLambdaARN: rotationFunction, RotationRules: { ScheduleExpression: 'rate(30 days)', AutomaticallyAfterDays: 30 } });
    expect(rotationFunction).toMatch(/^arn:aws:lambda:ap-northeast-2:\d{12}:function:/);
    expect((await secrets.send(new GetResourcePolicyCommand({ SecretId: secretArn }))).ResourcePolicy).toContain('secretsmanager:DeleteSecret');

    // ElastiCache: what elasticache.* and sg.cache-from-app-only read.
    const groupId = physicalIdOf(resources, 'AWS::ElastiCache::ReplicationGroup');
    const group = (await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: groupId }))).ReplicationGroups![0]!;
    expect(group).toMatchObject({ AutomaticFailover: 'enabled', MultiAZ: 'enabled', AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true, AuthTokenEnabled: true, SnapshotRetentionLimit: 1 });
    const members = (await elasticache.send(new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true }))).CacheClusters!.filter((c) => c.ReplicationGroupId === groupId);
    expect(members.map((m) => m.PreferredAvailabilityZone).sort()).toEqual(['ap-northeast-2a', 'ap-northeast-2c']);
    const cacheGroup = physicalIdOf(network, 'AWS::EC2::SecurityGroup', 'SecurityGroupsCache');
    expect(members.every((m) => m.SecurityGroups?.map((g) => g.SecurityGroupId).join() === cacheGroup)).toBe(true);
    const cacheSubnetGroup = physicalIdOf(resources, 'AWS::ElastiCache::SubnetGroup');
    expect(members.every((m) => m.CacheSubnetGroupName === cacheSubnetGroup)).toBe(true);
    // The App stack imports the primary endpoint through the Data stack's exports.
    const exports = (await cloudformation.send(new ListExportsCommand({}))).Exports ?? [];
    expect(exports.find((e) => (e.Name ?? '').includes('PrimaryEndPointAddress'))?.Value).toBe(group.NodeGroups![0]!.PrimaryEndpoint!.Address);

    // UpdateStack of a changed property takes effect.
    const changed = structuredClone(templates[DATA]!);
    const redis = Object.values(changed.Resources).find((r) => r.Type === 'AWS::ElastiCache::ReplicationGroup')!;
    redis.Properties = { ...redis.Properties, SnapshotRetentionLimit: 3 };
    expect((await updateStack(cloudformation, DATA, changed)).StackStatus).toBe('UPDATE_COMPLETE');
    expect((await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: groupId }))).ReplicationGroups![0]!.SnapshotRetentionLimit).toBe(3);

    // DeleteStack, after turning deletion protection off as cleanup does, removes the tier.
    await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: databaseId, DeletionProtection: false, ApplyImmediately: true }));
    await deleteStack(cloudformation, DATA);
    expect((await describeStack(cloudformation, DATA))?.StackStatus ?? 'DELETE_COMPLETE').toBe('DELETE_COMPLETE');
    await expect(rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: databaseId }))).rejects.toMatchObject({ name: 'DBInstanceNotFoundFault' });
    expect((await rds.send(new DescribeDBSubnetGroupsCommand({}))).DBSubnetGroups ?? []).toEqual([]);
    await expect(elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: groupId }))).rejects.toMatchObject({ name: 'ReplicationGroupNotFoundFault' });
    expect((await elasticache.send(new DescribeCacheClustersCommand({}))).CacheClusters ?? []).toEqual([]);
    expect((await elasticache.send(new DescribeCacheSubnetGroupsCommand({}))).CacheSubnetGroups?.filter((g) => g.CacheSubnetGroupName !== 'default') ?? []).toEqual([]);
    expect((await describeStack(cloudformation, nestedId))?.StackStatus ?? 'DELETE_COMPLETE').toBe('DELETE_COMPLETE');
    // The instance and the replication group carry DeletionPolicy Snapshot: AWS leaves a final snapshot of each, which
    // cleanup must remove (the DB snapshot carries the student's tags: CopyTagsToSnapshot).
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
    const dbFinals = (await rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: databaseId, SnapshotType: 'manual' }))).DBSnapshots ?? [];
    expect(dbFinals.map((x) => tagMap(x.TagList)['cloudmart:student'])).toEqual([STUDENT]);
    const cacheFinals = (await elasticache.send(new DescribeSnapshotsCommand({}))).Snapshots?.filter((x) => x.ReplicationGroupId === groupId) ?? [];
    expect(cacheFinals).toHaveLength(1);
    // The two secrets carry DeletionPolicy Retain (CDK's default for them): AWS keeps them after the stack.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: secretArn }))).DeletedDate).toBeUndefined();

    await deleteStack(cloudformation, NETWORK);
    expect((await describeStack(cloudformation, NETWORK))?.StackStatus ?? 'DELETE_COMPLETE').toBe('DELETE_COMPLETE');
  });
});
