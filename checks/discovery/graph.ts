// Discovery, step 2: from the starting points (stacks, tags) to the whole deployment, by
// following the graph through the region-wide lists the collectors fetched once:
//   ASG <-> target groups <-> load balancers, ASG -> instances and launch templates,
//   RDS -> DB subnet group, Redis replication group -> member clusters -> subnet group,
//   distribution <-> origin bucket / load balancer, every resource -> its VPC -> subnets,
//   route tables, gateways, security groups, flow logs -> their log groups,
//   alarms and dashboards that name the deployment's resources.
// Pure: no AWS call, so it is tested with plain data. A resource whose student tag
// names someone else is never taken, whichever way it was reached.
import type { DistributionSummary } from '@aws-sdk/client-cloudfront';
import type { BackupPlansListMember } from '@aws-sdk/client-backup';
import type { DBInstance } from '@aws-sdk/client-rds';
import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type { AutoScalingRegionLists } from '../collectors/autoscaling';
import type { CloudWatchRegionLists } from '../collectors/cloudwatch';
import { dataOr, derive } from '../collectors/collected';
import type { Ec2RegionLists, LaunchTemplateUse } from '../collectors/ec2';
import type { ElastiCacheRegionLists } from '../collectors/elasticache';
import type { Elbv2RegionLists } from '../collectors/elbv2';
import type { TaggedResource } from '../collectors/tagging';
import type { Collected, DiscoveredResource, Serialized, Tags } from '../inventory/types';
import { arnOf, normalizeId as norm, parseArn, partitionOf, refKey, type ResourceRef } from './arns';
import type { StackResource } from './seeds';
import { ownership, tagRecord } from './tags';

export interface RegionLists {
  ec2: Ec2RegionLists;
  elbv2: Elbv2RegionLists;
  autoscaling: AutoScalingRegionLists;
  rdsInstances: Collected<Serialized<DBInstance>[]>;
  elasticache: ElastiCacheRegionLists;
  distributions: Collected<Serialized<DistributionSummary>[]>;
  cloudwatch: CloudWatchRegionLists;
  logGroups: Collected<Serialized<LogGroup>[]>;
  backupPlans: Collected<Serialized<BackupPlansListMember>[]>;
}

export interface GraphInput {
  student: string;
  region: string;
  accountId: string;
  stackResources: StackResource[];
  tagged: TaggedResource[];
  lists: RegionLists;
}

/** The deployment's part of each region-wide list, plus what the next calls need. */
export interface Selection {
  ec2: {
    vpcs: Ec2RegionLists['vpcs'];
    subnets: Ec2RegionLists['subnets'];
    routeTables: Ec2RegionLists['routeTables'];
    internetGateways: Ec2RegionLists['internetGateways'];
    natGateways: Ec2RegionLists['natGateways'];
    securityGroups: Ec2RegionLists['securityGroups'];
    instances: Ec2RegionLists['instances'];
    flowLogs: Ec2RegionLists['flowLogs'];
  };
  loadBalancers: Elbv2RegionLists['loadBalancers'];
  targetGroups: Elbv2RegionLists['targetGroups'];
  autoScalingGroups: AutoScalingRegionLists['groups'];
  scalingPolicies: AutoScalingRegionLists['policies'];
  rdsInstances: RegionLists['rdsInstances'];
  replicationGroups: ElastiCacheRegionLists['replicationGroups'];
  cacheClusters: ElastiCacheRegionLists['cacheClusters'];
  cacheSubnetGroups: ElastiCacheRegionLists['subnetGroups'];
  metricAlarms: CloudWatchRegionLists['metricAlarms'];
  compositeAlarms: CloudWatchRegionLists['compositeAlarms'];
  dashboards: CloudWatchRegionLists['dashboards'];
  logGroups: RegionLists['logGroups'];
  /** Next calls: one per item. */
  loadBalancerArns: string[];
  targetGroupArns: string[];
  launchTemplateUses: LaunchTemplateUse[];
  distributionIds: string[];
  bucketNames: string[];
  backupPlanIds: string[];
  /** The deployment's RDS instance ARNs (from the list, or from discovery when the list failed). */
  dbInstanceArns: string[];
  /** Instance profiles found as stack or tagged resources (the launch templates add theirs later). */
  instanceProfiles: string[];
  resources: ResourceBook;
}

