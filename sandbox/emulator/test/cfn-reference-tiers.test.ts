// The synthesized reference stacks (production profile) deployed into the emulator by
// CloudFormation in the CDK's order (Network, Data, App, Frontend, Observability, Backup):
// the App, Frontend, Observability and Backup stacks reach CREATE_COMPLETE with every
// resource present and read back as the collectors read it; an update of a property takes
// effect; DeleteStack in reverse order removes them (what the templates retain stays, as on
// AWS). Exercises cloudformation_autoscaling_scaling_policy, cloudformation_autoscaling_group,
// cloudformation_ec2_security_group_egress, cloudformation_ec2_network_tags,
// cloudformation_elbv2_properties, cloudformation_s3_bucket_policy,
// cloudformation_s3_bucket_properties, cloudformation_sns_topic_policy,
// cloudformation_sns_topic_tags, cloudformation_cloudfront_distribution,
// cloudformation_cloudwatch_alarm, cloudformation_cloudwatch_dashboard_tags and
// cloudformation_backup_resources together.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DescribeAutoScalingGroupsCommand, DescribePoliciesCommand } from '@aws-sdk/client-auto-scaling';
import { GetBackupPlanCommand, GetBackupSelectionCommand, ListBackupPlansCommand, ListBackupSelectionsCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import type { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { GetDistributionCommand, ListDistributionsCommand, ListOriginAccessControlsCommand, ListTagsForResourceCommand as CloudFrontTags } from '@aws-sdk/client-cloudfront';
import { DescribeAlarmsCommand, ListTagsForResourceCommand as CloudWatchTags } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand, ListTagsForResourceCommand as LogsTags } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetInstanceProfileCommand, ListRoleTagsCommand } from '@aws-sdk/client-iam';
import { ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import { GetBucketPolicyCommand, GetPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand, ListTagsForResourceCommand as SnsTags } from '@aws-sdk/client-sns';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReferenceApp, synthesizeTemplates, type CloudFormationTemplate } from '../../../stacks/app';
import { createStack, deleteStack, describeStack, output, stackResources, tagMap, updateStack } from './cfn-data-support';
import { REGION, useEmulator } from './patch-helpers';

const STUDENT = 'e3ref';
const TIERS = ['Network', 'Data', 'App', 'Frontend', 'Observability', 'Backup'] as const;
type Tier = (typeof TIERS)[number];
const MINE: readonly Tier[] = ['App', 'Frontend', 'Observability', 'Backup'];
const stackName = (tier: Tier) => `CloudMart-${STUDENT}-${tier}`;
const STUDENT_TAGS = { 'cloudmart:student': STUDENT, 'cloudmart:expires-at': '2030-01-01T00:00:00Z' };

const handle = useEmulator();
let templates: Record<string, CloudFormationTemplate>;
/** Physical ids by tier, then by logical id. */
const ids: Partial<Record<Tier, Record<string, string>>> = {};

beforeAll(async () => {
  const bundle = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-bundle-'));
  writeFileSync(path.join(bundle, 'install.sh'), '#!/bin/bash\n');
  const reference = buildReferenceApp({
    student: STUDENT,
    profile: 'production',
    expiresAt: STUDENT_TAGS['cloudmart:expires-at'],
    workloadBundleDir: bundle,
    nag: false,
    builtinValidation: false,
    outdir: mkdtempSync(path.join(os.tmpdir(), 'cloudmart-cdk-out-')),
  });
  templates = synthesizeTemplates(reference.app);
  // The templates' BootstrapVersion parameter reads the SSM parameter `cdk bootstrap` writes:
  // https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping-env.html
  await handle().clients.ssm.send(new PutParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version', Value: '30', Type: 'String' }));
}, 120_000);

function logicalIdsOf(tier: Tier, type: string): string[] {
  return Object.entries(templates[stackName(tier)]!.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id);
}

function one(tier: Tier, type: string): string {
  const found = logicalIdsOf(tier, type);
  expect(found, `${tier} ${type}`).toHaveLength(1);
  return ids[tier]![found[0]!]!;
}

function byId(resources: StackResourceSummary[]): Record<string, string> {
  return Object.fromEntries(resources.map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]));
}

