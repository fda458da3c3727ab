// ElastiCache: replication groups (of a stack or tagged, or of a member cluster that is)
// -> their member clusters -> the clusters' subnet groups.
import { dataOr, derive } from '../../collectors/collected';
import { normalizeId } from '../arns';
import type { GraphContext } from '../graph-context';
import { CFN } from '../resource-types';
import type { RegionLists, Selection } from '../selection';

export function selectElastiCache(ctx: GraphContext, lists: Pick<RegionLists, 'elasticache'>): Pick<Selection, 'replicationGroups' | 'cacheClusters' | 'cacheSubnetGroups'> {
  const { isSeed, take } = ctx;
  const clustersAll = dataOr(lists.elasticache.cacheClusters, []);
  const selRg = new Set(dataOr(lists.elasticache.replicationGroups, []).filter((rg) => isSeed(CFN.rg, rg.ReplicationGroupId)).map((rg) => rg.ReplicationGroupId!));
  for (const c of clustersAll) if (isSeed(CFN.cacheCluster, c.CacheClusterId) && c.ReplicationGroupId) selRg.add(c.ReplicationGroupId);
  const replicationGroups = derive(lists.elasticache.replicationGroups, (all) => all.filter((rg) => selRg.has(rg.ReplicationGroupId!)));
  const memberIds = new Set(dataOr(replicationGroups, []).flatMap((rg) => rg.MemberClusters ?? []));
  const cacheClusters = derive(lists.elasticache.cacheClusters, (all) =>
    all.filter((c) => memberIds.has(c.CacheClusterId!) || selRg.has(c.ReplicationGroupId ?? '') || isSeed(CFN.cacheCluster, c.CacheClusterId)),
  );
  const cacheSubnetGroupNames = new Set([...dataOr(cacheClusters, []).map((c) => c.CacheSubnetGroupName!).filter(Boolean), ...ctx.seedIds(CFN.cacheSubnetGroup)]);
  const cacheSubnetGroups = derive(lists.elasticache.subnetGroups, (all) =>
    all.filter((g) => cacheSubnetGroupNames.has(normalizeId(CFN.cacheSubnetGroup, g.CacheSubnetGroupName!))),
  );
  for (const rg of dataOr(replicationGroups, [])) take(CFN.rg, rg.ReplicationGroupId!, rg.ARN ? { arn: rg.ARN } : {});
  for (const c of dataOr(cacheClusters, [])) take(CFN.cacheCluster, c.CacheClusterId!, c.ARN ? { arn: c.ARN } : {});
  for (const g of dataOr(cacheSubnetGroups, [])) take(CFN.cacheSubnetGroup, g.CacheSubnetGroupName!, g.ARN ? { arn: g.ARN } : {});
  return { replicationGroups, cacheClusters, cacheSubnetGroups };
}
