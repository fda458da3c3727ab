// cloudfront.https-only: viewers are redirected to HTTPS or HTTPS is required, on the default
// cache behavior and on every other cache behavior. No distribution: not-applicable
// (frontend.s3-cloudfront grades the frontend's absence).
import { read } from './lib/collected';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

const SECURE = new Set(['redirect-to-https', 'https-only']);

export const check = defineCheck({
  id: 'cloudfront.https-only',
  category: 'security',
  severity: 'medium',
  title: { ko: 'CloudFront가 뷰어를 HTTPS로 리디렉션하거나 HTTPS만 허용함', en: 'CloudFront redirects viewers to HTTPS or requires HTTPS' },
  remediation: {
    ko: '배포의 모든 캐시 동작에서 뷰어 프로토콜 정책을 "Redirect HTTP to HTTPS"(또는 HTTPS only)로 바꾸세요.',
    en: 'Set the viewer protocol policy of every cache behavior to "Redirect HTTP to HTTPS" (or HTTPS only).',
    cdk: `defaultBehavior: { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },`,
  },
  refs: { fsbp: ['CloudFront.3'], cdkNag: [], prowler: [] },
  datasets: ['cloudfront.distributions'],
  evaluate(inventory) {
    const distributions = read(inventory.cloudfront.distributions);
    if (distributions.length === 0) return notApplicable('The deployment has no CloudFront distribution (graded by frontend.s3-cloudfront).');
    const resources = distributions.map((d) => {
      const behaviors = [
        { path: 'default', policy: d.config.DefaultCacheBehavior?.ViewerProtocolPolicy },
        ...(d.config.CacheBehaviors?.Items ?? []).map((b) => ({ path: b.PathPattern ?? '?', policy: b.ViewerProtocolPolicy })),
      ];
      const insecure = behaviors.filter((b) => !SECURE.has(b.policy ?? ''));
      const detail = insecure.length
        ? `allows plain HTTP: ${insecure.map((b) => `${b.path} behavior is ${b.policy ?? 'unset'}`).join('; ')}`
        : behaviors.map((b) => `${b.path}: ${b.policy}`).join('; ');
      return resource(insecure.length === 0, d.id, detail, { arn: d.arn, type: 'AWS::CloudFront::Distribution' });
    });
    return judge(resources, 'Viewers reach CloudFront only over HTTPS.', (f) => `Plain HTTP allowed: ${failingDetails(f)}.`);
  },
});
