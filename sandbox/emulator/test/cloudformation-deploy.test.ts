// Patches ec2_launch_template_network_interface_groups.py, cloudformation_rds_default_port.py, cloudformation_iam_role_inline_policies.py,
// cloudformation_iam_role_managed_policies.py, cloudformation_ec2_flow_log_delete.py, cloudformation_s3_bucket_not_empty.py, cloudformation_generated_names.py, cloudformation_cdk_auto_delete_objects.py, cloudformation_template_url_endpoint.py, cloudformation_change_sets.py,
// cloudformation_create_failed.py, cloudformation_unsupported_types.py and
// cloudformation_stack_tags.py and cloudformation_update_without_handler.py, through the SDK: what the CDK CLI does when it deploys
// (publish the template to S3, CreateChangeSet with its URL, ExecuteChangeSet, read events).
import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListExportsCommand,
  UpdateStackCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { DescribeLogGroupsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, GetBucketTaggingCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeAddressesCommand,
  DescribeFlowLogsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { GetRolePolicyCommand, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { useEmulator, REGION } from './patch-helpers';

const handle = useEmulator();

async function stack(name: string): Promise<Stack> {
  const stacks = await handle().clients.cloudformation.send(new DescribeStacksCommand({ StackName: name }));
  return stacks.Stacks![0]!;
}

const topicTemplate = (exportName: string) => ({
  Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `${exportName}-logs`, RetentionInDays: 7 } } },
  Outputs: { LogsName: { Value: { Ref: 'Logs' }, Export: { Name: exportName } } },
});

describe('cloudformation_template_url_endpoint: a template published to the emulator S3', () => {
  it('CreateChangeSet reads a TemplateURL on the emulator endpoint, path style, as the CDK CLI sends it', async () => {
    const { clients, emulator } = handle();
    await clients.s3.send(new CreateBucketCommand({ Bucket: 'cdk-assets-url', CreateBucketConfiguration: { LocationConstraint: REGION } }));
    await clients.s3.send(new PutObjectCommand({ Bucket: 'cdk-assets-url', Key: 'abc.json', Body: JSON.stringify(topicTemplate('url-export')) }));
    // TemplateURL: "The URL of the file that contains the revised template ... located in an Amazon S3 bucket":
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html
    await clients.cloudformation.send(
      new CreateChangeSetCommand({ StackName: 'UrlStack', ChangeSetName: 'cs1', ChangeSetType: 'CREATE', TemplateURL: `${emulator.endpoint}/cdk-assets-url/abc.json` }),
    );
    await clients.cloudformation.send(new ExecuteChangeSetCommand({ StackName: 'UrlStack', ChangeSetName: 'cs1' }));
    expect((await stack('UrlStack')).StackStatus).toBe('CREATE_COMPLETE');
  });
});

