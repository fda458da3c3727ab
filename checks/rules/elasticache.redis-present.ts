// elasticache.redis-present: a Redis replication group exists in a cache subnet group of
// private subnets. Valkey (ElastiCache's Redis fork, the console's default engine) counts.
// No Redis at all: fail; this is the check that grades the cache's existence, so the other
// Redis checks say not-applicable then.
import { catalogueEntry } from '../../contract/check-catalogue';
import type { Inventory } from '../inventory/types';
import { read } from './lib/collected';
import { memberClusters, redisGroups, rgId, type ReplicationGroup } from './lib/deployment';
import { names } from './lib/fix';
import { network, subnetTiersText } from './lib/network';
import { errored, failed, failingText, resource } from './lib/outcome';
import { idList, text } from './lib/text';
import { defineCheck } from './types';

function cacheSubnetGroupNames(inventory: Inventory, group: ReplicationGroup): string[] {
  return [...new Set(memberClusters(inventory, group).map((c) => c.CacheSubnetGroupName ?? ''))].filter(Boolean);
}

export const check = defineCheck({
  ...catalogueEntry('elasticache.redis-present'),
  remediation: {
    ko: 'ElastiCache Redis 복제 그룹을 만들고, 기본 서브넷 그룹 대신 프라이빗 서브넷(2개 AZ)으로 만든 캐시 서브넷 그룹을 지정하세요.',
    en: 'Create an ElastiCache Redis replication group with its own cache subnet group of private subnets in 2 AZs (not the default subnet group).',
    console: {
      ko: 'ElastiCache 콘솔 > 서브넷 그룹 > 서브넷 그룹 생성: 배포의 VPC, 두 AZ의 프라이빗 서브넷만 선택 > 생성. Redis OSS 캐시 > Redis OSS 캐시 생성: 자체 캐시 설계, 클러스터 모드 비활성화, 복제본 1개 이상, 서브넷 그룹 = 그 그룹 > 생성.',
      en: 'ElastiCache console > Subnet groups > Create subnet group: the deployment\'s VPC, only the private subnets of two AZs > Create. Redis OSS caches > Create Redis OSS cache: design your own cache, cluster mode disabled, 1+ replicas, subnet group = that group > Create.',
    },
    cdk: `const subnets = new elasticache.CfnSubnetGroup(this, 'CacheSubnets', {
  description: 'CloudMart cache', subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId),
});
new elasticache.CfnReplicationGroup(this, 'Redis', {
  replicationGroupDescription: 'CloudMart', engine: 'redis', cacheNodeType: 'cache.t3.micro',
  numCacheClusters: 2, cacheSubnetGroupName: subnets.ref, securityGroupIds: [cacheSg.securityGroupId],
});`,
  },
  datasets: ['elasticache.replicationGroups', 'elasticache.cacheClusters', 'elasticache.subnetGroups', 'ec2.subnets', 'ec2.routeTables'],
  remediationFor(inventory) {
    const groups = redisGroups(inventory);
    if (groups.length === 0) return check.remediation;
    const ids = names(groups.map(rgId));
    const subnetGroups = names([...new Set(groups.flatMap((g) => cacheSubnetGroupNames(inventory, g)))]) || '?';
    return {
      ...check.remediation,
      ko: `Redis 복제 그룹 ${ids}(지금 캐시 서브넷 그룹 ${subnetGroups})을(를) 인터넷 게이트웨이 경로가 없는 프라이빗 서브넷(2개 AZ)만 든 캐시 서브넷 그룹에 두세요.`,
      en: `Run Redis replication group ${ids} (now in cache subnet group ${subnetGroups}) in a cache subnet group that holds only private subnets (no route to the internet gateway) in 2 AZs.`,
    };
  },
  evaluate(inventory) {
    const groups = redisGroups(inventory);
    if (groups.length === 0) return failed(text('배포에서 Redis 복제 그룹을 찾지 못했습니다.', 'No Redis replication group was found in the deployment.'));
    const net = network(inventory);
    const subnetGroups = new Map(read(inventory.elasticache.subnetGroups).map((g) => [g.CacheSubnetGroupName ?? '', g]));
    let undecided = false;
    const resources = groups.map((group) => {
      const groupNames = cacheSubnetGroupNames(inventory, group);
      const views = groupNames.flatMap((n) => (subnetGroups.get(n)?.Subnets ?? []).map((s) => net.subnet(s.SubnetIdentifier ?? '')));
      if (views.some((v) => v.tier === 'unknown')) undecided = true;
      const ok = views.length > 0 && views.every((v) => v.tier === 'private');
      const tiers = subnetTiersText(views);
      const engine = group.Engine ?? 'redis';
      const detail = groupNames.length
        ? text(
            `캐시 서브넷 그룹 ${groupNames.join(', ')}의 ${engine}: ${tiers.ko || '서브넷을 찾지 못함'}`,
            `${engine} in cache subnet group ${groupNames.join(', ')}: ${tiers.en || 'no subnets found'}`,
          )
        : text('멤버 클러스터의 캐시 서브넷 그룹을 찾지 못함', 'no cache subnet group found for its member clusters');
      return resource(ok, rgId(group), detail, { arn: group.ARN, type: 'AWS::ElastiCache::ReplicationGroup' });
    });
    const good = resources.filter((r) => r.status === 'pass');
    if (good.length) {
      const who = idList(good, 10);
      return { status: 'pass', summary: text(`${who.ko}: 프라이빗 서브넷에서 Redis를 실행합니다.`, `${who.en} runs Redis in private subnets.`), resources };
    }
    if (undecided) {
      return errored(
        text('캐시 서브넷 그룹이 프라이빗인지 알 수 없습니다: 라우팅 테이블이 인벤토리에 없습니다.', 'Cannot tell whether the cache subnet group is private: a route table is not in the inventory.'),
        resources,
      );
    }
    const d = failingText(resources);
    return failed(text(`프라이빗 서브넷에 있는 Redis 그룹이 없음: ${d.ko}.`, `No Redis group sits in private subnets: ${d.en}.`), resources);
  },
});
