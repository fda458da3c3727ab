// The CloudFormation patches of the App, Frontend, Observability and Backup tiers, through the
// SDK: each type is created, updated and deleted by a small stack, and read back with the
// service's own API as the collectors read it. The whole synthesized reference is in
// cfn-reference-tiers.test.ts.
import { DescribeAutoScalingGroupsCommand, DescribePoliciesCommand } from '@aws-sdk/client-auto-scaling';
import { GetBackupPlanCommand, GetBackupSelectionCommand, ListBackupPlansCommand, ListBackupSelectionsCommand } from '@aws-sdk/client-backup';
import { DescribeStackResourcesCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { GetDistributionCommand, GetOriginAccessControlCommand, ListDistributionsCommand, ListTagsForResourceCommand as CloudFrontTags } from '@aws-sdk/client-cloudfront';
import { DescribeAlarmsCommand, ListTagsForResourceCommand as CloudWatchTags } from '@aws-sdk/client-cloudwatch';
import { DescribeInternetGatewaysCommand, DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetBucketLifecycleConfigurationCommand, GetBucketPolicyCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetTopicAttributesCommand, ListTagsForResourceCommand as SnsTags, ListTopicsCommand } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import * as support from './cfn-data-support';
import { REGION, smallNetwork, useEmulator } from './patch-helpers';

const handle = useEmulator();
const ACCOUNT = '123456789012';
const TAGS = [
  { Key: 'cloudmart:student', Value: 'kim' },
  { Key: 'cloudmart:expires-at', Value: '2030-01-01T00:00:00Z' },
];

type Template = { Resources: Record<string, unknown>; Outputs?: Record<string, unknown> };

const createStack = (name: string, template: Template) => support.createStack(handle().clients.cloudformation, name, template);
const updateStack = (name: string, template: Template) => support.updateStack(handle().clients.cloudformation, name, template);
const deleteStack = (name: string) => support.deleteStack(handle().clients.cloudformation, name);
const describeStackOrGone = async (name: string) => (await support.describeStack(handle().clients.cloudformation, name))?.StackStatus;

async function physicalIds(name: string): Promise<Record<string, string>> {
  const resources = await support.stackResources(handle().clients.cloudformation, name);
  return Object.fromEntries(resources.map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]));
}

function output(stack: Stack, key: string): string | undefined {
  return stack.Outputs?.find((o) => o.OutputKey === key)?.OutputValue;
}

describe('cloudformation_ec2_security_group_egress: egress rules of a stack', () => {
  function template(port: number): Template {
    return {
      Resources: {
        Db: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            GroupDescription: 'db',
            VpcId: '{{vpc}}',
            // CDK's allowAllOutbound: false
            SecurityGroupEgress: [{ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic', FromPort: 252, IpProtocol: 'icmp', ToPort: 86 }],
          },
        },
        App: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: { GroupDescription: 'app', VpcId: '{{vpc}}', SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 }] },
        },
        AppToDb: {
          Type: 'AWS::EC2::SecurityGroupEgress',
          Properties: { GroupId: { 'Fn::GetAtt': ['App', 'GroupId'] }, DestinationSecurityGroupId: { 'Fn::GetAtt': ['Db', 'GroupId'] }, IpProtocol: 'tcp', FromPort: port, ToPort: port, Description: 'PostgreSQL' },
        },
        DbFromApp: {
          Type: 'AWS::EC2::SecurityGroupIngress',
          Properties: { GroupId: { 'Fn::GetAtt': ['Db', 'GroupId'] }, SourceSecurityGroupId: { 'Fn::GetAtt': ['App', 'GroupId'] }, IpProtocol: 'tcp', FromPort: port, ToPort: port },
        },
      },
    };
  }

  it('replaces the default egress with the template’s, adds the egress resource, updates and revokes it', async () => {
    const { ec2 } = handle().clients;
    const { vpcId } = await smallNetwork(handle().clients);
    const body = (port: number) => JSON.parse(JSON.stringify(template(port)).replaceAll('{{vpc}}', vpcId)) as Template;
    // "The default rule is removed only when you specify one or more egress rules":
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html
    const stack = await createStack('sg-egress', body(5432));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const ids = await physicalIds('sg-egress');
    expect(ids.AppToDb).toMatch(/^sgr-/);
    const groups = async () =>
      Object.fromEntries(((await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [ids.Db!, ids.App!] }))).SecurityGroups ?? []).map((g) => [g.GroupId!, g]));
    let found = await groups();
    expect(found[ids.Db!]!.IpPermissionsEgress).toEqual([
      expect.objectContaining({ IpProtocol: 'icmp', FromPort: 252, ToPort: 86, IpRanges: [{ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' }] }),
    ]);
    const appEgress = found[ids.App!]!.IpPermissionsEgress ?? [];
    expect(appEgress.some((p) => p.IpRanges?.some((r) => r.CidrIp === '0.0.0.0/0') && p.IpProtocol === '-1')).toBe(false);
    expect(appEgress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
        expect.objectContaining({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [expect.objectContaining({ GroupId: ids.Db, Description: 'PostgreSQL' })] }),
      ]),
    );

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html
    await updateStack('sg-egress', body(5433));
    found = await groups();
    const ports = (found[ids.App!]!.IpPermissionsEgress ?? []).map((p) => p.FromPort);
    expect(ports).toContain(5433);
    expect(ports).not.toContain(5432);

    await deleteStack('sg-egress');
    const left = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).SecurityGroups ?? [];
    expect(left.map((g) => g.GroupId)).not.toContain(ids.App);
    expect(left.map((g) => g.GroupId)).not.toContain(ids.Db);
  });
});

