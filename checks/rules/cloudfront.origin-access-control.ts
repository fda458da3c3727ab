// cloudfront.origin-access-control: the distribution reaches the bucket through an origin
// access control (or the legacy origin access identity) and the bucket policy grants only that.
//
// Per S3 origin of the deployment's distributions:
// 1. the origin has an OriginAccessControlId, or an S3OriginConfig.OriginAccessIdentity;
// 2. the bucket policy has an Allow to that access path: the cloudfront.amazonaws.com service
//    principal with an AWS:SourceArn condition (StringEquals/ArnEquals/ArnLike/StringLike)
//    whose values are exactly this deployment's distribution ARNs, or the OAI's principal;
// 3. no other Allow opens the bucket: "*" (or AWS "*") without that SourceArn condition, the
//    CloudFront service principal without it (any distribution of any account), an OAI the
//    deployment does not use, another account, another service, or NotPrincipal.
// Grants to IAM principals of the deployment's own account (e.g. a deploy role) do not fail;
// the detail lists them. No S3 origin: not-applicable (frontend.s3-cloudfront grades it).
import { catalogueEntry } from '../../contract/check-catalogue';
import type { ResourceEvidence } from '../../contract/report';
import { read } from './lib/collected';
import { s3Origins } from './lib/deployment';
import { names } from './lib/fix';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { conditionValues, parsePolicy, principalsOf, type Statement } from './lib/policy';
import { joinText, text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

const CLOUDFRONT = 'cloudfront.amazonaws.com';
const OAI_PRINCIPAL = 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ';
const SOURCE_ARN_OPERATORS = new Set(['stringequals', 'arnequals', 'arnlike', 'stringlike']);

/** The distribution ARNs the statement's AWS:SourceArn condition allows, if it binds them exactly. */
function boundDistributions(statement: Statement, ours: Set<string>): string[] | undefined {
  const bindings = conditionValues(statement, 'aws:SourceArn').filter((b) => SOURCE_ARN_OPERATORS.has(b.operator.toLowerCase()));
  if (bindings.length === 0) return undefined;
  const values = bindings.flatMap((b) => b.values);
  return values.length > 0 && values.every((v) => ours.has(v)) ? values : undefined;
}

function oaiId(identity: string | undefined): string | undefined {
  return /^origin-access-identity\/cloudfront\/(.+)$/.exec(identity ?? '')?.[1];
}

export const check = defineCheck({
  ...catalogueEntry('cloudfront.origin-access-control'),
  remediation: {
    ko: 'S3 오리진에 원본 액세스 제어(OAC)를 연결하고, 버킷 정책에는 cloudfront.amazonaws.com 서비스 주체에 AWS:SourceArn = 배포 ARN 조건을 건 s3:GetObject 허용 하나만 두세요. Principal "*" 허용은 지우세요.',
    en: 'Attach an origin access control (OAC) to the S3 origin and keep one Allow in the bucket policy: s3:GetObject for the cloudfront.amazonaws.com service principal with the condition AWS:SourceArn = the distribution ARN. Remove any Allow to Principal "*".',
    console: {
      ko: 'CloudFront 콘솔 > 배포 > (프런트엔드 배포) > 오리진 > S3 오리진 선택 > 편집 > 원본 액세스 "Origin access control settings" > 제어 설정 생성 > 변경 사항 저장 > "정책 복사". S3 콘솔 > 버킷 > (프런트엔드 버킷) > 권한 > 버킷 정책 편집: 복사한 정책만 남기고 Principal "*" 허용 삭제 > 변경 사항 저장.',
      en: 'CloudFront console > Distributions > (the frontend distribution) > Origins > select the S3 origin > Edit > Origin access "Origin access control settings" > Create control setting > Save changes > "Copy policy". S3 console > Buckets > (the frontend bucket) > Permissions > Bucket policy > Edit: keep the copied policy, delete any Allow to Principal "*" > Save changes.',
    },
    cdk: `new cloudfront.Distribution(this, 'Frontend', {
  defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) }, // adds the scoped bucket policy
  defaultRootObject: 'index.html',
});`,
  },
  datasets: ['cloudfront.distributions', 's3.buckets'],
  remediationFor(inventory) {
    const origins = s3Origins(inventory);
    if (origins.length === 0) return check.remediation;
    const ids = names([...new Set(origins.map((o) => o.distribution.id))]);
    const buckets = names([...new Set(origins.map((o) => o.bucket.name))]);
    const arns = [...new Set(origins.map((o) => o.distribution.arn))].join(', ');
    return {
      ...check.remediation,
      ko: `배포 ${ids}의 S3 오리진에 원본 액세스 제어(OAC)를 연결하고, 버킷 ${buckets}의 정책에는 cloudfront.amazonaws.com 서비스 주체에 AWS:SourceArn = ${arns} 조건을 건 s3:GetObject 허용 하나만 두세요. Principal "*" 허용은 지우세요.`,
      en: `Attach an origin access control (OAC) to the S3 origin of distribution ${ids} and keep one Allow in the policy of bucket ${buckets}: s3:GetObject for the cloudfront.amazonaws.com service principal with the condition AWS:SourceArn = ${arns}. Remove any Allow to Principal "*".`,
      console: {
        ko: (check.remediation.console?.ko ?? '').replace('(프런트엔드 배포)', ids).replace('(프런트엔드 버킷)', buckets),
        en: (check.remediation.console?.en ?? '').replace('(the frontend distribution)', ids).replace('(the frontend bucket)', buckets),
      },
    };
  },
  evaluate(inventory) {
    const origins = s3Origins(inventory);
    if (origins.length === 0) {
      return notApplicable(
        text(
          '배포 환경의 CloudFront 배포 중 S3 버킷 오리진을 가진 것이 없습니다(frontend.s3-cloudfront에서 채점).',
          'No CloudFront distribution of the deployment has an S3 bucket origin (graded by frontend.s3-cloudfront).',
        ),
      );
    }
    const ours = new Set(read(inventory.cloudfront.distributions).map((d) => d.arn));
    const usedOais = new Set(origins.map((o) => oaiId(o.origin.S3OriginConfig?.OriginAccessIdentity)).filter((id): id is string => id !== undefined));
    const account = inventory.target.accountId;

    const resources: ResourceEvidence[] = origins.map(({ distribution, bucket, origin }) => {
      const problems: Bilingual[] = [];
      const facts: Bilingual[] = [];
      const oac = origin.OriginAccessControlId ?? '';
      const oai = oaiId(origin.S3OriginConfig?.OriginAccessIdentity);
      if (oac) facts.push(text(`원본 액세스 제어 ${oac}`, `origin access control ${oac}`));
      else if (oai) facts.push(text(`원본 액세스 ID ${oai}`, `origin access identity ${oai}`));
      else problems.push(text('오리진에 원본 액세스 제어도 원본 액세스 ID도 없음', 'the origin has neither an origin access control nor an origin access identity'));

      const policyText = read(bucket.policy);
      let grantsAccessPath = false;
      if (policyText === null) {
        problems.push(text(`버킷 ${bucket.name}에 버킷 정책이 없어 CloudFront가 읽을 수 없음`, `bucket ${bucket.name} has no bucket policy, so CloudFront cannot read it`));
      } else {
        let statements: Statement[] = [];
        try {
          statements = parsePolicy(policyText);
        } catch {
          problems.push(text(`버킷 ${bucket.name}의 정책이 올바른 JSON이 아님`, `the policy of bucket ${bucket.name} is not valid JSON`));
        }
        for (const [i, s] of statements.entries()) {
          if ((s.Effect ?? '').toLowerCase() !== 'allow') continue;
          const label = s.Sid ? text(`문 ${s.Sid}`, `statement ${s.Sid}`) : text(`${i + 1}번째 문`, `statement #${i + 1}`);
          if (s.NotPrincipal !== undefined) {
            problems.push(text(`${label.ko}이(가) NotPrincipal 외의 모두를 허용`, `${label.en} allows everyone except NotPrincipal`));
            continue;
          }
          const p = principalsOf(s);
          const bound = boundDistributions(s, ours);
          if (p.everyone) {
            if (bound) grantsAccessPath ||= bound.includes(distribution.arn) && oac !== '';
            else problems.push(text(`${label.ko}이(가) 배포에 대한 AWS:SourceArn 조건 없이 "*"를 허용`, `${label.en} grants "*" without an AWS:SourceArn condition on the distribution`));
          }
          for (const service of p.service) {
            if (service !== CLOUDFRONT) problems.push(text(`${label.ko}이(가) 서비스 ${service}를 허용`, `${label.en} grants the service ${service}`));
            else if (!bound) {
              problems.push(
                text(
                  `${label.ko}이(가) 이 배포 환경의 배포를 지정하는 AWS:SourceArn 조건 없이 ${CLOUDFRONT}를 허용`,
                  `${label.en} grants ${CLOUDFRONT} without an AWS:SourceArn condition naming this deployment's distribution`,
                ),
              );
            }
            else grantsAccessPath ||= bound.includes(distribution.arn) && oac !== '';
          }
          for (const principal of p.aws.filter((a) => a !== '*')) {
            if (principal.startsWith(OAI_PRINCIPAL)) {
              const id = principal.slice(OAI_PRINCIPAL.length);
              if (!usedOais.has(id)) {
                problems.push(
                  text(`${label.ko}이(가) 배포 환경의 어떤 배포도 쓰지 않는 원본 액세스 ID ${id}를 허용`, `${label.en} grants origin access identity ${id}, which no distribution of the deployment uses`),
                );
              }
              else grantsAccessPath ||= id === oai;
            } else if (principal === account || principal.startsWith(`arn:aws:iam::${account}:`)) {
              facts.push(text(`${label.ko}이(가) ${principal}도 허용(같은 계정)`, `${label.en} also grants ${principal} (same account)`));
            } else {
              problems.push(text(`${label.ko}이(가) ${principal}를 허용`, `${label.en} grants ${principal}`));
            }
          }
          if (p.canonicalUser.length) facts.push(text(`${label.ko}이(가) 정규 사용자를 허용(예전 OAI 형식)`, `${label.en} grants a canonical user (legacy OAI form)`));
          if (p.canonicalUser.length && oai) grantsAccessPath = true;
          for (const f of p.federated) problems.push(text(`${label.ko}이(가) 페더레이션 ${f}를 허용`, `${label.en} grants federated ${f}`));
        }
        if (!grantsAccessPath && (oac || oai)) {
          problems.push(
            text(
              `버킷 ${bucket.name}의 정책이 이 배포의 ${oac ? '원본 액세스 제어' : '원본 액세스 ID'}를 허용하지 않음`,
              `the policy of bucket ${bucket.name} does not grant this distribution's ${oac ? 'origin access control' : 'origin access identity'}`,
            ),
          );
        }
      }
      const ok = problems.length === 0;
      const lines = joinText(ok ? facts : problems);
      const detail = text(`버킷 ${bucket.name}: ${lines.ko}`, `bucket ${bucket.name}: ${lines.en}`);
      return resource(ok, distribution.id, detail, { arn: distribution.arn, type: 'AWS::CloudFront::Distribution' });
    });
    return judge(resources, text('CloudFront는 원본 액세스 제어로만 버킷에 접근합니다.', 'CloudFront reaches the bucket only through its origin access control.'), (f) => {
      const d = failingText(f);
      return text(`버킷 접근이 CloudFront로만 제한되지 않음: ${d.ko}.`, `Bucket access not locked to CloudFront: ${d.en}.`);
    });
  },
});
