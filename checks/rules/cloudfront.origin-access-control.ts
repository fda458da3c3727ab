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
import type { ResourceEvidence } from '../../contract/report';
import { read } from './lib/collected';
import { s3Origins } from './lib/deployment';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { conditionValues, parsePolicy, principalsOf, type Statement } from './lib/policy';
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
  id: 'cloudfront.origin-access-control',
  category: 'security',
  severity: 'high',
  title: {
    ko: 'CloudFront가 OAC(또는 OAI)로 버킷에 접근하고 버킷 정책이 그것만 허용함',
    en: 'CloudFront reaches the bucket through origin access control (or identity) and the bucket policy grants only that',
  },
  remediation: {
    ko: 'S3 오리진에 원본 액세스 제어(OAC)를 연결하고, 버킷 정책에는 cloudfront.amazonaws.com 서비스 주체에 AWS:SourceArn = 배포 ARN 조건을 건 s3:GetObject 허용 하나만 두세요. Principal "*" 허용은 지우세요.',
    en: 'Attach an origin access control (OAC) to the S3 origin and keep one Allow in the bucket policy: s3:GetObject for the cloudfront.amazonaws.com service principal with the condition AWS:SourceArn = the distribution ARN. Remove any Allow to Principal "*".',
    cdk: `new cloudfront.Distribution(this, 'Frontend', {
  defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) }, // adds the scoped bucket policy
  defaultRootObject: 'index.html',
});`,
  },
  refs: { fsbp: ['CloudFront.13'], cdkNag: ['AwsSolutions-CFR7'], prowler: [] },
  datasets: ['cloudfront.distributions', 's3.buckets'],
  evaluate(inventory) {
    const origins = s3Origins(inventory);
    if (origins.length === 0) return notApplicable('No CloudFront distribution of the deployment has an S3 bucket origin (graded by frontend.s3-cloudfront).');
    const ours = new Set(read(inventory.cloudfront.distributions).map((d) => d.arn));
    const usedOais = new Set(origins.map((o) => oaiId(o.origin.S3OriginConfig?.OriginAccessIdentity)).filter((id): id is string => id !== undefined));
    const account = inventory.target.accountId;

    const resources: ResourceEvidence[] = origins.map(({ distribution, bucket, origin }) => {
      const problems: string[] = [];
      const facts: string[] = [];
      const oac = origin.OriginAccessControlId ?? '';
      const oai = oaiId(origin.S3OriginConfig?.OriginAccessIdentity);
      if (oac) facts.push(`origin access control ${oac}`);
      else if (oai) facts.push(`origin access identity ${oai}`);
      else problems.push('the origin has neither an origin access control nor an origin access identity');

      const policyText = read(bucket.policy);
      let grantsAccessPath = false;
      if (policyText === null) {
        problems.push(`bucket ${bucket.name} has no bucket policy, so CloudFront cannot read it`);
      } else {
        let statements: Statement[] = [];
        try {
          statements = parsePolicy(policyText);
        } catch {
          problems.push(`the policy of bucket ${bucket.name} is not valid JSON`);
        }
        for (const [i, s] of statements.entries()) {
          if ((s.Effect ?? '').toLowerCase() !== 'allow') continue;
          const label = s.Sid ? `statement ${s.Sid}` : `statement #${i + 1}`;
          if (s.NotPrincipal !== undefined) {
            problems.push(`${label} allows everyone except NotPrincipal`);
            continue;
          }
          const p = principalsOf(s);
          const bound = boundDistributions(s, ours);
          if (p.everyone) {
            if (bound) grantsAccessPath ||= bound.includes(distribution.arn) && oac !== '';
            else problems.push(`${label} grants "*" without an AWS:SourceArn condition on the distribution`);
          }
          for (const service of p.service) {
            if (service !== CLOUDFRONT) problems.push(`${label} grants the service ${service}`);
            else if (!bound) problems.push(`${label} grants ${CLOUDFRONT} without an AWS:SourceArn condition naming this deployment's distribution`);
            else grantsAccessPath ||= bound.includes(distribution.arn) && oac !== '';
          }
          for (const principal of p.aws.filter((a) => a !== '*')) {
            if (principal.startsWith(OAI_PRINCIPAL)) {
              const id = principal.slice(OAI_PRINCIPAL.length);
              if (!usedOais.has(id)) problems.push(`${label} grants origin access identity ${id}, which no distribution of the deployment uses`);
              else grantsAccessPath ||= id === oai;
            } else if (principal === account || principal.startsWith(`arn:aws:iam::${account}:`)) {
              facts.push(`${label} also grants ${principal} (same account)`);
            } else {
              problems.push(`${label} grants ${principal}`);
            }
          }
          if (p.canonicalUser.length) facts.push(`${label} grants a canonical user (legacy OAI form)`);
          if (p.canonicalUser.length && oai) grantsAccessPath = true;
          for (const f of p.federated) problems.push(`${label} grants federated ${f}`);
        }
        if (!grantsAccessPath && (oac || oai)) {
          problems.push(`the policy of bucket ${bucket.name} does not grant this distribution's ${oac ? 'origin access control' : 'origin access identity'}`);
        }
      }
      const ok = problems.length === 0;
      const detail = `bucket ${bucket.name}: ${ok ? facts.join('; ') : problems.join('; ')}`;
      return resource(ok, distribution.id, detail, { arn: distribution.arn, type: 'AWS::CloudFront::Distribution' });
    });
    return judge(resources, 'CloudFront reaches the bucket only through its origin access control.', (f) => `Bucket access not locked to CloudFront: ${failingDetails(f)}.`);
  },
});
