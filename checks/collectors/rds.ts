// RDS: the DB instances of the region, one paginated call (each carries its tags, its
// DB subnet group with the subnets, and its security groups).
import type { DBInstance } from '@aws-sdk/client-rds';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import type { Collected, Serialized } from '../inventory/types';
import { allPages, attempt, serialized } from './collected';
import { awsSdk } from '../aws/sdk';

const { paginateDescribeDBInstances, RDSClient } = awsSdk('@aws-sdk/client-rds');

export const OPERATIONS = declareOperations('rds', ['DescribeDBInstances']);

export async function listDbInstances(session: AwsSession): Promise<Collected<Serialized<DBInstance>[]>> {
  const client = session.client(RDSClient, 'rds');
  return serialized(await attempt('rds:DescribeDBInstances', () => allPages(paginateDescribeDBInstances({ client }, {}), (p) => p.DBInstances)));
}