describe('cloudformation_change_sets: a stack deployed through a change set', () => {
  it('has its outputs and exports once the CREATE change set ran, so the next stack can import them', async () => {
    const { cloudformation } = handle().clients;
    await cloudformation.send(new CreateChangeSetCommand({ StackName: 'CsExporter', ChangeSetName: 'c1', ChangeSetType: 'CREATE', TemplateBody: JSON.stringify(topicTemplate('cs-export')) }));
    await cloudformation.send(new ExecuteChangeSetCommand({ StackName: 'CsExporter', ChangeSetName: 'c1' }));
    // Exports exist once the exporting stack is created: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-exports.html
    const exporter = await stack('CsExporter');
    expect(exporter.StackStatus).toBe('CREATE_COMPLETE');
    expect(exporter.Outputs).toEqual([expect.objectContaining({ OutputKey: 'LogsName', OutputValue: 'cs-export-logs', ExportName: 'cs-export' })]);
    const exports = (await cloudformation.send(new ListExportsCommand({}))).Exports ?? [];
    expect(exports).toContainEqual(expect.objectContaining({ Name: 'cs-export', Value: 'cs-export-logs', ExportingStackId: exporter.StackId }));

    const importer = {
      Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Join': ['-', [{ 'Fn::ImportValue': 'cs-export' }, 'importer']] } } } },
    };
    await cloudformation.send(new CreateChangeSetCommand({ StackName: 'CsImporter', ChangeSetName: 'c1', ChangeSetType: 'CREATE', TemplateBody: JSON.stringify(importer) }));
    await cloudformation.send(new ExecuteChangeSetCommand({ StackName: 'CsImporter', ChangeSetName: 'c1' }));
    expect((await stack('CsImporter')).StackStatus).toBe('CREATE_COMPLETE');
  });

  it('an UPDATE change set changes the exports and the outputs', async () => {
    const { cloudformation } = handle().clients;
    await cloudformation.send(new CreateChangeSetCommand({ StackName: 'CsUpdated', ChangeSetName: 'c1', ChangeSetType: 'CREATE', TemplateBody: JSON.stringify(topicTemplate('upd-a')) }));
    await cloudformation.send(new ExecuteChangeSetCommand({ StackName: 'CsUpdated', ChangeSetName: 'c1' }));
    // "Updates a stack using the input information that was provided when the specified change set was created":
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ExecuteChangeSet.html
    await cloudformation.send(new CreateChangeSetCommand({ StackName: 'CsUpdated', ChangeSetName: 'c2', ChangeSetType: 'UPDATE', TemplateBody: JSON.stringify(topicTemplate('upd-b')) }));
    await cloudformation.send(new ExecuteChangeSetCommand({ StackName: 'CsUpdated', ChangeSetName: 'c2' }));
    const updated = await stack('CsUpdated');
    expect(updated.StackStatus).toBe('UPDATE_COMPLETE');
    expect(updated.Outputs?.[0]).toMatchObject({ OutputValue: 'upd-b-logs', ExportName: 'upd-b' });
    const names = ((await cloudformation.send(new ListExportsCommand({}))).Exports ?? []).map((e) => e.Name);
    expect(names).toContain('upd-b');
    expect(names).not.toContain('upd-a');
  });
});

describe('cloudformation_create_failed: a resource that cannot be created', () => {
  it('rolls the stack back to ROLLBACK_COMPLETE, names the resource and the service error in the events, and leaves nothing', async () => {
    const { cloudformation, ec2 } = handle().clients;
    const template = {
      Resources: {
        Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'rolled-back-logs' } },
        Broken: { Type: 'AWS::EC2::Subnet', DependsOn: 'Logs', Properties: { VpcId: 'vpc-0000000000000dead', CidrBlock: '10.9.0.0/24' } },
      },
    };
    // The API call succeeds, the failed resource gets CREATE_FAILED with the reason, the stack rolls back:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stack-failure-options.html
    await cloudformation.send(new CreateStackCommand({ StackName: 'Rollback', TemplateBody: JSON.stringify(template) }));
    const rolled = await stack('Rollback');
    expect(rolled.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(rolled.StackStatusReason).toBe('The following resource(s) failed to create: [Broken]. Rollback requested by user.');
    const events = (await cloudformation.send(new DescribeStackEventsCommand({ StackName: 'Rollback' }))).StackEvents ?? [];
    const failed = events.find((e) => e.ResourceStatus === 'CREATE_FAILED');
    expect(failed).toMatchObject({ LogicalResourceId: 'Broken', ResourceType: 'AWS::EC2::Subnet' });
    expect(failed?.ResourceStatusReason).toMatch(/vpc-0000000000000dead/);
    const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'cidr-block', Values: ['10.9.0.0/24'] }] }));
    expect(subnets.Subnets ?? []).toEqual([]);
  });
});

