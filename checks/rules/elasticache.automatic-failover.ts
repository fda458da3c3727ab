// elasticache.automatic-failover: automatic failover and Multi-AZ are enabled and there is at
// least one replica (in every shard). No Redis: not-applicable (elasticache.redis-present).
import { judgeEachRedisGroup } from './lib/per-resource';
import type { ReplicationGroup } from './lib/deployment';
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
  id: 'elasticache.automatic-failover',
  category: 'high-availability',
  severity: 'high',
  title: {
    ko: 'Redis 자동 장애 조치와 다중 AZ가 켜져 있고 복제본이 1개 이상 있음',
    en: 'Redis automatic failover and Multi-AZ are on with at least one replica',
  },
  remediation: {
    ko: 'Redis 복제 그룹을 노드 2개(기본 1 + 복제본 1) 이상으로 만들고 자동 장애 조치와 다중 AZ를 켜세요. 기본 노드가 멈추면 다른 AZ의 복제본이 승격됩니다.',
    en: 'Run the Redis replication group with at least 2 nodes (primary + replica) and turn on automatic failover and Multi-AZ, so a replica in the other AZ is promoted when the primary fails.',
    cdk: `new elasticache.CfnReplicationGroup(this, 'Redis', {
  /* ... */ numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true,
});`,
  },
  refs: { fsbp: ['ElastiCache.3'], cdkNag: ['AwsSolutions-AEC4'], prowler: [] },
  datasets: ['elasticache.replicationGroups'],
  evaluate(inventory) {
    return judgeEachRedisGroup(
      inventory,
      (group) => {
        const replicas = fewestReplicas(group);
        const failover = group.AutomaticFailover ?? 'unknown';
        const multiAz = group.MultiAZ ?? 'unknown';
        return {
          ok: failover === 'enabled' && multiAz === 'enabled' && replicas >= 1,
          detail: `automatic failover ${failover}; Multi-AZ ${multiAz}; ${replicas} replica(s)${(group.NodeGroups ?? []).length > 1 ? ' in the smallest shard' : ''}`,
        };
      },
      'Redis fails over automatically to a replica in another AZ.',
      'Redis cannot fail over',
    );
  },
});
