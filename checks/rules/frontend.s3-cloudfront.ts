// frontend.s3-cloudfront: a CloudFront distribution serves an S3 origin bucket of the
// deployment, with a default root object. Passes when one distribution does.
// No distribution: fail (this check grades the frontend's existence; the other cloudfront.*
// checks are not-applicable then). An origin is an S3 bucket of the deployment when its
// domain is that bucket's REST or website endpoint.
import { read } from './lib/collected';
import { bucketOfOriginDomain } from './lib/deployment';
import { failed, failingDetails, resource } from './lib/outcome';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'frontend.s3-cloudfront',
  category: 'architecture',
  severity: 'medium',
  title: {
    ko: 'CloudFront 배포가 배포 환경의 S3 버킷을 오리진으로 제공하고 기본 루트 객체가 있음',
    en: 'A CloudFront distribution serves an S3 bucket of the deployment with a default root object',
  },
  remediation: {
    ko: '프런트엔드 빌드를 S3 버킷에 올리고, 그 버킷을 오리진으로 하는 CloudFront 배포를 만든 뒤 기본 루트 객체를 index.html로 지정하세요.',
    en: 'Upload the frontend build to an S3 bucket, serve it through a CloudFront distribution with that bucket as origin, and set the default root object to index.html.',
    cdk: `new cloudfront.Distribution(this, 'Frontend', {
  defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) },
  defaultRootObject: 'index.html',
});`,
  },
  refs: { fsbp: ['CloudFront.1'], cdkNag: [], prowler: [] },
  datasets: ['cloudfront.distributions', 's3.buckets'],
  evaluate(inventory) {
    const distributions = read(inventory.cloudfront.distributions);
    if (distributions.length === 0) return failed('No CloudFront distribution was found in the deployment.');
    const buckets = new Set(read(inventory.s3.buckets).map((b) => b.name));
    const resources = distributions.map((d) => {
      const origins = d.config.Origins?.Items ?? [];
      const s3Buckets = origins.map((o) => bucketOfOriginDomain(o.DomainName)).filter((b): b is string => b !== undefined);
      const ours = s3Buckets.filter((b) => buckets.has(b));
      const root = d.config.DefaultRootObject ?? '';
      const problems: string[] = [];
      if (ours.length === 0) {
        problems.push(
          s3Buckets.length
            ? `its S3 origin(s) ${s3Buckets.join(', ')} are not buckets of the deployment`
            : `no S3 origin (origins: ${origins.map((o) => o.DomainName).join(', ') || 'none'})`,
        );
      }
      if (!root) problems.push('no default root object');
      const ok = problems.length === 0;
      return resource(ok, d.id, ok ? `serves bucket ${ours.join(', ')} with default root object ${root}` : problems.join('; '), {
        arn: d.arn,
        type: 'AWS::CloudFront::Distribution',
      });
    });
    const good = resources.filter((r) => r.status === 'pass');
    if (good.length) return { status: 'pass', summary: `${good.map((r) => r.id).join(', ')} serves the frontend bucket with a default root object.`, resources };
    return failed(`No distribution serves a deployment bucket with a default root object: ${failingDetails(resources)}.`, resources);
  },
});