describe('cloudformation_unsupported_types: a type the emulator cannot create', () => {
  it('is refused with a ValidationError naming it, before anything is created', async () => {
    const { cloudformation } = handle().clients;
    const template = { Resources: { Fine: { Type: 'AWS::Logs::LogGroup' }, Unknown: { Type: 'AWS::Foo::Bar', Properties: {} } } };
    // "Template format error: Unrecognized resource types": https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html
    await expect(cloudformation.send(new CreateStackCommand({ StackName: 'Unsupported', TemplateBody: JSON.stringify(template) }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('Unrecognized resource types: [AWS::Foo::Bar]'),
    });
    await expect(
      cloudformation.send(new CreateChangeSetCommand({ StackName: 'Unsupported', ChangeSetName: 'c1', ChangeSetType: 'CREATE', TemplateBody: JSON.stringify(template) })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(cloudformation.send(new DescribeStacksCommand({ StackName: 'Unsupported' }))).rejects.toMatchObject({ name: 'ValidationError' });
  });
});

describe('cloudformation_unsupported_types: a custom resource no patch answers', () => {
  it('is refused instead of leaving the stack waiting for a Lambda provider the emulator cannot run', async () => {
    const { cloudformation } = handle().clients;
    const template = { Resources: { Mine: { Type: 'Custom::SomethingOfMine', Properties: { ServiceToken: 'arn:aws:lambda:ap-northeast-2:123456789012:function:nope' } } } };
    // A custom resource is answered by its provider: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html
    await expect(cloudformation.send(new CreateStackCommand({ StackName: 'CustomUnanswered', TemplateBody: JSON.stringify(template) }))).rejects.toMatchObject({
      message: expect.stringContaining('Custom::SomethingOfMine'),
    });
  });
});

describe('cloudformation_cdk_auto_delete_objects: the CDK lab profile bucket custom resource', () => {
  it('is created when its provider exists, and on stack deletion empties the tagged bucket so the bucket can go', async () => {
    const { clients } = handle();
    await clients.s3.send(new CreateBucketCommand({ Bucket: 'lambda-code', CreateBucketConfiguration: { LocationConstraint: REGION } }));
    await clients.s3.send(new PutObjectCommand({ Bucket: 'lambda-code', Key: 'handler.zip', Body: 'placeholder' }));
    const template = {
      Resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } },
        Provider: {
          Type: 'AWS::Lambda::Function',
          Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { S3Bucket: 'lambda-code', S3Key: 'handler.zip' } },
        },
        Site: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'auto-deleted-site', Tags: [{ Key: 'aws-cdk:auto-delete-objects', Value: 'true' }] } },
        AutoDelete: {
          Type: 'Custom::S3AutoDeleteObjects',
          DependsOn: ['Provider'],
          Properties: { ServiceToken: { 'Fn::GetAtt': ['Provider', 'Arn'] }, BucketName: { Ref: 'Site' } },
        },
      },
    };
    await clients.cloudformation.send(new CreateStackCommand({ StackName: 'AutoDelete', TemplateBody: JSON.stringify(template), Capabilities: ['CAPABILITY_IAM'] }));
    expect((await stack('AutoDelete')).StackStatus).toBe('CREATE_COMPLETE');
    await clients.s3.send(new PutObjectCommand({ Bucket: 'auto-deleted-site', Key: 'index.html', Body: '<h1>CloudMart</h1>' }));
    // aws-cdk-lib's handler (custom-resource-handlers/dist/aws-s3/auto-delete-objects-handler) empties a bucket tagged
    // aws-cdk:auto-delete-objects=true on Delete; CloudFormation sends Delete to the provider:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requesttypes-delete.html
    await clients.cloudformation.send(new DeleteStackCommand({ StackName: 'AutoDelete' }));
    await expect(clients.s3.send(new GetBucketTaggingCommand({ Bucket: 'auto-deleted-site' }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });
});

