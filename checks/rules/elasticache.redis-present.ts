// elasticache.redis-present: a Redis replication group exists in a cache subnet group of
// private subnets. Valkey (ElastiCache's Redis fork, the console's default engine) counts.
// No Redis at all: fail; this is the check that grades the cache's existence, so the other
// Redis checks say not-applicable then.
import { read } from './lib/collected';
import { memberClusters, redisGroups, rgId } from './lib/deployment';
import { network } from './lib/network';
import { errored, failed, failingDetails, resource } from './lib/outcome';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'elasticache.redis-present',
  category: 'architecture',
  severity: 'medium',
  title: {
    ko: '프라이빗 서브넷의 캐시 서브넷 그룹에 Redis 복제 그룹이 있음',
    en: 'A Redis replication group runs in a cache subnet group of private subnets',
  },
  remediation: {
    ko: 'ElastiCache Redis 복제 그룹을 만들고, 기본 서브넷 그룹 대신 프라이빗 서브넷(2개 AZ)으로 만든 캐시 서브넷 그룹을 지정하세요.',
    en: 'Create an ElastiCache Redis replication group with its own cache subnet group of private subnets in 2 AZs (not the default subnet group).',
    cdk: `const subnets = new elasticache.CfnSubnetGroup(this, 'CacheSubnets', {
  description: 'CloudMart cache', subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId),
});
new elasticache.CfnReplicationGroup(this, 'Redis', {
  replicationGroupDescription: 'CloudMart', engine: 'redis', cacheNodeType: 'cache.t3.micro',
  numCacheClusters: 2, cacheSubnetGroupName: subnets.ref, securityGroupIds: [cacheSg.securityGroupId],
});`,
  },
  refs: { fsbp: ['ElastiCache.7'], cdkNag: [], prowler: [] },
  datasets: ['elasticache.replicationGroups', 'elasticache.cacheClusters', 'elasticache.subnetGroups', 'ec2.subnets', 'ec2.routeTables'],
  evaluate(inventory) {
    const groups = redisGroups(inventory);
    if (groups.length === 0) return failed('No Redis replication group was found in the deployment.');
    const net = network(inventory);
    const subnetGroups = new Map(read(inventory.elasticache.subnetGroups).map((g) => [g.CacheSubnetGroupName ?? '', g]));
    let undecided = false;
    const resources = groups.map((group) => {
      const names = [...new Set(memberClusters(inventory, group).map((c) => c.CacheSubnetGroupName ?? ''))].filter(Boolean);
      const views = names.flatMap((n) => (subnetGroups.get(n)?.Subnets ?? []).map((s) => net.subnet(s.SubnetIdentifier ?? '')));
      if (views.some((v) => v.tier === 'unknown')) undecided = true;
      const ok = views.length > 0 && views.every((v) => v.tier === 'private');
      const detail = names.length
        ? `${group.Engine ?? 'redis'} in cache subnet group ${names.join(', ')}: ${views.map((v) => `${v.id} (${v.tier})`).join(', ') || 'no subnets found'}`
        : 'no cache subnet group found for its member clusters';
      return resource(ok, rgId(group), detail, { arn: group.ARN, type: 'AWS::ElastiCache::ReplicationGroup' });
    });
    const good = resources.filter((r) => r.status === 'pass');
    if (good.length) return { status: 'pass', summary: `${good.map((r) => r.id).join(', ')} runs Redis in private subnets.`, resources };
    if (undecided) return errored('Cannot tell whether the cache subnet group is private: a route table is not in the inventory.', resources);
    return failed(`No Redis group sits in private subnets: ${failingDetails(resources)}.`, resources);
  },
});
