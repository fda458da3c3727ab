// ElastiCache: replication groups (with their member clusters), stand-alone clusters,
// then the cache subnet groups they used.
import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, isGone, pollUntil, type Deleter } from '../deleter';
import { say } from '../text';
import { awsSdk } from '../../checks/aws/sdk';

const {
  DeleteCacheClusterCommand,
  DeleteCacheSubnetGroupCommand,
  DeleteReplicationGroupCommand,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} = awsSdk('@aws-sdk/client-elasticache');

export const OPERATIONS = declareOperations('elasticache', [
  'DeleteReplicationGroup',
  'DescribeReplicationGroups',
  'DeleteCacheCluster',
  'DescribeCacheClusters',
  'DeleteCacheSubnetGroup',
]);

const gone = async (describe: () => Promise<unknown[]>) => {
  try {
    return (await describe()).length === 0;
  } catch (error) {
    if (isGone(error)) return true;
    throw error;
  }
};

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    rank: 40,
    async remove(r, ctx) {
      const client = ctx.session.client(ElastiCacheClient, 'elasticache');
      await ignoringGone(() => client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: r.id, RetainPrimaryCluster: false })));
      await pollUntil(
        () => gone(async () => (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: r.id }))).ReplicationGroups ?? []),
        ctx,
        `deleting the replication group ${r.id}`,
      );
    },
  },
  {
    type: 'AWS::ElastiCache::CacheCluster',
    rank: 40,
    skip(r, inventory, deleting) {
      const cluster = inventory.elasticache.cacheClusters.status === 'collected' ? inventory.elasticache.cacheClusters.data.find((c) => c.CacheClusterId === r.id) : undefined;
      const group = cluster?.ReplicationGroupId;
      if (!group) return undefined;
      return deleting('AWS::ElastiCache::ReplicationGroup', group)
        ? { action: 'with-parent', reason: say(`멤버 클러스터는 복제 그룹 ${group}과(와) 함께 지워집니다`, `a member cluster goes with its replication group ${group}`) }
        : { action: 'keep', reason: say(`남겨 두는 복제 그룹 ${group}의 멤버입니다`, `a member of the replication group ${group}, which is kept`) };
    },
    async remove(r, ctx) {
      const client = ctx.session.client(ElastiCacheClient, 'elasticache');
      await ignoringGone(() => client.send(new DeleteCacheClusterCommand({ CacheClusterId: r.id })));
      await pollUntil(
        () => gone(async () => (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: r.id }))).CacheClusters ?? []),
        ctx,
        `deleting the cache cluster ${r.id}`,
      );
    },
  },
  {
    type: 'AWS::ElastiCache::SubnetGroup',
    rank: 50,
    remove: (r, ctx) =>
      ignoringGone(() => ctx.session.client(ElastiCacheClient, 'elasticache').send(new DeleteCacheSubnetGroupCommand({ CacheSubnetGroupName: r.id }))),
  },
];
