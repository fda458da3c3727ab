// The roles the resources of a deployment play: which instances are the app, which
// security groups belong to the ALB, the app, the database and the cache. Every dataset
// already holds only the deployment's resources; these helpers only tell the tiers apart.
import type { Inventory } from '../../inventory/types';
import { NotCollectedError, read } from './collected';

type Data<C> = C extends { status: 'collected'; data: infer D } ? D : never;
export type AutoScalingGroup = Data<Inventory['autoscaling']['groups']>[number];
export type LoadBalancer = Data<Inventory['elbv2']['loadBalancers']>[number];
export type TargetGroup = Data<Inventory['elbv2']['targetGroups']>[number];
export type Ec2Instance = Data<Inventory['ec2']['instances']>[number];
export type LaunchTemplateVersion = Data<Inventory['ec2']['launchTemplateVersions']>[number];
export type DbInstance = Data<Inventory['rds']['instances']>[number];
export type ReplicationGroup = Data<Inventory['elasticache']['replicationGroups']>[number];
export type CacheCluster = Data<Inventory['elasticache']['cacheClusters']>[number];
export type Distribution = Data<Inventory['cloudfront']['distributions']>[number];
export type Bucket = Data<Inventory['s3']['buckets']>[number];
export type MetricAlarm = Data<Inventory['cloudwatch']['metricAlarms']>[number];

// ---------------------------------------------------------------- load balancers

/** Application load balancers (network/gateway load balancers are not "the ALB"). */
export function applicationLoadBalancers(inventory: Inventory): LoadBalancer[] {
  return read(inventory.elbv2.loadBalancers).filter((lb) => (lb.Type ?? 'application') === 'application');
}

/** The CloudWatch LoadBalancer dimension of an ALB: "app/name/id", the ARN after "loadbalancer/". */
export function loadBalancerDimension(arn: string | undefined): string | undefined {
  const match = /:loadbalancer\/(.+)$/.exec(arn ?? '');
  return match?.[1];
}

/** The CloudWatch TargetGroup dimension: "targetgroup/name/id". */
export function targetGroupDimension(arn: string | undefined): string | undefined {
  const match = /:(targetgroup\/.+)$/.exec(arn ?? '');
  return match?.[1];
}

export function lbName(lb: LoadBalancer): string {
  return lb.LoadBalancerName ?? lb.LoadBalancerArn ?? '?';
}

// ---------------------------------------------------------------- app tier

export function autoScalingGroups(inventory: Inventory): AutoScalingGroup[] {
  return read(inventory.autoscaling.groups);
}

export function asgName(group: AutoScalingGroup): string {
  return group.AutoScalingGroupName ?? '?';
}

function live(instance: Ec2Instance): boolean {
  const state = instance.State?.Name;
  return state !== 'terminated' && state !== 'shutting-down';
}

/**
 * The app instances: the members of the deployment's ASGs (by the group's instance list
 * or the aws:autoscaling:groupName tag). Without any ASG (a console-built single instance),
 * every instance of the deployment is an app instance.
 */
export function appInstances(inventory: Inventory): Ec2Instance[] {
  const groups = autoScalingGroups(inventory);
  const instances = read(inventory.ec2.instances).filter(live);
  if (groups.length === 0) return instances;
  const names = new Set(groups.map(asgName));
  const members = new Set(groups.flatMap((g) => (g.Instances ?? []).map((i) => i.InstanceId ?? '')));
  return instances.filter(
    (i) => members.has(i.InstanceId ?? '') || (i.Tags ?? []).some((t) => t.Key === 'aws:autoscaling:groupName' && names.has(t.Value ?? '')),
  );
}

export interface LaunchTemplateRef {
  LaunchTemplateId?: string | undefined;
  LaunchTemplateName?: string | undefined;
  Version?: string | undefined;
}

/** The launch template an ASG launches from (directly or through a mixed instances policy). */
export function launchTemplateRef(group: AutoScalingGroup): LaunchTemplateRef | undefined {
  return group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification ?? undefined;
}

export function describeLaunchTemplateRef(ref: LaunchTemplateRef): string {
  return describeLaunchTemplateRefText(ref).en;
}

/** "name version 3" / "name 버전 3". */
export function describeLaunchTemplateRefText(ref: LaunchTemplateRef): { ko: string; en: string } {
  const name = ref.LaunchTemplateName ?? ref.LaunchTemplateId ?? '?';
  const version = ref.Version ?? '$Default';
  return { ko: `${name} 버전 ${version}`, en: `${name} version ${version}` };
}

/**
 * The launch template version the ASG actually uses: $Latest is the highest version number,
 * $Default the default version, a number that version. Reads ec2.launchTemplateVersions;
 * a version that is not in the inventory stops the check with `error` (it cannot be judged).
 */