// ------------------------------------------------------------------ resource book

interface Entry {
  ref: ResourceRef;
  arn: string;
  via: Set<'stack' | 'tag' | 'graph'>;
  stackName?: string;
  logicalId?: string;
  /** Tags from the Tagging API (authoritative) or from the resource's own description. */
  tags: Tags | null;
  /** Why the tags could not be read (the failed call's reason), while `tags` is null. */
  tagsUnreadable?: string;
}

/** Every resource of the deployment met so far, keyed by type and id. */
export class ResourceBook {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** Adds or completes a resource; `via` undefined only completes what a seed already said. */
  add(ref: ResourceRef, via: 'stack' | 'tag' | 'graph' | undefined, extra: { arn?: string; tags?: Tags | null; stackName?: string; logicalId?: string } = {}): void {
    const key = refKey(ref);
    let entry = this.entries.get(key);
    if (!entry) {
      const arn = extra.arn ?? arnOf(ref, this.region, this.accountId);
      if (!arn) return;
      entry = { ref, arn, via: new Set(), tags: null };
      this.entries.set(key, entry);
    } else if (extra.arn && entry.arn.includes(':*:')) {
      entry.arn = extra.arn; // a real ARN replaces one built without the unknown part
    }
    if (via) entry.via.add(via);
    if (extra.stackName) entry.stackName = extra.stackName;
    if (extra.logicalId) entry.logicalId = extra.logicalId;
    if (extra.tags && entry.tags === null) entry.tags = extra.tags;
  }