describe('cloudformation_elbv2_properties: load balancer, target group and listener of a stack', () => {
  function template(vpcId: string, subnets: string[], group: string, dropInvalid: string, tagValue: string): Template {
    const tags = [{ Key: 'cloudmart:student', Value: tagValue }];
    return {
      Resources: {
        Alb: {
          Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          Properties: {
            Type: 'application',
            Scheme: 'internet-facing',
            Subnets: subnets,
            SecurityGroups: [group],
            LoadBalancerAttributes: [
              { Key: 'deletion_protection.enabled', Value: 'false' },
              { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: dropInvalid },
            ],
            Tags: tags,
          },
        },
        Api: {
          Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          Properties: {
            VpcId: vpcId,
            Port: 8080,
            Protocol: 'HTTP',
            TargetType: 'instance',
            HealthCheckPath: '/healthz',
            HealthCheckIntervalSeconds: 15,
            TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
            Tags: tags,
          },
        },
        Http: {
          Type: 'AWS::ElasticLoadBalancingV2::Listener',
          Properties: { LoadBalancerArn: { Ref: 'Alb' }, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Api' } }], Tags: tags },
        },
      },
      Outputs: {
        AlbFullName: { Value: { 'Fn::GetAtt': ['Alb', 'LoadBalancerFullName'] } },
        ApiFullName: { Value: { 'Fn::GetAtt': ['Api', 'TargetGroupFullName'] } },
        Zone: { Value: { 'Fn::GetAtt': ['Alb', 'CanonicalHostedZoneID'] } },
        ListenerArn: { Value: { 'Fn::GetAtt': ['Http', 'ListenerArn'] } },
      },
    };
  }

  it('keeps tags, attributes and health checks, answers the full names, updates in place and deletes all three', async () => {
    const { elbv2 } = handle().clients;
    const net = await smallNetwork(handle().clients);
    const subnets = [net.subnets.a, net.subnets.b];
    // Ref/GetAtt: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-loadbalancer.html
    const stack = await createStack('alb', template(net.vpcId, subnets, net.groupId, 'true', 'kim'));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const ids = await physicalIds('alb');
    const balancer = (await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [ids.Alb!] }))).LoadBalancers![0]!;
    expect(balancer.Type).toBe('application');
    expect(output(stack, 'AlbFullName')).toBe(ids.Alb!.split(':loadbalancer/')[1]);
    expect(output(stack, 'AlbFullName')).toMatch(/^app\/[^/]+\/[0-9a-f]+$/);
    expect(output(stack, 'ApiFullName')).toMatch(/^targetgroup\/[^/]+\/[0-9a-f]+$/);
    // ALB hosted zone of ap-northeast-2: https://docs.aws.amazon.com/general/latest/gr/elb.html
    expect(output(stack, 'Zone')).toBe('ZWKZPGTI48KDX');
    expect(output(stack, 'ListenerArn')).toBe(ids.Http);

    const attributes = async () =>
      Object.fromEntries(((await elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: ids.Alb! }))).Attributes ?? []).map((a) => [a.Key!, a.Value!]));
    expect(await attributes()).toMatchObject({ 'routing.http.drop_invalid_header_fields.enabled': 'true', 'deletion_protection.enabled': 'false' });
    const groupAttributes = (await elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: ids.Api! }))).Attributes ?? [];
    expect(groupAttributes).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: '30' });
    const group = (await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [ids.Api!] }))).TargetGroups![0]!;
    expect(group).toMatchObject({ HealthCheckPath: '/healthz', HealthCheckIntervalSeconds: 15, LoadBalancerArns: [ids.Alb] });
    const listener = (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: ids.Alb! }))).Listeners![0]!;
    expect(listener.DefaultActions).toEqual([expect.objectContaining({ Type: 'forward', TargetGroupArn: ids.Api })]);
    const tagsOf = async () =>
      Object.fromEntries(
        ((await elbv2.send(new DescribeTagsCommand({ ResourceArns: [ids.Alb!, ids.Api!, ids.Http!] }))).TagDescriptions ?? []).map((d) => [d.ResourceArn!, d.Tags]),
      );
    for (const tags of Object.values(await tagsOf())) expect(tags).toContainEqual({ Key: 'cloudmart:student', Value: 'kim' });

    await updateStack('alb', template(net.vpcId, subnets, net.groupId, 'false', 'lee'));
    expect((await physicalIds('alb')).Alb).toBe(ids.Alb);
    expect((await attributes())['routing.http.drop_invalid_header_fields.enabled']).toBe('false');
    for (const tags of Object.values(await tagsOf())) expect(tags?.filter((t) => !t.Key!.startsWith('aws:'))).toEqual([{ Key: 'cloudmart:student', Value: 'lee' }]);

    await deleteStack('alb');
    expect((await elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers?.map((b) => b.LoadBalancerArn)).not.toContain(ids.Alb);
    expect((await elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups?.map((g) => g.TargetGroupArn) ?? []).not.toContain(ids.Api);
  });
});

