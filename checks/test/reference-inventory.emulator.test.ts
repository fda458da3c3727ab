// The hand-written reference inventory (fixtures/inventories/reference.ts, which every rule
// test derives its variants from) held to what the collectors really read from the `reference`
// scenario (what the reference stacks deploy, built in the emulator): for every dataset a check
// declares, the same resources playing the same roles, with the fields the checks read.
//
// Normalisation: ids, names and ARNs are the deployment's own (the emulator generates ids, the
// stacks and the fixture name things differently), so each is replaced by the role it plays,
// derived from the data the checks themselves follow (the ALB's security group is <sg:alb>, a
// subnet routed to a NAT gateway is <subnet:private:AZ>, ...). Ports are roles too (<db-port>):
// the checks compare a security group rule's port with the endpoint's, never with a constant
// while the endpoint names one. Everything else is compared as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { createScenario } from '../../sandbox/scenarios/index';
import { collectInventory } from '../collect';
import type { Inventory } from '../inventory/types';
import { CHECKS } from '../rules/index';
import { appSecurityGroupIds, launchTemplateRef, launchTemplateSecurityGroups, resolveLaunchTemplateVersion } from '../rules/lib/deployment';
import type { DatasetPath } from '../rules/types';

const REGION = 'ap-northeast-2';
const STUDENT = 's01';
let emulator: RunningEmulator;
let collected: Inventory;
const fixture: Inventory = referenceInventory();

beforeAll(async () => {
  emulator = await startEmulator();
  await createScenario('reference', { endpoint: emulator.endpoint, region: REGION, student: STUDENT });
  collected = await collectInventory({ student: STUDENT, region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });
}, 180_000);

afterAll(async () => {
  await emulator?.stop();
});

// ---------------------------------------------------------------- roles

const data = <T>(dataset: { status: string; data?: T } | undefined): T => {
  if (!dataset || dataset.status !== 'collected') throw new Error(`dataset not collected: ${JSON.stringify(dataset)}`);
  return dataset.data as T;
};
const tag = (tags: { Key?: string; Value?: string }[] | undefined, key: string) => tags?.find((t) => t.Key === key)?.Value;
const afterPrefix = (arn: string | undefined, prefix: RegExp) => prefix.exec(arn ?? '')?.[1];