describe('the reference App, Frontend, Observability and Backup stacks, deployed by CloudFormation into the emulator', () => {
  it('creates the six stacks in order; each of the four tiers has every resource of its template, with a physical id', async () => {
    const { cloudformation } = handle().clients;
    for (const tier of TIERS) {
      const stack = await createStack(cloudformation, stackName(tier), templates[stackName(tier)]!);
      expect(stack.StackStatus, `${tier}: ${stack.StackStatusReason ?? ''}`).toBe('CREATE_COMPLETE');
      const resources = await stackResources(cloudformation, stackName(tier));
      ids[tier] = byId(resources);
      if (!MINE.includes(tier)) continue; // Network and Data are tested in cfn-data-reference.test.ts
      expect(Object.keys(ids[tier]!).sort(), tier).toEqual(Object.keys(templates[stackName(tier)]!.Resources).sort());
      for (const [logicalId, physicalId] of Object.entries(ids[tier]!)) expect(physicalId, `${tier} ${logicalId}`).toBeTruthy();
    }
  });

  it('Network: security group egress as CDK wrote it (no default allow-all), the flow log, tagged gateways and route tables', async () => {
    const { ec2 } = handle().clients;
    const groups = Object.fromEntries(
      ((await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: logicalIdsOf('Network', 'AWS::EC2::SecurityGroup').map((l) => ids.Network![l]!) }))).SecurityGroups ?? []).map(
        (g) => [g.GroupId!, g],
      ),
    );
    const group = (prefix: string) => groups[ids.Network![logicalIdsOf('Network', 'AWS::EC2::SecurityGroup').find((l) => l.startsWith(prefix))!]!]!;
    const [app, db, cache] = [group('SecurityGroupsApp'), group('SecurityGroupsDatabase'), group('SecurityGroupsCache')];
    // "The default rule is removed only when you specify one or more egress rules":
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html
    for (const closed of [db, cache]) expect(closed.IpPermissionsEgress).toEqual([expect.objectContaining({ IpProtocol: 'icmp', IpRanges: [expect.objectContaining({ CidrIp: '255.255.255.255/32' })] })]);
    const egress = app.IpPermissionsEgress ?? [];
    expect(egress.find((p) => p.IpProtocol === '-1')).toBeUndefined();
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html
    expect(egress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ FromPort: 443, ToPort: 443 }),
        expect.objectContaining({ FromPort: 5433, UserIdGroupPairs: [expect.objectContaining({ GroupId: db.GroupId })] }),
        expect.objectContaining({ FromPort: 6380, UserIdGroupPairs: [expect.objectContaining({ GroupId: cache.GroupId })] }),
      ]),
    );
    expect(db.IpPermissions).toEqual([expect.objectContaining({ FromPort: 5433, UserIdGroupPairs: [expect.objectContaining({ GroupId: app.GroupId })] })]);

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-flowlog.html
    const vpc = one('Network', 'AWS::EC2::VPC');
    const [flowLog] = (await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpc] }] }))).FlowLogs ?? [];
    expect(flowLog).toMatchObject({ ResourceId: vpc, TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', LogGroupName: one('Network', 'AWS::Logs::LogGroup') });
    expect(tagMap(flowLog!.Tags)).toMatchObject(STUDENT_TAGS);

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-routetable.html
    const igw = (await ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [one('Network', 'AWS::EC2::InternetGateway')] }))).InternetGateways![0]!;
    expect(tagMap(igw.Tags)).toMatchObject(STUDENT_TAGS);
    const nats = (await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: logicalIdsOf('Network', 'AWS::EC2::NatGateway').map((l) => ids.Network![l]!) }))).NatGateways ?? [];
    expect(nats).toHaveLength(2);
    for (const nat of nats) expect(tagMap(nat.Tags)).toMatchObject(STUDENT_TAGS);
    const tables = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: logicalIdsOf('Network', 'AWS::EC2::RouteTable').map((l) => ids.Network![l]!) }))).RouteTables ?? [];
    expect(tables).toHaveLength(6);
    for (const table of tables) expect(tagMap(table.Tags)).toMatchObject(STUDENT_TAGS);
  });

  it('App: the group in both AZs behind the target group, balanced, with its launch template version, tags, metrics and two target tracking policies', async () => {
    const { autoscaling, ec2, elbv2 } = handle().clients;
    const groupName = one('App', 'AWS::AutoScaling::AutoScalingGroup');
    const targetGroup = one('App', 'AWS::ElasticLoadBalancingV2::TargetGroup');
    const group = (await autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }))).AutoScalingGroups![0]!;
    expect(group).toMatchObject({ HealthCheckType: 'ELB', MinSize: 2, MaxSize: 4, TargetGroupARNs: [targetGroup] });
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: group.VPCZoneIdentifier!.split(',') }))).Subnets ?? [];
    expect(new Set(subnets.map((s) => s.AvailabilityZone)).size).toBe(2);
    expect(new Set(group.Instances!.map((i) => i.AvailabilityZone)).size).toBe(2);
    expect(group.Tags).toEqual(expect.arrayContaining([expect.objectContaining({ Key: 'cloudmart:student', Value: STUDENT, PropagateAtLaunch: true })]));
    expect(group.EnabledMetrics?.map((m) => m.Metric)).toContain('GroupInServiceInstances');

    // The launch template the checks read (ec2.imdsv2): IMDSv2, encrypted volumes, user data, instance profile.
    const launchTemplate = one('App', 'AWS::EC2::LaunchTemplate');
    expect(group.LaunchTemplate).toMatchObject({ LaunchTemplateId: launchTemplate, Version: '1' });
    const version = (await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: launchTemplate }))).LaunchTemplateVersions![0]!.LaunchTemplateData!;
    expect(version.MetadataOptions).toMatchObject({ HttpTokens: 'required' });
    expect(version.BlockDeviceMappings![0]!.Ebs).toMatchObject({ Encrypted: true });
    expect(version.UserData).toBeTruthy();
    const profile = one('App', 'AWS::IAM::InstanceProfile');
    expect(version.IamInstanceProfile!.Arn).toContain(`instance-profile/${profile}`);
    const instances = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: group.Instances!.map((i) => i.InstanceId!) }))).Reservations!.flatMap((r) => r.Instances ?? []);
    for (const instance of instances) expect(instance.MetadataOptions?.HttpTokens).toBe('required');

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-scalingpolicy.html
    const policies = (await autoscaling.send(new DescribePoliciesCommand({ AutoScalingGroupName: groupName }))).ScalingPolicies ?? [];
    expect(policies.map((p) => p.PolicyType)).toEqual(['TargetTrackingScaling', 'TargetTrackingScaling']);
    for (const logicalId of logicalIdsOf('App', 'AWS::AutoScaling::ScalingPolicy')) expect(policies.map((p) => p.PolicyARN)).toContain(ids.App![logicalId]);
    const requests = policies.find((p) => p.TargetTrackingConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType === 'ALBRequestCountPerTarget')!;
    const balancer = one('App', 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    const fullName = (arn: string, kind: string) => `${kind}/${arn.split(`:${kind}/`)[1]}`;
    expect(requests.TargetTrackingConfiguration!.PredefinedMetricSpecification!.ResourceLabel).toBe(`${fullName(balancer, 'loadbalancer').replace('loadbalancer/', '')}/${fullName(targetGroup, 'targetgroup')}`);
    for (const policy of policies) expect(policy.Alarms).toHaveLength(2);

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-loadbalancer.html
    const attributes = Object.fromEntries(((await elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: balancer }))).Attributes ?? []).map((a) => [a.Key!, a.Value!]));
    expect(attributes).toMatchObject({
      'access_logs.s3.enabled': 'true',
      'access_logs.s3.bucket': one('App', 'AWS::S3::Bucket'),
      'access_logs.s3.prefix': 'alb',
      'routing.http.drop_invalid_header_fields.enabled': 'true',
      'deletion_protection.enabled': 'false',
    });
    const lb = (await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [balancer] }))).LoadBalancers![0]!;
    expect(lb).toMatchObject({ Scheme: 'internet-facing', Type: 'application' });
    expect(lb.AvailabilityZones).toHaveLength(2);
    const listener = one('App', 'AWS::ElasticLoadBalancingV2::Listener');
    const [listed] = (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: balancer }))).Listeners ?? [];
    expect(listed).toMatchObject({ ListenerArn: listener, Port: 80, Protocol: 'HTTP', DefaultActions: [expect.objectContaining({ Type: 'forward', TargetGroupArn: targetGroup })] });
    const tg = (await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroup] }))).TargetGroups![0]!;
    expect(tg).toMatchObject({ HealthCheckPath: '/healthz', Port: 8080, Protocol: 'HTTP' });
    const tags = (await elbv2.send(new DescribeTagsCommand({ ResourceArns: [balancer, targetGroup, listener] }))).TagDescriptions ?? [];
    expect(tags).toHaveLength(3);
    for (const described of tags) expect(tagMap(described.Tags), described.ResourceArn).toMatchObject(STUDENT_TAGS);
  });

  it('App: the instance role’s tags, the log group’s retention, the alarm topic’s policy and tags, the log bucket', async () => {
    const { iam, logs, sns, s3 } = handle().clients;
    const role = one('App', 'AWS::IAM::Role');
    expect(tagMap((await iam.send(new ListRoleTagsCommand({ RoleName: role }))).Tags)).toMatchObject(STUDENT_TAGS);
    const profile = (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: one('App', 'AWS::IAM::InstanceProfile') }))).InstanceProfile!;
    expect(profile.Roles!.map((r) => r.RoleName)).toEqual([role]);
    const logGroup = one('App', 'AWS::Logs::LogGroup');
    const [group] = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroup }))).logGroups ?? [];
    expect(group).toMatchObject({ logGroupName: logGroup, retentionInDays: 90 });
    const arn = group!.arn!.replace(/:\*$/, '');
    expect((await logs.send(new LogsTags({ resourceArn: arn }))).tags).toMatchObject(STUDENT_TAGS);

    const topic = one('App', 'AWS::SNS::Topic');
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topicpolicy.html
    const policy = JSON.parse((await sns.send(new GetTopicAttributesCommand({ TopicArn: topic }))).Attributes!.Policy!) as { Statement: { Sid?: string }[] };
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['AllowPublishThroughSSLOnly']);
    expect(tagMap((await sns.send(new SnsTags({ ResourceArn: topic }))).Tags)).toMatchObject(STUDENT_TAGS);

    const bucket = one('App', 'AWS::S3::Bucket');
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucketpolicy.html
    const bucketPolicy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy!) as { Statement: { Effect: string; Condition?: unknown }[] };
    expect(bucketPolicy.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
  });

  it('Frontend: the distribution reaches its bucket through the OAC, redirects to HTTPS, is tagged; the bucket blocks public access and lets only CloudFront read', async () => {
    const { cloudfront, s3, cloudformation } = handle().clients;
    const distributionId = one('Frontend', 'AWS::CloudFront::Distribution');
    const { Distribution } = await cloudfront.send(new GetDistributionCommand({ Id: distributionId }));
    // Ref = id, GetAtt DomainName: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-distribution.html
    expect(output((await describeStack(cloudformation, stackName('Frontend')))!, 'SiteUrl')).toBe(`https://${Distribution!.DomainName}`);
    const config = Distribution!.DistributionConfig!;
    expect(config.DefaultCacheBehavior!.ViewerProtocolPolicy).toBe('redirect-to-https');
    const site = output((await describeStack(cloudformation, stackName('Frontend')))!, 'SiteBucket');
    expect(config.Origins!.Items![0]).toMatchObject({
      DomainName: `${site}.s3.${REGION}.amazonaws.com`,
      OriginAccessControlId: one('Frontend', 'AWS::CloudFront::OriginAccessControl'),
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    const tags = (await cloudfront.send(new CloudFrontTags({ Resource: Distribution!.ARN! }))).Tags!.Items ?? [];
    expect(tagMap(tags)).toMatchObject(STUDENT_TAGS);

    expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket: site }))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: site }))).Policy!) as { Statement: { Principal?: unknown; Condition?: Record<string, Record<string, string>> }[] };
    const read = policy.Statement.find((s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }))!;
    expect(read.Condition!.StringEquals!['AWS:SourceArn']).toBe(Distribution!.ARN);
  });

  it('Observability: twelve alarms on the deployment’s own resources with the topic as action, and the tagged dashboard', async () => {
    const { cloudwatch } = handle().clients;
    const alarmNames = logicalIdsOf('Observability', 'AWS::CloudWatch::Alarm').map((l) => ids.Observability![l]!);
    expect(alarmNames).toHaveLength(12);
    const alarms = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: alarmNames }))).MetricAlarms ?? [];
    expect(alarms).toHaveLength(12);
    const topic = one('App', 'AWS::SNS::Topic');
    for (const alarm of alarms) {
      expect(alarm.AlarmActions, alarm.AlarmName).toEqual([topic]);
      expect(alarm.OKActions, alarm.AlarmName).toEqual([topic]);
      expect(alarm.TreatMissingData, alarm.AlarmName).toBe('notBreaching');
    }
    // Dimensions as the collectors match them: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-alarm.html
    const balancer = one('App', 'AWS::ElasticLoadBalancingV2::LoadBalancer').split(':loadbalancer/')[1];
    const cpu = alarms.find((a) => a.MetricName === 'CPUUtilization' && a.Namespace === 'AWS/EC2')!;
    expect(cpu.Dimensions).toEqual([{ Name: 'AutoScalingGroupName', Value: one('App', 'AWS::AutoScaling::AutoScalingGroup') }]);
    const alb5xx = alarms.find((a) => a.MetricName === 'HTTPCode_ELB_5XX_Count')!;
    expect(alb5xx.Dimensions).toEqual([{ Name: 'LoadBalancer', Value: balancer }]);
    const latency = alarms.find((a) => a.MetricName === 'TargetResponseTime')!;
    expect(latency.ExtendedStatistic).toBe('p95');
    const database = alarms.find((a) => a.Namespace === 'AWS/RDS')!;
    expect(database.Dimensions).toEqual([{ Name: 'DBInstanceIdentifier', Value: one('Data', 'AWS::RDS::DBInstance') }]);
    for (const alarm of alarms) expect(tagMap((await cloudwatch.send(new CloudWatchTags({ ResourceARN: alarm.AlarmArn! }))).Tags)).toMatchObject(STUDENT_TAGS);

    const dashboard = one('Observability', 'AWS::CloudWatch::Dashboard');
    const arn = `arn:aws:cloudwatch::123456789012:dashboard/${dashboard}`;
    expect(tagMap((await cloudwatch.send(new CloudWatchTags({ ResourceARN: arn }))).Tags)).toMatchObject(STUDENT_TAGS);
  });

  it('Backup: the plan’s daily rule into the vault, the selection naming the deployment’s database with the backup role', async () => {
    const { backup } = handle().clients;
    const planId = one('Backup', 'AWS::Backup::BackupPlan');
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupplan.html
    const plan = await backup.send(new GetBackupPlanCommand({ BackupPlanId: planId }));
    expect(plan.BackupPlan!.Rules).toEqual([
      expect.objectContaining({ RuleName: 'Daily', TargetBackupVaultName: one('Backup', 'AWS::Backup::BackupVault'), ScheduleExpression: 'cron(0 18 * * ? *)', Lifecycle: { DeleteAfterDays: 35 } }),
    ]);
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupselection.html
    const selection = await backup.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: one('Backup', 'AWS::Backup::BackupSelection') }));
    const role = one('Backup', 'AWS::IAM::Role');
    expect(selection.BackupSelection!.IamRoleArn).toBe(`arn:aws:iam::123456789012:role/${role}`);
    expect(selection.BackupSelection!.Resources).toEqual([`arn:aws:rds:${REGION}:123456789012:db:${one('Data', 'AWS::RDS::DBInstance')}`]);
  });

  it('UpdateStack of a changed property takes effect: the App group’s MaxSize (policies kept) and an alarm’s threshold', async () => {
    const { cloudformation, autoscaling, cloudwatch } = handle().clients;
    const app = structuredClone(templates[stackName('App')]!);
    const asgId = logicalIdsOf('App', 'AWS::AutoScaling::AutoScalingGroup')[0]!;
    app.Resources[asgId]!.Properties!.MaxSize = '5';
    expect((await updateStack(cloudformation, stackName('App'), app)).StackStatus).toBe('UPDATE_COMPLETE');
    const groupName = one('App', 'AWS::AutoScaling::AutoScalingGroup');
    const group = (await autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }))).AutoScalingGroups![0]!;
    expect(group.MaxSize).toBe(5);
    expect((await autoscaling.send(new DescribePoliciesCommand({ AutoScalingGroupName: groupName }))).ScalingPolicies).toHaveLength(2);

    const observability = structuredClone(templates[stackName('Observability')]!);
    const cpuId = logicalIdsOf('Observability', 'AWS::CloudWatch::Alarm').find((l) => l.startsWith('ObservabilityAppCpuHigh'))!;
    observability.Resources[cpuId]!.Properties!.Threshold = 85;
    expect((await updateStack(cloudformation, stackName('Observability'), observability)).StackStatus).toBe('UPDATE_COMPLETE');
    const [alarm] = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [ids.Observability![cpuId]!] }))).MetricAlarms ?? [];
    expect(alarm!.Threshold).toBe(85);
  });

  it('DeleteStack in reverse order removes the four tiers’ resources; the vault and the frontend buckets stay (DeletionPolicy Retain, as on AWS)', async () => {
    const { cloudformation, autoscaling, backup, cloudfront, cloudwatch, elbv2, rds } = handle().clients;
    // Deletion protection (production) must be turned off first, as cleanup does.
    await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: one('Data', 'AWS::RDS::DBInstance'), DeletionProtection: false, ApplyImmediately: true }));
    for (const tier of [...TIERS].reverse()) {
      await deleteStack(cloudformation, stackName(tier));
      const left = await describeStack(cloudformation, stackName(tier));
      expect(left?.StackStatus ?? 'DELETE_COMPLETE', `${tier}: ${left?.StackStatusReason ?? ''}`).toBe('DELETE_COMPLETE');
    }
    expect((await autoscaling.send(new DescribeAutoScalingGroupsCommand({}))).AutoScalingGroups).toEqual([]);
    expect((await autoscaling.send(new DescribePoliciesCommand({}))).ScalingPolicies).toEqual([]);
    expect((await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms).toEqual([]);
    expect((await elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []).toEqual([]);
    expect((await elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? []).toEqual([]);
    expect((await cloudfront.send(new ListDistributionsCommand({}))).DistributionList?.Items ?? []).toEqual([]);
    expect((await cloudfront.send(new ListOriginAccessControlsCommand({}))).OriginAccessControlList?.Items ?? []).toEqual([]);
    const planId = one('Backup', 'AWS::Backup::BackupPlan');
    expect((await backup.send(new ListBackupPlansCommand({}))).BackupPlansList ?? []).toEqual([]);
    await expect(backup.send(new ListBackupSelectionsCommand({ BackupPlanId: planId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html
    expect((await backup.send(new ListBackupVaultsCommand({}))).BackupVaultList?.map((v) => v.BackupVaultName)).toEqual([one('Backup', 'AWS::Backup::BackupVault')]);
  });
});
