// The inventory reduced to what the report's deployment diagram draws (contract/report.ts,
// DeploymentMap): which AZ each resource lives in and which security groups guard each tier.
// Pure. It reads the datasets with the same helpers the checks use (lib/deployment.ts,
// lib/network.ts, lib/security-groups.ts), so the picture and the checks name the same
// resources; a dataset that was not collected makes its part `unread`, never empty.
import type { DeploymentMap } from '../../contract/report';
import type { Inventory } from './types';
import { NotCollectedError, read } from '../rules/lib/collected';
import {
  albSecurityGroupIds,
  appInstances,
  appSecurityGroupIds,
  applicationLoadBalancers,
  asgName,
  autoScalingGroups,
  dbId,
  dbInstances,
  lbName,
  memberClusters,
  redisGroups,
  rgId,
} from '../rules/lib/deployment';
import { network } from '../rules/lib/network';
import { describePorts, isInternet, securityGroupsById, sourcesOf } from '../rules/lib/security-groups';

type Part = DeploymentMap['unread'][number];

/** Where the deployment's resources live, for the report (verify puts it on the check run). */
export function deploymentMapOf(inventory: Inventory): DeploymentMap {
  const unread = new Set<Part>();
  /**
   * The part's value, or its fallback with the part marked unread when a dataset it needs was not
   * collected, or has a shape it cannot read (a snapshot saved by an older version without it):
   * the diagram then shows the part as an error, and verify still reports the checks.
   */
  const part = <T>(name: Part, fallback: T, build: () => T): T => {
    try {
      return build();
    } catch (error) {
      if (!(error instanceof NotCollectedError) && !(error instanceof TypeError)) throw error;
      unread.add(name);
      return fallback;
    }
  };

  const subnets = part('network', [], () => network(inventory).subnets().map((s) => ({ id: s.id, ...(s.az ? { zone: s.az } : {}), tier: s.tier })));
  const subnetZone = new Map(subnets.map((s) => [s.id, s.zone]));
  const natGateways = part('network', [], () =>
    read(inventory.ec2.natGateways)
      .filter((n) => n.State !== 'deleted' && n.State !== 'deleting' && n.State !== 'failed')
      .map((n) => ({ id: n.NatGatewayId ?? '?', ...zoneOf(subnetZone.get(n.SubnetId ?? '')), ...(n.SubnetId ? { subnetId: n.SubnetId } : {}) })),
  );
  const loadBalancers = part('alb', [], () =>
    applicationLoadBalancers(inventory).map((lb) => ({
      name: lbName(lb),
      zones: (lb.AvailabilityZones ?? []).map((z) => z.ZoneName ?? subnetZone.get(z.SubnetId ?? '') ?? '').filter(Boolean).sort(),
      securityGroups: lb.SecurityGroups ?? [],
    })),
  );
  const autoScaling = part('app', [], () =>
    autoScalingGroups(inventory).map((g) => ({
      name: asgName(g),
      zones: [...new Set([...(g.AvailabilityZones ?? []), ...(g.VPCZoneIdentifier ?? '').split(',').map((id) => subnetZone.get(id.trim()) ?? '')].filter(Boolean))].sort(),
    })),
  );
  const instances = part('app', [], () =>
    appInstances(inventory).map((i) => ({
      id: i.InstanceId ?? '?',
      ...zoneOf(i.Placement?.AvailabilityZone ?? subnetZone.get(i.SubnetId ?? '')),
      securityGroups: (i.SecurityGroups ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
    })),
  );
  const databases = part('db', [], () =>
    dbInstances(inventory).map((db) => ({
      id: dbId(db),
      ...zoneOf(db.AvailabilityZone),
      ...(db.SecondaryAvailabilityZone ? { standbyZone: db.SecondaryAvailabilityZone } : {}),
      ...(db.DBClusterIdentifier ? { cluster: db.DBClusterIdentifier } : {}),
      securityGroups: (db.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId ?? '').filter(Boolean),
    })),
  );
  const caches = part('cache', [], () =>
    redisGroups(inventory).map((group) => {
      const members = memberClusters(inventory, group);
      const listed = (group.NodeGroups ?? []).flatMap((ng) => ng.NodeGroupMembers ?? []);
      // NodeGroupMembers carry each node's AZ, and its CurrentRole for cluster mode disabled only
      // (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_NodeGroupMember.html);
      // without members listed, the member clusters' AZs with the role unknown.
      const nodes = listed.length
        ? listed.map((m) => ({ id: m.CacheClusterId ?? '?', ...zoneOf(m.PreferredAvailabilityZone), role: roleOf(m.CurrentRole) }))
        : members.map((c) => ({ id: c.CacheClusterId ?? '?', ...zoneOf(c.PreferredAvailabilityZone), role: 'unknown' as const }));
      const groups = [...new Set(members.flatMap((c) => (c.SecurityGroups ?? []).map((g) => g.SecurityGroupId ?? '')).filter(Boolean))];
      return { id: rgId(group), nodes, securityGroups: groups };
    }),
  );
  const distributions = part('frontend', [], () =>
    read(inventory.cloudfront.distributions).map((d) => ({ id: d.id, ...(d.domainName ? { domain: d.domainName } : {}) })),
  );
  const buckets = part('frontend', [], () => read(inventory.s3.buckets).map((b) => ({ name: b.name })));

  const tierGroups = new Set([
    ...loadBalancers.flatMap((lb) => lb.securityGroups),
    ...part('app', [] as string[], () => [...appSecurityGroupIds(inventory)]),
    ...part('alb', [] as string[], () => [...albSecurityGroupIds(inventory)]),
    ...databases.flatMap((d) => d.securityGroups),
    ...caches.flatMap((c) => c.securityGroups),
  ]);
  const securityGroups = part('network', [], () => {
    const byId = securityGroupsById(inventory);
    return [...tierGroups].sort().map((id) => {
      const group = byId.get(id);
      const open = (group?.IpPermissions ?? []).filter((p) => sourcesOf(p).some(isInternet)).map(describePorts);
      return { id, ...(group?.GroupName ? { name: group.GroupName } : {}), openToInternet: [...new Set(open)] };
    });
  });

  const dashboards = part('monitoring', [], () => read(inventory.cloudwatch.dashboards).map((d) => d.name));
  const alarms = part('monitoring', [], () => read(inventory.cloudwatch.metricAlarms).map((a) => a.AlarmName ?? '?'));
  const backupPlans = part('backup', [], () => read(inventory.backup.plans).map((p) => p.plan.BackupPlanName ?? p.planId));

  const zones = [...new Set(subnets.map((s) => s.zone).filter((z): z is string => Boolean(z)))].sort();
  return {
    zones,
    subnets,
    natGateways,
    loadBalancers,
    autoScalingGroups: autoScaling,
    instances,
    databases,
    caches,
    distributions,
    buckets,
    securityGroups,
    dashboards,
    alarms,
    backupPlans,
    unread: [...unread].sort(),
  };
}

function zoneOf(zone: string | undefined | null): { zone?: string } {
  return zone ? { zone } : {};
}

function roleOf(role: string | undefined): 'primary' | 'replica' | 'unknown' {
  return role === 'primary' || role === 'replica' ? role : 'unknown';
}
