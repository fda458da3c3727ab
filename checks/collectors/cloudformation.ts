// CloudFormation, for discovery: the stacks of the region (one paginated call; each
// carries its tags) and the resources of the deployment's stacks (one call per stack).
import type { Stack, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import type { Collected } from '../inventory/types';
import { mapLimit } from '../../contract/bounded';
import { allPages, attempt } from './collected';
import { awsSdk } from '../aws/sdk';

const {
  CloudFormationClient,
  paginateDescribeStacks,
  paginateListStackResources,
} = awsSdk('@aws-sdk/client-cloudformation');

export const OPERATIONS = declareOperations('cloudformation', ['DescribeStacks', 'ListStackResources']);

export async function listStacks(session: AwsSession): Promise<Collected<Stack[]>> {
  const client = session.client(CloudFormationClient, 'cloudformation');
  return attempt('cloudformation:DescribeStacks', () => allPages(paginateDescribeStacks({ client }, {}), (p) => p.Stacks));
}

export async function listStackResources(session: AwsSession, stackIds: string[]): Promise<Collected<StackResourceSummary[][]>> {
  const client = session.client(CloudFormationClient, 'cloudformation');
  return attempt('cloudformation:ListStackResources', () =>
    mapLimit(stackIds, 8, (id) => allPages(paginateListStackResources({ client }, { StackName: id }), (p) => p.StackResourceSummaries)),
  );
}
