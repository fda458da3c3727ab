// vpc.private-tiers: app instances, RDS and Redis sit only in private subnets (no route to
// an internet gateway) and app instances have no public IP.
// What is looked at: the ASG's subnets (where new instances go), each app instance's subnet
// and public IP, the launch template's AssociatePublicIpAddress, every subnet of each DB
// subnet group and of each Redis cache subnet group.
// A tier that does not exist is skipped (its absence is graded by rds.postgres-present,
// elasticache.redis-present, asg.behind-alb); none of them at all: not-applicable.
// A subnet whose route table is not in the inventory cannot be judged: error.
import type { ResourceEvidence } from '../../contract/report';
import { read } from './lib/collected';
import {
  appInstances,
  asgName,
  autoScalingGroups,
  dbId,
  dbInstances,
  launchTemplateRef,
  memberClusters,
  redisGroups,
  resolveLaunchTemplateVersion,
  rgId,
} from './lib/deployment';
import { network, type SubnetView } from './lib/network';
import { errored, failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

function tiers(views: SubnetView[]): string {
  return views.map((v) => `${v.id} (${v.tier}${v.az ? `, ${v.az}` : ''})`).join(', ');
}

export const check = defineCheck({
  id: 'vpc.private-tiers',
  category: 'architecture',
  severity: 'high',
  title: {
    ko: '앱 인스턴스·RDS·Redis가 프라이빗 서브넷에만 있고 앱 인스턴스에 퍼블릭 IP가 없음',
    en: 'App instances, RDS and Redis sit only in private subnets; app instances have no public IP',
  },
  remediation: {
    ko: 'ASG, DB 서브넷 그룹, 캐시 서브넷 그룹에는 인터넷 게이트웨이 경로가 없는 프라이빗 서브넷만 지정하고, 시작 템플릿에서 퍼블릭 IP 자동 할당을 끄세요. 인터넷에서 들어오는 트래픽은 ALB만 받습니다.',
    en: 'Give the ASG, the DB subnet group and the cache subnet group only private subnets (no route to the internet gateway) and turn off public IP assignment in the launch template. Only the ALB takes traffic from the internet.',
    cdk: `new autoscaling.AutoScalingGroup(this, 'Asg', {
  vpc, launchTemplate,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
});
new rds.DatabaseInstance(this, 'Db', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, /* ... */ });`,
  },
  refs: { fsbp: ['AutoScaling.5', 'RDS.2'], cdkNag: [], prowler: [] },
  datasets: [
    'ec2.subnets',
    'ec2.routeTables',
    'ec2.instances',
    'ec2.launchTemplateVersions',
    'autoscaling.groups',
    'rds.instances',
    'elasticache.replicationGroups',
    'elasticache.cacheClusters',
    'elasticache.subnetGroups',
  ],
  evaluate(inventory) {
    const net = network(inventory);
    const resources: ResourceEvidence[] = [];
    // Subnets whose tier cannot be told, and whether some resource fails for a known reason.
    const unknown = new Set<string>();
    let definiteFailure = false;
    const judgeSubnets = (ids: string[]) => {
      const views = ids.map((id) => net.subnet(id));
      const undecided = views.filter((v) => v.tier === 'unknown');
      for (const v of undecided) unknown.add(v.id);
      const exposed = views.length === 0 || views.some((v) => v.tier === 'public');
      if (exposed) definiteFailure = true;
      return { views, ok: !exposed && undecided.length === 0 };
    };

    for (const group of autoScalingGroups(inventory)) {
      const subnetIds = (group.VPCZoneIdentifier ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const { views, ok: privateOnly } = judgeSubnets(subnetIds);
      const ref = launchTemplateRef(group);
      const data = ref ? resolveLaunchTemplateVersion(inventory, ref).LaunchTemplateData : undefined;
      const assignsPublicIp = (data?.NetworkInterfaces ?? []).some((n) => n.AssociatePublicIpAddress === true);
      const detail =
        (views.length ? `launches into ${tiers(views)}` : 'has no subnets (VPCZoneIdentifier is empty)') +
        (assignsPublicIp ? '; the launch template assigns a public IP' : '');
      if (assignsPublicIp) definiteFailure = true;
      resources.push(resource(privateOnly && !assignsPublicIp, asgName(group), detail, { arn: group.AutoScalingGroupARN, type: 'AWS::AutoScaling::AutoScalingGroup' }));
    }
    for (const instance of appInstances(inventory)) {
      const { views, ok: privateOnly } = judgeSubnets(instance.SubnetId ? [instance.SubnetId] : []);
      const publicIp = instance.PublicIpAddress;
      if (publicIp) definiteFailure = true;
      const detail = `in ${views.length ? tiers(views) : 'no subnet'}` + (publicIp ? `; has public IP ${publicIp}` : '; no public IP');
      resources.push(resource(privateOnly && !publicIp, instance.InstanceId ?? '?', detail, { type: 'AWS::EC2::Instance' }));
    }
    for (const db of dbInstances(inventory)) {
      const ids = (db.DBSubnetGroup?.Subnets ?? []).map((s) => s.SubnetIdentifier ?? '').filter(Boolean);
      const { views, ok } = judgeSubnets(ids);
      const group = db.DBSubnetGroup?.DBSubnetGroupName ?? '(none)';
      resources.push(resource(ok, dbId(db), `DB subnet group ${group}: ${views.length ? tiers(views) : 'no subnets'}`, { arn: db.DBInstanceArn, type: 'AWS::RDS::DBInstance' }));
    }
    const subnetGroups = new Map(read(inventory.elasticache.subnetGroups).map((g) => [g.CacheSubnetGroupName ?? '', g]));
    for (const group of redisGroups(inventory)) {
      const names = [...new Set(memberClusters(inventory, group).map((c) => c.CacheSubnetGroupName ?? ''))].filter(Boolean);
      const ids = names.flatMap((n) => (subnetGroups.get(n)?.Subnets ?? []).map((s) => s.SubnetIdentifier ?? '')).filter(Boolean);
      const { views, ok } = judgeSubnets(ids);
      resources.push(
        resource(ok, rgId(group), `cache subnet group ${names.join(', ') || '(not found)'}: ${views.length ? tiers(views) : 'no subnets'}`, {
          arn: group.ARN,
          type: 'AWS::ElastiCache::ReplicationGroup',
        }),
      );
    }

    if (resources.length === 0) return notApplicable('The deployment has no app instances, RDS instance or Redis group to place.');
    if (unknown.size > 0 && !definiteFailure) {
      return errored(`Cannot tell whether ${[...unknown].join(', ')} is private: its route table is not in the inventory.`, resources);
    }
    return judge(
      resources,
      'The app, the database and the cache sit only in private subnets, and app instances have no public IP.',
      (failing) => `Exposed tier: ${failingDetails(failing)}.`,
    );
  },
});
