// Discovery's graph, on plain data: from the starting points (stacks, tags) to the whole
// deployment, never to someone else's resources. No AWS call here (see
// discovery.emulator.test.ts for the same against the emulator).
import { describe, expect, it } from 'vitest';
import { collected, notCollected } from '../collectors/collected';
import { arnOf, parseArn } from '../discovery/arns';
import { selectDeployment } from '../discovery/graph';
import type { GraphInput, RegionLists } from '../discovery/selection';
import { bucketOfOrigin } from '../discovery/services/cloudfront-s3';
import { alarmRuleNames } from '../discovery/services/cloudwatch';
import { selectStacks } from '../discovery/seeds';

const REGION = 'ap-northeast-2';
const ACCOUNT = '123456789012';
const tags = (student: string) => [
  { Key: 'cloudmart:student', Value: student },
  { Key: 'cloudmart:expires-at', Value: '2030-01-01T00:00:00Z' },
];
const tagMap = (student: string) => ({ 'cloudmart:student': student, 'cloudmart:expires-at': '2030-01-01T00:00:00Z' });
const lbArn = (s: string) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/cm-${s}-alb/${s}0000`;
const tgArn = (s: string) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/cm-${s}-api/${s}1111`;

/** The region as the collectors list it: two students (kim, lee), each with an ALB, TG, ASG, DB, cache, bucket, alarms; plus the default VPC. */
function region(): RegionLists {
  const students = ['kim', 'lee'];
  const vpc = (s: string) => `vpc-${s}`;
  return {
    ec2: {
      vpcs: collected([{ VpcId: 'vpc-default', IsDefault: true, Tags: [] }, ...students.map((s) => ({ VpcId: vpc(s), Tags: tags(s) }))]),
      subnets: collected([
        { SubnetId: 'subnet-default-a', VpcId: 'vpc-default', Tags: [] },
        ...students.flatMap((s) => [
          { SubnetId: `subnet-${s}-a`, VpcId: vpc(s), AvailabilityZone: `${REGION}a`, Tags: tags(s) },
          { SubnetId: `subnet-${s}-c`, VpcId: vpc(s), AvailabilityZone: `${REGION}c`, Tags: tags(s) },
        ]),
      ]),
      routeTables: collected(students.map((s) => ({ RouteTableId: `rtb-${s}`, VpcId: vpc(s), Tags: [] }))),
      internetGateways: collected(students.map((s) => ({ InternetGatewayId: `igw-${s}`, Attachments: [{ VpcId: vpc(s), State: 'attached' as const }], Tags: tags(s) }))),
      natGateways: collected(students.map((s) => ({ NatGatewayId: `nat-${s}`, VpcId: vpc(s), NatGatewayAddresses: [{ AllocationId: `eipalloc-${s}` }], Tags: tags(s) }))),
      securityGroups: collected([
        { GroupId: 'sg-default', VpcId: 'vpc-default', GroupName: 'default', Tags: [] },
        ...students.map((s) => ({ GroupId: `sg-${s}-app`, VpcId: vpc(s), GroupName: 'app', Tags: tags(s) })),
      ]),
      instances: collected(students.map((s) => ({ InstanceId: `i-${s}`, VpcId: vpc(s), Tags: tags(s) }))),
      flowLogs: collected(students.map((s) => ({ FlowLogId: `fl-${s}`, ResourceId: vpc(s), LogDestinationType: 'cloud-watch-logs', LogGroupName: `/flow/${s}`, Tags: [] }))),
      addresses: collected(students.map((s, i) => ({ AllocationId: `eipalloc-${s}`, PublicIp: `3.3.3.${3 + i}`, Tags: [] }))),
      launchTemplates: collected(students.map((s) => ({ LaunchTemplateId: `lt-${s}`, LaunchTemplateName: `api-${s}`, Tags: tags(s) }))),
    },
    elbv2: {
      loadBalancers: collected(students.map((s) => ({ LoadBalancerArn: lbArn(s), DNSName: `cm-${s}-alb-1.${REGION}.elb.amazonaws.com`, VpcId: vpc(s) }))),
      targetGroups: collected(students.map((s) => ({ TargetGroupArn: tgArn(s), LoadBalancerArns: [lbArn(s)], VpcId: vpc(s) }))),
    },
    autoscaling: {
      groups: collected(
        students.map((s) => ({
          AutoScalingGroupName: `CloudMart-${s}-api`,
          AutoScalingGroupARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:uuid-${s}:autoScalingGroupName/CloudMart-${s}-api`,
          TargetGroupARNs: [tgArn(s)],
          VPCZoneIdentifier: `subnet-${s}-a,subnet-${s}-c`,
          LaunchTemplate: { LaunchTemplateId: `lt-${s}`, Version: '$Default' },
          Instances: [{ InstanceId: `i-${s}` }],
          Tags: [],
        })) as never,
      ),
      policies: collected(students.map((s) => ({ PolicyName: 'cpu', AutoScalingGroupName: `CloudMart-${s}-api` }))),
    },
    rdsInstances: collected(
      students.map((s) => ({
        DBInstanceIdentifier: `cloudmart-${s}-db`,
        DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:cloudmart-${s}-db`,
        DBSubnetGroup: { DBSubnetGroupName: `${s}-db-subnets`, VpcId: vpc(s) },
        TagList: tags(s),
      })),
    ),
    elasticache: {
      replicationGroups: collected(students.map((s) => ({ ReplicationGroupId: `cm-${s}-redis`, MemberClusters: [`cm-${s}-redis-001`, `cm-${s}-redis-002`] }))),
      cacheClusters: collected(
        students.flatMap((s) => ['001', '002'].map((n) => ({ CacheClusterId: `cm-${s}-redis-${n}`, ReplicationGroupId: `cm-${s}-redis`, CacheSubnetGroupName: `${s}-cache` }))),
      ),
      subnetGroups: collected(students.map((s) => ({ CacheSubnetGroupName: `${s}-cache`, VpcId: vpc(s) }))),
    },
    distributions: collected(
      students.map((s) => ({
        Id: `DIST${s.toUpperCase()}`,
        ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/DIST${s.toUpperCase()}`,
        Origins: { Quantity: 1, Items: [{ Id: 's3', DomainName: `cloudmart-${s}-frontend.s3.${REGION}.amazonaws.com` }] },
      })) as never,
    ),
    cloudwatch: {
      metricAlarms: collected([
        ...students.map((s) => ({ AlarmName: `${s}-asg-cpu`, AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${s}-asg-cpu`, Dimensions: [{ Name: 'AutoScalingGroupName', Value: `CloudMart-${s}-api` }] })),
        ...students.map((s) => ({
          AlarmName: `${s}-alb-5xx`,
          AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${s}-alb-5xx`,
          Metrics: [{ Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_ELB_5XX_Count', Dimensions: [{ Name: 'LoadBalancer', Value: `app/cm-${s}-alb/${s}0000` }] } } }],
        })),
        { AlarmName: 'account-billing', AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:account-billing`, Dimensions: [{ Name: 'Currency', Value: 'USD' }] },
      ] as never),
      compositeAlarms: collected([{ AlarmName: 'kim-any', AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:kim-any`, AlarmRule: 'ALARM("kim-asg-cpu") OR ALARM(kim-alb-5xx)' }]),
      dashboards: collected([
        { name: 'kim-board', body: JSON.stringify({ widgets: [{ properties: { metrics: [['AWS/EC2', 'CPUUtilization', 'AutoScalingGroupName', 'CloudMart-kim-api']] } }] }) },
        { name: 'lee-board', body: JSON.stringify({ widgets: [{ properties: { metrics: [['AWS/RDS', 'CPUUtilization', 'DBInstanceIdentifier', 'cloudmart-lee-db']] } }] }) },
      ]),
    },
    logGroups: collected([{ logGroupName: '/flow/kim', arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/flow/kim:*` }, { logGroupName: '/flow/lee' }, { logGroupName: '/app/kim' }]),
    backupPlans: collected([
      { BackupPlanId: 'plan-kim', BackupPlanArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-plan:plan-kim` },
      { BackupPlanId: 'plan-lee', BackupPlanArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-plan:plan-lee` },
    ]),
  };
}

function input(overrides: Partial<GraphInput> = {}): GraphInput {
  return {
    student: 'kim',
    region: REGION,
    accountId: ACCOUNT,
    stackResources: [],
    // kim's load balancer, DB, bucket, plan and app log group are tagged; the rest is found by following the graph.
    tagged: [
      { arn: lbArn('kim'), tags: tagMap('kim') },
      { arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:cloudmart-kim-db`, tags: tagMap('kim') },
      { arn: 'arn:aws:s3:::cloudmart-kim-frontend', tags: tagMap('kim') },
      { arn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-plan:plan-kim`, tags: tagMap('kim') },
      { arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/app/kim`, tags: tagMap('kim') },
      { arn: `arn:aws:elasticache:${REGION}:${ACCOUNT}:replicationgroup:cm-kim-redis`, tags: tagMap('kim') },
    ],
    lists: region(),
    ...overrides,
  };
}

const ids = <T>(c: { status: string; data?: T[] }, key: keyof T) => (c.status === 'collected' ? c.data!.map((x) => x[key]) : 'not-collected');

describe('selectDeployment', () => {
  const sel = selectDeployment(input());

  it('follows load balancer -> target group -> Auto Scaling group -> instances and launch template', () => {
    expect(ids(sel.loadBalancers, 'LoadBalancerArn')).toEqual([lbArn('kim')]);
    expect(ids(sel.targetGroups, 'TargetGroupArn')).toEqual([tgArn('kim')]);
    expect(ids(sel.autoScalingGroups, 'AutoScalingGroupName')).toEqual(['CloudMart-kim-api']);
    expect(ids(sel.scalingPolicies, 'AutoScalingGroupName')).toEqual(['CloudMart-kim-api']);
    expect(ids(sel.ec2.instances, 'InstanceId')).toEqual(['i-kim']);
    expect(sel.launchTemplateUses).toEqual([{ launchTemplateId: 'lt-kim', versions: ['$Default'] }]);
  });

  it('follows the database, the cache (members, subnet group) and the CloudFront distribution of the bucket', () => {
    expect(ids(sel.rdsInstances, 'DBInstanceIdentifier')).toEqual(['cloudmart-kim-db']);
    expect(sel.dbInstanceArns).toEqual([`arn:aws:rds:${REGION}:${ACCOUNT}:db:cloudmart-kim-db`]);
    expect(ids(sel.cacheClusters, 'CacheClusterId')).toEqual(['cm-kim-redis-001', 'cm-kim-redis-002']);
    expect(ids(sel.cacheSubnetGroups, 'CacheSubnetGroupName')).toEqual(['kim-cache']);
    expect(sel.distributionIds).toEqual(['DISTKIM']);
    expect(sel.bucketNames).toEqual(['cloudmart-kim-frontend']);
  });

  it('takes the network of the deployment VPC only (never the default VPC or the other student)', () => {
    expect(ids(sel.ec2.vpcs, 'VpcId')).toEqual(['vpc-kim']);
    expect(ids(sel.ec2.subnets, 'SubnetId')).toEqual(['subnet-kim-a', 'subnet-kim-c']);
    expect(ids(sel.ec2.securityGroups, 'GroupId')).toEqual(['sg-kim-app']);
    expect(ids(sel.ec2.natGateways, 'NatGatewayId')).toEqual(['nat-kim']);
    expect(ids(sel.ec2.flowLogs, 'FlowLogId')).toEqual(['fl-kim']);
    expect(ids(sel.logGroups, 'logGroupName')).toEqual(['/flow/kim', '/app/kim']);
  });

  it('takes alarms and dashboards that name the deployment, incl. metric math and composite alarms', () => {
    expect(ids(sel.metricAlarms, 'AlarmName')).toEqual(['kim-asg-cpu', 'kim-alb-5xx']);
    expect(ids(sel.compositeAlarms, 'AlarmName')).toEqual(['kim-any']);
    expect(ids(sel.dashboards, 'name')).toEqual(['kim-board']);
    expect(sel.backupPlanIds).toEqual(['plan-kim']);
  });

  it('records how each resource was found, with its tags', () => {
    const resources = sel.resources.list();
    const find = (type: string, id: string) => resources.find((r) => r.type === type && r.id === id);
    expect(find('AWS::ElasticLoadBalancingV2::LoadBalancer', lbArn('kim'))?.via).toEqual(['tag']);
    expect(find('AWS::AutoScaling::AutoScalingGroup', 'CloudMart-kim-api')).toMatchObject({ via: ['graph'], arn: expect.stringContaining('uuid-kim') });
    expect(find('AWS::EC2::VPC', 'vpc-kim')).toMatchObject({ via: ['tag'], tags: tagMap('kim') });
    expect(find('AWS::EC2::EIP', 'eipalloc-kim')?.via).toEqual(['graph']);
    expect(find('AWS::CloudWatch::Dashboard', 'kim-board')?.tags).toBeNull();
    expect(resources.filter((r) => JSON.stringify(r).includes('lee'))).toEqual([]);
    expect(resources.filter((r) => r.id.includes('default'))).toEqual([]);
  });

  it('never takes a resource tagged for another student, however it is reached', () => {
    const lists = region();
    // lee's Auto Scaling group is (wrongly) attached to kim's target group: it stays lee's.
    if (lists.autoscaling.groups.status === 'collected') {
      const lee = lists.autoscaling.groups.data[1]!;
      lee.TargetGroupARNs = [tgArn('lee'), tgArn('kim')];
      lee.Tags = tags('lee').map((t) => ({ ...t, ResourceId: lee.AutoScalingGroupName, ResourceType: 'auto-scaling-group', PropagateAtLaunch: true }));
    }
    const s = selectDeployment(input({ lists, tagged: [...input().tagged, { arn: tgArn('lee'), tags: tagMap('lee') }] }));
    expect(ids(s.autoScalingGroups, 'AutoScalingGroupName')).toEqual(['CloudMart-kim-api']);
    expect(ids(s.targetGroups, 'TargetGroupArn')).toEqual([tgArn('kim')]);
  });

  it('finds the same deployment from its stack resources alone (ids in any case, an Elastic IP named by its address)', () => {
    const s = selectDeployment(
      input({
        tagged: [],
        stackResources: [
          { stackName: 'CloudMart-kim-App', logicalId: 'Alb', type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', physicalId: lbArn('kim') },
          { stackName: 'CloudMart-kim-Data', logicalId: 'Db', type: 'AWS::RDS::DBInstance', physicalId: 'CloudMart-Kim-DB' },
          { stackName: 'CloudMart-kim-Network', logicalId: 'NatEip', type: 'AWS::EC2::EIP', physicalId: '3.3.3.3' },
          { stackName: 'CloudMart-kim-Network', logicalId: 'Route', type: 'AWS::EC2::Route', physicalId: 'rtb-kim|0.0.0.0/0' },
        ],
      }),
    );
    expect(ids(s.rdsInstances, 'DBInstanceIdentifier')).toEqual(['cloudmart-kim-db']);
    expect(ids(s.autoScalingGroups, 'AutoScalingGroupName')).toEqual(['CloudMart-kim-api']);
    const resources = s.resources.list();
    expect(resources.find((r) => r.type === 'AWS::RDS::DBInstance')).toMatchObject({ via: ['stack'], stackName: 'CloudMart-kim-Data', logicalId: 'Db' });
    expect(resources.find((r) => r.type === 'AWS::EC2::EIP')).toMatchObject({ id: 'eipalloc-kim', via: ['stack'], logicalId: 'NatEip' });
    expect(resources.some((r) => r.type === 'AWS::EC2::Route')).toBe(false);
  });

  it('merges an Elastic IP met in a stack (by its address) and by its tag (by its allocation id) into one resource', () => {
    const s = selectDeployment(
      input({
        tagged: [...input().tagged, { arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:elastic-ip/eipalloc-kim`, tags: tagMap('kim') }],
        stackResources: [{ stackName: 'CloudMart-kim-Network', logicalId: 'NatEip', type: 'AWS::EC2::EIP', physicalId: '3.3.3.3' }],
      }),
    );
    expect(s.resources.list().filter((r) => r.type === 'AWS::EC2::EIP')).toEqual([
      {
        arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:elastic-ip/eipalloc-kim`,
        type: 'AWS::EC2::EIP',
        id: 'eipalloc-kim',
        via: ['stack', 'tag'],
        stackName: 'CloudMart-kim-Network',
        logicalId: 'NatEip',
        tags: tagMap('kim'),
      },
    ]);
  });

  it('keeps a failed list "not collected" and still knows the database ARNs from discovery', () => {
    const lists = region();
    lists.rdsInstances = notCollected('rds:DescribeDBInstances', 'AccessDenied: no.');
    const s = selectDeployment(input({ lists }));
    expect(s.rdsInstances).toEqual({ status: 'not-collected', operation: 'rds:DescribeDBInstances', reason: 'AccessDenied: no.' });
    expect(s.dbInstanceArns).toEqual([`arn:aws:rds:${REGION}:${ACCOUNT}:db:cloudmart-kim-db`]);
    expect(ids(s.loadBalancers, 'LoadBalancerArn')).toEqual([lbArn('kim')]);
  });
});

describe('selectStacks', () => {
  const stack = (name: string, student?: string) => ({ StackName: name, StackId: `id-${name}`, StackStatus: 'CREATE_COMPLETE' as const, Tags: student ? tags(student) : [], CreationTime: new Date() });

  it('takes stacks named with the prefix or tagged for the student, not another student whose id extends it', () => {
    const all = [stack('CloudMart-kim-Network', 'kim'), stack('CloudMart-kim-lee-Network', 'kim-lee'), stack('CloudMart-kim-Untagged'), stack('Handmade', 'kim'), stack('Other')];
    expect(selectStacks(all, 'kim', 'CloudMart-kim-').map((s) => s.name)).toEqual(['CloudMart-kim-Network', 'CloudMart-kim-Untagged', 'Handmade']);
    expect(selectStacks(all, 'kim-lee', 'CloudMart-kim-lee-').map((s) => s.name)).toEqual(['CloudMart-kim-lee-Network']);
  });
});

describe('arns', () => {
  it('round-trips the types discovery meets', () => {
    const cases: [string, string][] = [
      ['AWS::EC2::Subnet', 'subnet-1'],
      ['AWS::RDS::DBSubnetGroup', 'db-subnets'],
      ['AWS::ElastiCache::ReplicationGroup', 'cm-kim-redis'],
      ['AWS::CloudFront::Distribution', 'E123'],
      ['AWS::S3::Bucket', 'bucket.with.dots'],
      ['AWS::CloudWatch::Alarm', 'name:with:colons'],
      ['AWS::Logs::LogGroup', '/cloudmart/kim/api'],
      ['AWS::Backup::BackupPlan', 'plan-1'],
      ['AWS::IAM::Role', 'CloudMart-kim-role'],
    ];
    for (const [type, id] of cases) expect(parseArn(arnOf({ type, id }, REGION, ACCOUNT)!)).toEqual({ type, id });
    expect(parseArn(`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/a/b:*`)).toEqual({ type: 'AWS::Logs::LogGroup', id: '/a/b' });
    expect(parseArn(`arn:aws:iam::${ACCOUNT}:role/service-role/x`)).toEqual({ type: 'AWS::IAM::Role', id: 'x' });
    expect(arnOf({ type: 'AWS::EC2::SubnetRouteTableAssociation', id: 'rtbassoc-1' }, REGION, ACCOUNT)).toBeUndefined();
    expect(arnOf({ type: 'AWS::EC2::VPC', id: 'vpc-1' }, 'cn-north-1', ACCOUNT)).toBe(`arn:aws-cn:ec2:cn-north-1:${ACCOUNT}:vpc/vpc-1`);
  });

  it('reads S3 origins and alarm rules', () => {
    expect(bucketOfOrigin('my.bucket.s3.ap-northeast-2.amazonaws.com')).toBe('my.bucket');
    expect(bucketOfOrigin('b.s3.amazonaws.com')).toBe('b');
    expect(bucketOfOrigin('b.s3-website-ap-northeast-2.amazonaws.com')).toBe('b');
    expect(bucketOfOrigin('cm-kim-alb-1.ap-northeast-2.elb.amazonaws.com')).toBeUndefined();
    expect(alarmRuleNames('ALARM("a b") AND NOT OK(c) OR INSUFFICIENT_DATA( "arn:aws:cloudwatch:x:1:alarm:d" )')).toEqual(['a b', 'c', 'arn:aws:cloudwatch:x:1:alarm:d']);
  });
});
