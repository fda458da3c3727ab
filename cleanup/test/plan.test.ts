// Cleanup's plan, on plain data: stacks go whole, a resource outside them only when it
// carries the student's tag (and, with --older-than-expiry, an expiry that has passed);
// what goes with its parent is said so; everything else is kept with the reason.
import { describe, expect, it } from 'vitest';
import { collected } from '../../checks/collectors/collected';
import { formatListOnly, formatPlan } from '../format';
import { expiryOf, planCleanup } from '../plan';
import type { DiscoveredResource, DiscoveredStack, Inventory } from '../../contract/inventory';

const NOW = new Date('2026-11-26T12:00:00Z');
const PAST = '2026-11-26T11:00:00Z';
const FUTURE = '2026-11-26T13:00:00Z';
const tags = (student: string, expiresAt = PAST) => ({ 'cloudmart:student': student, 'cloudmart:expires-at': expiresAt });
const LB = 'arn:aws:elasticloadbalancing:ap-northeast-2:1:loadbalancer/app/cm-kim-alb/abc';

function inventory(resources: DiscoveredResource[], stacks: DiscoveredStack[] = []): Inventory {
  const empty = collected([] as never[]);
  return {
    schemaVersion: 1,
    collectedAt: NOW.toISOString(),
    target: { region: 'ap-northeast-2', accountId: '1', student: 'kim', stackPrefix: 'CloudMart-kim-' },
    discovery: { student: 'kim', stackPrefix: 'CloudMart-kim-', stacks, resources, searched: [] },
    ec2: {
      vpcs: empty,
      subnets: empty,
      routeTables: collected([{ RouteTableId: 'rtb-main', VpcId: 'vpc-kim', Associations: [{ Main: true }] }]),
      internetGateways: empty,
      natGateways: empty,
      securityGroups: collected([{ GroupId: 'sg-default', GroupName: 'default', VpcId: 'vpc-kim' }]),
      instances: empty,
      launchTemplateVersions: empty,
      flowLogs: empty,
    },
    elbv2: { loadBalancers: empty, listeners: empty, targetGroups: empty, targetHealth: collected({}) },
    autoscaling: { groups: empty, policies: empty },
    rds: { instances: empty },
    elasticache: { replicationGroups: empty, cacheClusters: empty, subnetGroups: empty },
    cloudfront: { distributions: empty },
    s3: { buckets: empty },
    cloudwatch: { metricAlarms: empty, compositeAlarms: empty, dashboards: empty },
    logs: { logGroups: empty },
    backup: { plans: empty, recoveryPoints: collected({}) },
    iam: { instanceProfiles: empty, instanceRoles: empty },
    calls: {},
  };
}

const resource = (type: string, id: string, extra: Partial<DiscoveredResource> = {}): DiscoveredResource => ({
  arn: `arn:test:${id}`,
  type,
  id,
  via: ['tag'],
  tags: tags('kim'),
  ...extra,
});

const actions = (inv: Inventory, olderThanExpiry = false) =>
  Object.fromEntries(planCleanup(inv, { now: NOW, olderThanExpiry }).resources.map((r) => [r.resource.id, `${r.action}: ${r.reason.en}`]));

