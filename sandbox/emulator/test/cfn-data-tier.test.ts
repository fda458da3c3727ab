// The Data tier's resource types, created, updated and deleted by the emulated
// CloudFormation from small templates, then read back with each service's own API (what the
// collectors call). Patches cloudformation_secretsmanager_secret,
// cloudformation_secretsmanager_dynamic_references, cloudformation_secretsmanager_target_attachment,
// cloudformation_secretsmanager_rotation_schedule, cloudformation_secretsmanager_resource_policy,
// cloudformation_rds_instance_properties, cloudformation_rds_instance_update,
// cloudformation_rds_snapshot_on_delete, cloudformation_elasticache_subnet_group,
// cloudformation_elasticache_replication_group, cloudformation_elasticache_snapshot_on_delete,
// cloudformation_sam_serverless_application and cloudformation_lambda_function_tags.
import { DescribeStackEventsCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeCacheClustersCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeReplicationGroupsCommand,
  DescribeSnapshotsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-elasticache';
import { DescribeDBInstancesCommand, DescribeDBSnapshotsCommand } from '@aws-sdk/client-rds';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { DescribeSecretCommand, GetResourcePolicyCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { createStack, deleteStack, describeStack, output, stackResources, tagMap, updateStack, type Template } from './cfn-data-support';
import { smallNetwork, useEmulator } from './patch-helpers';

const handle = useEmulator();

const EXCLUDED = " %+~`#$&*()|[]{}:;<>?!'/@\"\\";
const TAGS = [{ Key: 'cloudmart:student', Value: 'e2t' }];

function secretTemplate(description: string, deletionPolicy?: string): Template {
  return {
    Resources: {
      Secret: {
        Type: 'AWS::SecretsManager::Secret',
        ...(deletionPolicy ? { DeletionPolicy: deletionPolicy } : {}),
        Properties: {
          Description: description,
          GenerateSecretString: {
            SecretStringTemplate: '{"username":"cloudmart_admin"}',
            GenerateStringKey: 'password',
            ExcludeCharacters: EXCLUDED,
            PasswordLength: 30,
          },
          Tags: TAGS,
        },
      },
    },
    Outputs: { SecretRef: { Value: { Ref: 'Secret' } }, SecretId: { Value: { 'Fn::GetAtt': ['Secret', 'Id'] } } },
  };
}

describe('cloudformation_secretsmanager_secret: AWS::SecretsManager::Secret', () => {
  it('generates the secret as GenerateSecretString asks, Ref is the ARN, updates in place, and DeleteStack deletes it', async () => {
    const { cloudformation, secrets } = handle().clients;
    const stack = await createStack(cloudformation, 'secret-basic', secretTemplate('first'));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    // "Ref returns the ARN of the secret": https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html
    const arn = output(stack, 'SecretRef');
    expect(arn).toMatch(/^arn:aws:secretsmanager:ap-northeast-2:\d{12}:secret:/);
    expect(output(stack, 'SecretId')).toBe(arn);

    const described = await secrets.send(new DescribeSecretCommand({ SecretId: arn }));
    expect(described.Description).toBe('first');
    expect(tagMap(described.Tags)['cloudmart:student']).toBe('e2t');
    // SecretStringTemplate + GenerateStringKey: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-secretsmanager-secret-generatesecretstring.html
    const value = JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString!) as Record<string, string>;
    expect(value.username).toBe('cloudmart_admin');
    expect(value.password).toHaveLength(30);
    expect([...value.password!].filter((c) => EXCLUDED.includes(c))).toEqual([]);

    await updateStack(cloudformation, 'secret-basic', secretTemplate('second'));
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: arn }))).Description).toBe('second');
    const unchanged = JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString!) as Record<string, string>;
    expect(unchanged.password).toBe(value.password);

    await deleteStack(cloudformation, 'secret-basic');
    expect(await describeStack(cloudformation, 'secret-basic')).toBeUndefined();
    // DeleteSecret without options: scheduled for deletion (DeletedDate), no longer readable.
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: arn }))).DeletedDate).toBeDefined();
  });

  it('keeps a secret whose DeletionPolicy is Retain when the stack goes', async () => {
    const { cloudformation, secrets } = handle().clients;
    const stack = await createStack(cloudformation, 'secret-retained', secretTemplate('kept', 'Retain'));
    const arn = output(stack, 'SecretRef');
    await deleteStack(cloudformation, 'secret-retained');
    // DeletionPolicy Retain: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
    const kept = await secrets.send(new DescribeSecretCommand({ SecretId: arn }));
    expect(kept.DeletedDate).toBeUndefined();
    expect(kept.Description).toBe('kept');
  });
});