describe('cloudformation_s3_bucket_policy and cloudformation_s3_bucket_properties: a bucket of a stack', () => {
  function template(sid: string): Template {
    return {
      Resources: {
        Site: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
            VersioningConfiguration: { Status: 'Enabled' },
            LifecycleConfiguration: { Rules: [{ Id: 'expire-old-versions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } }] },
            Tags: TAGS,
          },
        },
        SitePolicy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: { Ref: 'Site' },
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: sid,
                  Effect: 'Deny',
                  Principal: { AWS: '*' },
                  Action: 's3:*',
                  Resource: [{ 'Fn::GetAtt': ['Site', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Site', 'Arn'] }, '/*']] }],
                  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                },
              ],
            },
          },
        },
      },
    };
  }

  it('applies the policy through PutBucketPolicy, blocks public access, versions and expires, updates the policy and deletes it', async () => {
    const { s3 } = handle().clients;
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucketpolicy.html
    expect((await createStack('bucket', template('TlsOnly'))).StackStatus).toBe('CREATE_COMPLETE');
    const ids = await physicalIds('bucket');
    expect(ids.SitePolicy).toBe(ids.Site);
    const policy = async () => JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: ids.Site! }))).Policy!) as { Statement: { Sid: string }[] };
    expect((await policy()).Statement.map((s) => s.Sid)).toEqual(['TlsOnly']);
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html
    expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket: ids.Site! }))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: ids.Site! }))).Status).toBe('Enabled');
    const rules = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: ids.Site! }))).Rules ?? [];
    expect(rules).toEqual([expect.objectContaining({ ID: 'expire-old-versions', Status: 'Enabled', NoncurrentVersionExpiration: expect.objectContaining({ NoncurrentDays: 30 }) })]);

    await updateStack('bucket', template('TlsOnlyV2'));
    expect((await policy()).Statement.map((s) => s.Sid)).toEqual(['TlsOnlyV2']);

    const noPolicy = { Resources: { Site: (template('x').Resources as Record<string, unknown>).Site } };
    await updateStack('bucket', noPolicy);
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: ids.Site! }))).rejects.toMatchObject({ name: 'NoSuchBucketPolicy' });
    await deleteStack('bucket');
  });
});

describe('cloudformation_sns_topic_policy and cloudformation_sns_topic_tags: the alarm topic of a stack', () => {
  function template(display: string, withPolicy: boolean): Template {
    return {
      Resources: {
        Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: display, Tags: TAGS } },
        ...(withPolicy
          ? {
              TopicPolicy: {
                Type: 'AWS::SNS::TopicPolicy',
                Properties: {
                  Topics: [{ Ref: 'Topic' }],
                  PolicyDocument: {
                    Version: '2012-10-17',
                    Statement: [{ Sid: 'AllowPublishThroughSSLOnly', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: { Ref: 'Topic' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
                  },
                },
              },
            }
          : {}),
      },
    };
  }

  it('sets the topic’s Policy, keeps its tags, updates in place (same ARN) and gives back the default policy', async () => {
    const { sns } = handle().clients;
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topicpolicy.html
    expect((await createStack('topic', template('alarms', true))).StackStatus).toBe('CREATE_COMPLETE');
    const arn = (await physicalIds('topic')).Topic!;
    const policy = async () => JSON.parse((await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes!.Policy!) as { Statement: { Sid: string }[] };
    expect((await policy()).Statement.map((s) => s.Sid)).toEqual(['AllowPublishThroughSSLOnly']);
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topic.html
    expect((await sns.send(new SnsTags({ ResourceArn: arn }))).Tags).toEqual(expect.arrayContaining(TAGS));

    await updateStack('topic', template('CloudMart alarms', false));
    expect((await physicalIds('topic')).Topic).toBe(arn);
    expect((await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes!.DisplayName).toBe('CloudMart alarms');
    expect((await policy()).Statement.map((s) => s.Sid)).not.toContain('AllowPublishThroughSSLOnly');
    expect((await sns.send(new SnsTags({ ResourceArn: arn }))).Tags).toEqual(expect.arrayContaining(TAGS));
    await deleteStack('topic');
  });
});

describe('cloudformation_cloudfront_distribution: distribution and origin access control of a stack', () => {
  function template(comment: string): Template {
    return {
      Resources: {
        Site: { Type: 'AWS::S3::Bucket', Properties: {} },
        Oac: {
          Type: 'AWS::CloudFront::OriginAccessControl',
          Properties: { OriginAccessControlConfig: { Name: 'site-oac', OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' } },
        },
        Cdn: {
          Type: 'AWS::CloudFront::Distribution',
          Properties: {
            DistributionConfig: {
              Comment: comment,
              Enabled: true,
              DefaultRootObject: 'index.html',
              HttpVersion: 'http2and3',
              IPV6Enabled: true,
              PriceClass: 'PriceClass_200',
              CustomErrorResponses: [{ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 10 }],
              DefaultCacheBehavior: { TargetOriginId: 'site', ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'], CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6', Compress: true },
              Origins: [
                {
                  Id: 'site',
                  DomainName: { 'Fn::GetAtt': ['Site', 'RegionalDomainName'] },
                  OriginAccessControlId: { 'Fn::GetAtt': ['Oac', 'Id'] },
                  S3OriginConfig: { OriginAccessIdentity: '' },
                },
              ],
            },
            Tags: TAGS,
          },
        },
      },
      Outputs: { Domain: { Value: { 'Fn::GetAtt': ['Cdn', 'DomainName'] } }, Id: { Value: { Ref: 'Cdn' } } },
    };
  }

  it('creates them through the patched CloudFront backend (answered from us-east-1 too), updates in place and deletes both', async () => {
    const { cloudfront } = handle().clients;
    // Ref = id, GetAtt DomainName: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-distribution.html
    const stack = await createStack('frontend', template('shop'));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const ids = await physicalIds('frontend');
    expect(output(stack, 'Id')).toBe(ids.Cdn);
    const { Distribution } = await cloudfront.send(new GetDistributionCommand({ Id: ids.Cdn! }));
    expect(output(stack, 'Domain')).toBe(Distribution!.DomainName);
    expect(Distribution!.DomainName).toMatch(/\.cloudfront\.net$/);
    const config = Distribution!.DistributionConfig!;
    expect(config).toMatchObject({ Comment: 'shop', IsIPV6Enabled: true, HttpVersion: 'http2and3', PriceClass: 'PriceClass_200', DefaultRootObject: 'index.html' });
    expect(config.DefaultCacheBehavior!.ViewerProtocolPolicy).toBe('redirect-to-https');
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-originaccesscontrol.html
    expect(config.Origins!.Items![0]).toMatchObject({ Id: 'site', OriginAccessControlId: ids.Oac, S3OriginConfig: { OriginAccessIdentity: '' } });
    expect((await cloudfront.send(new GetOriginAccessControlCommand({ Id: ids.Oac! }))).OriginAccessControl!.OriginAccessControlConfig!.SigningBehavior).toBe('always');
    const arn = `arn:aws:cloudfront::${ACCOUNT}:distribution/${ids.Cdn}`;
    expect((await cloudfront.send(new CloudFrontTags({ Resource: arn }))).Tags!.Items).toEqual(expect.arrayContaining(TAGS));

    await updateStack('frontend', template('shop v2'));
    expect((await physicalIds('frontend')).Cdn).toBe(ids.Cdn);
    expect((await cloudfront.send(new GetDistributionCommand({ Id: ids.Cdn! }))).Distribution!.DistributionConfig!.Comment).toBe('shop v2');

    await deleteStack('frontend');
    expect((await cloudfront.send(new ListDistributionsCommand({}))).DistributionList?.Items?.map((d) => d.Id) ?? []).not.toContain(ids.Cdn);
    await expect(cloudfront.send(new GetOriginAccessControlCommand({ Id: ids.Oac! }))).rejects.toMatchObject({ name: 'NoSuchOriginAccessControl' });
  });
});

describe('cloudformation_cloudwatch_alarm and cloudformation_cloudwatch_dashboard_tags: alarms and dashboard of a stack', () => {
  function template(threshold: number, name: string): Template {
    return {
      Resources: {
        CpuHigh: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            AlarmName: name,
            Namespace: 'AWS/EC2',
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'asg-1' }],
            Statistic: 'Average',
            Period: 300,
            EvaluationPeriods: 2,
            Threshold: threshold,
            ComparisonOperator: 'GreaterThanThreshold',
            TreatMissingData: 'notBreaching',
            AlarmActions: [`arn:aws:sns:${REGION}:${ACCOUNT}:alarms`],
            OKActions: [`arn:aws:sns:${REGION}:${ACCOUNT}:alarms`],
            Tags: TAGS,
          },
        },
        Latency: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            Namespace: 'AWS/ApplicationELB',
            MetricName: 'TargetResponseTime',
            Dimensions: [{ Name: 'LoadBalancer', Value: 'app/alb/123' }],
            ExtendedStatistic: 'p95',
            Period: 60,
            EvaluationPeriods: 3,
            Threshold: 1,
            ComparisonOperator: 'GreaterThanThreshold',
          },
        },
        Board: { Type: 'AWS::CloudWatch::Dashboard', Properties: { DashboardName: 'shop', DashboardBody: '{"widgets":[]}', Tags: TAGS } },
      },
      Outputs: { CpuArn: { Value: { 'Fn::GetAtt': ['CpuHigh', 'Arn'] } }, CpuName: { Value: { Ref: 'CpuHigh' } } },
    };
  }

  it('creates the alarms as PutMetricAlarm would, tags them and the dashboard, updates, renames (replacement) and deletes them', async () => {
    const { cloudwatch } = handle().clients;
    // Ref = name, GetAtt Arn: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-alarm.html
    const stack = await createStack('alarms', template(80, 'shop-CpuHigh'));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(output(stack, 'CpuName')).toBe('shop-CpuHigh');
    const alarms = async () => (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
    const cpu = (await alarms()).find((a) => a.AlarmName === 'shop-CpuHigh')!;
    expect(output(stack, 'CpuArn')).toBe(cpu.AlarmArn);
    expect(cpu).toMatchObject({
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'asg-1' }],
      Statistic: 'Average',
      Period: 300,
      EvaluationPeriods: 2,
      Threshold: 80,
      TreatMissingData: 'notBreaching',
      ActionsEnabled: true,
      AlarmActions: [`arn:aws:sns:${REGION}:${ACCOUNT}:alarms`],
      OKActions: [`arn:aws:sns:${REGION}:${ACCOUNT}:alarms`],
    });
    const latency = (await alarms()).find((a) => a.MetricName === 'TargetResponseTime')!;
    expect(latency.AlarmName).toMatch(/^alarms-Latency-/); // a generated name
    expect(latency.ExtendedStatistic).toBe('p95');
    expect((await cloudwatch.send(new CloudWatchTags({ ResourceARN: cpu.AlarmArn! }))).Tags).toEqual(expect.arrayContaining(TAGS));
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-dashboard.html
    const board = `arn:aws:cloudwatch::${ACCOUNT}:dashboard/shop`;
    expect((await cloudwatch.send(new CloudWatchTags({ ResourceARN: board }))).Tags).toEqual(expect.arrayContaining(TAGS));

    await updateStack('alarms', template(70, 'shop-CpuHigh'));
    expect((await alarms()).find((a) => a.AlarmName === 'shop-CpuHigh')!.Threshold).toBe(70);
    await updateStack('alarms', template(70, 'shop-CpuHigh-2'));
    expect((await alarms()).map((a) => a.AlarmName)).toEqual(expect.arrayContaining(['shop-CpuHigh-2']));
    expect((await alarms()).map((a) => a.AlarmName)).not.toContain('shop-CpuHigh');
    expect((await cloudwatch.send(new CloudWatchTags({ ResourceARN: board }))).Tags).toEqual(expect.arrayContaining(TAGS));

    await deleteStack('alarms');
    expect(await alarms()).toEqual([]);
  });
});

describe('cloudformation_backup_resources: vault, plan and selection of a stack', () => {
  function template(deleteAfterDays: number): Template {
    return {
      Resources: {
        Vault: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'shop-vault', BackupVaultTags: { 'cloudmart:student': 'kim' } } },
        Plan: {
          Type: 'AWS::Backup::BackupPlan',
          Properties: {
            BackupPlan: {
              BackupPlanName: 'shop-plan',
              BackupPlanRule: [
                { RuleName: 'Daily', TargetBackupVault: { 'Fn::GetAtt': ['Vault', 'BackupVaultName'] }, ScheduleExpression: 'cron(0 18 * * ? *)', StartWindowMinutes: 60, Lifecycle: { DeleteAfterDays: deleteAfterDays } },
              ],
            },
            BackupPlanTags: { 'cloudmart:student': 'kim' },
          },
        },
        Selection: {
          Type: 'AWS::Backup::BackupSelection',
          Properties: {
            BackupPlanId: { Ref: 'Plan' },
            BackupSelection: { SelectionName: 'Database', IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, Resources: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:shop`] },
          },
        },
      },
      Outputs: {
        PlanId: { Value: { 'Fn::GetAtt': ['Plan', 'BackupPlanId'] } },
        PlanArn: { Value: { 'Fn::GetAtt': ['Plan', 'BackupPlanArn'] } },
        Version: { Value: { 'Fn::GetAtt': ['Plan', 'VersionId'] } },
        SelectionId: { Value: { 'Fn::GetAtt': ['Selection', 'SelectionId'] } },
        VaultArn: { Value: { 'Fn::GetAtt': ['Vault', 'BackupVaultArn'] } },
      },
    };
  }

  it('creates them through the Backup API’s path, gives a new VersionId on update, and deletes the selection before the plan', async () => {
    const { backup } = handle().clients;
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupplan.html
    const stack = await createStack('backup', template(35));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const ids = await physicalIds('backup');
    const planId = output(stack, 'PlanId')!;
    expect(ids.Plan).toBe(planId);
    expect(ids.Vault).toBe('shop-vault');
    expect(output(stack, 'VaultArn')).toBe(`arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:shop-vault`);
    const plan = await backup.send(new GetBackupPlanCommand({ BackupPlanId: planId }));
    expect(plan.VersionId).toBe(output(stack, 'Version'));
    expect(plan.BackupPlan!.Rules).toEqual([expect.objectContaining({ RuleName: 'Daily', TargetBackupVaultName: 'shop-vault', ScheduleExpression: 'cron(0 18 * * ? *)', Lifecycle: { DeleteAfterDays: 35 } })]);
    const tagged = (await handle().clients.tagging.send(new GetResourcesCommand({ ResourceARNList: [output(stack, 'PlanArn')!, output(stack, 'VaultArn')!] }))).ResourceTagMappingList ?? [];
    expect(tagged.map((t) => t.ResourceARN).sort()).toEqual([output(stack, 'PlanArn'), output(stack, 'VaultArn')].sort());
    for (const t of tagged) expect(t.Tags).toContainEqual({ Key: 'cloudmart:student', Value: 'kim' });
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupselection.html
    const selection = await backup.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: output(stack, 'SelectionId')! }));
    expect(ids.Selection).toBe(selection.SelectionId);
    expect(selection.BackupSelection).toMatchObject({ SelectionName: 'Database', IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, Resources: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:shop`] });

    const updated = await updateStack('backup', template(14));
    expect(output(updated, 'PlanId')).toBe(planId);
    expect(output(updated, 'Version')).not.toBe(output(stack, 'Version'));
    expect((await backup.send(new GetBackupPlanCommand({ BackupPlanId: planId }))).BackupPlan!.Rules![0]!.Lifecycle).toEqual({ DeleteAfterDays: 14 });

    // "Related backup plan selections must be deleted prior to backup plan deletion":
    // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DeleteBackupPlan.html
    await deleteStack('backup');
    expect((await describeStackOrGone('backup')) ?? 'DELETE_COMPLETE').toBe('DELETE_COMPLETE');
    expect((await backup.send(new ListBackupPlansCommand({}))).BackupPlansList?.map((p) => p.BackupPlanId) ?? []).not.toContain(planId);
    await expect(backup.send(new ListBackupSelectionsCommand({ BackupPlanId: planId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('backup_plan_name_reuse: the stack deploys again after DeleteStack (a deleted plan’s name is free), while a live plan’s name is still refused', async () => {
    const { backup } = handle().clients;
    const renamed = (vault: string) => JSON.parse(JSON.stringify(template(35)).replaceAll('shop-vault', vault)) as Template;
    expect((await createStack('backup-again', renamed('again-vault'))).StackStatus).toBe('CREATE_COMPLETE');
    await deleteStack('backup-again');
    // DeleteBackupPlan deletes it; AlreadyExistsException is for "a plan that already exists":
    // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupPlan.html
    expect((await createStack('backup-again', renamed('again-vault-2'))).StackStatus).toBe('CREATE_COMPLETE');
    const deleted = (await backup.send(new ListBackupPlansCommand({ IncludeDeleted: true }))).BackupPlansList ?? [];
    expect(deleted.filter((p) => p.BackupPlanName === 'shop-plan' && p.DeletionDate)).not.toHaveLength(0);
    // A second live plan of the same name is refused (the stack rolls back).
    await createStack('backup-twin', renamed('twin-vault')).catch(() => undefined);
    expect(await describeStackOrGone('backup-twin')).not.toBe('CREATE_COMPLETE');
    const live = (await backup.send(new ListBackupPlansCommand({}))).BackupPlansList ?? [];
    expect(live.filter((p) => p.BackupPlanName === 'shop-plan')).toHaveLength(1);
    await deleteStack('backup-again');
  });
});

describe('cloudformation_autoscaling_scaling_policy and cloudformation_autoscaling_group: the App stack’s group', () => {
  function template(subnets: string[], maxSize: string, target: number): Template {
    return {
      Resources: {
        Lt: {
          Type: 'AWS::EC2::LaunchTemplate',
          Properties: { LaunchTemplateData: { ImageId: 'ami-12c6146b', InstanceType: 't3.micro', MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 } } },
        },
        Asg: {
          Type: 'AWS::AutoScaling::AutoScalingGroup',
          Properties: {
            MinSize: '2',
            MaxSize: maxSize,
            VPCZoneIdentifier: subnets,
            HealthCheckType: 'ELB',
            HealthCheckGracePeriod: 300,
            LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] } },
            MetricsCollection: [{ Granularity: '1Minute' }],
            Tags: [{ Key: 'cloudmart:student', Value: 'kim', PropagateAtLaunch: true }],
          },
        },
        CpuTarget: {
          Type: 'AWS::AutoScaling::ScalingPolicy',
          Properties: {
            AutoScalingGroupName: { Ref: 'Asg' },
            PolicyType: 'TargetTrackingScaling',
            TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: target },
          },
        },
      },
      Outputs: { PolicyArn: { Value: { Ref: 'CpuTarget' } } },
    };
  }

  it('puts the policy (with the AlarmHigh/AlarmLow alarms), enables group metrics, updates the group in place and deletes both', async () => {
    const { autoscaling, cloudwatch } = handle().clients;
    const net = await smallNetwork(handle().clients);
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-scalingpolicy.html
    const stack = await createStack('asg', template([net.subnets.a, net.subnets.b], '4', 50));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const ids = await physicalIds('asg');
    const policies = async () => (await autoscaling.send(new DescribePoliciesCommand({ AutoScalingGroupName: ids.Asg! }))).ScalingPolicies ?? [];
    const [policy] = await policies();
    expect(output(stack, 'PolicyArn')).toBe(policy!.PolicyARN);
    expect(ids.CpuTarget).toBe(policy!.PolicyARN);
    expect(policy!.TargetTrackingConfiguration).toMatchObject({ PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 });
    expect(policy!.Alarms?.map((a) => a.AlarmName)).toEqual([expect.stringContaining('-AlarmHigh-'), expect.stringContaining('-AlarmLow-')]);
    const group = async () => (await autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [ids.Asg!] }))).AutoScalingGroups![0]!;
    // MetricsCollection: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-autoscalinggroup-metricscollection.html
    const before = await group();
    expect(before.EnabledMetrics?.map((m) => m.Metric)).toContain('GroupInServiceInstances');
    expect(before).toMatchObject({ HealthCheckType: 'ELB', MinSize: 2, MaxSize: 4 });
    expect(before.Tags).toContainEqual(expect.objectContaining({ Key: 'cloudmart:student', Value: 'kim', PropagateAtLaunch: true }));
    const instances = before.Instances!.map((i) => i.InstanceId);

    // An update keeps the group, its instances and its policy: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-autoscalinggroup.html
    await updateStack('asg', template([net.subnets.a, net.subnets.b], '6', 60));
    const after = await group();
    expect(after.MaxSize).toBe(6);
    expect(after.Instances!.map((i) => i.InstanceId)).toEqual(instances);
    expect(after.EnabledMetrics?.length).toBeGreaterThan(0);
    const [updated] = await policies();
    expect(updated!.PolicyARN).toBe(policy!.PolicyARN);
    expect(updated!.TargetTrackingConfiguration!.TargetValue).toBe(60);

    await deleteStack('asg');
    expect((await autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [ids.Asg!] }))).AutoScalingGroups).toEqual([]);
    const left = (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
    expect(left.filter((a) => a.AlarmName?.includes(ids.Asg!))).toEqual([]);
  });
});

describe('cloudformation_ec2_network_tags: gateways and route tables of a stack keep their tags', () => {
  it('tags the internet gateway as the template says', async () => {
    const { ec2 } = handle().clients;
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-internetgateway.html
    await createStack('igw', { Resources: { Igw: { Type: 'AWS::EC2::InternetGateway', Properties: { Tags: TAGS } } } });
    const id = (await physicalIds('igw')).Igw!;
    const gateway = (await ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [id] }))).InternetGateways![0]!;
    expect(gateway.Tags).toEqual(expect.arrayContaining(TAGS));
    await deleteStack('igw');
  });
});

describe('cloudformation_deleted_resources_stay_deleted: reading a deleted stack', () => {
  it('lists its resources as DELETE_COMPLETE (DELETE_SKIPPED for a retained one) and creates none of them again', async () => {
    const { cloudformation, sns, s3 } = handle().clients;
    const template: Template = {
      Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: {} }, Logs: { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain', Properties: {} } },
    };
    const stack = await createStack('reread', template);
    const ids = await physicalIds('reread');
    const topics = async () => ((await sns.send(new ListTopicsCommand({}))).Topics ?? []).map((t) => t.TopicArn);
    expect(await topics()).toContain(ids.Topic);
    await deleteStack('reread');
    expect(await topics()).not.toContain(ids.Topic);

    // "For deleted stacks, ListStackResources returns resource information for up to 90 days after the stack has been deleted":
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStackResources.html
    const listed = await support.stackResources(cloudformation, stack.StackId!);
    expect(Object.fromEntries(listed.map((r) => [r.LogicalResourceId, [r.ResourceStatus, r.PhysicalResourceId]]))).toEqual({
      Topic: ['DELETE_COMPLETE', ids.Topic],
      Logs: ['DELETE_SKIPPED', ids.Logs],
    });
    await cloudformation.send(new DescribeStackResourcesCommand({ StackName: stack.StackId! }));
    const all = await topics();
    expect(all.filter((arn) => arn?.includes('reread-Topic'))).toEqual([]);
    expect(((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).filter((b) => b.Name === ids.Logs)).toHaveLength(1);
  });
});
