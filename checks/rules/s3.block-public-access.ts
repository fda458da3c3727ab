// s3.block-public-access: the frontend bucket blocks all public access (all four settings of
// the bucket's public access block). The frontend buckets are the S3 origins of the
// deployment's distributions; with no distribution, every bucket of the deployment is judged
// (a bucket served as a public website is exactly what this check is for).
// No bucket at all: not-applicable (frontend.s3-cloudfront grades the frontend's absence).
// Only the bucket-level setting is in the inventory; an account-level block is not seen.
import { catalogueEntry } from '../../contract/check-catalogue';
import type { Inventory } from '../inventory/types';
import { read } from './lib/collected';
import { s3Origins, type Bucket } from './lib/deployment';
import { names } from './lib/fix';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { text } from './lib/text';
import { defineCheck } from './types';

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** The buckets judged: the distributions' S3 origins, else every bucket of the deployment. */
function frontendBuckets(inventory: Inventory): { buckets: Bucket[]; fromOrigins: boolean } {
  const origins = s3Origins(inventory);
  if (origins.length) return { buckets: [...new Map(origins.map((o) => [o.bucket.name, o.bucket])).values()], fromOrigins: true };
  return { buckets: read(inventory.s3.buckets), fromOrigins: false };
}

export const check = defineCheck({
  ...catalogueEntry('s3.block-public-access'),
  remediation: {
    ko: '프런트엔드 버킷의 "퍼블릭 액세스 차단" 네 가지를 모두 켜고, 정적 웹 사이트 호스팅 대신 CloudFront(OAC)로만 제공하세요.',
    en: 'Turn on all four Block Public Access settings of the frontend bucket and serve it only through CloudFront (origin access control) instead of S3 static website hosting.',
    console: {
      ko: 'S3 콘솔 > 버킷 > (프런트엔드 버킷) > 권한 > 퍼블릭 액세스 차단(버킷 설정) > 편집 > "모든 퍼블릭 액세스 차단" 선택 > 변경 사항 저장.',
      en: 'S3 console > Buckets > (the frontend bucket) > Permissions > Block public access (bucket settings) > Edit > select "Block all public access" > Save changes.',
    },
    cdk: `new s3.Bucket(this, 'Frontend', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true });`,
  },
  datasets: ['s3.buckets', 'cloudfront.distributions'],
  remediationFor(inventory) {
    const list = names(frontendBuckets(inventory).buckets.map((b) => b.name));
    if (!list) return check.remediation;
    return {
      ...check.remediation,
      ko: `버킷 ${list}의 "퍼블릭 액세스 차단" 네 가지를 모두 켜고, 정적 웹 사이트 호스팅 대신 CloudFront(OAC)로만 제공하세요.`,
      en: `Turn on all four Block Public Access settings of bucket ${list} and serve it only through CloudFront (origin access control) instead of S3 static website hosting.`,
      console: {
        ko: `S3 콘솔 > 버킷 > ${list} > 권한 > 퍼블릭 액세스 차단(버킷 설정) > 편집 > "모든 퍼블릭 액세스 차단" 선택 > 변경 사항 저장.`,
        en: `S3 console > Buckets > ${list} > Permissions > Block public access (bucket settings) > Edit > select "Block all public access" > Save changes.`,
      },
    };
  },
  evaluate(inventory) {
    const { buckets, fromOrigins } = frontendBuckets(inventory);
    if (buckets.length === 0) {
      return notApplicable(text('배포에 S3 버킷이 없습니다(frontend.s3-cloudfront에서 채점).', 'The deployment has no S3 bucket (graded by frontend.s3-cloudfront).'));
    }
    const resources = buckets.map((bucket) => {
      const ref = { arn: `arn:aws:s3:::${bucket.name}`, type: 'AWS::S3::Bucket' };
      const block = read(bucket.publicAccessBlock);
      if (block === null) return resource(false, bucket.name, text('퍼블릭 액세스 차단이 설정되지 않음', 'no public access block is configured'), ref);
      const off = SETTINGS.filter((s) => block[s] !== true);
      return resource(
        off.length === 0,
        bucket.name,
        off.length ? text(`차단되지 않음: ${off.join(', ')}`, `not blocked: ${off.join(', ')}`) : text('퍼블릭 액세스 설정 네 가지 모두 차단', 'all four public access settings blocked'),
        ref,
      );
    });
    return judge(
      resources,
      text('프런트엔드 버킷이 모든 퍼블릭 액세스를 차단합니다.', 'The frontend bucket blocks all public access.'),
      (f) => {
        const d = failingText(f);
        return text(`퍼블릭에 열린 버킷: ${d.ko}.`, `Bucket open to the public: ${d.en}.`);
      },
      { evidence: { frontendBuckets: buckets.map((b) => b.name), basis: fromOrigins ? 'CloudFront S3 origins' : 'all deployment buckets (no distribution)' } },
    );
  },
});