describe('cloudformation_secretsmanager_dynamic_references: {{resolve:secretsmanager:...}}', () => {
  const template = (key: string): Template => ({
    Resources: {
      Secret: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: { SecretString: '{"username":"u","password":"p4ssw0rd-value"}' },
      },
      Copy: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: { SecretString: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, `:SecretString:${key}::}}`]] } },
      },
    },
    Outputs: { Copy: { Value: { Ref: 'Copy' } } },
  });

  it('puts the secret value (one JSON key) into the resource property', async () => {
    const { cloudformation, secrets } = handle().clients;
    const stack = await createStack(cloudformation, 'dynref', template('password'));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    // "the dynamic reference pulls the secret value into the CloudFormation resource": https://docs.aws.amazon.com/secretsmanager/latest/userguide/cfn-example_reference-secret.html
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: output(stack, 'Copy') }))).SecretString).toBe('p4ssw0rd-value');
  });

  it('fails the resource for a key the secret does not have, instead of passing the reference on as text', async () => {
    const { cloudformation } = handle().clients;
    const created = await createStack(cloudformation, 'dynref-missing', template('nokey')).catch(() => undefined);
    expect(created?.StackStatus).not.toBe('CREATE_COMPLETE');
    const reasons = (await cloudformation.send(new DescribeStackEventsCommand({ StackName: 'dynref-missing' })).catch(() => ({ StackEvents: [] }))).StackEvents ?? [];
    const failed = reasons.find((e) => e.LogicalResourceId === 'Copy' && e.ResourceStatus === 'CREATE_FAILED');
    // A reference that cannot be resolved fails the resource (cloudformation_create_failed.py records why).
    expect(failed?.ResourceStatusReason).toContain('has no key nokey');
  });
});

