// CloudMart-<student>-Frontend: the S3 bucket of the React build behind CloudFront.
import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from '../config';
import { FrontendTier } from '../tiers/frontend';
import { CloudMartStack } from './base-stack';

export class FrontendStack extends CloudMartStack {
  readonly frontend: FrontendTier;

  constructor(scope: Construct, config: DeploymentConfig) {
    super(scope, 'Frontend', config, 'private S3 bucket behind CloudFront (origin access control, HTTPS)');
    this.frontend = new FrontendTier(this, 'Frontend', {
      description: `CloudMart ${config.student} frontend`,
      accessLogRetentionDays: this.profile.accessLogRetentionDays,
      removalPolicy: this.profile.storageRemovalPolicy,
      autoDeleteBucketObjects: this.profile.autoDeleteBucketObjects,
    });
    new CfnOutput(this, 'SiteUrl', { value: `https://${this.frontend.distribution.distributionDomainName}`, description: 'The shop front end (HTTPS)' });
    new CfnOutput(this, 'SiteBucket', { value: this.frontend.bucket.bucketName, description: 'Upload the React build here (aws s3 sync build/ s3://BUCKET)' });
  }
}