describe('cloudformation_stack_tags: stack-level tags on the resources', () => {
  it('a non-EC2 resource gets the stack tags and aws:cloudformation:stack-name/stack-id/logical-id; its own tags win', async () => {
    const { clients } = handle();
    const template = {
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'stack-tagged-bucket', Tags: [{ Key: 'team', Value: 'resource' }] } },
        Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'stack-tagged-logs' } },
      },
    };
    await clients.cloudformation.send(
      new CreateStackCommand({ StackName: 'Tagged', TemplateBody: JSON.stringify(template), Tags: [{ Key: 'cloudmart:student', Value: 'me' }, { Key: 'team', Value: 'stack' }] }),
    );
    const stackId = (await stack('Tagged')).StackId!;
    // "CloudFormation automatically creates the following stack-level tags with the aws: prefix":
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html
    const bucketTags = Object.fromEntries(((await clients.s3.send(new GetBucketTaggingCommand({ Bucket: 'stack-tagged-bucket' }))).TagSet ?? []).map((t) => [t.Key, t.Value]));
    expect(bucketTags).toEqual({
      team: 'resource',
      'cloudmart:student': 'me',
      'aws:cloudformation:stack-name': 'Tagged',
      'aws:cloudformation:stack-id': stackId,
      'aws:cloudformation:logical-id': 'Bucket',
    });
    const logTags = (await clients.logs.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:logs:${REGION}:123456789012:log-group:stack-tagged-logs` }))).tags;
    expect(logTags).toMatchObject({ 'cloudmart:student': 'me', 'aws:cloudformation:logical-id': 'Logs', 'aws:cloudformation:stack-name': 'Tagged' });
  });

  it('a resource added by UpdateStack gets them too', async () => {
    const { clients } = handle();
    await clients.cloudformation.send(new CreateStackCommand({ StackName: 'TaggedLater', TemplateBody: JSON.stringify(topicTemplate('later')), Tags: [{ Key: 'cloudmart:student', Value: 'me' }] }));
    const grown = topicTemplate('later') as { Resources: Record<string, unknown> };
    grown.Resources.Added = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'added-later-logs' } };
    await clients.cloudformation.send(new UpdateStackCommand({ StackName: 'TaggedLater', TemplateBody: JSON.stringify(grown) }));
    const tags = (await clients.logs.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:logs:${REGION}:123456789012:log-group:added-later-logs` }))).tags;
    expect(tags).toMatchObject({ 'aws:cloudformation:stack-name': 'TaggedLater', 'aws:cloudformation:logical-id': 'Added' });
  });
});

describe('cloudformation_update_without_handler: updating a resource moto cannot update in place', () => {
  it('keeps tracking it: the changed log group exists with the new retention, Ref and the export still resolve, DeleteStack removes it', async () => {
    const { clients } = handle();
    const template = (days: number) => ({
      Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'updated-in-place', RetentionInDays: days } } },
      Outputs: { LogsName: { Value: { Ref: 'Logs' }, Export: { Name: 'updated-in-place' } } },
    });
    await clients.cloudformation.send(new CreateStackCommand({ StackName: 'InPlace', TemplateBody: JSON.stringify(template(7)) }));
    // The stack keeps the resource through an update, in place or by replacement:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-update-behaviors.html
    await clients.cloudformation.send(new UpdateStackCommand({ StackName: 'InPlace', TemplateBody: JSON.stringify(template(14)) }));
    expect((await stack('InPlace')).Outputs?.[0]).toMatchObject({ OutputValue: 'updated-in-place', ExportName: 'updated-in-place' });
    const groups = await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'updated-in-place' }));
    expect(groups.logGroups?.map((g) => g.retentionInDays)).toEqual([14]);
    await clients.cloudformation.send(new DeleteStackCommand({ StackName: 'InPlace' }));
    expect((await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'updated-in-place' }))).logGroups).toEqual([]);
  });
});