function databaseTemplate(options: { rotationRule: string; withRotation: boolean; withAttachment: boolean; backupRetention?: number }): Template {
  const rotationRole = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    },
  };
  return {
    Parameters: { SubnetA: { Type: 'String' }, SubnetC: { Type: 'String' }, Group: { Type: 'String' } },
    Resources: {
      Secret: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: { GenerateSecretString: { SecretStringTemplate: '{"username":"cloudmart_admin"}', GenerateStringKey: 'password', ExcludeCharacters: EXCLUDED, PasswordLength: 30 } },
      },
      SubnetGroup: {
        Type: 'AWS::RDS::DBSubnetGroup',
        Properties: { DBSubnetGroupDescription: 'db', SubnetIds: [{ Ref: 'SubnetA' }, { Ref: 'SubnetC' }] },
      },
      MonitoringRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        },
      },
      Database: {
        Type: 'AWS::RDS::DBInstance',
        Properties: {
          Engine: 'postgres',
          EngineVersion: '16',
          DBInstanceClass: 'db.t3.micro',
          AllocatedStorage: '20',
          DBSubnetGroupName: { Ref: 'SubnetGroup' },
          VPCSecurityGroups: [{ Ref: 'Group' }],
          MultiAZ: true,
          StorageEncrypted: true,
          PubliclyAccessible: false,
          BackupRetentionPeriod: options.backupRetention ?? 7,
          CopyTagsToSnapshot: true,
          Port: '5433',
          MonitoringInterval: 60,
          MonitoringRoleArn: { 'Fn::GetAtt': ['MonitoringRole', 'Arn'] },
          EnablePerformanceInsights: true,
          EnableCloudwatchLogsExports: ['postgresql'],
          CACertificateIdentifier: 'rds-ca-rsa2048-g1',
          MasterUsername: 'cloudmart_admin',
          MasterUserPassword: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, ':SecretString:password::}}']] },
          Tags: TAGS,
        },
      },
      ...(options.withAttachment
        ? { Attachment: { Type: 'AWS::SecretsManager::SecretTargetAttachment', Properties: { SecretId: { Ref: 'Secret' }, TargetId: { Ref: 'Database' }, TargetType: 'AWS::RDS::DBInstance' } } }
        : {}),
      Policy: {
        Type: 'AWS::SecretsManager::ResourcePolicy',
        Properties: {
          SecretId: { Ref: 'Secret' },
          ResourcePolicy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Deny', Principal: { AWS: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' } }, Action: 'secretsmanager:DeleteSecret', Resource: '*' }],
          },
        },
      },
      RotationRole: rotationRole,
      RotationFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: 'e2t-rotation',
          Runtime: 'python3.12',
          Handler: 'index.handler',
          Role: { 'Fn::GetAtt': ['RotationRole', 'Arn'] },
          Code: { ZipFile: 'def handler(event, context):\n    return None\n' },
        },
      },
      ...(options.withRotation
        ? {
            Rotation: {
              Type: 'AWS::SecretsManager::RotationSchedule',
              Properties: {
                SecretId: options.withAttachment ? { Ref: 'Attachment' } : { Ref: 'Secret' },
                RotationLambdaARN: { 'Fn::GetAtt': ['RotationFunction', 'Arn'] },
                RotateImmediatelyOnUpdate: false,
                RotationRules: { ScheduleExpression: options.rotationRule },
              },
            },
          }
        : {}),
    },
    Outputs: {
      SecretArn: { Value: { Ref: 'Secret' } },
      Database: { Value: { Ref: 'Database' } },
      ...(options.withAttachment ? { AttachmentRef: { Value: { Ref: 'Attachment' } } } : {}),
    },
  };
}

