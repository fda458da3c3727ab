// frontend.s3-cloudfront: a CloudFront distribution serves an S3 origin bucket of the
// deployment, with a default root object. Passes when one distribution does.
// No distribution: fail (this check grades the frontend's existence; the other cloudfront.*
// checks are not-applicable then). An origin is an S3 bucket of the deployment when its
// domain is that bucket's REST or website endpoint.
import { catalogueEntry } from '../../contract/check-catalogue';
import { read } from './lib/collected';
import { bucketOfOriginDomain } from './lib/deployment';
import { names } from './lib/fix';
import { failed, failingText, resource } from './lib/outcome';
import { idList, joinText, text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('frontend.s3-cloudfront'),
  remediation: {
    ko: '프런트엔드 빌드를 S3 버킷에 올리고, 그 버킷을 오리진으로 하는 CloudFront 배포를 만든 뒤 기본 루트 객체를 index.html로 지정하세요.',
    en: 'Upload the frontend build to an S3 bucket, serve it through a CloudFront distribution with that bucket as origin, and set the default root object to index.html.',
    console: {
      ko: 'CloudFront 콘솔 > 배포 생성: 오리진 도메인 = 프런트엔드 S3 버킷, 오리진 액세스 "Origin access control settings" > 배포 생성 후 안내대로 버킷 정책 업데이트. 일반 > 설정 편집 > 기본 루트 객체 "index.html" > 변경 사항 저장.',
      en: 'CloudFront console > Create distribution: origin domain = the frontend S3 bucket, origin access "Origin access control settings" > Create distribution, then update the bucket policy as shown. General > Settings > Edit > Default root object "index.html" > Save changes.',
    },
    cdk: `new cloudfront.Distribution(this, 'Frontend', {
  defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) },
  defaultRootObject: 'index.html',
});`,
  },
  datasets: ['cloudfront.distributions', 's3.buckets'],
  remediationFor(inventory) {
    const ids = names(read(inventory.cloudfront.distributions).map((d) => d.id));
    const buckets = names(read(inventory.s3.buckets).map((b) => b.name));
    if (!ids || !buckets) return check.remediation;
    return {
      ...check.remediation,
      ko: `배포 ${ids}의 오리진을 배포 환경의 버킷 ${buckets}(으)로 하고 기본 루트 객체를 index.html로 지정하세요.`,
      en: `Make bucket ${buckets} of the deployment the origin of distribution ${ids} and set its default root object to index.html.`,
      console: {
        ko: `CloudFront 콘솔 > 배포 > ${ids} > 오리진 > 오리진 생성(또는 편집): 오리진 도메인 = ${buckets}, "Origin access control settings" > 저장 후 동작이 그 오리진을 쓰게 하세요. 일반 > 설정 편집 > 기본 루트 객체 "index.html" > 변경 사항 저장.`,
        en: `CloudFront console > Distributions > ${ids} > Origins > Create origin (or Edit): origin domain = ${buckets}, "Origin access control settings" > Save, and make the behaviors use that origin. General > Settings > Edit > Default root object "index.html" > Save changes.`,
      },
    };
  },
  evaluate(inventory) {
    const distributions = read(inventory.cloudfront.distributions);
    if (distributions.length === 0) return failed(text('배포 환경에서 CloudFront 배포를 찾지 못했습니다.', 'No CloudFront distribution was found in the deployment.'));
    const buckets = new Set(read(inventory.s3.buckets).map((b) => b.name));
    const resources = distributions.map((d) => {
      const origins = d.config.Origins?.Items ?? [];
      const s3Buckets = origins.map((o) => bucketOfOriginDomain(o.DomainName)).filter((b): b is string => b !== undefined);
      const ours = s3Buckets.filter((b) => buckets.has(b));
      const root = d.config.DefaultRootObject ?? '';
      const problems: Bilingual[] = [];
      if (ours.length === 0) {
        const domains = origins.map((o) => o.DomainName).join(', ');
        problems.push(
          s3Buckets.length
            ? text(`S3 오리진 ${s3Buckets.join(', ')}은(는) 배포 환경의 버킷이 아님`, `its S3 origin(s) ${s3Buckets.join(', ')} are not buckets of the deployment`)
            : text(`S3 오리진 없음(오리진: ${domains || '없음'})`, `no S3 origin (origins: ${domains || 'none'})`),
        );
      }
      if (!root) problems.push(text('기본 루트 객체 없음', 'no default root object'));
      const ok = problems.length === 0;
      return resource(
        ok,
        d.id,
        ok ? text(`버킷 ${ours.join(', ')}을(를) 기본 루트 객체 ${root}(으)로 제공`, `serves bucket ${ours.join(', ')} with default root object ${root}`) : joinText(problems),
        { arn: d.arn, type: 'AWS::CloudFront::Distribution' },
      );
    });
    const good = resources.filter((r) => r.status === 'pass');
    if (good.length) {
      const who = idList(good, 10);
      return {
        status: 'pass',
        summary: text(`${who.ko}: 프런트엔드 버킷을 기본 루트 객체와 함께 제공합니다.`, `${who.en} serves the frontend bucket with a default root object.`),
        resources,
      };
    }
    const d = failingText(resources);
    return failed(
      text(`배포 환경의 버킷을 기본 루트 객체와 함께 제공하는 배포가 없음: ${d.ko}.`, `No distribution serves a deployment bucket with a default root object: ${d.en}.`),
      resources,
    );
  },
});