export function resolveLaunchTemplateVersion(inventory: Inventory, ref: LaunchTemplateRef): LaunchTemplateVersion {
  const versions = read(inventory.ec2.launchTemplateVersions).filter(
    (v) =>
      (ref.LaunchTemplateId !== undefined && v.LaunchTemplateId === ref.LaunchTemplateId) ||
      (ref.LaunchTemplateName !== undefined && v.LaunchTemplateName === ref.LaunchTemplateName),
  );
  const wanted = ref.Version ?? '$Default';
  let found: LaunchTemplateVersion | undefined;
  if (wanted === '$Latest') {
    found = versions.reduce<LaunchTemplateVersion | undefined>(
      (best, v) => (best === undefined || (v.VersionNumber ?? 0) > (best.VersionNumber ?? 0) ? v : best),
      undefined,
    );
  } else if (wanted === '$Default') {
    found = versions.find((v) => v.DefaultVersion === true);
  } else {
    found = versions.find((v) => String(v.VersionNumber) === wanted);
  }
  if (!found) {
    throw new NotCollectedError(
      'ec2:DescribeLaunchTemplateVersions',
      {
        ko: `시작 템플릿 ${describeLaunchTemplateRefText(ref).ko}이(가) 인벤토리에 없습니다`,
        en: `launch template ${describeLaunchTemplateRef(ref)} is not in the inventory`,
      },
    );
  }
  return found;
}

/** Security groups named by a launch template version (top level and network interfaces). */
export function launchTemplateSecurityGroups(version: LaunchTemplateVersion): string[] {
  const data = version.LaunchTemplateData ?? {};
  return [...(data.SecurityGroupIds ?? []), ...(data.NetworkInterfaces ?? []).flatMap((n) => n.Groups ?? [])];
}

/**
 * The app security groups: those of the app instances and those the ASGs' launch templates
 * give new instances. Reads autoscaling.groups, ec2.instances, ec2.launchTemplateVersions.
 */
export function appSecurityGroupIds(inventory: Inventory): Set<string> {
  const ids = new Set<string>();
  for (const instance of appInstances(inventory)) for (const g of instance.SecurityGroups ?? []) if (g.GroupId) ids.add(g.GroupId);
  for (const group of autoScalingGroups(inventory)) {
    const ref = launchTemplateRef(group);
    if (ref) for (const id of launchTemplateSecurityGroups(resolveLaunchTemplateVersion(inventory, ref))) ids.add(id);
  }
  return ids;
}

export function albSecurityGroupIds(inventory: Inventory): Set<string> {
  return new Set(applicationLoadBalancers(inventory).flatMap((lb) => lb.SecurityGroups ?? []));
}

// ---------------------------------------------------------------- data tier

export function dbInstances(inventory: Inventory): DbInstance[] {
  return read(inventory.rds.instances);
}

export function isPostgres(db: DbInstance): boolean {
  return db.Engine === 'postgres';
}

export function dbId(db: DbInstance): string {
  return db.DBInstanceIdentifier ?? db.DBInstanceArn ?? '?';
}

/** Redis (or its fork Valkey, which ElastiCache now offers first) replication groups. */
export function redisGroups(inventory: Inventory): ReplicationGroup[] {
  return read(inventory.elasticache.replicationGroups).filter((g) => g.Engine === undefined || g.Engine === 'redis' || g.Engine === 'valkey');
}

export function rgId(group: ReplicationGroup): string {
  return group.ReplicationGroupId ?? group.ARN ?? '?';
}

/** The member clusters of a replication group (reads elasticache.cacheClusters). */
export function memberClusters(inventory: Inventory, group: ReplicationGroup): CacheCluster[] {
  const members = new Set(group.MemberClusters ?? []);
  return read(inventory.elasticache.cacheClusters).filter(
    (c) => (c.ReplicationGroupId !== undefined && c.ReplicationGroupId === group.ReplicationGroupId) || members.has(c.CacheClusterId ?? ''),
  );
}

export function redisPort(group: ReplicationGroup, members: CacheCluster[], fallback: number): number {
  return (
    group.NodeGroups?.find((n) => n.PrimaryEndpoint?.Port)?.PrimaryEndpoint?.Port ??
    group.ConfigurationEndpoint?.Port ??
    members.flatMap((m) => m.CacheNodes ?? []).find((n) => n.Endpoint?.Port)?.Endpoint?.Port ??
    fallback
  );
}

// ---------------------------------------------------------------- frontend

/** The bucket name of an S3 origin domain (REST or website endpoint), or undefined. */
export function bucketOfOriginDomain(domain: string | undefined): string | undefined {
  const match = /^(.+?)\.s3(?:-website)?(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(domain ?? '');
  return match?.[1];
}

export interface S3Origin {
  distribution: Distribution;
  originId: string;
  bucket: Bucket;
  origin: NonNullable<NonNullable<Distribution['config']['Origins']>['Items']>[number];
}

/** The S3 origins of the deployment's distributions that are deployment buckets (reads both datasets). */
export function s3Origins(inventory: Inventory): S3Origin[] {
  const buckets = new Map(read(inventory.s3.buckets).map((b) => [b.name, b]));
  const out: S3Origin[] = [];
  for (const distribution of read(inventory.cloudfront.distributions)) {
    for (const origin of distribution.config.Origins?.Items ?? []) {
      const bucket = buckets.get(bucketOfOriginDomain(origin.DomainName) ?? '');
      if (bucket) out.push({ distribution, originId: origin.Id ?? '?', bucket, origin });
    }
  }
  return out;
}

// ---------------------------------------------------------------- discovery

/** The ARN discovery recorded for a physical id (EC2 shapes carry no ARN of their own). */
export function discoveredArn(inventory: Inventory, id: string | undefined): string | undefined {
  if (!id) return undefined;
  return inventory.discovery.resources.find((r) => r.id === id)?.arn;
}