describe('a database with its secret: target attachment, rotation schedule, resource policy and the instance properties', () => {
  it('creates the instance as the template says, completes the secret, turns rotation on, attaches the policy; updates and removals take effect', async () => {
    const { cloudformation, secrets, rds } = handle().clients;
    const net = await smallNetwork(handle().clients);
    const parameters = { SubnetA: net.subnets.a, SubnetC: net.subnets.c, Group: net.groupId };
    const stack = await createStack(cloudformation, 'database', databaseTemplate({ rotationRule: 'rate(30 days)', withRotation: true, withAttachment: true }), parameters);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const secretArn = output(stack, 'SecretArn');
    const databaseId = output(stack, 'Database');
    // Ref of a SecretTargetAttachment is the secret's ARN: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secrettargetattachment.html
    expect(output(stack, 'AttachmentRef')).toBe(secretArn);

    // cloudformation_rds_instance_properties: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html
    const db = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: databaseId }))).DBInstances![0]!;
    expect(db.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId)).toEqual([net.groupId]);
    expect(db.MonitoringInterval).toBe(60);
    expect(db.MonitoringRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
    expect(db.PerformanceInsightsEnabled).toBe(true);
    expect(db.EnabledCloudwatchLogsExports).toEqual(['postgresql']);
    expect(db.CACertificateIdentifier).toBe('rds-ca-rsa2048-g1');
    expect(db).toMatchObject({ MultiAZ: true, StorageEncrypted: true, PubliclyAccessible: false, BackupRetentionPeriod: 7 });
    expect(db.SecondaryAvailabilityZone).toBeDefined();
    expect(tagMap(db.TagList)['cloudmart:student']).toBe('e2t');

    // The database's connection details are added to the secret JSON:
    // https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_secret_json_structure.html
    const value = JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString!) as Record<string, unknown>;
    expect(value).toMatchObject({ username: 'cloudmart_admin', engine: 'postgres', host: db.Endpoint?.Address, port: 5433, dbInstanceIdentifier: databaseId });
    expect(value.password).toEqual(expect.any(String));

    // DescribeSecret shows the rotation; AutomaticallyAfterDays "is calculated from the rotation schedule":
    // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotationRulesType.html
    const rotated = await secrets.send(new DescribeSecretCommand({ SecretId: secretArn }));
    expect(rotated.RotationEnabled).toBe(true);
    expect(rotated.RotationLambdaARN).toMatch(/:function:e2t-rotation$/);
    expect(rotated.RotationRules).toEqual({ ScheduleExpression: 'rate(30 days)', AutomaticallyAfterDays: 30 });
    expect(rotated.NextRotationDate).toBeDefined();

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-resourcepolicy.html
    const policy = JSON.parse((await secrets.send(new GetResourcePolicyCommand({ SecretId: secretArn }))).ResourcePolicy!) as { Statement: { Action: string }[] };
    expect(policy.Statement[0]!.Action).toBe('secretsmanager:DeleteSecret');

    // A changed schedule takes effect; a changed BackupRetentionPeriod modifies the same instance
    // ("Update requires: No interruption", cloudformation_rds_instance_update).
    await updateStack(cloudformation, 'database', databaseTemplate({ rotationRule: 'rate(7 days)', withRotation: true, withAttachment: true, backupRetention: 3 }), parameters);
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: secretArn }))).RotationRules).toEqual({ ScheduleExpression: 'rate(7 days)', AutomaticallyAfterDays: 7 });
    const modified = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: databaseId }))).DBInstances![0]!;
    expect(modified).toMatchObject({ BackupRetentionPeriod: 3, DbiResourceId: db.DbiResourceId, MonitoringInterval: 60 });

    // Removing the schedule cancels rotation; removing the attachment takes the connection details out again.
    await updateStack(cloudformation, 'database', databaseTemplate({ rotationRule: 'rate(7 days)', withRotation: false, withAttachment: false, backupRetention: 3 }), parameters);
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: secretArn }))).RotationEnabled).toBe(false);
    const stripped = JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString!) as Record<string, unknown>;
    expect(Object.keys(stripped).sort()).toEqual(['password', 'username']);

    await deleteStack(cloudformation, 'database');
    await expect(rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: databaseId }))).rejects.toMatchObject({ name: 'DBInstanceNotFoundFault' });
    // No DeletionPolicy on a DB instance means Snapshot: a final manual snapshot stays, with the instance's tags
    // (cloudformation_rds_snapshot_on_delete): https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
    const finals = (await rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: databaseId, SnapshotType: 'manual' }))).DBSnapshots ?? [];
    expect(finals).toHaveLength(1);
    expect(tagMap(finals[0]!.TagList)['cloudmart:student']).toBe('e2t');
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: secretArn }))).DeletedDate).toBeDefined();
  });

  it('refuses a rotation function that does not exist, as RotateSecret does', async () => {
    const { cloudformation } = handle().clients;
    const template: Template = {
      Resources: {
        Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: 'x' } },
        Rotation: {
          Type: 'AWS::SecretsManager::RotationSchedule',
          Properties: {
            SecretId: { Ref: 'Secret' },
            RotationLambdaARN: 'arn:aws:lambda:ap-northeast-2:123456789012:function:nobody',
            RotationRules: { ScheduleExpression: 'rate(30 days)' },
          },
        },
      },
    };
    const created = await createStack(cloudformation, 'rotation-missing', template).catch(() => undefined);
    expect(created?.StackStatus).not.toBe('CREATE_COMPLETE');
  });
});

