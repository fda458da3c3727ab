// CloudFront (global): the distribution summaries of the account (one call), then the
// full configuration of the deployment's distributions (one call each), and the tags of
// distributions whose tags the tag search did not give (one call each).
import type { DistributionSummary } from '@aws-sdk/client-cloudfront';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import { serialize } from '../inventory/serialize';
import type { CloudFrontDistribution, Collected, Serialized } from '../inventory/types';
import { mapLimit } from '../../contract/bounded';
import { allPages, attempt, serialized } from './collected';
import type { TaggedResource } from './tagging';
import { awsSdk } from '../aws/sdk';

const { CloudFrontClient, GetDistributionCommand, ListTagsForResourceCommand, paginateListDistributions } = awsSdk('@aws-sdk/client-cloudfront');

export const OPERATIONS = declareOperations('cloudfront', ['ListDistributions', 'GetDistribution', 'ListTagsForResource']);

export async function listDistributions(session: AwsSession): Promise<Collected<Serialized<DistributionSummary>[]>> {
  const client = session.client(CloudFrontClient, 'cloudfront');
  return serialized(await attempt('cloudfront:ListDistributions', () => allPages(paginateListDistributions({ client }, {}), (p) => p.DistributionList?.Items)));
}

export async function getDistributions(session: AwsSession, ids: string[]): Promise<Collected<CloudFrontDistribution[]>> {
  const client = session.client(CloudFrontClient, 'cloudfront');
  return attempt('cloudfront:GetDistribution', () =>
    mapLimit(ids, 8, async (id) => {
      const d = (await client.send(new GetDistributionCommand({ Id: id }))).Distribution;
      if (!d?.DistributionConfig) throw new Error(`GetDistribution returned no configuration for ${id}`);
      return {
        id: d.Id ?? id,
        arn: d.ARN ?? '',
        domainName: d.DomainName ?? '',
        ...(d.Status ? { status: d.Status } : {}),
        config: serialize(d.DistributionConfig),
      };
    }),
  );
}

/** The tags of the given distributions (by ARN), one call each; a distribution without tags has {}. */
export async function distributionTags(session: AwsSession, arns: string[]): Promise<Collected<TaggedResource[]>> {
  const client = session.client(CloudFrontClient, 'cloudfront');
  return attempt('cloudfront:ListTagsForResource', () =>
    mapLimit(arns, 8, async (arn) => {
      const items = (await client.send(new ListTagsForResourceCommand({ Resource: arn }))).Tags?.Items ?? [];
      return { arn, tags: Object.fromEntries(items.filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? ''])) };
    }),
  );
}