/** Each id, name, ARN and port of `inventory` -> the role it plays (longest first, for substring replacement). */
function roles(inventory: Inventory): [string, string][] {
  const book = new Map<string, string>();
  const add = (value: string | number | undefined, role: string) => {
    if (value !== undefined && value !== '' && !book.has(String(value))) book.set(String(value), role);
  };
  const ec2 = inventory.ec2;
  for (const vpc of data(ec2.vpcs)) add(vpc.VpcId, '<vpc>');
  for (const igw of data(ec2.internetGateways)) add(igw.InternetGatewayId, '<igw>');
  const subnets = data(ec2.subnets);
  const azOf = (subnetId: string | undefined) => subnets.find((s) => s.SubnetId === subnetId)?.AvailabilityZone ?? '?';
  for (const nat of data(ec2.natGateways)) add(nat.NatGatewayId, `<nat:${azOf(nat.SubnetId)}>`);
  for (const subnet of subnets) add(subnet.SubnetId, `<subnet:${tierOf(inventory, subnet.SubnetId!)}:${subnet.AvailabilityZone}>`);

  const alb = data(inventory.elbv2.loadBalancers)[0]!;
  add(alb.LoadBalancerArn, '<alb-arn>');
  add(afterPrefix(alb.LoadBalancerArn, /:loadbalancer\/(.+)$/), '<alb-dimension>');
  add(alb.DNSName, '<alb-dns>');
  add(alb.LoadBalancerName, '<alb-name>');
  for (const listener of data(inventory.elbv2.listeners)) add(listener.ListenerArn, `<listener:${listener.Port}>`);
  const targetGroup = data(inventory.elbv2.targetGroups)[0]!;
  add(targetGroup.TargetGroupArn, '<tg-arn>');
  add(afterPrefix(targetGroup.TargetGroupArn, /:(targetgroup\/.+)$/), '<tg-dimension>');
  add(targetGroup.TargetGroupName, '<tg-name>');
  add(targetGroup.Port, '<app-port>');

  const group = data(inventory.autoscaling.groups)[0]!;
  add(group.AutoScalingGroupARN, '<asg-arn>');
  add(group.AutoScalingGroupName, '<asg-name>');
  add(group.LaunchTemplate?.LaunchTemplateId, '<lt-id>');
  add(group.LaunchTemplate?.LaunchTemplateName, '<lt-name>');
  for (const policy of data(inventory.autoscaling.policies)) {
    const metric = policy.TargetTrackingConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType ?? policy.PolicyName;
    add(policy.PolicyARN, `<policy:${metric}>`);
    add(policy.PolicyName, `<policy-name:${metric}>`);
    add(policy.TargetTrackingConfiguration?.PredefinedMetricSpecification?.ResourceLabel, '<alb-dimension>/<tg-dimension>');
    for (const alarm of policy.Alarms ?? []) {
      const side = /AlarmLow/.test(alarm.AlarmName ?? '') ? 'low' : 'high';
      add(alarm.AlarmARN, `<tt-alarm-arn:${metric}:${side}>`);
      add(alarm.AlarmName, `<tt-alarm:${metric}:${side}>`);
    }
  }
  for (const instance of data(ec2.instances)) add(instance.InstanceId, `<instance:${instance.Placement?.AvailabilityZone}>`);

  const db = data(inventory.rds.instances)[0]!;
  add(db.DBInstanceArn, '<db-arn>');
  add(db.Endpoint?.Address, '<db-endpoint>');
  add(db.DBInstanceIdentifier, '<db-id>');
  add(db.DBSubnetGroup?.DBSubnetGroupName, '<db-subnet-group>');
  add(db.KmsKeyId, '<db-kms-key>');
  add(db.Endpoint?.Port, '<db-port>');

  const redis = data(inventory.elasticache.replicationGroups)[0]!;
  add(redis.ARN, '<redis-arn>');
  for (const member of redis.NodeGroups?.[0]?.NodeGroupMembers ?? []) add(member.CacheClusterId, `<redis-member:${member.CurrentRole}>`);
  add(redis.NodeGroups?.[0]?.PrimaryEndpoint?.Address, '<redis-primary-endpoint>');
  add(redis.ReplicationGroupId, '<redis-id>');
  add(redis.NodeGroups?.[0]?.PrimaryEndpoint?.Port, '<cache-port>');
  for (const subnetGroup of data(inventory.elasticache.subnetGroups)) add(subnetGroup.CacheSubnetGroupName, '<cache-subnet-group>');

  // Security groups by what they guard (the checks follow the same links).
  for (const id of alb.SecurityGroups ?? []) add(id, '<sg:alb>');
  // The app group as the checks find it: on the instances or in the launch template (top level or,
  // as the reference stacks put it, on the network interface).
  for (const id of appSecurityGroupIds(inventory)) add(id, '<sg:app>');
  for (const g of db.VpcSecurityGroups ?? []) add(g.VpcSecurityGroupId, '<sg:db>');
  for (const cluster of data(inventory.elasticache.cacheClusters)) for (const g of cluster.SecurityGroups ?? []) add(g.SecurityGroupId, '<sg:cache>');
  for (const g of data(ec2.securityGroups)) if (g.GroupName === 'default') add(g.GroupId, '<sg:default>');

  const distribution = data(inventory.cloudfront.distributions)[0]!;
  add(distribution.arn, '<distribution-arn>');
  add(distribution.id, '<distribution-id>');
  add(distribution.domainName, '<distribution-domain>');
  for (const origin of distribution.config.Origins?.Items ?? []) add(origin.OriginAccessControlId, '<oac>');
  const frontendOrigin = distribution.config.Origins?.Items?.[0]?.DomainName?.split('.s3.')[0];
  add(frontendOrigin, '<bucket:frontend>');

  for (const alarm of data(inventory.cloudwatch.metricAlarms)) {
    for (const action of alarm.AlarmActions ?? []) if (action.startsWith('arn:aws:sns:')) add(action, '<alarm-topic>');
  }
  for (const plan of data(inventory.backup.plans)) {
    add(plan.planArn, '<backup-plan-arn>');
    add(plan.planId, '<backup-plan-id>');
  }
  for (const role of data(inventory.iam.instanceRoles)) {
    add(role.roleArn, '<app-role-arn>');
    add(role.instanceProfileArn, '<instance-profile-arn>');
    add(role.roleName, '<app-role>');
  }
  for (const profile of data(inventory.iam.instanceProfiles)) add(profile.InstanceProfileName, '<instance-profile>');
  return [...book.entries()].sort((a, b) => b[0].length - a[0].length);
}