function cacheTemplate(retention: number, description: string, port = 6380): Template {
  return {
    Parameters: { SubnetA: { Type: 'String' }, SubnetC: { Type: 'String' }, Group: { Type: 'String' } },
    Resources: {
      Token: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 32 } } },
      Subnets: {
        Type: 'AWS::ElastiCache::SubnetGroup',
        Properties: { Description: 'cache subnets', SubnetIds: [{ Ref: 'SubnetA' }, { Ref: 'SubnetC' }], Tags: TAGS },
      },
      Redis: {
        Type: 'AWS::ElastiCache::ReplicationGroup',
        DeletionPolicy: 'Snapshot',
        Properties: {
          ReplicationGroupDescription: description,
          Engine: 'redis',
          EngineVersion: '7.1',
          CacheNodeType: 'cache.t3.micro',
          NumCacheClusters: 2,
          AutomaticFailoverEnabled: true,
          MultiAZEnabled: true,
          AtRestEncryptionEnabled: true,
          TransitEncryptionEnabled: true,
          AuthToken: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Token' }, ':SecretString:::}}']] },
          CacheSubnetGroupName: { Ref: 'Subnets' },
          SecurityGroupIds: [{ Ref: 'Group' }],
          Port: port,
          SnapshotRetentionLimit: retention,
          SnapshotWindow: '16:00-17:00',
          Tags: TAGS,
        },
      },
    },
    Outputs: {
      Id: { Value: { Ref: 'Redis' } },
      SubnetGroup: { Value: { Ref: 'Subnets' } },
      Primary: { Value: { 'Fn::GetAtt': ['Redis', 'PrimaryEndPoint.Address'] } },
      PrimaryPort: { Value: { 'Fn::GetAtt': ['Redis', 'PrimaryEndPoint.Port'] } },
      Reader: { Value: { 'Fn::GetAtt': ['Redis', 'ReaderEndPoint.Address'] } },
    },
  };
}

