// RDS: the DB instances of the region, one paginated call (each carries its tags, its
// DB subnet group with the subnets, and its security groups); then the DB clusters those
// instances belong to (a Multi-AZ DB cluster's members each report MultiAZ false: only the
// cluster says it is Multi-AZ), one paginated call, made only when an instance names a cluster.
import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import type { Collected, Serialized } from '../inventory/types';
import { allPages, attempt, collected, derive, serialized } from './collected';
import { awsSdk } from '../aws/sdk';

const { paginateDescribeDBClusters, paginateDescribeDBInstances, RDSClient } = awsSdk('@aws-sdk/client-rds');

export const OPERATIONS = declareOperations('rds', ['DescribeDBInstances', 'DescribeDBClusters']);

export async function listDbInstances(session: AwsSession): Promise<Collected<Serialized<DBInstance>[]>> {
  const client = session.client(RDSClient, 'rds');
  return serialized(await attempt('rds:DescribeDBInstances', () => allPages(paginateDescribeDBInstances({ client }, {}), (p) => p.DBInstances)));
}

/** The DB clusters the deployment's instances name (DBClusterIdentifier); no call when none does. */
export async function describeDbClusters(session: AwsSession, instances: Collected<Serialized<DBInstance>[]>): Promise<Collected<Serialized<DBCluster>[]>> {
  if (instances.status !== 'collected') return instances;
  const ids = new Set(instances.data.map((db) => db.DBClusterIdentifier).filter((id): id is string => Boolean(id)));
  if (ids.size === 0) return collected([]);
  const client = session.client(RDSClient, 'rds');
  const all = serialized(await attempt('rds:DescribeDBClusters', () => allPages(paginateDescribeDBClusters({ client }, {}), (p) => p.DBClusters)));
  return derive(all, (clusters) => clusters.filter((c) => ids.has(c.DBClusterIdentifier ?? '')));
}
