// CloudFront (global): the distribution summaries of the account (one call), then the
// full configuration of the deployment's distributions (one call each).
import type { DistributionSummary } from '@aws-sdk/client-cloudfront';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import { serialize } from '../inventory/serialize';
import type { CloudFrontDistribution, Collected, Serialized } from '../inventory/types';
import { allPages, attempt, mapLimit, serialized } from './collected';
import { awsSdk } from '../aws/sdk';

const { CloudFrontClient, GetDistributionCommand, paginateListDistributions } = awsSdk('@aws-sdk/client-cloudfront');

export const OPERATIONS = declareOperations('cloudfront', ['ListDistributions', 'GetDistribution']);

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
