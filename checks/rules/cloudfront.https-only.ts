// cloudfront.https-only: viewers are redirected to HTTPS or HTTPS is required, on the default
// cache behavior and on every other cache behavior. No distribution: not-applicable
// (frontend.s3-cloudfront grades the frontend's absence).
import { catalogueEntry } from '../../contract/check-catalogue';
import { read } from './lib/collected';
import { names } from './lib/fix';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { NO_DISTRIBUTION } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck } from './types';

const SECURE = new Set(['redirect-to-https', 'https-only']);

export const check = defineCheck({
  ...catalogueEntry('cloudfront.https-only'),
  remediation: {
    ko: '배포의 모든 캐시 동작에서 뷰어 프로토콜 정책을 "Redirect HTTP to HTTPS"(또는 HTTPS only)로 바꾸세요.',
    en: 'Set the viewer protocol policy of every cache behavior to "Redirect HTTP to HTTPS" (or HTTPS only).',
    console: {
      ko: 'CloudFront 콘솔 > 배포 > (프런트엔드 배포) > 동작 > 각 동작 선택 > 편집 > 뷰어 프로토콜 정책 "Redirect HTTP to HTTPS" > 변경 사항 저장.',
      en: 'CloudFront console > Distributions > (the frontend distribution) > Behaviors > select each behavior > Edit > Viewer protocol policy "Redirect HTTP to HTTPS" > Save changes.',
    },
    cdk: `defaultBehavior: { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },`,
  },
  datasets: ['cloudfront.distributions'],
  remediationFor(inventory) {
    const ids = names(read(inventory.cloudfront.distributions).map((d) => d.id));
    if (!ids) return check.remediation;
    return {
      ...check.remediation,
      ko: `배포 ${ids}의 모든 캐시 동작에서 뷰어 프로토콜 정책을 "Redirect HTTP to HTTPS"(또는 HTTPS only)로 바꾸세요.`,
      en: `Set the viewer protocol policy of every cache behavior of distribution ${ids} to "Redirect HTTP to HTTPS" (or HTTPS only).`,
      console: {
        ko: `CloudFront 콘솔 > 배포 > ${ids} > 동작 > 각 동작 선택 > 편집 > 뷰어 프로토콜 정책 "Redirect HTTP to HTTPS" > 변경 사항 저장.`,
        en: `CloudFront console > Distributions > ${ids} > Behaviors > select each behavior > Edit > Viewer protocol policy "Redirect HTTP to HTTPS" > Save changes.`,
      },
    };
  },
  evaluate(inventory) {
    const distributions = read(inventory.cloudfront.distributions);
    if (distributions.length === 0) return notApplicable(NO_DISTRIBUTION);
    const resources = distributions.map((d) => {
      const behaviors = [
        { path: { ko: '기본', en: 'default' }, policy: d.config.DefaultCacheBehavior?.ViewerProtocolPolicy },
        ...(d.config.CacheBehaviors?.Items ?? []).map((b) => ({ path: { ko: b.PathPattern ?? '?', en: b.PathPattern ?? '?' }, policy: b.ViewerProtocolPolicy })),
      ];
      const insecure = behaviors.filter((b) => !SECURE.has(b.policy ?? ''));
      const detail = insecure.length
        ? text(
            `평문 HTTP 허용: ${insecure.map((b) => `${b.path.ko} 동작이 ${b.policy ?? '설정 안 됨'}`).join('; ')}`,
            `allows plain HTTP: ${insecure.map((b) => `${b.path.en} behavior is ${b.policy ?? 'unset'}`).join('; ')}`,
          )
        : text(behaviors.map((b) => `${b.path.ko} 동작: ${b.policy}`).join('; '), behaviors.map((b) => `${b.path.en}: ${b.policy}`).join('; '));
      return resource(insecure.length === 0, d.id, detail, { arn: d.arn, type: 'AWS::CloudFront::Distribution' });
    });
    return judge(resources, text('뷰어는 HTTPS로만 CloudFront에 접속합니다.', 'Viewers reach CloudFront only over HTTPS.'), (f) => {
      const d = failingText(f);
      return text(`평문 HTTP 허용됨: ${d.ko}.`, `Plain HTTP allowed: ${d.en}.`);
    });
  },
});
