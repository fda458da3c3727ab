// CloudWatch Logs: the log groups of the region, one paginated call.
import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import type { Collected, Serialized } from '../inventory/types';
import { allPages, attempt, serialized } from './collected';
import { awsSdk } from '../aws/sdk';

const { CloudWatchLogsClient, paginateDescribeLogGroups } = awsSdk('@aws-sdk/client-cloudwatch-logs');

export const OPERATIONS = declareOperations('logs', ['DescribeLogGroups']);

export async function listLogGroups(session: AwsSession): Promise<Collected<Serialized<LogGroup>[]>> {
  const client = session.client(CloudWatchLogsClient, 'logs');
  return serialized(await attempt('logs:DescribeLogGroups', () => allPages(paginateDescribeLogGroups({ client }, {}), (p) => p.logGroups)));
}