describe('cloudformation_elasticache_subnet_group and cloudformation_elasticache_replication_group', () => {
  it('creates the Multi-AZ group through the patched backend (members in the subnet group AZs), updates it in place or replaces it, and DeleteStack removes group, members and subnet group, leaving a final snapshot', async () => {
    const { cloudformation, elasticache } = handle().clients;
    const net = await smallNetwork(handle().clients);
    const parameters = { SubnetA: net.subnets.a, SubnetC: net.subnets.c, Group: net.groupId };
    const stack = await createStack(cloudformation, 'cache', cacheTemplate(1, 'first'), parameters);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    // Ref returns the replication group ID / the subnet group name:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-subnetgroup.html
    const id = output(stack, 'Id');
    const subnetGroupName = output(stack, 'SubnetGroup');
    expect(id).toMatch(/^[a-z][a-z0-9-]{0,39}$/);
    expect(subnetGroupName).toBe(subnetGroupName.toLowerCase());

    const group = (await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups![0]!;
    expect(group).toMatchObject({
      Description: 'first',
      AutomaticFailover: 'enabled',
      MultiAZ: 'enabled',
      AtRestEncryptionEnabled: true,
      TransitEncryptionEnabled: true,
      AuthTokenEnabled: true,
      CacheNodeType: 'cache.t3.micro',
      SnapshotRetentionLimit: 1,
    });
    expect(group.MemberClusters).toHaveLength(2);
    expect(output(stack, 'Primary')).toBe(group.NodeGroups![0]!.PrimaryEndpoint!.Address);
    expect(output(stack, 'PrimaryPort')).toBe('6380');
    expect(output(stack, 'Reader')).toContain(id);
    expect(output(stack, 'Reader')).not.toBe(output(stack, 'Primary'));

    const members = (await elasticache.send(new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true }))).CacheClusters!.filter((c) => c.ReplicationGroupId === id);
    expect(members.map((m) => m.PreferredAvailabilityZone).sort()).toEqual(['ap-northeast-2a', 'ap-northeast-2c']);
    expect(members.every((m) => m.CacheSubnetGroupName === subnetGroupName && m.SecurityGroups?.[0]?.SecurityGroupId === net.groupId)).toBe(true);
    expect(members.every((m) => m.EngineVersion === '7.1')).toBe(true);
    const subnetGroup = (await elasticache.send(new DescribeCacheSubnetGroupsCommand({ CacheSubnetGroupName: subnetGroupName }))).CacheSubnetGroups![0]!;
    expect(subnetGroup.Subnets?.map((s) => s.SubnetIdentifier).sort()).toEqual([net.subnets.a, net.subnets.c].sort());
    expect(tagMap((await elasticache.send(new ListTagsForResourceCommand({ ResourceName: group.ARN }))).TagList)['cloudmart:student']).toBe('e2t');
    expect(tagMap((await elasticache.send(new ListTagsForResourceCommand({ ResourceName: subnetGroup.ARN }))).TagList)['cloudmart:student']).toBe('e2t');

    // SnapshotRetentionLimit and the description update in place (same ID).
    const updated = await updateStack(cloudformation, 'cache', cacheTemplate(5, 'second'), parameters);
    expect(output(updated, 'Id')).toBe(id);
    expect((await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups![0]).toMatchObject({ SnapshotRetentionLimit: 5, Description: 'second' });

    // A new Port replaces the group ("Update requires: Replacement"): a new ID, the old group gone, no final snapshot of it
    // (DeletionPolicy "doesn't apply to resources whose physical instance is replaced during stack update operations").
    const replaced = await updateStack(cloudformation, 'cache', cacheTemplate(5, 'second', 6381), parameters);
    const newId = output(replaced, 'Id');
    expect(newId).not.toBe(id);
    expect((await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: newId }))).ReplicationGroups![0]!.NodeGroups![0]!.PrimaryEndpoint!.Port).toBe(6381);
    await expect(elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).rejects.toMatchObject({ name: 'ReplicationGroupNotFoundFault' });
    expect((await elasticache.send(new DescribeSnapshotsCommand({}))).Snapshots?.filter((x) => x.ReplicationGroupId === id)).toEqual([]);

    await deleteStack(cloudformation, 'cache');
    await expect(elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: newId }))).rejects.toMatchObject({ name: 'ReplicationGroupNotFoundFault' });
    expect((await elasticache.send(new DescribeCacheClustersCommand({}))).CacheClusters!.filter((c) => c.ReplicationGroupId === id || c.ReplicationGroupId === newId)).toEqual([]);
    await expect(elasticache.send(new DescribeCacheSubnetGroupsCommand({ CacheSubnetGroupName: subnetGroupName }))).rejects.toMatchObject({ name: 'CacheSubnetGroupNotFoundFault' });
    // DeletionPolicy Snapshot leaves a final snapshot of the group (cloudformation_elasticache_snapshot_on_delete):
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
    const finals = (await elasticache.send(new DescribeSnapshotsCommand({}))).Snapshots?.filter((x) => x.ReplicationGroupId === newId) ?? [];
    expect(finals.map((x) => x.SnapshotName)).toEqual([expect.stringMatching(new RegExp(`^${newId}-final-`))]);
  });
});

const ROTATION_APP = 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser';

function samTemplate(applicationId: string, excludeCharacters = '/@'): Template {
  return {
    Transform: 'AWS::Serverless-2016-10-31',
    Resources: {
      Rotation: {
        Type: 'AWS::Serverless::Application',
        Properties: {
          Location: { ApplicationId: applicationId, SemanticVersion: '1.1.671' },
          Parameters: { endpoint: 'https://secretsmanager.ap-northeast-2.amazonaws.com', functionName: 'e2t-sam-rotation', excludeCharacters },
          Tags: { 'cloudmart:student': 'e2t' },
        },
      },
    },
    Outputs: { Lambda: { Value: { 'Fn::GetAtt': ['Rotation', 'Outputs.RotationLambdaARN'] } }, Nested: { Value: { Ref: 'Rotation' } } },
  };
}

