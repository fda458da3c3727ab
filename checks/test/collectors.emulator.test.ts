// The collectors against the emulator (real SDK, real wire format): every dataset of a
// compact CloudMart deployment, each AWS operation called once however many resources
// there are (pages and per-resource calls aside), no request ever sent twice, every
// call declared in the IAM policy, and an inventory that is already JSON-safe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { AwsSession } from '../aws/session';
import { collectWithSession } from '../collect';
import { createTestDeployment, type TestDeployment } from '../discovery/test/sdk-deployment';
import { VERIFY_OPERATIONS } from '../iam/policy';
import type { Collected, Inventory } from '../inventory/types';

const REGION = 'ap-northeast-2';
let emulator: RunningEmulator;
let kim: TestDeployment;
let session: AwsSession;
let inventory: Inventory;

beforeAll(async () => {
  emulator = await startEmulator();
  const target = { endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() };
  // A second deployment in the account: the per-resource calls must not reach it.
  [kim] = await Promise.all([createTestDeployment(target, 'kim', { cidrOctet: 1, stack: true }), createTestDeployment(target, 'lee', { cidrOctet: 2 })]);
  session = new AwsSession({ region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });
  inventory = await collectWithSession(session, { student: 'kim' });
});

afterAll(async () => {
  session?.destroy();
  await emulator?.stop();
});

function data<T>(dataset: Collected<T>): T {
  if (dataset.status !== 'collected') throw new Error(`not collected: ${dataset.operation}: ${dataset.reason}`);
  return dataset.data;
}

