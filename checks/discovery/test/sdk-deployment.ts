// A compact CloudMart-shaped deployment, created in the emulator through the AWS SDK,
// for the discovery / collector / cleanup tests (the full scenarios live in
// sandbox/scenarios/). Everything carries the student's cleanup tags unless a test asks
// otherwise; one CloudFormation stack holds a log group and an SNS topic that carry no
// tag (found, and deleted, only through the stack).
import { AutoScalingClient, CreateAutoScalingGroupCommand, PutScalingPolicyCommand } from '@aws-sdk/client-auto-scaling';
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand } from '@aws-sdk/client-backup';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient, CreateDistributionWithTagsCommand } from '@aws-sdk/client-cloudfront';
import { CloudWatchClient, PutDashboardCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateInternetGatewayCommand,
  CreateLaunchTemplateCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  type ResourceType,
} from '@aws-sdk/client-ec2';
import { CreateCacheSubnetGroupCommand, CreateReplicationGroupCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateDBInstanceCommand, CreateDBSubnetGroupCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateBucketCommand, PutBucketTaggingCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';

export interface Target {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface TestDeploymentOptions {
  /** Second octet of the VPC CIDR (10.<n>.0.0/16), so two deployments do not look alike. */
  cidrOctet?: number;
  /** Also create the stack `CloudMart-<student>-Extra` (untagged log group + SNS topic, and a tagged log group it retains). */
  stack?: boolean;
  /** Leave the cleanup tags off (a resource set that must never be found or deleted). */
  untagged?: boolean;
  /** Minutes until cloudmart:expires-at (negative: already expired). */
  expiresInMinutes?: number;
  /** Create the Redis replication group (default true; moto never finishes deleting one, so cleanup tests leave it out). */
  redis?: boolean;
  /** Tag the extra stack itself with the cleanup tags (default: as `untagged` says). */
  tagStack?: boolean;
}

export interface TestDeployment {
  student: string;
  vpcId: string;
  subnetIds: { publicA: string; publicC: string; privateA: string; privateC: string };
  securityGroupIds: { alb: string; app: string; db: string; cache: string };
  natGatewayId: string;
  allocationId: string;
  internetGatewayId: string;
  loadBalancerArn: string;
  targetGroupArn: string;
  launchTemplateId: string;
  autoScalingGroupName: string;
  dbInstanceIdentifier: string;
  replicationGroupId: string;
  bucket: string;
  distributionId: string;
  alarmNames: string[];
  dashboardName: string;
  logGroupName: string;
  flowLogGroupName: string;
  backupPlanId: string;
  instanceProfileName: string;
  roleName: string;
  stackName?: string;
}

export function clientsFor(target: Target) {
  const config = () => ({ endpoint: target.endpoint, region: target.region, credentials: { ...target.credentials }, maxAttempts: 3 });
  return {
    ec2: new EC2Client(config()),
    elbv2: new ElasticLoadBalancingV2Client(config()),
    autoscaling: new AutoScalingClient(config()),
    rds: new RDSClient(config()),
    elasticache: new ElastiCacheClient(config()),
    s3: new S3Client({ ...config(), forcePathStyle: true }),
    cloudfront: new CloudFrontClient(config()),
    cloudwatch: new CloudWatchClient(config()),
    logs: new CloudWatchLogsClient(config()),
    backup: new BackupClient(config()),
    iam: new IAMClient(config()),
    sns: new SNSClient(config()),
    cloudformation: new CloudFormationClient(config()),
  };
}

export async function createTestDeployment(target: Target, student: string, options: TestDeploymentOptions = {}): Promise<TestDeployment> {
  const c = clientsFor(target);
  const octet = options.cidrOctet ?? 0;
  const expiresAt = new Date(Date.now() + (options.expiresInMinutes ?? 60) * 60_000).toISOString();
  const tags: Record<string, string> = options.untagged ? { Name: `untagged-${student}` } : { 'cloudmart:student': student, 'cloudmart:expires-at': expiresAt };
  const tagList = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  const spec = (type: ResourceType, name: string) => [{ ResourceType: type, Tags: [...tagList, { Key: 'Name', Value: name }] }];
  const azA = `${target.region}a`;
  const azC = `${target.region}c`;

  // ---- network
  const vpcId = (await c.ec2.send(new CreateVpcCommand({ CidrBlock: `10.${octet}.0.0/16`, TagSpecifications: spec('vpc', `${student}-vpc`) }))).Vpc!.VpcId!;
  const subnet = async (cidr: string, az: string, name: string) =>
    (await c.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az, TagSpecifications: spec('subnet', name) }))).Subnet!.SubnetId!;
  const [publicA, publicC, privateA, privateC] = await Promise.all([
    subnet(`10.${octet}.0.0/24`, azA, 'public-a'),
    subnet(`10.${octet}.1.0/24`, azC, 'public-c'),
    subnet(`10.${octet}.2.0/24`, azA, 'private-a'),
    subnet(`10.${octet}.3.0/24`, azC, 'private-c'),
  ]);
  const internetGatewayId = (await c.ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: spec('internet-gateway', 'igw') }))).InternetGateway!.InternetGatewayId!;
  await c.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: internetGatewayId, VpcId: vpcId }));
  const allocationId = (await c.ec2.send(new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: spec('elastic-ip', 'nat-eip') }))).AllocationId!;
  const natGatewayId = (await c.ec2.send(new CreateNatGatewayCommand({ SubnetId: publicA, AllocationId: allocationId, TagSpecifications: spec('natgateway', 'nat-a') })))
    .NatGateway!.NatGatewayId!;
  const publicRt = (await c.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: spec('route-table', 'public') }))).RouteTable!.RouteTableId!;
  const privateRt = (await c.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: spec('route-table', 'private') }))).RouteTable!.RouteTableId!;
  await Promise.all([
    c.ec2.send(new CreateRouteCommand({ RouteTableId: publicRt, DestinationCidrBlock: '0.0.0.0/0', GatewayId: internetGatewayId })),
    c.ec2.send(new CreateRouteCommand({ RouteTableId: privateRt, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natGatewayId })),
    c.ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicRt, SubnetId: publicA })),
    c.ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicRt, SubnetId: publicC })),
    c.ec2.send(new AssociateRouteTableCommand({ RouteTableId: privateRt, SubnetId: privateA })),
    c.ec2.send(new AssociateRouteTableCommand({ RouteTableId: privateRt, SubnetId: privateC })),
  ]);
  const group = async (name: string) =>
    (await c.ec2.send(new CreateSecurityGroupCommand({ GroupName: `${student}-${name}`, Description: name, VpcId: vpcId, TagSpecifications: spec('security-group', name) }))).GroupId!;
  const [alb, app, db, cache] = await Promise.all([group('alb'), group('app'), group('db'), group('cache')]);
  const fromGroup = (groupId: string, port: number, source: string) =>
    c.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: source }] }] }));
  await Promise.all([
    c.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: alb,
        IpPermissions: [80, 443].map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: '0.0.0.0/0' }] })),
      }),
    ),
    fromGroup(app, 8080, alb),
    fromGroup(db, 5432, app),
    fromGroup(cache, 6379, app),
  ]);

  // ---- logs (the app's log group, and one for the VPC flow log, found through the flow log)
  const logGroupName = `/cloudmart/${student}/api`;
  const flowLogGroupName = `/cloudmart/${student}/vpc-flow`;
  await c.logs.send(new CreateLogGroupCommand({ logGroupName, tags }));
  await c.logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 14 }));
  await c.logs.send(new CreateLogGroupCommand({ logGroupName: flowLogGroupName }));
  await c.ec2.send(
    new CreateFlowLogsCommand({
      ResourceIds: [vpcId],
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogGroupName: flowLogGroupName,
      DeliverLogsPermissionArn: `arn:aws:iam::123456789012:role/flow-logs`,
    }),
  );

  // ---- load balancing
  const loadBalancerArn = (
    await c.elbv2.send(new CreateLoadBalancerCommand({ Name: `cm-${student}-alb`, Subnets: [publicA, publicC], SecurityGroups: [alb], Scheme: 'internet-facing', Type: 'application', Tags: tagList }))
  ).LoadBalancers![0]!.LoadBalancerArn!;
  const targetGroupArn = (
    await c.elbv2.send(new CreateTargetGroupCommand({ Name: `cm-${student}-api`, Protocol: 'HTTP', Port: 8080, VpcId: vpcId, TargetType: 'instance', HealthCheckPath: '/health', Tags: tagList }))
  ).TargetGroups![0]!.TargetGroupArn!;
  await c.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: loadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }] }));

  // ---- identity, launch template, Auto Scaling group
  const roleName = `CloudMart-${student}-AppRole`;
  const instanceProfileName = `CloudMart-${student}-AppProfile`;
  await c.iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      Tags: tagList,
    }),
  );
  await c.iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: 'read-secret',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }),
    }),
  );
  const profile = (await c.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: instanceProfileName, Tags: tagList }))).InstanceProfile!;
  await c.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: instanceProfileName, RoleName: roleName }));
  const launchTemplateId = (
    await c.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: `CloudMart-${student}-api`,
        LaunchTemplateData: {
          ImageId: 'ami-12c6146b',
          InstanceType: 't3.micro',
          IamInstanceProfile: { Arn: profile.Arn },
          MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
          SecurityGroupIds: [app],
          UserData: Buffer.from('#!/bin/bash\necho start\n').toString('base64'),
        },
        TagSpecifications: spec('launch-template', 'api'),
      }),
    )
  ).LaunchTemplate!.LaunchTemplateId!;
  const autoScalingGroupName = `CloudMart-${student}-api`;
  await c.autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: autoScalingGroupName,
      LaunchTemplate: { LaunchTemplateId: launchTemplateId, Version: '$Default' },
      MinSize: 2,
      MaxSize: 4,
      DesiredCapacity: 2,
      VPCZoneIdentifier: `${privateA},${privateC}`,
      TargetGroupARNs: [targetGroupArn],
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 60,
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value, PropagateAtLaunch: true })),
    }),
  );
  await c.autoscaling.send(
    new PutScalingPolicyCommand({
      AutoScalingGroupName: autoScalingGroupName,
      // Unique per student: moto keys scaling policies by name alone (AWS: per group).
      PolicyName: `cpu50-${student}`,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 },
    }),
  );

  // ---- data tier
  const dbInstanceIdentifier = `cloudmart-${student}-db`;
  await c.rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: `cloudmart-${student}-db-subnets`, DBSubnetGroupDescription: 'db', SubnetIds: [privateA, privateC], Tags: tagList }));
  await c.rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: dbInstanceIdentifier,
      Engine: 'postgres',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      MasterUsername: 'cloudmart',
      MasterUserPassword: 'not-a-real-password-1',
      MultiAZ: true,
      StorageEncrypted: true,
      DBSubnetGroupName: `cloudmart-${student}-db-subnets`,
      VpcSecurityGroupIds: [db],
      BackupRetentionPeriod: 7,
      Tags: tagList,
    }),
  );
  const replicationGroupId = `cm-${student}-redis`;
  if (options.redis !== false) await createRedis();
  async function createRedis() {
    await c.elasticache.send(new CreateCacheSubnetGroupCommand({ CacheSubnetGroupName: `cloudmart-${student}-cache`, CacheSubnetGroupDescription: 'cache', SubnetIds: [privateA, privateC], Tags: tagList }));
    await c.elasticache.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: replicationGroupId,
        ReplicationGroupDescription: 'cache',
        Engine: 'redis',
        CacheNodeType: 'cache.t3.micro',
        NumCacheClusters: 2,
        AutomaticFailoverEnabled: true,
        MultiAZEnabled: true,
        CacheSubnetGroupName: `cloudmart-${student}-cache`,
        SecurityGroupIds: [cache],
        Tags: tagList,
      }),
    );
  }

  // ---- frontend
  const bucket = `cloudmart-${student}-frontend`;
  const s3tags = { TagSet: tagList };
  await c.s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: target.region as never } }));
  await c.s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: s3tags }));
  await c.s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } }));
  const distributionId = (
    await c.cloudfront.send(
      new CreateDistributionWithTagsCommand({
        DistributionConfigWithTags: {
          DistributionConfig: {
            CallerReference: `${student}-frontend`,
            Comment: `frontend of ${student}`,
            Enabled: true,
            DefaultRootObject: 'index.html',
            Origins: { Quantity: 1, Items: [{ Id: 's3', DomainName: `${bucket}.s3.${target.region}.amazonaws.com`, S3OriginConfig: { OriginAccessIdentity: '' } }] },
            DefaultCacheBehavior: { TargetOriginId: 's3', ViewerProtocolPolicy: 'redirect-to-https', MinTTL: 0, ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } } },
          },
          Tags: { Items: tagList },
        },
      }),
    )
  ).Distribution!.Id!;

  // ---- monitoring: one tagged alarm, one found only by its dimension, a dashboard naming the ASG
  const topicArn = (await c.sns.send(new CreateTopicCommand({ Name: `CloudMart-${student}-alarms`, Tags: tagList }))).TopicArn!;
  const alarmNames = [`CloudMart-${student}-asg-cpu`, `CloudMart-${student}-rds-cpu`];
  await c.cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: alarmNames[0],
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'AutoScalingGroupName', Value: autoScalingGroupName }],
      Statistic: 'Average',
      Period: 60,
      EvaluationPeriods: 3,
      Threshold: 80,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [topicArn],
      Tags: tagList,
    }),
  );
  await c.cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: alarmNames[1],
      Namespace: 'AWS/RDS',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: dbInstanceIdentifier }],
      Statistic: 'Average',
      Period: 60,
      EvaluationPeriods: 3,
      Threshold: 80,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [topicArn],
    }),
  );
  const dashboardName = `CloudMart-${student}`;
  await c.cloudwatch.send(
    new PutDashboardCommand({
      DashboardName: dashboardName,
      DashboardBody: JSON.stringify({
        widgets: [{ type: 'metric', properties: { region: target.region, metrics: [['AWS/EC2', 'CPUUtilization', 'AutoScalingGroupName', autoScalingGroupName]] } }],
      }),
    }),
  );

  // ---- backup
  await c.backup.send(new CreateBackupVaultCommand({ BackupVaultName: `CloudMart-${student}-vault`, BackupVaultTags: tags }));
  const backupPlanId = (
    await c.backup.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: `CloudMart-${student}-daily`,
          Rules: [{ RuleName: 'daily', TargetBackupVaultName: `CloudMart-${student}-vault`, ScheduleExpression: 'cron(0 3 * * ? *)', Lifecycle: { DeleteAfterDays: 7 } }],
        },
        BackupPlanTags: tags,
      }),
    )
  ).BackupPlanId!;

  // ---- a stack with untagged resources
  let stackName: string | undefined;
  if (options.stack) {
    stackName = `CloudMart-${student}-Extra`;
    await c.cloudformation.send(
      new CreateStackCommand({
        StackName: stackName,
        ...((options.tagStack ?? !options.untagged) ? { Tags: tagList } : {}),
        TemplateBody: JSON.stringify({
          Resources: {
            AuditLogs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/cloudmart/${student}/audit`, RetentionInDays: 7 } },
            Notices: { Type: 'AWS::SNS::Topic', Properties: { TopicName: `CloudMart-${student}-notices` } },
            // Kept by CloudFormation when the stack goes (as CDK keeps buckets and databases by default).
            KeptLogs: {
              Type: 'AWS::Logs::LogGroup',
              DeletionPolicy: 'Retain',
              Properties: { LogGroupName: `/cloudmart/${student}/kept`, Tags: options.untagged ? [] : tagList },
            },
          },
        }),
      }),
    );
  }

  for (const client of Object.values(c)) client.destroy();
  return {
    student,
    vpcId,
    subnetIds: { publicA, publicC, privateA, privateC },
    securityGroupIds: { alb, app, db, cache },
    natGatewayId,
    allocationId,
    internetGatewayId,
    loadBalancerArn,
    targetGroupArn,
    launchTemplateId,
    autoScalingGroupName,
    dbInstanceIdentifier,
    replicationGroupId,
    bucket,
    distributionId,
    alarmNames,
    dashboardName,
    logGroupName,
    flowLogGroupName,
    backupPlanId,
    instanceProfileName,
    roleName,
    ...(stackName ? { stackName } : {}),
  };
}