describe('planCleanup', () => {
  it('deletes what carries the student tag and keeps the rest, saying why', () => {
    const plan = actions(
      inventory([
        resource('AWS::EC2::VPC', 'vpc-kim'),
        resource('AWS::EC2::Subnet', 'subnet-untagged', { via: ['graph'], tags: {} }),
        resource('AWS::EC2::Subnet', 'subnet-lee', { via: ['graph'], tags: tags('lee') }),
        resource('AWS::CloudWatch::Dashboard', 'board', { via: ['graph'], tags: null }),
        resource('AWS::RDS::DBSubnetGroup', 'db-subnets', { via: ['graph'], tags: null }),
        resource('AWS::KMS::Key', 'key-1'),
      ]),
    );
    expect(plan).toEqual({
      'vpc-kim': 'delete: it carries cloudmart:student=kim',
      'subnet-untagged': 'keep: it does not carry cloudmart:student=kim',
      'subnet-lee': 'keep: it does not carry cloudmart:student=kim',
      board: 'keep: its tags could not be read, so it is not known to carry cloudmart:student=kim',
      'db-subnets': 'keep: its tags could not be read, so it is not known to carry cloudmart:student=kim',
      'key-1': 'keep: cleanup does not delete AWS::KMS::Key; delete it yourself',
    });
  });

  it('deletes a tagged stack whole, untagged members included, and keeps an untagged stack that nothing proves ours', () => {
    const stacks: DiscoveredStack[] = [
      { name: 'CloudMart-kim-Network', id: 'id-1', status: 'CREATE_COMPLETE', tags: tags('kim') },
      { name: 'CloudMart-kim-Handmade', id: 'id-2', status: 'CREATE_COMPLETE', tags: {} },
      { name: 'CloudMart-kim-Proven', id: 'id-3', status: 'CREATE_COMPLETE', tags: {} },
    ];
    const inv = inventory(
      [
        resource('AWS::Logs::LogGroup', '/audit', { via: ['stack'], stackName: 'CloudMart-kim-Network', tags: {} }),
        resource('AWS::SNS::Topic', 'arn:topic', { via: ['stack'], stackName: 'CloudMart-kim-Handmade', tags: {} }),
        resource('AWS::S3::Bucket', 'bucket', { via: ['stack', 'tag'], stackName: 'CloudMart-kim-Proven' }),
      ],
      stacks,
    );
    const plan = planCleanup(inv, { now: NOW, olderThanExpiry: false });
    expect(plan.stacks.map((s) => `${s.stack.name}: ${s.action}`)).toEqual([
      'CloudMart-kim-Network: delete',
      'CloudMart-kim-Handmade: keep',
      'CloudMart-kim-Proven: delete',
    ]);
    expect(actions(inv)).toEqual({
      '/audit': 'with-stack: deleted with its stack CloudMart-kim-Network',
      'arn:topic': 'keep: it belongs to the stack CloudMart-kim-Handmade, which is kept',
      bucket: 'with-stack: deleted with its stack CloudMart-kim-Proven',
    });
  });

  it('says what goes with its parent: listeners, default security groups, main route tables', () => {
    const inv = inventory([
      resource('AWS::EC2::VPC', 'vpc-kim'),
      resource('AWS::EC2::SecurityGroup', 'sg-default', { via: ['graph'], tags: {} }),
      resource('AWS::EC2::RouteTable', 'rtb-main', { via: ['graph'], tags: {} }),
      resource('AWS::ElasticLoadBalancingV2::LoadBalancer', LB),
      resource('AWS::ElasticLoadBalancingV2::Listener', `${LB.replace(':loadbalancer/', ':listener/')}/l1`, { via: ['graph'], tags: null }),
    ]);
    const plan = actions(inv);
    expect(plan['sg-default']).toBe('with-parent: the default security group goes with its VPC');
    expect(plan['rtb-main']).toBe('with-parent: the main route table goes with its VPC');
    expect(plan[`${LB.replace(':loadbalancer/', ':listener/')}/l1`]).toBe('with-parent: a listener goes with its load balancer');
    // The same, with the VPC and the load balancer kept (another student's): nothing goes.
    const kept = actions(
      inventory([
        resource('AWS::EC2::VPC', 'vpc-kim', { tags: tags('lee') }),
        resource('AWS::EC2::SecurityGroup', 'sg-default', { via: ['graph'], tags: {} }),
        resource('AWS::ElasticLoadBalancingV2::Listener', `${LB.replace(':loadbalancer/', ':listener/')}/l1`, { via: ['graph'], tags: null }),
      ]),
    );
    expect(Object.values(kept).every((a) => a.startsWith('keep'))).toBe(true);
  });

  it('leaves the alarms AWS made for a target-tracking policy to AWS (they go with the group)', () => {
    const inv = inventory([
      resource('AWS::AutoScaling::AutoScalingGroup', 'CloudMart-kim-api'),
      resource('AWS::CloudWatch::Alarm', 'TargetTracking-CloudMart-kim-api-AlarmHigh-1', { via: ['graph'], tags: {} }),
    ]);
    inv.cloudwatch.metricAlarms = collected([
      {
        AlarmName: 'TargetTracking-CloudMart-kim-api-AlarmHigh-1',
        AlarmActions: ['arn:aws:autoscaling:ap-northeast-2:1:scalingPolicy:uuid:autoScalingGroupName/CloudMart-kim-api:policyName/cpu'],
      },
    ]);
    expect(actions(inv)['TargetTracking-CloudMart-kim-api-AlarmHigh-1']).toBe('with-parent: AWS deletes it with the target-tracking policy of CloudMart-kim-api');
  });

  it('with --older-than-expiry deletes only what has expired', () => {
    const inv = inventory(
      [
        resource('AWS::EC2::VPC', 'vpc-old', { tags: tags('kim', PAST) }),
        resource('AWS::EC2::VPC', 'vpc-new', { tags: tags('kim', FUTURE) }),
        resource('AWS::EC2::VPC', 'vpc-none', { tags: { 'cloudmart:student': 'kim' } }),
        resource('AWS::EC2::VPC', 'vpc-bad', { tags: tags('kim', 'next tuesday') }),
      ],
      [{ name: 'CloudMart-kim-New', id: 'id', status: 'CREATE_COMPLETE', tags: tags('kim', FUTURE) }],
    );
    expect(actions(inv, true)).toEqual({
      'vpc-old': 'delete: it carries cloudmart:student=kim',
      'vpc-new': 'keep: it has not expired yet',
      'vpc-none': 'keep: it carries no valid cloudmart:expires-at',
      'vpc-bad': 'keep: it carries no valid cloudmart:expires-at',
    });
    expect(planCleanup(inv, { now: NOW, olderThanExpiry: true }).stacks[0]).toMatchObject({ action: 'keep', reason: { en: 'it has not expired yet' } });
    expect(Object.values(actions(inv, false)).filter((a) => a.startsWith('delete'))).toHaveLength(4);
  });

  it('reads the expiry tag', () => {
    expect(expiryOf(tags('kim', PAST), NOW)).toEqual({ expiresAt: PAST, expired: true });
    expect(expiryOf(tags('kim', FUTURE), NOW)).toEqual({ expiresAt: FUTURE, expired: false });
    expect(expiryOf(null, NOW)).toEqual({ expired: null });
  });

  it('lists each resource with its expiry and the action', () => {
    const plan = planCleanup(inventory([resource('AWS::EC2::VPC', 'vpc-kim', { tags: tags('kim', PAST) }), resource('AWS::EC2::Subnet', 'subnet-x', { tags: {} })]), {
      now: NOW,
      olderThanExpiry: false,
    });
    const text = formatPlan(plan, NOW, 'en');
    expect(text).toMatch(/delete +AWS::EC2::VPC +vpc-kim +expires-at: 2026-11-26T11:00:00Z \(passed 60 min ago\)/);
    expect(text).toMatch(/keep +AWS::EC2::Subnet +subnet-x +expires-at: none/);
    expect(formatListOnly(plan, 'en')).toContain('run again with --yes to delete 0 stack(s) and 1 resource(s)');
  });
});
