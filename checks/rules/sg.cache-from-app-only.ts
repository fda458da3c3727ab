// sg.cache-from-app-only: the Redis security groups accept the Redis port (the group's own
// endpoint port, else 6379) only from the app security group. Same reading as
// sg.db-from-app-only. No Redis: not-applicable (elasticache.redis-present grades it).
import type { ResourceEvidence } from '../../contract/report';
import { appSecurityGroupIds, memberClusters, redisGroups, redisPort, rgId } from './lib/deployment';
import { errored, failingDetails, judge, notApplicable } from './lib/outcome';
import { groupEvidence, ingressOnPortOnlyFrom, requireGroup, securityGroupsById } from './lib/security-groups';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'sg.cache-from-app-only',
  category: 'security',
  severity: 'high',
  title: {
    ko: 'Redis 보안 그룹이 Redis 포트를 앱 보안 그룹에서만 허용함',
    en: 'The Redis security groups accept the Redis port only from the app security group',
  },
  remediation: {
    ko: 'Redis 보안 그룹에는 "앱 보안 그룹에서 TCP 6379" 규칙 하나만 두고, CIDR 규칙(0.0.0.0/0, VPC 대역)은 지우세요.',
    en: 'Keep one rule in the Redis security group: TCP 6379 from the app security group; remove CIDR rules (0.0.0.0/0, the VPC range).',
    cdk: `cacheSg.addIngressRule(appSg, ec2.Port.tcp(6379), 'Redis from the API');`,
  },
  refs: { fsbp: [], cdkNag: [], prowler: [] },
  datasets: [
    'elasticache.replicationGroups',
    'elasticache.cacheClusters',
    'ec2.securityGroups',
    'ec2.instances',
    'ec2.launchTemplateVersions',
    'autoscaling.groups',
  ],
  evaluate(inventory, config) {
    const rgs = redisGroups(inventory);
    if (rgs.length === 0) return notApplicable('The deployment has no Redis replication group (graded by elasticache.redis-present).');
    const app = appSecurityGroupIds(inventory);
    const groups = securityGroupsById(inventory);
    const notes: string[] = [];
    const resources: ResourceEvidence[] = [];
    const seen = new Set<string>();
    for (const rg of rgs) {
      const members = memberClusters(inventory, rg);
      const port = redisPort(rg, members, config.redisPort);
      const sgIds = [...new Set(members.flatMap((m) => (m.SecurityGroups ?? []).map((g) => g.SecurityGroupId ?? '')).filter(Boolean))];
      if (sgIds.length === 0) notes.push(`${rgId(rg)}: no security group found on its member clusters.`);
      for (const id of sgIds) {
        if (seen.has(`${id}:${port}`)) continue;
        seen.add(`${id}:${port}`);
        const group = requireGroup(groups, id);
        const verdict = ingressOnPortOnlyFrom(group, port, app, 'app security group');
        if (!verdict.reachable && verdict.ok) notes.push(`No rule of ${id} admits the app on port ${port}: the app cannot reach ${rgId(rg)}.`);
        resources.push(groupEvidence(verdict.ok, group, `${rgId(rg)}: ${verdict.detail}`));
      }
    }
    // Every VPC resource has a security group: none at all means the data is missing.
    if (resources.length === 0) return errored(`No security group was found on any Redis member cluster: ${notes.join(' ')}`);
    return judge(resources, 'The Redis port is open only to the app security group.', (f) => `Redis reachable from other sources: ${failingDetails(f)}.`, {
      notes,
    });
  },
});