describe('cloudformation_sam_serverless_application: the hosted rotation application', () => {
  it('becomes a nested stack with ParentId and RootId whose output the parent reads; deleting the parent deletes it', async () => {
    const { cloudformation, tagging } = handle().clients;
    const parent = await createStack(cloudformation, 'sam-parent', samTemplate(ROTATION_APP));
    expect(parent.StackStatus).toBe('CREATE_COMPLETE');
    // SAM generates an AWS::CloudFormation::Stack: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-application.html
    const [resource] = await stackResources(cloudformation, 'sam-parent');
    expect(resource).toMatchObject({ LogicalResourceId: 'Rotation', ResourceType: 'AWS::CloudFormation::Stack' });
    const nestedId = output(parent, 'Nested');
    expect(resource!.PhysicalResourceId).toBe(nestedId);
    // ParentId / RootId of a nested stack: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html
    const nested = (await describeStack(cloudformation, nestedId))!;
    expect(nested.StackName).toMatch(/^sam-parent-Rotation-[A-Z0-9]+$/);
    expect(nested.ParentId).toBe(parent.StackId);
    expect(nested.RootId).toBe(parent.StackId);
    expect(tagMap(nested.Tags)).toMatchObject({ 'cloudmart:student': 'e2t', 'serverlessrepo:applicationId': ROTATION_APP });
    expect(output(parent, 'Lambda')).toBe('arn:aws:lambda:ap-northeast-2:123456789012:function:e2t-sam-rotation');
    expect(output(nested, 'RotationLambdaARN')).toBe(output(parent, 'Lambda'));
    // The nested stack's tags reach its function (cloudformation_lambda_function_tags), as the cleanup tags must:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html
    const tagged = (await tagging.send(new GetResourcesCommand({ ResourceARNList: [output(parent, 'Lambda')] }))).ResourceTagMappingList ?? [];
    expect(tagMap(tagged[0]?.Tags)).toMatchObject({ 'cloudmart:student': 'e2t', 'aws:cloudformation:stack-name': nested.StackName });
    const nestedTypes = (await stackResources(cloudformation, nestedId)).map((r) => r.ResourceType).sort();
    expect(nestedTypes).toEqual(['AWS::IAM::Role', 'AWS::Lambda::Function', 'AWS::Lambda::Permission']);
    const summaries = (await cloudformation.send(new ListStacksCommand({}))).StackSummaries ?? [];
    expect(summaries.find((s) => s.StackId === nestedId)).toMatchObject({ ParentId: parent.StackId, RootId: parent.StackId });

    // A changed application parameter updates the nested stack in place.
    await updateStack(cloudformation, 'sam-parent', samTemplate(ROTATION_APP, '/@"'));
    const updated = (await describeStack(cloudformation, nestedId))!;
    expect(updated.StackStatus).toBe('UPDATE_COMPLETE');
    expect(updated.Parameters?.find((p) => p.ParameterKey === 'excludeCharacters')?.ParameterValue).toBe('/@"');

    await deleteStack(cloudformation, 'sam-parent');
    expect((await describeStack(cloudformation, nestedId))?.StackStatus ?? 'DELETE_COMPLETE').toBe('DELETE_COMPLETE');
  });

  it('fails for an application the emulator holds no copy of, with one sentence naming it', async () => {
    const { cloudformation } = handle().clients;
    const other = 'arn:aws:serverlessrepo:us-east-1:123456789012:applications/SomethingElse';
    const created = await createStack(cloudformation, 'sam-unknown', samTemplate(other)).catch(() => undefined);
    expect(created?.StackStatus).not.toBe('CREATE_COMPLETE');
    const events = (await cloudformation.send(new DescribeStackEventsCommand({ StackName: 'sam-unknown' })).catch(() => ({ StackEvents: [] }))).StackEvents ?? [];
    const failed = events.find((e) => e.LogicalResourceId === 'Rotation' && e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.ResourceStatusReason).toContain(`holds no copy of application ${other}.`);
  });
});