  /** Tags learnt later (Tagging API by ARN, IAM, S3, CloudFront): override what the description said. */
  setTags(key: string, tags: Tags): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.tags = tags;
    delete entry.tagsUnreadable;
  }

  /** The call that should have given a resource's tags failed: say so, unless its tags are already known. */
  markTagsUnreadable(key: string, reason: string): void {
    const entry = this.entries.get(key);
    if (entry && entry.tags === null) entry.tagsUnreadable = reason;
  }

  /** The keys and ids of the resources of one type (e.g. the roles, whose tags only IAM gives). */
  ofType(type: string): { key: string; id: string; arn: string; tags: Tags | null }[] {
    return [...this.entries.entries()].filter(([, e]) => e.ref.type === type).map(([key, e]) => ({ key, id: e.ref.id, arn: e.arn, tags: e.tags }));
  }

  /** The same resource under its proper id (a stack names an Elastic IP by its address, the API by its allocation id). */
  rekey(from: ResourceRef, to: ResourceRef, arn: string): void {
    const entry = this.entries.get(refKey(from));
    if (!entry) return;
    this.entries.delete(refKey(from));
    const existing = this.entries.get(refKey(to));
    if (!existing) {
      this.entries.set(refKey(to), { ...entry, ref: to, arn });
      return;
    }
    // Met both ways (in the stack by its address, tagged by its allocation id): one resource.
    for (const via of entry.via) existing.via.add(via);
    existing.stackName ??= entry.stackName;
    existing.logicalId ??= entry.logicalId;
    existing.tags ??= entry.tags;
  }

  list(): DiscoveredResource[] {
    return [...this.entries.values()]
      .map((e) => ({
        arn: e.arn,
        type: e.ref.type,
        id: e.ref.id,
        // "graph" means reached only by following links: a stack or tag found it otherwise.
        via: (['stack', 'tag', 'graph'] as const).filter((v) => e.via.has(v) && (v !== 'graph' || (!e.via.has('stack') && !e.via.has('tag')))),
        ...(e.stackName ? { stackName: e.stackName } : {}),
        ...(e.logicalId ? { logicalId: e.logicalId } : {}),
        tags: e.tags,
        ...(e.tags === null && e.tagsUnreadable ? { tagsUnreadable: e.tagsUnreadable } : {}),
      }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  }

  /**
   * Resources whose tags are still unknown, for a Tagging API lookup in this region: the
   * regional ones. The API answers for the resources located in the region it is asked in,
   * so buckets (read through S3, in their own region), IAM roles (never in its answer: read
   * through IAM), CloudFront (read through CloudFront) and dashboards are left to others.
   */
  unknownTags(): { key: string; arn: string }[] {
    return [...this.entries.entries()]
      .filter(([, e]) => e.tags === null && !e.arn.includes(':*:') && e.arn.split(':')[3] === this.region)
      .map(([key, e]) => ({ key, arn: e.arn }));
  }
}

// ------------------------------------------------------------------ selection

const T = {
  vpc: 'AWS::EC2::VPC',
  subnet: 'AWS::EC2::Subnet',
  sg: 'AWS::EC2::SecurityGroup',
  rt: 'AWS::EC2::RouteTable',
  igw: 'AWS::EC2::InternetGateway',
  nat: 'AWS::EC2::NatGateway',
  eip: 'AWS::EC2::EIP',
  instance: 'AWS::EC2::Instance',
  lt: 'AWS::EC2::LaunchTemplate',
  flowLog: 'AWS::EC2::FlowLog',
  lb: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  tg: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  asg: 'AWS::AutoScaling::AutoScalingGroup',
  db: 'AWS::RDS::DBInstance',
  dbSubnetGroup: 'AWS::RDS::DBSubnetGroup',
  rg: 'AWS::ElastiCache::ReplicationGroup',
  cacheCluster: 'AWS::ElastiCache::CacheCluster',
  cacheSubnetGroup: 'AWS::ElastiCache::SubnetGroup',
  distribution: 'AWS::CloudFront::Distribution',
  bucket: 'AWS::S3::Bucket',
  alarm: 'AWS::CloudWatch::Alarm',
  compositeAlarm: 'AWS::CloudWatch::CompositeAlarm',
  dashboard: 'AWS::CloudWatch::Dashboard',
  logGroup: 'AWS::Logs::LogGroup',
  backupPlan: 'AWS::Backup::BackupPlan',
  instanceProfile: 'AWS::IAM::InstanceProfile',
} as const;

export function selectDeployment(input: GraphInput): Selection {
  const { student, region, accountId, lists } = input;
  const book = new ResourceBook(region, accountId);
  const p = partitionOf(region);
  const ec2Arn = (kind: string, id: string) => `arn:${p}:ec2:${region}:${accountId}:${kind}/${id}`;

  // --- seeds: stack resources and tagged resources, indexed by type
  const seeds = new Map<string, Set<string>>();
  const seed = (type: string, id: string) => {
    if (!seeds.has(type)) seeds.set(type, new Set());
    seeds.get(type)!.add(norm(type, id));
  };
  const isSeed = (type: string, id: string | undefined) => id !== undefined && (seeds.get(type)?.has(norm(type, id)) ?? false);
  const seedIds = (type: string) => [...(seeds.get(type) ?? [])];
  const foreignArns = new Set<string>();

  for (const r of input.stackResources) {
    const ref = { type: r.type, id: r.physicalId };
    const arnRef = r.physicalId.startsWith('arn:') ? parseArn(r.physicalId) : undefined;
    const seedRef = arnRef && arnRef.type === r.type ? arnRef : ref;
    seed(seedRef.type, seedRef.id);
    book.add(seedRef, 'stack', { stackName: r.stackName, logicalId: r.logicalId });
  }
  for (const t of input.tagged) {
    const ref = parseArn(t.arn);
    if (!ref || ref.type === 'AWS::CloudFormation::Stack') continue;
    if (ownership(t.tags, student) === 'foreign') {
      foreignArns.add(t.arn);
      continue;
    }
    seed(ref.type, ref.id);
    book.add(ref, 'tag', { arn: t.arn, tags: t.tags });
  }

  /** Takes a resource met in a list: a seed keeps how it was found; otherwise it was reached by the graph or by its own tag. */
  const take = (type: string, id: string, extra: { arn?: string; tags?: Tags | null } = {}, how: 'graph' | 'tag' = 'graph') => {
    book.add({ type, id }, isSeed(type, id) ? undefined : how, extra);
  };
  const ours = (tags: Tags | null | undefined) => ownership(tags, student) === 'ours';
  const foreign = (tags: Tags | null | undefined) => ownership(tags, student) === 'foreign';

  // --- load balancers, target groups, Auto Scaling groups: closure over the three lists
  const lbs = dataOr(lists.elbv2.loadBalancers, []);
  const tgs = dataOr(lists.elbv2.targetGroups, []);
  const asgs = dataOr(lists.autoscaling.groups, []).filter((g) => !foreign(tagRecord(g.Tags)));
  const selLb = new Set(lbs.filter((lb) => isSeed(T.lb, lb.LoadBalancerArn)).map((lb) => lb.LoadBalancerArn!));
  const selTg = new Set(tgs.filter((tg) => isSeed(T.tg, tg.TargetGroupArn)).map((tg) => tg.TargetGroupArn!));
  const selAsg = new Set(asgs.filter((g) => isSeed(T.asg, g.AutoScalingGroupName) || ours(tagRecord(g.Tags))).map((g) => g.AutoScalingGroupName!));
  for (let changed = true; changed; ) {
    const before = selLb.size + selTg.size + selAsg.size;
    for (const g of asgs) if (selAsg.has(g.AutoScalingGroupName!)) for (const arn of g.TargetGroupARNs ?? []) selTg.add(arn);
    for (const tg of tgs) {
      if (selTg.has(tg.TargetGroupArn!)) for (const arn of tg.LoadBalancerArns ?? []) if (!foreignArns.has(arn)) selLb.add(arn);
      if ((tg.LoadBalancerArns ?? []).some((arn) => selLb.has(arn)) && !foreignArns.has(tg.TargetGroupArn!)) selTg.add(tg.TargetGroupArn!);
    }
    for (const g of asgs) if ((g.TargetGroupARNs ?? []).some((arn) => selTg.has(arn))) selAsg.add(g.AutoScalingGroupName!);
    changed = selLb.size + selTg.size + selAsg.size !== before;
  }
  const loadBalancers = derive(lists.elbv2.loadBalancers, (all) => all.filter((lb) => selLb.has(lb.LoadBalancerArn!)));
  const targetGroups = derive(lists.elbv2.targetGroups, (all) => all.filter((tg) => selTg.has(tg.TargetGroupArn!)));
  const autoScalingGroups = derive(lists.autoscaling.groups, (all) => all.filter((g) => selAsg.has(g.AutoScalingGroupName!)));
  for (const lb of dataOr(loadBalancers, [])) take(T.lb, lb.LoadBalancerArn!, { arn: lb.LoadBalancerArn! });
  for (const tg of dataOr(targetGroups, [])) take(T.tg, tg.TargetGroupArn!, { arn: tg.TargetGroupArn! });
  for (const g of dataOr(autoScalingGroups, [])) take(T.asg, g.AutoScalingGroupName!, { arn: g.AutoScalingGroupARN, tags: tagRecord(g.Tags) }, ours(tagRecord(g.Tags)) ? 'tag' : 'graph');
  const scalingPolicies = derive(lists.autoscaling.policies, (all) => all.filter((pol) => selAsg.has(pol.AutoScalingGroupName ?? '')));

  // --- launch templates the groups use
  const launchTemplateUses = new Map<string, LaunchTemplateUse>();
  for (const g of dataOr(autoScalingGroups, [])) {
    const spec = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
    if (!spec) continue;
    const key = spec.LaunchTemplateId ?? `name:${spec.LaunchTemplateName}`;
    const use = launchTemplateUses.get(key) ?? {
      ...(spec.LaunchTemplateId ? { launchTemplateId: spec.LaunchTemplateId } : { launchTemplateName: spec.LaunchTemplateName! }),
      versions: [],
    };
    const version = spec.Version ?? '$Default';
    if (!use.versions.includes(version)) use.versions.push(version);
    launchTemplateUses.set(key, use);
  }
  const launchTemplates = dataOr(lists.ec2.launchTemplates, []);
  for (const use of launchTemplateUses.values()) {
    const lt = launchTemplates.find((t) => t.LaunchTemplateId === use.launchTemplateId || (use.launchTemplateName && t.LaunchTemplateName === use.launchTemplateName));
    const id = lt?.LaunchTemplateId ?? use.launchTemplateId;
    if (id) take(T.lt, id, { tags: lt ? tagRecord(lt.Tags) : null });
  }
  for (const lt of launchTemplates) if (isSeed(T.lt, lt.LaunchTemplateId) || ours(tagRecord(lt.Tags))) take(T.lt, lt.LaunchTemplateId!, { tags: tagRecord(lt.Tags) }, 'tag');

  // --- instances: of the groups, or tagged
  const asgInstanceIds = new Set(dataOr(autoScalingGroups, []).flatMap((g) => (g.Instances ?? []).map((i) => i.InstanceId!)));
  const instances = derive(lists.ec2.instances, (all) =>
    all.filter((i) => !foreign(tagRecord(i.Tags)) && (asgInstanceIds.has(i.InstanceId!) || isSeed(T.instance, i.InstanceId) || ours(tagRecord(i.Tags)))),
  );
  for (const i of dataOr(instances, [])) take(T.instance, i.InstanceId!, { tags: tagRecord(i.Tags) }, ours(tagRecord(i.Tags)) && !asgInstanceIds.has(i.InstanceId!) ? 'tag' : 'graph');

  // --- RDS
  const rdsInstances = derive(lists.rdsInstances, (all) =>
    all.filter((db) => !foreign(tagRecord(db.TagList)) && (isSeed(T.db, db.DBInstanceIdentifier) || ours(tagRecord(db.TagList)))),
  );
  for (const db of dataOr(rdsInstances, [])) {
    take(T.db, db.DBInstanceIdentifier!, { ...(db.DBInstanceArn ? { arn: db.DBInstanceArn } : {}), tags: tagRecord(db.TagList) }, 'tag');
    if (db.DBSubnetGroup?.DBSubnetGroupName) take(T.dbSubnetGroup, db.DBSubnetGroup.DBSubnetGroupName, db.DBSubnetGroup.DBSubnetGroupArn ? { arn: db.DBSubnetGroup.DBSubnetGroupArn } : {});
  }
  const dbInstanceArns =
    lists.rdsInstances.status === 'collected'
      ? dataOr(rdsInstances, []).map((db) => db.DBInstanceArn ?? arnOf({ type: T.db, id: db.DBInstanceIdentifier! }, region, accountId)!)
      : seedIds(T.db).map((id) => arnOf({ type: T.db, id }, region, accountId)!);

  // --- ElastiCache: replication groups -> member clusters -> subnet groups
  const clustersAll = dataOr(lists.elasticache.cacheClusters, []);
  const selRg = new Set(dataOr(lists.elasticache.replicationGroups, []).filter((rg) => isSeed(T.rg, rg.ReplicationGroupId)).map((rg) => rg.ReplicationGroupId!));
  for (const c of clustersAll) if (isSeed(T.cacheCluster, c.CacheClusterId) && c.ReplicationGroupId) selRg.add(c.ReplicationGroupId);
  const replicationGroups = derive(lists.elasticache.replicationGroups, (all) => all.filter((rg) => selRg.has(rg.ReplicationGroupId!)));
  const memberIds = new Set(dataOr(replicationGroups, []).flatMap((rg) => rg.MemberClusters ?? []));
  const cacheClusters = derive(lists.elasticache.cacheClusters, (all) =>
    all.filter((c) => memberIds.has(c.CacheClusterId!) || selRg.has(c.ReplicationGroupId ?? '') || isSeed(T.cacheCluster, c.CacheClusterId)),
  );
  const cacheSubnetGroupNames = new Set([...dataOr(cacheClusters, []).map((c) => c.CacheSubnetGroupName!).filter(Boolean), ...seedIds(T.cacheSubnetGroup)]);
  const cacheSubnetGroups = derive(lists.elasticache.subnetGroups, (all) => all.filter((g) => cacheSubnetGroupNames.has(norm(T.cacheSubnetGroup, g.CacheSubnetGroupName!))));
  for (const rg of dataOr(replicationGroups, [])) take(T.rg, rg.ReplicationGroupId!, rg.ARN ? { arn: rg.ARN } : {});
  for (const c of dataOr(cacheClusters, [])) take(T.cacheCluster, c.CacheClusterId!, c.ARN ? { arn: c.ARN } : {});
  for (const g of dataOr(cacheSubnetGroups, [])) take(T.cacheSubnetGroup, g.CacheSubnetGroupName!, g.ARN ? { arn: g.ARN } : {});

  // --- CloudFront <-> S3 origin buckets / the load balancer
  const distributionsAll = dataOr(lists.distributions, []);
  const selBuckets = new Set(seedIds(T.bucket));
  const lbDnsNames = new Set(dataOr(loadBalancers, []).map((lb) => (lb.DNSName ?? '').toLowerCase()).filter(Boolean));
  const selDist = new Set(seedIds(T.distribution));
  for (const d of distributionsAll) {
    const origins = d.Origins?.Items ?? [];
    const servesOurs = origins.some((o) => {
      const domain = (o.DomainName ?? '').toLowerCase();
      const bucket = bucketOfOrigin(domain);
      return (bucket !== undefined && selBuckets.has(bucket)) || lbDnsNames.has(domain);
    });
    if (servesOurs && d.ARN && !foreignArns.has(d.ARN)) selDist.add(d.Id!);
  }
  for (const d of distributionsAll) {
    if (!selDist.has(d.Id!)) continue;
    for (const o of d.Origins?.Items ?? []) {
      const bucket = bucketOfOrigin((o.DomainName ?? '').toLowerCase());
      if (bucket && !foreignArns.has(`arn:${p}:s3:::${bucket}`)) selBuckets.add(bucket);
    }
    take(T.distribution, d.Id!, d.ARN ? { arn: d.ARN } : {});
  }
  const distributionIds = lists.distributions.status === 'collected' ? distributionsAll.filter((d) => selDist.has(d.Id!)).map((d) => d.Id!) : [...selDist];
  for (const name of selBuckets) take(T.bucket, name);

  // --- VPCs: of every resource found so far, then their network
  const subnetsAll = dataOr(lists.ec2.subnets, []);
  const vpcOfSubnet = new Map(subnetsAll.map((s) => [s.SubnetId!, s.VpcId!]));
  const selVpc = new Set<string>(seedIds(T.vpc));
  const addVpc = (id: string | undefined) => id && selVpc.add(id);
  for (const lb of dataOr(loadBalancers, [])) addVpc(lb.VpcId);
  for (const tg of dataOr(targetGroups, [])) addVpc(tg.VpcId);
  for (const g of dataOr(autoScalingGroups, [])) for (const s of (g.VPCZoneIdentifier ?? '').split(',').filter(Boolean)) addVpc(vpcOfSubnet.get(s.trim()));
  for (const i of dataOr(instances, [])) addVpc(i.VpcId);
  for (const db of dataOr(rdsInstances, [])) addVpc(db.DBSubnetGroup?.VpcId);
  for (const g of dataOr(cacheSubnetGroups, [])) addVpc(g.VpcId);
  for (const id of seedIds(T.subnet)) addVpc(vpcOfSubnet.get(id));
  for (const sg of dataOr(lists.ec2.securityGroups, [])) if (isSeed(T.sg, sg.GroupId)) addVpc(sg.VpcId);
  const vpcsAll = dataOr(lists.ec2.vpcs, []);
  for (const v of vpcsAll) if (ours(tagRecord(v.Tags))) addVpc(v.VpcId);
  for (const v of vpcsAll) if (foreign(tagRecord(v.Tags))) selVpc.delete(v.VpcId!);

  const inVpc = <I extends { VpcId?: string; Tags?: { Key?: string; Value?: string }[] }>(type: string, idOf: (item: I) => string | undefined) => (item: I) =>
    !foreign(tagRecord(item.Tags)) && ((item.VpcId !== undefined && selVpc.has(item.VpcId)) || isSeed(type, idOf(item)));
  const vpcs = derive(lists.ec2.vpcs, (all) => all.filter((v) => selVpc.has(v.VpcId!)));
  const subnets = derive(lists.ec2.subnets, (all) => all.filter(inVpc(T.subnet, (s) => s.SubnetId)));
  const routeTables = derive(lists.ec2.routeTables, (all) => all.filter(inVpc(T.rt, (r) => r.RouteTableId)));
  const internetGateways = derive(lists.ec2.internetGateways, (all) =>
    all.filter((g) => !foreign(tagRecord(g.Tags)) && ((g.Attachments ?? []).some((a) => selVpc.has(a.VpcId ?? '')) || isSeed(T.igw, g.InternetGatewayId))),
  );
  const natGateways = derive(lists.ec2.natGateways, (all) => all.filter(inVpc(T.nat, (n) => n.NatGatewayId)));
  const securityGroups = derive(lists.ec2.securityGroups, (all) => all.filter(inVpc(T.sg, (g) => g.GroupId)));
  const how = (tags: Tags) => (ours(tags) ? 'tag' : 'graph');
  for (const v of dataOr(vpcs, [])) take(T.vpc, v.VpcId!, { arn: ec2Arn('vpc', v.VpcId!), tags: tagRecord(v.Tags) }, how(tagRecord(v.Tags)));
  for (const s of dataOr(subnets, [])) take(T.subnet, s.SubnetId!, { arn: s.SubnetArn ?? ec2Arn('subnet', s.SubnetId!), tags: tagRecord(s.Tags) }, how(tagRecord(s.Tags)));
  for (const r of dataOr(routeTables, [])) take(T.rt, r.RouteTableId!, { tags: tagRecord(r.Tags) }, how(tagRecord(r.Tags)));
  for (const g of dataOr(internetGateways, [])) take(T.igw, g.InternetGatewayId!, { tags: tagRecord(g.Tags) }, how(tagRecord(g.Tags)));
  for (const n of dataOr(natGateways, [])) take(T.nat, n.NatGatewayId!, { tags: tagRecord(n.Tags) }, how(tagRecord(n.Tags)));
  for (const g of dataOr(securityGroups, [])) take(T.sg, g.GroupId!, { ...(g.SecurityGroupArn ? { arn: g.SecurityGroupArn } : {}), tags: tagRecord(g.Tags) }, how(tagRecord(g.Tags)));

  // --- Elastic IPs: of the NAT gateways, or tagged (a stack names an EIP by its address)
  const natAllocations = new Set(dataOr(natGateways, []).flatMap((n) => (n.NatGatewayAddresses ?? []).map((a) => a.AllocationId!).filter(Boolean)));
  for (const a of dataOr(lists.ec2.addresses, [])) {
    if (foreign(tagRecord(a.Tags)) || !a.AllocationId) continue;
    const seededByIp = isSeed(T.eip, a.PublicIp);
    if (natAllocations.has(a.AllocationId) || isSeed(T.eip, a.AllocationId) || seededByIp || ours(tagRecord(a.Tags))) {
      if (seededByIp) {
        book.rekey({ type: T.eip, id: a.PublicIp! }, { type: T.eip, id: a.AllocationId }, ec2Arn('elastic-ip', a.AllocationId));
        seed(T.eip, a.AllocationId);
      }
      take(T.eip, a.AllocationId, { tags: tagRecord(a.Tags) }, how(tagRecord(a.Tags)));
    }
  }

  // --- flow logs of the VPCs and subnets, and their log groups
  const selSubnetIds = new Set(dataOr(subnets, []).map((s) => s.SubnetId!));
  const flowLogs = derive(lists.ec2.flowLogs, (all) =>
    all.filter((f) => !foreign(tagRecord(f.Tags)) && (selVpc.has(f.ResourceId ?? '') || selSubnetIds.has(f.ResourceId ?? '') || isSeed(T.flowLog, f.FlowLogId))),
  );
  for (const f of dataOr(flowLogs, [])) take(T.flowLog, f.FlowLogId!, { tags: tagRecord(f.Tags) }, how(tagRecord(f.Tags)));
  const logGroupNames = new Set(seedIds(T.logGroup));
  for (const f of dataOr(flowLogs, [])) {
    if (f.LogDestinationType && f.LogDestinationType !== 'cloud-watch-logs') continue;
    const name = f.LogGroupName ?? (f.LogDestination ? parseArn(f.LogDestination)?.id : undefined);
    if (name) logGroupNames.add(name);
  }
  const logGroups = derive(lists.logGroups, (all) => all.filter((g) => logGroupNames.has(g.logGroupName!)));
  for (const g of dataOr(logGroups, [])) take(T.logGroup, g.logGroupName!, g.arn ? { arn: g.arn } : {});

  // --- alarms and dashboards that name the deployment's resources
  const names = new Set<string>();
  for (const g of dataOr(autoScalingGroups, [])) names.add(g.AutoScalingGroupName!);
  for (const lb of dataOr(loadBalancers, [])) names.add(lb.LoadBalancerArn!.split(':loadbalancer/')[1] ?? lb.LoadBalancerArn!);
  for (const tg of dataOr(targetGroups, [])) names.add(tg.TargetGroupArn!.split(':').pop()!);
  for (const i of dataOr(instances, [])) names.add(i.InstanceId!);
  for (const db of dataOr(rdsInstances, [])) names.add(db.DBInstanceIdentifier!);
  for (const rg of dataOr(replicationGroups, [])) names.add(rg.ReplicationGroupId!);
  for (const c of dataOr(cacheClusters, [])) names.add(c.CacheClusterId!);
  for (const d of distributionIds) names.add(d);
  for (const b of selBuckets) names.add(b);
  for (const n of dataOr(natGateways, [])) names.add(n.NatGatewayId!);
  const namesOurs = (values: (string | undefined)[]) => values.some((v) => v !== undefined && names.has(v));

  const metricAlarms = derive(lists.cloudwatch.metricAlarms, (all) =>
    all.filter((a) => {
      if (isSeed(T.alarm, a.AlarmName) || isSeed(T.compositeAlarm, a.AlarmName)) return true;
      const dims = [...(a.Dimensions ?? []), ...(a.Metrics ?? []).flatMap((m) => m.MetricStat?.Metric?.Dimensions ?? [])];
      return namesOurs(dims.map((d) => d.Value));
    }),
  );
  const ourAlarmNames = new Set(dataOr(metricAlarms, []).map((a) => a.AlarmName!));
  const ourAlarmArns = new Set(dataOr(metricAlarms, []).map((a) => a.AlarmArn!));
  const compositeAlarms = derive(lists.cloudwatch.compositeAlarms, (all) =>
    all.filter((a) => isSeed(T.alarm, a.AlarmName) || isSeed(T.compositeAlarm, a.AlarmName) || alarmRuleNames(a.AlarmRule ?? '').some((n) => ourAlarmNames.has(n) || ourAlarmArns.has(n))),
  );
  for (const a of dataOr(metricAlarms, [])) take(T.alarm, a.AlarmName!, a.AlarmArn ? { arn: a.AlarmArn } : {});
  for (const a of dataOr(compositeAlarms, [])) take(T.alarm, a.AlarmName!, a.AlarmArn ? { arn: a.AlarmArn } : {});

  const dashboards = derive(lists.cloudwatch.dashboards, (all) => all.filter((d) => isSeed(T.dashboard, d.name) || [...names].some((n) => d.body.includes(n))));
  for (const d of dataOr(dashboards, [])) take(T.dashboard, d.name, d.arn ? { arn: d.arn } : {});

  // --- backup plans: in a stack or tagged
  const backupPlanIds = lists.backupPlans.status === 'collected'
    ? dataOr(lists.backupPlans, []).filter((pl) => isSeed(T.backupPlan, pl.BackupPlanId)).map((pl) => pl.BackupPlanId!)
    : seedIds(T.backupPlan);
  for (const pl of dataOr(lists.backupPlans, [])) if (backupPlanIds.includes(pl.BackupPlanId!)) take(T.backupPlan, pl.BackupPlanId!, pl.BackupPlanArn ? { arn: pl.BackupPlanArn } : {});

  return {
    ec2: { vpcs, subnets, routeTables, internetGateways, natGateways, securityGroups, instances, flowLogs },
    loadBalancers,
    targetGroups,
    autoScalingGroups,
    scalingPolicies,
    rdsInstances,
    replicationGroups,
    cacheClusters,
    cacheSubnetGroups,
    metricAlarms,
    compositeAlarms,
    dashboards,
    logGroups,
    loadBalancerArns: [...selLb].filter((arn) => lbs.some((lb) => lb.LoadBalancerArn === arn)),
    targetGroupArns: [...selTg].filter((arn) => tgs.some((tg) => tg.TargetGroupArn === arn)),
    launchTemplateUses: [...launchTemplateUses.values()],
    distributionIds,
    bucketNames: [...selBuckets].sort(),
    backupPlanIds,
    dbInstanceArns,
    instanceProfiles: seedIds(T.instanceProfile),
    resources: book,
  };
}

/** The bucket an S3 origin domain names (bucket.s3.amazonaws.com, bucket.s3.<region>.amazonaws.com, website endpoints). */
export function bucketOfOrigin(domain: string): string | undefined {
  const match = /^(.+?)\.s3(?:-website)?(?:[.-](?:dualstack\.)?[a-z]{2}(?:-[a-z]+)+-\d)?\.amazonaws\.com(?:\.cn)?$/.exec(domain);
  return match?.[1];
}

/** Alarm names (or ARNs) an alarm rule refers to: ALARM("name"), OK(name), INSUFFICIENT_DATA(arn). */
export function alarmRuleNames(rule: string): string[] {
  return [...rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*"?([^")]+?)"?\s*\)/g)].map((m) => m[1]!.trim());
}
