// ElastiCache: replication groups, their member clusters (where the security groups and
// subnet group names live) and cache subnet groups of the region, one call each.
import type { CacheCluster, CacheSubnetGroup, ReplicationGroup } from '@aws-sdk/client-elasticache';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import type { Collected, Serialized } from '../inventory/types';
import { allPages, attempt, serialized } from './collected';
import { awsSdk } from '../aws/sdk';

const {
  ElastiCacheClient,
  paginateDescribeCacheClusters,
  paginateDescribeCacheSubnetGroups,
  paginateDescribeReplicationGroups,
} = awsSdk('@aws-sdk/client-elasticache');

export const OPERATIONS = declareOperations('elasticache', ['DescribeReplicationGroups', 'DescribeCacheClusters', 'DescribeCacheSubnetGroups']);

export interface ElastiCacheRegionLists {
  replicationGroups: Collected<Serialized<ReplicationGroup>[]>;
  cacheClusters: Collected<Serialized<CacheCluster>[]>;
  subnetGroups: Collected<Serialized<CacheSubnetGroup>[]>;
}

export async function listElastiCache(session: AwsSession): Promise<ElastiCacheRegionLists> {
  const client = session.client(ElastiCacheClient, 'elasticache');
  const [replicationGroups, cacheClusters, subnetGroups] = await Promise.all([
    attempt('elasticache:DescribeReplicationGroups', () => allPages(paginateDescribeReplicationGroups({ client }, {}), (p) => p.ReplicationGroups)),
    attempt('elasticache:DescribeCacheClusters', () =>
      allPages(paginateDescribeCacheClusters({ client }, { ShowCacheNodeInfo: true }), (p) => p.CacheClusters),
    ),
    attempt('elasticache:DescribeCacheSubnetGroups', () => allPages(paginateDescribeCacheSubnetGroups({ client }, {}), (p) => p.CacheSubnetGroups)),
  ]);
  return { replicationGroups: serialized(replicationGroups), cacheClusters: serialized(cacheClusters), subnetGroups: serialized(subnetGroups) };
}