describe('collectors on the emulator', () => {
  it('collects the network of the deployment VPC', () => {
    expect(data(inventory.ec2.vpcs).map((v) => v.VpcId)).toEqual([kim.vpcId]);
    expect(data(inventory.ec2.subnets).map((s) => s.SubnetId).sort()).toEqual(Object.values(kim.subnetIds).sort());
    expect(data(inventory.ec2.subnets).map((s) => s.AvailabilityZone).sort()).toEqual([`${REGION}a`, `${REGION}a`, `${REGION}c`, `${REGION}c`]);
    // Two of ours and the VPC's main route table; four of ours and the default group.
    expect(data(inventory.ec2.routeTables)).toHaveLength(3);
    expect(data(inventory.ec2.securityGroups).map((g) => g.GroupId).sort()).toEqual(
      expect.arrayContaining(Object.values(kim.securityGroupIds)),
    );
    expect(data(inventory.ec2.securityGroups)).toHaveLength(5);
    expect(data(inventory.ec2.internetGateways).map((g) => g.InternetGatewayId)).toEqual([kim.internetGatewayId]);
    expect(data(inventory.ec2.natGateways).map((n) => n.NatGatewayId)).toEqual([kim.natGatewayId]);
    expect(data(inventory.ec2.flowLogs).map((f) => f.LogGroupName)).toEqual([kim.flowLogGroupName]);
  });

  it('collects the app tier: load balancer, listener, target group and health, ASG, instances, launch template, role', () => {
    expect(data(inventory.elbv2.loadBalancers)).toMatchObject([{ LoadBalancerArn: kim.loadBalancerArn, Scheme: 'internet-facing' }]);
    expect(data(inventory.elbv2.listeners)).toMatchObject([{ Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: kim.targetGroupArn }] }]);
    expect(data(inventory.elbv2.targetGroups).map((t) => t.TargetGroupArn)).toEqual([kim.targetGroupArn]);
    expect(Object.keys(data(inventory.elbv2.targetHealth))).toEqual([kim.targetGroupArn]);
    expect(data(inventory.autoscaling.groups)).toMatchObject([{ AutoScalingGroupName: kim.autoScalingGroupName, MinSize: 2, HealthCheckType: 'ELB' }]);
    expect(data(inventory.autoscaling.policies)).toMatchObject([{ PolicyType: 'TargetTrackingScaling' }]);
    const asgInstances = data(inventory.autoscaling.groups)[0]!.Instances!.map((i) => i.InstanceId).sort();
    expect(data(inventory.ec2.instances).map((i) => i.InstanceId).sort()).toEqual(asgInstances);
    expect(data(inventory.ec2.launchTemplateVersions)).toMatchObject([
      { LaunchTemplateId: kim.launchTemplateId, DefaultVersion: true, LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } } },
    ]);
    expect(data(inventory.iam.instanceProfiles)).toMatchObject([{ InstanceProfileName: kim.instanceProfileName }]);
    const [role] = data(inventory.iam.instanceRoles);
    expect(role).toMatchObject({ roleName: kim.roleName, attachedPolicies: [] });
    expect(JSON.parse(role!.policyDocuments[0]!.document)).toMatchObject({ Statement: [{ Action: 'secretsmanager:GetSecretValue' }] });
  });

  it('collects the data tier, the frontend, monitoring and logs', () => {
    expect(data(inventory.rds.instances)).toMatchObject([{ DBInstanceIdentifier: kim.dbInstanceIdentifier, MultiAZ: true, StorageEncrypted: true, DBSubnetGroup: { VpcId: kim.vpcId } }]);
    expect(data(inventory.elasticache.replicationGroups)).toMatchObject([{ ReplicationGroupId: kim.replicationGroupId, AutomaticFailover: 'enabled' }]);
    expect(data(inventory.elasticache.subnetGroups)).toMatchObject([{ VpcId: kim.vpcId }]);
    expect(data(inventory.cloudfront.distributions)).toMatchObject([
      { id: kim.distributionId, config: { DefaultRootObject: 'index.html', DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' } } },
    ]);
    expect(data(inventory.s3.buckets)).toEqual([
      {
        name: kim.bucket,
        region: REGION,
        publicAccessBlock: { status: 'collected', data: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } },
        policy: { status: 'collected', data: null },
      },
    ]);
    // Ours, plus the alarms AWS creates for the target-tracking policy (they name the group too).
    const alarms = data(inventory.cloudwatch.metricAlarms).map((a) => a.AlarmName!);
    expect(alarms).toEqual(expect.arrayContaining(kim.alarmNames));
    expect(alarms.filter((a) => !kim.alarmNames.includes(a)).every((a) => a.startsWith(`TargetTracking-${kim.autoScalingGroupName}-`))).toBe(true);
    expect(data(inventory.cloudwatch.dashboards).map((d) => d.name)).toEqual([kim.dashboardName]);
    expect(data(inventory.logs.logGroups).map((g) => g.logGroupName).sort()).toEqual(['/cloudmart/kim/api', '/cloudmart/kim/audit', '/cloudmart/kim/kept', '/cloudmart/kim/vpc-flow']);
  });

  it('leaves a failed call "not collected" with a declared operation and one sentence, never a throw', () => {
    const notCollected: { operation: string; reason: string }[] = [];
    const walk = (value: unknown) => {
      if (!value || typeof value !== 'object') return;
      const v = value as { status?: string; operation?: string; reason?: string };
      if (v.status === 'not-collected') notCollected.push({ operation: v.operation!, reason: v.reason! });
      else Object.values(value).forEach(walk);
    };
    walk(inventory);
    const declared = new Set(VERIFY_OPERATIONS.map((o) => o.name));
    for (const n of notCollected) {
      expect(declared.has(n.operation), n.operation).toBe(true);
      expect(n.reason).toMatch(/^[^\n]+$/);
    }
  });

  it('calls each list operation once, whatever the number of resources, and never sends the same request twice', () => {
    const perResource = new Set([
      'cloudformation:ListStackResources',
      'tag:GetResources',
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeTargetHealth',
      'ec2:DescribeLaunchTemplateVersions',
      'cloudfront:GetDistribution',
      'cloudwatch:GetDashboard',
      's3:GetBucketLocation',
      's3:GetPublicAccessBlock',
      's3:GetBucketPolicy',
      'backup:GetBackupPlan',
      'backup:ListBackupSelections',
      'backup:GetBackupSelection',
      'backup:ListRecoveryPointsByResource',
      'iam:GetInstanceProfile',
      'iam:ListAttachedRolePolicies',
      'iam:ListRolePolicies',
      'iam:GetRolePolicy',
      'iam:GetPolicy',
      'iam:GetPolicyVersion',
    ]);
    const lists = Object.entries(inventory.calls).filter(([op]) => !perResource.has(op));
    expect(lists.length).toBeGreaterThan(20);
    expect(lists.filter(([, n]) => n !== 1)).toEqual([]);
    // Per-resource calls: one per resource of the deployment (lee's bucket, dashboard... are never read).
    expect(inventory.calls['s3:GetBucketPolicy']).toBe(1);
    expect(inventory.calls['cloudfront:GetDistribution']).toBe(1);
    expect(inventory.calls['elasticloadbalancing:DescribeTargetHealth']).toBe(1);
    expect(session.recorder.duplicates()).toEqual([]);
    expect(Object.values(inventory.calls).reduce((a, b) => a + b, 0)).toBe(session.recorder.calls.length);
  });

  it('searches the student tag in one page per region (TagsPerPage 500; at the default 100 tags a deployment took three)', () => {
    const searches = session.recorder.calls.filter((c) => c.operation === 'tag:GetResources' && c.input.includes('TagFilters'));
    expect(searches.map((c) => c.region).sort()).toEqual([REGION, 'us-east-1'].sort());
    expect(searches.map((c) => JSON.parse(c.input).TagsPerPage)).toEqual([500, 500]);
    expect(searches.filter((c) => c.input.includes('PaginationToken'))).toEqual([]);
  });

  it('sends only operations the read-only policy declares', () => {
    const declared = new Set(VERIFY_OPERATIONS.map((o) => o.name));
    expect(Object.keys(inventory.calls).filter((op) => !declared.has(op))).toEqual([]);
  });

  it('is JSON-safe: the inventory equals itself after a JSON round-trip', () => {
    expect(JSON.parse(JSON.stringify(inventory))).toStrictEqual(inventory);
    expect(JSON.stringify(inventory)).not.toContain('$metadata');
  });
});
