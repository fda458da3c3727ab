// s3.block-public-access: the frontend bucket blocks all public access (all four settings of
// the bucket's public access block). The frontend buckets are the S3 origins of the
// deployment's distributions; with no distribution, every bucket of the deployment is judged
// (a bucket served as a public website is exactly what this check is for).
// No bucket at all: not-applicable (frontend.s3-cloudfront grades the frontend's absence).
// Only the bucket-level setting is in the inventory; an account-level block is not seen.
import { read } from './lib/collected';
import { s3Origins } from './lib/deployment';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

export const check = defineCheck({
  id: 's3.block-public-access',
  category: 'security',
  severity: 'high',
  title: { ko: '프런트엔드 버킷이 모든 퍼블릭 액세스를 차단함', en: 'The frontend bucket blocks all public access' },
  remediation: {
    ko: '프런트엔드 버킷의 "퍼블릭 액세스 차단" 네 가지를 모두 켜고, 정적 웹 사이트 호스팅 대신 CloudFront(OAC)로만 제공하세요.',
    en: "Turn on all four Block Public Access settings of the frontend bucket and serve it only through CloudFront (origin access control) instead of S3 static website hosting.",
    cdk: `new s3.Bucket(this, 'Frontend', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true });`,
  },
  refs: { fsbp: ['S3.8'], cdkNag: [], prowler: [] },
  datasets: ['s3.buckets', 'cloudfront.distributions'],
  evaluate(inventory) {
    const origins = s3Origins(inventory);
    const buckets = origins.length ? [...new Map(origins.map((o) => [o.bucket.name, o.bucket])).values()] : read(inventory.s3.buckets);
    if (buckets.length === 0) return notApplicable('The deployment has no S3 bucket (graded by frontend.s3-cloudfront).');
    const resources = buckets.map((bucket) => {
      const block = read(bucket.publicAccessBlock);
      if (block === null) return resource(false, bucket.name, 'no public access block is configured', { arn: `arn:aws:s3:::${bucket.name}`, type: 'AWS::S3::Bucket' });
      const off = SETTINGS.filter((s) => block[s] !== true);
      return resource(off.length === 0, bucket.name, off.length ? `not blocked: ${off.join(', ')}` : 'all four public access settings blocked', {
        arn: `arn:aws:s3:::${bucket.name}`,
        type: 'AWS::S3::Bucket',
      });
    });
    return judge(resources, 'The frontend bucket blocks all public access.', (f) => `Bucket open to the public: ${failingDetails(f)}.`, {
      evidence: { frontendBuckets: buckets.map((b) => b.name), basis: origins.length ? 'CloudFront S3 origins' : 'all deployment buckets (no distribution)' },
    });
  },
});