describe('cloudformation_generated_names: a name CloudFormation makes up fits the type', () => {
  it('a DB instance of a stack with a long name gets an identifier of at most 63 characters that ends in a letter or digit', async () => {
    const { clients } = handle();
    const template = {
      Resources: {
        DatabasePostgres277EF4CB: {
          Type: 'AWS::RDS::DBInstance',
          Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20', MasterUsername: 'cloudmart', MasterUserPassword: 'not-a-real-password-1' },
        },
      },
    };
    // Generated names follow the type's naming constraints: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html
    // DBInstanceIdentifier: 1-63 characters, no trailing hyphen: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
    await clients.cloudformation.send(new CreateStackCommand({ StackName: 'CloudMart-a-twenty-char-student-Data', TemplateBody: JSON.stringify(template) }));
    expect((await stack('CloudMart-a-twenty-char-student-Data')).StackStatus).toBe('CREATE_COMPLETE');
    const dbs = (await clients.rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? [];
    const id = dbs.map((d) => d.DBInstanceIdentifier!).find((name) => /twenty-char/i.test(name));
    expect(id).toBeDefined();
    expect(id!.length).toBeLessThanOrEqual(63);
    expect(id).toMatch(/^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/);
    expect(id).not.toContain('--');
  });
});

describe('cloudformation_s3_bucket_not_empty: a stack whose bucket still holds objects', () => {
  it('ends DELETE_FAILED naming the bucket, and the bucket and its objects stay (no silent DELETE_COMPLETE)', async () => {
    const { clients } = handle();
    const template = { Resources: { Full: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'still-holds-objects' } } } };
    await clients.cloudformation.send(new CreateStackCommand({ StackName: 'FullBucket', TemplateBody: JSON.stringify(template) }));
    await clients.s3.send(new PutObjectCommand({ Bucket: 'still-holds-objects', Key: 'index.html', Body: 'x' }));
    // DeleteBucket refuses a bucket with objects (BucketNotEmpty): https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html
    await clients.cloudformation.send(new DeleteStackCommand({ StackName: 'FullBucket' }));
    const failed = await stack('FullBucket');
    expect(failed.StackStatus).toBe('DELETE_FAILED');
    expect(failed.StackStatusReason).toContain('Full');
    await expect(clients.s3.send(new GetBucketTaggingCommand({ Bucket: 'still-holds-objects' }))).resolves.toBeDefined();
  });
});

describe('cloudformation_ec2_flow_log_delete: a stack with a VPC flow log', () => {
  it('DeleteStack deletes the flow log too (no ACTIVE flow log left on a deleted VPC)', async () => {
    const { clients } = handle();
    const template = {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.77.0.0/16' } },
        Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'flow-log-stack' } },
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } },
        Flow: {
          Type: 'AWS::EC2::FlowLog',
          Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: { Ref: 'Logs' }, DeliverLogsPermissionArn: { 'Fn::GetAtt': ['Role', 'Arn'] } },
        },
      },
    };
    await clients.cloudformation.send(new CreateStackCommand({ StackName: 'FlowLogged', TemplateBody: JSON.stringify(template), Capabilities: ['CAPABILITY_IAM'] }));
    const vpcId = (await clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'cidr-block', Values: ['10.77.0.0/16'] }] }))).Vpcs![0]!.VpcId!;
    const byVpc = [{ Name: 'resource-id', Values: [vpcId] }];
    expect((await clients.ec2.send(new DescribeFlowLogsCommand({ Filter: byVpc }))).FlowLogs).toHaveLength(1);
    // AWS::EC2::FlowLog is a stack resource like any other: deleted with the stack (DeleteFlowLogs):
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-flowlog.html
    await clients.cloudformation.send(new DeleteStackCommand({ StackName: 'FlowLogged' }));
    expect((await clients.ec2.send(new DescribeFlowLogsCommand({ Filter: byVpc }))).FlowLogs).toEqual([]);
  });
});

