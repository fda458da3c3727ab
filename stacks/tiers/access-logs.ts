// A bucket that receives access logs (ALB, CloudFront, S3 server access logs): encrypted,
// private, TLS-only, objects expire after the profile's retention.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag/acknowledge';

export interface AccessLogsBucketProps {
  readonly retentionDays: number;
  readonly removalPolicy: RemovalPolicy;
  readonly autoDeleteObjects: boolean;
  /** CloudFront standard logging writes with ACLs, so the bucket must keep ACLs enabled. */
  readonly acceptsCloudFrontLogs?: boolean;
  /**
   * Another bucket of the stack sends its server access logs here. cdk-nag then counts this
   * bucket as the log destination (S1 passes); otherwise S1 is acknowledged here.
   */
  readonly receivesServerAccessLogs: boolean;
}

export class AccessLogsBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogsBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED, // ALB log delivery supports SSE-S3 only
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: props.acceptsCloudFrontLogs ? s3.ObjectOwnership.BUCKET_OWNER_PREFERRED : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(props.retentionDays) }],
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: props.autoDeleteObjects,
    });
    if (!props.receivesServerAccessLogs) {
      acknowledgeNag(
        this.bucket,
        'AwsSolutions-S1',
        'This bucket is itself an access-log destination (load balancer logs): logging it into itself would loop, and logging it elsewhere needs yet another log bucket.',
      );
    }
  }
}