/** public (default route to an internet gateway), private (to a NAT gateway) or isolated (none), as the checks judge tiers. */
function tierOf(inventory: Inventory, subnetId: string): string {
  const tables = data(inventory.ec2.routeTables);
  const table =
    tables.find((t) => t.Associations?.some((a) => a.SubnetId === subnetId)) ?? tables.find((t) => t.Associations?.some((a) => a.Main));
  const route = table?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
  if (route?.GatewayId?.startsWith('igw-')) return 'public';
  if (route?.NatGatewayId) return 'private';
  return 'isolated';
}

/** `value` with every id, name, ARN and port of `book` replaced by its role (numbers equal to a port too). */
function byRole(value: unknown, book: [string, string][]): unknown {
  if (typeof value === 'string') {
    const whole = book.find(([concrete]) => concrete === value);
    if (whole) return whole[1];
    let out = value;
    for (const [concrete, role] of book) if (concrete.length > 3) out = out.split(concrete).join(role);
    return out;
  }
  if (typeof value === 'number') return book.find(([concrete]) => concrete === String(value))?.[1] ?? value;
  // Lists are compared as sets (no check reads their order), after the roles replace the ids.
  if (Array.isArray(value)) return sorted(value.map((v) => byRole(v, book)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]): [string, unknown] => [byRole(k, book) as string, byRole(v, book)]).sort(([a], [b]) => a.localeCompare(b)));
  return value;
}

// ---------------------------------------------------------------- what the checks read

/**
 * What the reference stacks deploy beyond the fixture, left out of the fixture on purpose (matched
 * on either side, so an id in a role form is enough):
 * - policies: the second target-tracking policy (requests per target). The rule tests vary "the"
 *   group's one policy (StepScaling passes, SimpleScaling fails); asg.scaling-policy passes on any.
 * - alarms: that policy's alarms, and the Redis alarms on the replica member. alarms.coverage asks
 *   for one alarm on any member (rules.monitoring "accepts a Redis alarm on any member cluster"),
 *   and the tests that move the Redis alarms to ReplicationGroupId name exactly the two on the primary.
 */
const ALLOWED_EXTRA = {
  policies: ['ALBRequestCountPerTarget'],
  alarms: [/^AWS\/ApplicationELB RequestCountPerTarget /, /^AWS\/ElastiCache \S+ CacheClusterId=<redis-member:replica> /],
};

