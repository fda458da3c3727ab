// S3: a bucket must be empty (every object version and delete marker) before it can go.
import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, type Deleter } from '../deleter';
import { awsSdk } from '../../checks/aws/sdk';

const { DeleteBucketCommand, DeleteObjectsCommand, ListObjectVersionsCommand, S3Client } = awsSdk('@aws-sdk/client-s3');

export const OPERATIONS = declareOperations('s3', [
  ['ListObjectVersions', 's3:ListBucketVersions'],
  ['DeleteObjects', 's3:DeleteObject', 's3:DeleteObjectVersion'],
  'DeleteBucket',
]);

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::S3::Bucket',
    rank: 40,
    async remove(r, ctx) {
      const client = ctx.session.client(S3Client, 's3');
      await ignoringGone(async () => {
        // The SDK has no paginator for ListObjectVersions: follow its two markers by hand.
        let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
        for (;;) {
          const page = await client.send(new ListObjectVersionsCommand({ Bucket: r.id, ...markers }));
          const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key!, ...(v.VersionId ? { VersionId: v.VersionId } : {}) }));
          if (objects.length > 0) {
            const out = await client.send(new DeleteObjectsCommand({ Bucket: r.id, Delete: { Objects: objects, Quiet: true } }));
            // DeleteObjects answers 200 and lists the objects it could not delete.
            const refused = out.Errors?.[0];
            if (refused) throw Object.assign(new Error(`${refused.Message ?? 'refused'} (deleting ${refused.Key} and ${out.Errors!.length - 1} more)`), { name: refused.Code ?? 'DeleteObjectsError' });
          }
          if (!page.IsTruncated) break;
          markers = { ...(page.NextKeyMarker ? { KeyMarker: page.NextKeyMarker } : {}), ...(page.NextVersionIdMarker ? { VersionIdMarker: page.NextVersionIdMarker } : {}) };
        }
        await client.send(new DeleteBucketCommand({ Bucket: r.id }));
      });
    },
  },
];