describe('cloudformation_iam_role_managed_policies: a role with ManagedPolicyArns', () => {
  it('has them attached, and an update attaches the added ones and detaches the removed ones', async () => {
    const { clients } = handle();
    const role = (arns: string[]) => ({
      Resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'stack-managed-policies', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] }, ManagedPolicyArns: arns } },
      },
    });
    const attached = async () =>
      ((await clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'stack-managed-policies' }))).AttachedPolicies ?? []).map((p) => p.PolicyArn).sort();
    // ManagedPolicyArns: the managed policies attached to the role:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html
    await clients.cloudformation.send(
      new CreateStackCommand({ StackName: 'ManagedPolicies', TemplateBody: JSON.stringify(role(['arn:aws:iam::aws:policy/AdministratorAccess'])), Capabilities: ['CAPABILITY_NAMED_IAM'] }),
    );
    expect(await attached()).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    await clients.cloudformation.send(
      new UpdateStackCommand({ StackName: 'ManagedPolicies', TemplateBody: JSON.stringify(role(['arn:aws:iam::aws:policy/ReadOnlyAccess'])), Capabilities: ['CAPABILITY_NAMED_IAM'] }),
    );
    expect(await attached()).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    // DeleteRole needs the policies detached first; CloudFormation's handler does it: https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html
    await clients.cloudformation.send(new DeleteStackCommand({ StackName: 'ManagedPolicies' }));
    await expect(clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'stack-managed-policies' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

describe("what a student's own template leaves to the defaults", () => {
  it('cloudformation_rds_default_port: a PostgreSQL instance without Port listens on 5432, not MySQL 3306', async () => {
    const { clients } = handle();
    const template = {
      Resources: {
        Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceIdentifier: 'student-default-port', Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20', MasterUsername: 'u', MasterUserPassword: 'not-a-real-password-2' } },
      },
    };
    await clients.cloudformation.send(new CreateStackCommand({ StackName: 'DefaultPort', TemplateBody: JSON.stringify(template) }));
    // CreateDBInstance Port default: PostgreSQL 5432: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
    const db = (await clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'student-default-port' }))).DBInstances![0]!;
    expect(db.Endpoint?.Port).toBe(5432);
  });

  it('cloudformation_iam_role_inline_policies: GetRolePolicy answers the inline policy as a JSON document', async () => {
    const { clients } = handle();
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    const template = {
      Resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'student-inline-policy', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] }, Policies: [{ PolicyName: 'read', PolicyDocument: document }] } },
      },
    };
    await clients.cloudformation.send(new CreateStackCommand({ StackName: 'InlinePolicy', TemplateBody: JSON.stringify(template), Capabilities: ['CAPABILITY_NAMED_IAM'] }));
    // GetRolePolicy returns the policy document (URL-encoded JSON): https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html
    const got = await clients.iam.send(new GetRolePolicyCommand({ RoleName: 'student-inline-policy', PolicyName: 'read' }));
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument!))).toEqual(document);
  });

  it('cloudformation_stack_tags: an Elastic IP gets the stack tags', async () => {
    const { clients } = handle();
    await clients.cloudformation.send(
      new CreateStackCommand({ StackName: 'TaggedEip', TemplateBody: JSON.stringify({ Resources: { Ip: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } } } }), Tags: [{ Key: 'cloudmart:student', Value: 'eip-owner' }] }),
    );
    // Stack-level tags propagate to the stack's resources: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html
    const addresses = (await clients.ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: 'tag:cloudmart:student', Values: ['eip-owner'] }] }))).Addresses ?? [];
    expect(addresses).toHaveLength(1);
    expect(addresses[0]!.Tags).toEqual(expect.arrayContaining([{ Key: 'aws:cloudformation:stack-name', Value: 'TaggedEip' }]));
  });
});

describe('ec2_launch_template_network_interface_groups: a template whose groups are on its network interface', () => {
  it('launches instances in those groups (as the reference launch template does for the ASG)', async () => {
    const { ec2 } = handle().clients;
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.88.0.0/16' }))).Vpc!.VpcId!;
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.88.1.0/24', AvailabilityZone: `${REGION}a` }))).Subnet!.SubnetId!;
    const group = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'app-on-eni', Description: 'app', VpcId: vpc }))).GroupId!;
    const template = await ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'groups-on-interface',
        LaunchTemplateData: { ImageId: 'ami-12345678', InstanceType: 't3.micro', NetworkInterfaces: [{ DeviceIndex: 0, Groups: [group], SubnetId: subnet }] },
      }),
    );
    // With a network interface, the security groups are the interface's: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html
    const run = await ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateId: template.LaunchTemplate!.LaunchTemplateId! }, SubnetId: subnet }));
    expect(run.Instances![0]!.SecurityGroups?.map((g) => g.GroupId)).toEqual([group]);
  });
});
