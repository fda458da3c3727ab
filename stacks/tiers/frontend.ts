// Frontend tier: the private S3 bucket of the React build behind CloudFront with an
// origin access control, viewers redirected to HTTPS, a default root object, access logs.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag/acknowledge';
import { AccessLogsBucket } from './access-logs';

export interface FrontendTierProps {
  readonly description: string;
  readonly accessLogRetentionDays: number;
  readonly removalPolicy: RemovalPolicy;
  readonly autoDeleteBucketObjects: boolean;
}

export const DEFAULT_ROOT_OBJECT = 'index.html';

export class FrontendTier extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly accessLogs: AccessLogsBucket;

  constructor(scope: Construct, id: string, props: FrontendTierProps) {
    super(scope, id);
    this.accessLogs = new AccessLogsBucket(this, 'AccessLogs', {
      retentionDays: props.accessLogRetentionDays,
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: props.autoDeleteBucketObjects,
      acceptsCloudFrontLogs: true,
      receivesServerAccessLogs: true,
    });
    this.bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs.bucket,
      serverAccessLogsPrefix: 'site/',
      versioned: true,
      lifecycleRules: [{ id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: props.autoDeleteBucketObjects,
    });

    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: props.description,
      defaultRootObject: DEFAULT_ROOT_OBJECT,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      // A single-page app: unknown paths render index.html and the React router takes over.
      errorResponses: [
        { httpStatus: 403, responseHttpStatus: 200, responsePagePath: `/${DEFAULT_ROOT_OBJECT}`, ttl: Duration.seconds(10) },
        { httpStatus: 404, responseHttpStatus: 200, responsePagePath: `/${DEFAULT_ROOT_OBJECT}`, ttl: Duration.seconds(10) },
      ],
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200, // includes Korea, cheaper than all edges
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.accessLogs.bucket,
      logFilePrefix: 'cloudfront/',
    });
    acknowledgeNag(
      this.distribution,
      'AwsSolutions-CFR4',
      'Without a custom domain the distribution serves the default *.cloudfront.net certificate, for which CloudFront fixes the minimum viewer protocol; a lab account has no domain or ACM certificate in us-east-1.',
    );
    acknowledgeNag(
      this.distribution,
      'AwsSolutions-CFR2',
      'A CloudFront web ACL must live in us-east-1 and costs USD 5 a month plus rules, beyond the lab budget; the origin is a private bucket reachable only through this distribution.',
    );
    acknowledgeNag(
      this.distribution,
      'AwsSolutions-CFR1',
      'The shop is public: no country is excluded, so there is no geo restriction to configure.',
    );
  }
}
