// CloudFront: a distribution must be disabled, and the change deployed, before it can be
// deleted (on AWS that takes minutes).
import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, pollUntil, type Deleter } from '../deleter';
import { awsSdk } from '../../checks/aws/sdk';

const {
  CloudFrontClient,
  DeleteDistributionCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
} = awsSdk('@aws-sdk/client-cloudfront');

export const OPERATIONS = declareOperations('cloudfront', ['GetDistributionConfig', 'UpdateDistribution', 'GetDistribution', 'DeleteDistribution']);

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::CloudFront::Distribution',
    rank: 10,
    async remove(r, ctx) {
      const client = ctx.session.client(CloudFrontClient, 'cloudfront');
      await ignoringGone(async () => {
        const current = await client.send(new GetDistributionConfigCommand({ Id: r.id }));
        let etag = current.ETag;
        if (current.DistributionConfig?.Enabled) {
          etag = (await client.send(new UpdateDistributionCommand({ Id: r.id, IfMatch: etag, DistributionConfig: { ...current.DistributionConfig, Enabled: false } }))).ETag;
          await pollUntil(
            async () => {
              const out = await client.send(new GetDistributionCommand({ Id: r.id }));
              etag = out.ETag ?? etag;
              return out.Distribution?.Status === 'Deployed';
            },
            ctx,
            `disabling the distribution ${r.id}`,
          );
        }
        await client.send(new DeleteDistributionCommand({ Id: r.id, IfMatch: etag }));
      });
    },
  },
];