const pick = <T extends object>(item: T, keys: (keyof T)[]) => Object.fromEntries(keys.filter((k) => item[k] !== undefined).map((k) => [k, item[k]]));
const sorted = <T>(items: T[]) => [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const rules = (permissions: { IpProtocol?: string; FromPort?: number; ToPort?: number; IpRanges?: { CidrIp?: string }[]; UserIdGroupPairs?: { GroupId?: string }[] }[] | undefined) =>
  sorted(
    (permissions ?? []).map((p) => ({
      protocol: p.IpProtocol,
      from: p.FromPort,
      to: p.ToPort,
      sources: [...(p.IpRanges ?? []).map((r) => r.CidrIp), ...(p.UserIdGroupPairs ?? []).map((g) => g.GroupId)].sort(),
    })),
  );

/**
 * For every dataset a check declares: what of it the checks read. A dataset missing here fails
 * the test below, so a check that starts to read a new dataset is held to the emulator too.
 */
const READS: Record<DatasetPath, (inventory: Inventory) => unknown> = {
  'ec2.vpcs': (inv) => data(inv.ec2.vpcs).map((v) => pick(v, ['VpcId', 'CidrBlock', 'IsDefault'])),
  'ec2.subnets': (inv) => sorted(data(inv.ec2.subnets).map((s) => pick(s, ['SubnetId', 'VpcId', 'AvailabilityZone', 'CidrBlock']))),
  // The routing each subnet gets (its own table, else the main one), as the checks follow it.
  // Whether two subnets share a table is not read: CDK gives each subnet its own, the fixture shares.
  'ec2.routeTables': (inv) => {
    const tables = data(inv.ec2.routeTables);
    const defaultRoute = (t: (typeof tables)[number] | undefined) =>
      (t?.Routes ?? []).filter((r) => r.DestinationCidrBlock === '0.0.0.0/0').map((r) => r.GatewayId ?? r.NatGatewayId ?? '?');
    const main = tables.find((t) => t.Associations?.some((a) => a.Main));
    return {
      main: defaultRoute(main),
      subnets: Object.fromEntries(
        data(inv.ec2.subnets)
          .map((s) => [s.SubnetId!, defaultRoute(tables.find((t) => t.Associations?.some((a) => a.SubnetId === s.SubnetId)) ?? main)] as const)
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
    };
  },
  'ec2.internetGateways': (inv) => data(inv.ec2.internetGateways).map((g) => ({ id: g.InternetGatewayId, vpcs: g.Attachments?.map((a) => a.VpcId) })),
  'ec2.natGateways': (inv) => sorted(data(inv.ec2.natGateways).map((n) => pick(n, ['NatGatewayId', 'SubnetId', 'State', 'ConnectivityType']))),
  // The groups that guard the tiers (the default group of the VPC guards nothing of the deployment;
  // the fixture leaves it out and no check judges it).
  'ec2.securityGroups': (inv) =>
    sorted(
      data(inv.ec2.securityGroups)
        .filter((g) => g.GroupName !== 'default')
        .map((g) => ({ id: g.GroupId, vpc: g.VpcId, ingress: rules(g.IpPermissions), egress: rules(g.IpPermissionsEgress) })),
    ),
  'ec2.instances': (inv) =>
    sorted(
      data(inv.ec2.instances).map((i) => ({
        ...pick(i, ['InstanceId', 'InstanceType', 'SubnetId', 'VpcId']),
        az: i.Placement?.AvailabilityZone,
        state: i.State?.Name,
        groups: i.SecurityGroups?.map((g) => g.GroupId),
        httpTokens: i.MetadataOptions?.HttpTokens,
        asg: tag(i.Tags, 'aws:autoscaling:groupName'),
      })),
    ),
  // The version the group launches ($Latest / $Default resolved), as ec2.imdsv2 and secrets.no-plaintext read it.
  'ec2.launchTemplateVersions': (inv) => {
    const launched = resolveLaunchTemplateVersion(inv, launchTemplateRef(data(inv.autoscaling.groups)[0]!)!);
    const d = launched.LaunchTemplateData;
    return {
      template: launched.LaunchTemplateId,
      httpTokens: d?.MetadataOptions?.HttpTokens,
      groups: launchTemplateSecurityGroups(launched),
      profile: d?.IamInstanceProfile?.Arn,
      instanceType: d?.InstanceType,
      // The boot script is read for plaintext secrets: compared on what it must hold, a secret
      // fetched at boot by ARN and no password literal (the scripts differ in every other line).
      userData: userDataShape(d?.UserData),
    };
  },
  'ec2.flowLogs': (inv) => data(inv.ec2.flowLogs).length,
  'elbv2.loadBalancers': (inv) =>
    data(inv.elbv2.loadBalancers).map((lb) => ({
      ...pick(lb, ['LoadBalancerArn', 'LoadBalancerName', 'Scheme', 'Type', 'VpcId', 'SecurityGroups']),
      zones: lb.AvailabilityZones?.map((z) => [z.ZoneName, z.SubnetId]),
    })),
  'elbv2.listeners': (inv) =>
    data(inv.elbv2.listeners).map((l) => ({
      ...pick(l, ['ListenerArn', 'LoadBalancerArn', 'Port', 'Protocol']),
      actions: l.DefaultActions?.map((a) => [a.Type, a.TargetGroupArn]),
    })),
  'elbv2.targetGroups': (inv) =>
    data(inv.elbv2.targetGroups).map((t) =>
      pick(t, ['TargetGroupArn', 'TargetGroupName', 'Protocol', 'Port', 'VpcId', 'TargetType', 'HealthCheckPath', 'HealthCheckPort', 'LoadBalancerArns']),
    ),
  'elbv2.targetHealth': (inv) =>
    Object.fromEntries(Object.entries(data(inv.elbv2.targetHealth)).map(([arn, targets]) => [arn, sorted(targets.map((t) => [t.Target?.Id, t.Target?.Port, t.TargetHealth?.State]))])),
  'autoscaling.groups': (inv) =>
    data(inv.autoscaling.groups).map((g) => ({
      ...pick(g, ['AutoScalingGroupName', 'MinSize', 'MaxSize', 'DesiredCapacity', 'AvailabilityZones', 'TargetGroupARNs', 'HealthCheckType']),
      subnets: g.VPCZoneIdentifier?.split(',').sort(),
      template: [g.LaunchTemplate?.LaunchTemplateId, g.LaunchTemplate?.Version],
      instances: sorted((g.Instances ?? []).map((i) => [i.InstanceId, i.AvailabilityZone, i.LifecycleState, i.HealthStatus])),
      metricsEnabled: (g.EnabledMetrics ?? []).length > 0,
    })),
  // Enabled is optional in the ScalingPolicy shape (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_ScalingPolicy.html):
  // the emulator leaves it out, the fixture says true, asg.scaling-policy reads `Enabled !== false`.
  'autoscaling.policies': (inv) =>
    data(inv.autoscaling.policies)
      .filter((p) => !ALLOWED_EXTRA.policies.includes(p.TargetTrackingConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType ?? ''))
      .map((p) => ({ ...pick(p, ['PolicyARN', 'AutoScalingGroupName', 'PolicyType']), enabled: p.Enabled !== false })),
  'rds.instances': (inv) =>
    data(inv.rds.instances).map((db) => ({
      ...pick(db, [
        'DBInstanceIdentifier',
        'DBInstanceArn',
        'DBInstanceClass',
        'Engine',
        'MultiAZ',
        'AvailabilityZone',
        'SecondaryAvailabilityZone',
        'PubliclyAccessible',
        'StorageEncrypted',
        'BackupRetentionPeriod',
        'DeletionProtection',
        'MonitoringInterval',
        'AllocatedStorage',
        'StorageType',
        'DBClusterIdentifier',
      ]),
      port: db.Endpoint?.Port,
      groups: db.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId),
      subnets: db.DBSubnetGroup?.Subnets?.map((s) => s.SubnetIdentifier).sort(),
    })),
  'rds.clusters': (inv) => data(inv.rds.clusters).length,
  'elasticache.replicationGroups': (inv) =>
    data(inv.elasticache.replicationGroups).map((g) => ({
      ...pick(g, ['ReplicationGroupId', 'Engine', 'AutomaticFailover', 'MultiAZ', 'SnapshotRetentionLimit', 'ClusterEnabled', 'CacheNodeType', 'TransitEncryptionEnabled', 'AtRestEncryptionEnabled']),
      members: g.MemberClusters,
      nodes: g.NodeGroups?.map((n) => ({ port: n.PrimaryEndpoint?.Port, members: n.NodeGroupMembers?.map((m) => [m.CacheClusterId, m.PreferredAvailabilityZone, m.CurrentRole]) })),
    })),
  'elasticache.cacheClusters': (inv) =>
    sorted(
      data(inv.elasticache.cacheClusters).map((c) => ({
        ...pick(c, ['CacheClusterId', 'CacheNodeType', 'Engine', 'NumCacheNodes', 'PreferredAvailabilityZone', 'CacheSubnetGroupName', 'ReplicationGroupId']),
        groups: c.SecurityGroups?.map((g) => g.SecurityGroupId),
      })),
    ),
  'elasticache.subnetGroups': (inv) =>
    data(inv.elasticache.subnetGroups).map((g) => ({ name: g.CacheSubnetGroupName, vpc: g.VpcId, subnets: g.Subnets?.map((s) => s.SubnetIdentifier).sort() })),
  'cloudfront.distributions': (inv) =>
    data(inv.cloudfront.distributions).map((d) => ({
      id: d.id,
      enabled: d.config.Enabled,
      origins: d.config.Origins?.Items?.map((o) => ({ domain: o.DomainName, oac: o.OriginAccessControlId, oai: o.S3OriginConfig?.OriginAccessIdentity })),
      viewerProtocolPolicies: [d.config.DefaultCacheBehavior?.ViewerProtocolPolicy, ...(d.config.CacheBehaviors?.Items ?? []).map((b) => b.ViewerProtocolPolicy)],
    })),
  // The frontend bucket (the distribution's origin): its public access block and the policy's
  // grant to that distribution. The stacks add log buckets that the fixture leaves out.
  's3.buckets': (inv) =>
    data(inv.s3.buckets)
      .filter((b) => b.name === frontendBucket(inv))
      .map((b) => ({ name: b.name, region: b.region, publicAccessBlock: data(b.publicAccessBlock), policy: policyShape(data(b.policy)) })),
  'cloudwatch.metricAlarms': (inv) => alarmsByWatch(inv),
  'cloudwatch.compositeAlarms': (inv) => data(inv.cloudwatch.compositeAlarms).length,
  'cloudwatch.dashboards': (inv) => data(inv.cloudwatch.dashboards).map((d) => ({ name: d.name, watches: dashboardWatches(d.body) })),
  'logs.logGroups': (inv) =>
    data(inv.logs.logGroups)
      .filter((g) => !g.logGroupName?.startsWith('/aws/'))
      .map((g) => ({ app: true, retained: (g.retentionInDays ?? 0) > 0 })),
  'backup.plans': (inv) =>
    data(inv.backup.plans).map((p) => ({
      planArn: p.planArn,
      rules: p.plan.Rules?.map((r) => ({ daily: /^cron\(\d+ \d+ \* \* \? \*\)$/.test(r.ScheduleExpression ?? ''), kept: (r.Lifecycle?.DeleteAfterDays ?? 0) > 0 })),
      resources: p.selections.flatMap((s) => s.Resources ?? []),
    })),
  'backup.recoveryPoints': (inv) => Object.keys(data(inv.backup.recoveryPoints)),
  'iam.instanceProfiles': (inv) => data(inv.iam.instanceProfiles).map((p) => ({ arn: p.Arn, roles: p.Roles?.map((r) => r.Arn) })),
  'iam.instanceRoles': (inv) =>
    data(inv.iam.instanceRoles).map((r) => ({
      role: r.roleArn,
      profile: r.instanceProfileArn,
      // Both hold SSM core; the stacks also attach the CloudWatch agent's managed policy.
      managed: r.attachedPolicies.map((p) => p.PolicyArn).filter((arn) => arn?.endsWith('/AmazonSSMManagedInstanceCore')),
      actions: [...new Set(r.policyDocuments.flatMap((d) => statements(d.document).flatMap((s) => [s.Action ?? []].flat())))].sort(),
      wildcardResource: r.policyDocuments.some((d) => statements(d.document).some((s) => [s.Resource ?? []].flat().includes('*'))),
    })),
};

function frontendBucket(inv: Inventory): string | undefined {
  return data(inv.cloudfront.distributions)[0]?.config.Origins?.Items?.[0]?.DomainName?.split('.s3.')[0];
}

type Statement = { Sid?: string; Effect?: string; Principal?: unknown; Action?: string | string[]; Resource?: string | string[]; Condition?: unknown };
const statements = (document: string | null): Statement[] => (document ? ((JSON.parse(document) as { Statement?: Statement[] }).Statement ?? []) : []);

/** A bucket policy as the checks read it: who is allowed or denied what, on which condition (Sids are names). */
function policyShape(document: string | null) {
  return sorted(statements(document).map(({ Sid: _sid, ...s }) => s));
}

function userDataShape(base64: string | undefined) {
  const script = Buffer.from(base64 ?? '', 'base64').toString('utf8');
  return { secretArnExported: /DB_SECRET_ARN=arn:aws:secretsmanager:/.test(script), passwordLiteral: /PASSWORD=(?!\$\()/.test(script) };
}

/**
 * What is alarmed: each metric (namespace, name, dimensions) watched by an alarm, with the
 * alarm's actions, once. How metrics are grouped into alarms is not compared: the stacks alarm
 * ELB and target 5xx separately, the fixture in one metric-math alarm (the form the rule tests
 * vary; alarms.coverage reads the metrics inside an expression), and target tracking makes a
 * high and a low alarm on one metric.
 */
function alarmsByWatch(inv: Inventory): string[] {
  const watched = data(inv.cloudwatch.metricAlarms).flatMap((a) => {
    const metrics = a.Metrics?.length
      ? a.Metrics.filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric!)
      : [{ Namespace: a.Namespace, MetricName: a.MetricName, Dimensions: a.Dimensions }];
    return metrics.map((m) => {
      const dimensions = (m.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).sort().join(',');
      return `${m.Namespace} ${m.MetricName} ${dimensions} -> ${[...(a.AlarmActions ?? [])].sort().join(',')}${a.ActionsEnabled === false ? ' (actions off)' : ''}`;
    });
  });
  const book = roles(inv);
  return [...new Set(watched.map((w) => byRole(w, book) as string))].filter((w) => !ALLOWED_EXTRA.alarms.some((extra) => extra.test(w)));
}

/** The namespace + dimension pairs a dashboard's metric widgets show ("." repeats the line above). */
function dashboardWatches(body: string): string[] {
  const widgets = (JSON.parse(body) as { widgets?: { type?: string; properties?: { metrics?: unknown[][] } }[] }).widgets ?? [];
  const out = new Set<string>();
  for (const widget of widgets) {
    let previous: unknown[] = [];
    for (const line of widget.properties?.metrics ?? []) {
      const full = line.map((part, i) => (part === '.' ? previous[i] : part));
      previous = full;
      const [namespace, , dimension, value] = full;
      if (typeof dimension === 'string' && typeof value === 'string') out.add(`${namespace} ${dimension}=${value}`);
    }
  }
  return [...out].sort();
}

// ---------------------------------------------------------------- the comparison

const declared = [...new Set(CHECKS.flatMap((c) => [...c.datasets, ...(c.optionalDatasets ?? [])]))].sort();

describe('the hand-written reference inventory against what the collectors read from the reference scenario', () => {
  it('knows what the checks read of every dataset they declare', () => {
    expect(declared.filter((path) => !(path in READS))).toEqual([]);
  });

  it.each(declared)('%s: the same resources in the same roles, with the fields the checks read', (path) => {
    const read = READS[path];
    expect(byRole(read(fixture), roles(fixture))).toEqual(byRole(read(collected), roles(collected)));
  });
});
