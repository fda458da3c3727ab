// The frontend tier: a private bucket (all public access blocked, TLS only) behind
// CloudFront with an origin access control, HTTPS redirect and a default root object.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesOf, synthesize, type Synthesized } from './support';

let s: Synthesized;

beforeAll(() => {
  s = synthesize('production');
});

function siteBucketId(): string {
  const distribution = Object.values(resourcesOf(s.raw('Frontend'), 'AWS::CloudFront::Distribution'))[0]!.DistributionConfig as {
    Origins: { DomainName: { 'Fn::GetAtt': [string, string] } }[];
  };
  return distribution.Origins[0]!.DomainName['Fn::GetAtt'][0];
}

describe('frontend', () => {
  it('blocks all public access to every bucket and refuses plain HTTP', () => {
    const buckets = resourcesOf(s.raw('Frontend'), 'AWS::S3::Bucket');
    const policies = Object.values(resourcesOf(s.raw('Frontend'), 'AWS::S3::BucketPolicy'));
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.PublicAccessBlockConfiguration, id).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      const policy = policies.find((p) => (p.Bucket as { Ref: string }).Ref === id);
      expect(JSON.stringify(policy?.PolicyDocument), id).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('serves the bucket through CloudFront with an origin access control, and the bucket grants only that distribution', () => {
    const frontend = s.template('Frontend');
    frontend.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' }) });
    frontend.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: Match.anyValue() })] }),
    });
    const policy = Object.values(resourcesOf(s.raw('Frontend'), 'AWS::S3::BucketPolicy')).find((p) => (p.Bucket as { Ref: string }).Ref === siteBucketId())!;
    const allows = (policy.PolicyDocument as { Statement: { Effect: string; Principal: unknown; Condition?: unknown }[] }).Statement.filter((st) => st.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]!.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(JSON.stringify(allows[0]!.Condition)).toContain('AWS:SourceArn');
  });

  it('redirects viewers to HTTPS and has a default root object', () => {
    s.template('Frontend').hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      }),
    });
  });

  it('encrypts the site bucket and logs its access', () => {
    const site = resourcesOf(s.raw('Frontend'), 'AWS::S3::Bucket')[siteBucketId()]!;
    expect(site.BucketEncryption).toBeDefined();
    const logBucket = (site.LoggingConfiguration as { DestinationBucketName: { Ref: string } }).DestinationBucketName.Ref;
    expect(logBucket).not.toBe(siteBucketId());
    expect(s.raw('Frontend').Resources[logBucket]!.Type).toBe('AWS::S3::Bucket');
  });
});
