// S3: for each of the deployment's buckets, its region, its public access block and its
// bucket policy (one call each). "No configuration" is data (null), not a failure. Then
// each bucket's tags, asked in the bucket's own region: the tagging API answers only for
// the buckets of the region it is asked in, so a bucket elsewhere would look untagged.
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import { serialize } from '../inventory/serialize';
import type { Collected, S3Bucket, Tags } from '../inventory/types';
import { mapLimit } from '../../contract/bounded';
import { attempt } from './collected';
import { awsSdk } from '../aws/sdk';

const {
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} = awsSdk('@aws-sdk/client-s3');

export const OPERATIONS = declareOperations('s3', [
  'GetBucketLocation',
  ['GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
  'GetBucketPolicy',
  'GetBucketTagging',
]);

export async function describeBuckets(session: AwsSession, names: string[]): Promise<Collected<S3Bucket[]>> {
  const client = session.client(S3Client, 's3');
  const buckets = await mapLimit(names, 8, async (name): Promise<S3Bucket> => {
    const [location, publicAccessBlock, policy] = await Promise.all([
      attempt('s3:GetBucketLocation', async () => (await client.send(new GetBucketLocationCommand({ Bucket: name }))).LocationConstraint),
      attempt('s3:GetPublicAccessBlock', async () => {
        try {
          const out = await client.send(new GetPublicAccessBlockCommand({ Bucket: name }));
          return out.PublicAccessBlockConfiguration ? serialize(out.PublicAccessBlockConfiguration) : null;
        } catch (error) {
          if ((error as { name?: string }).name === 'NoSuchPublicAccessBlockConfiguration') return null;
          throw error;
        }
      }),
      attempt('s3:GetBucketPolicy', async () => {
        try {
          return (await client.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy ?? null;
        } catch (error) {
          if ((error as { name?: string }).name === 'NoSuchBucketPolicy') return null;
          throw error;
        }
      }),
    ]);
    // An empty LocationConstraint is us-east-1 (the API's historical quirk).
    const region = location.status === 'collected' ? location.data || 'us-east-1' : undefined;
    return { name, ...(region ? { region } : {}), publicAccessBlock, policy };
  });
  return { status: 'collected', data: buckets };
}

/** The tags of each bucket (by name), read in the bucket's own region; a bucket without tags has {}. */
export async function bucketTags(session: AwsSession, buckets: Pick<S3Bucket, 'name' | 'region'>[]): Promise<Collected<Record<string, Tags>>> {
  return attempt('s3:GetBucketTagging', async () => {
    const tags = await mapLimit(buckets, 8, async ({ name, region }): Promise<Tags> => {
      // Unknown region (GetBucketLocation failed): the session's client follows S3's redirect.
      const client = session.client(S3Client, 's3', region ?? session.region);
      try {
        const out = await client.send(new GetBucketTaggingCommand({ Bucket: name }));
        return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchTagSet') return {};
        throw error;
      }
    });
    return Object.fromEntries(buckets.map((b, index) => [b.name, tags[index]!]));
  });
}
