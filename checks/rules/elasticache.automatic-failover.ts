// elasticache.automatic-failover: automatic failover and Multi-AZ are enabled and there is at
// least one replica (in every shard). No Redis: not-applicable (elasticache.redis-present).
import { catalogueEntry } from '../../contract/check-catalogue';
import { judgeEachRedisGroup } from './lib/per-resource';
import type { ReplicationGroup } from './lib/deployment';
import { cacheTargets, names } from './lib/fix';
import { text } from './lib/text';
import { defineCheck } from './types';

/** Replicas of the shard with the fewest (roles when reported, else members minus the primary). */
function fewestReplicas(group: ReplicationGroup): number {
  const shards = group.NodeGroups ?? [];
  if (shards.length === 0) return Math.max(0, (group.MemberClusters ?? []).length - 1);
  return Math.min(
    ...shards.map((shard) => {
      const members = shard.NodeGroupMembers ?? [];
      const withRoles = members.filter((m) => m.CurrentRole !== undefined);
      return withRoles.length === members.length && members.length > 0
        ? members.filter((m) => m.CurrentRole === 'replica').length
        : Math.max(0, members.length - 1);
    }),
  );
}

export const check = defineCheck({
  ...catalogueEntry('elasticache.automatic-failover'),
  remediation: {
    ko: 'Redis 복제 그룹을 노드 2개(기본 1 + 복제본 1) 이상으로 만들고 자동 장애 조치와 다중 AZ를 켜세요. 기본 노드가 멈추면 다른 AZ의 복제본이 승격됩니다.',
    en: 'Run the Redis replication group with at least 2 nodes (primary + replica) and turn on automatic failover and Multi-AZ, so a replica in the other AZ is promoted when the primary fails.',
    console: {
      ko: 'ElastiCache 콘솔 > Redis OSS 캐시 > (복제 그룹) > 노드 > 노드 추가(다른 AZ) > 추가. 그다음 수정 > "자동 장애 조치"와 "다중 AZ" 선택 > 미리 보기 > 수정.',
      en: 'ElastiCache console > Redis OSS caches > (the replication group) > Nodes > Add node (in the other AZ) > Add. Then Modify > select "Auto-failover" and "Multi-AZ" > Preview changes > Modify.',
    },
    cdk: `new elasticache.CfnReplicationGroup(this, 'Redis', {
  /* ... */ numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true,
});`,
  },
  datasets: ['elasticache.replicationGroups'],
  remediationFor(inventory) {
    const groups = names(cacheTargets(inventory, 6379));
    return {
      ...check.remediation,
      ko: `Redis 복제 그룹 ${groups}을(를) 노드 2개(기본 1 + 복제본 1) 이상으로 두고 자동 장애 조치와 다중 AZ를 켜세요. 기본 노드가 멈추면 다른 AZ의 복제본이 승격됩니다.`,
      en: `Run Redis replication group ${groups} with at least 2 nodes (primary + replica) and turn on automatic failover and Multi-AZ, so a replica in the other AZ is promoted when the primary fails.`,
      console: {
        ko: `ElastiCache 콘솔 > Redis OSS 캐시 > ${groups} > 노드 > 노드 추가(다른 AZ) > 추가. 그다음 수정 > "자동 장애 조치"와 "다중 AZ" 선택 > 미리 보기 > 수정.`,
        en: `ElastiCache console > Redis OSS caches > ${groups} > Nodes > Add node (in the other AZ) > Add. Then Modify > select "Auto-failover" and "Multi-AZ" > Preview changes > Modify.`,
      },
    };
  },
  evaluate(inventory) {
    return judgeEachRedisGroup(
      inventory,
      (group) => {
        const replicas = fewestReplicas(group);
        const failover = group.AutomaticFailover ?? 'unknown';
        const multiAz = group.MultiAZ ?? 'unknown';
        const sharded = (group.NodeGroups ?? []).length > 1;
        return {
          ok: failover === 'enabled' && multiAz === 'enabled' && replicas >= 1,
          detail: text(
            `자동 장애 조치 ${failover}; 다중 AZ ${multiAz}; ${sharded ? '가장 작은 샤드의 ' : ''}복제본 ${replicas}개`,
            `automatic failover ${failover}; Multi-AZ ${multiAz}; ${replicas} replica(s)${sharded ? ' in the smallest shard' : ''}`,
          ),
        };
      },
      text('Redis는 다른 AZ의 복제본으로 자동 장애 조치됩니다.', 'Redis fails over automatically to a replica in another AZ.'),
      text('Redis 장애 조치 불가', 'Redis cannot fail over'),
    );
  },
});
