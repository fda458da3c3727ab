// CloudMart-<student>-App: the ALB, the Auto Scaling group of API instances (with the
// workload bundle as an S3 asset), the application log group and the alarm topic.
import { CfnOutput, Duration } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { Construct } from 'constructs';
import { PORTS, type DeploymentConfig } from '../config';
import { AlarmTopic } from '../tiers/alarm-topic';
import { AppLogGroup, applicationLogGroupName } from '../tiers/app-log-group';
import { ComputeTier } from '../tiers/compute';
import { DrillToken } from '../tiers/drill-token';
import { InstanceRole } from '../tiers/instance-role';
import { workloadUserData } from '../tiers/user-data';
import { CloudMartStack } from './base-stack';
import type { DataStack } from './data-stack';
import type { NetworkStack } from './network-stack';

export const APP_INSTANCE_TYPE = 't3.micro';
export const APP_MIN_CAPACITY = 2;
export const APP_MAX_CAPACITY = 4;
export const APP_ROOT_VOLUME_GB = 8;

export class AppStack extends CloudMartStack {
  readonly compute: ComputeTier;
  readonly logGroup: AppLogGroup;
  readonly alarmTopic: AlarmTopic;
  readonly bundle: Asset;
  /** Only with drillEndpoints: the token every /drill/* request must carry. */
  readonly drillToken?: DrillToken;

  constructor(scope: Construct, config: DeploymentConfig, network: NetworkStack, data: DataStack) {
    super(scope, 'App', config, 'internet-facing ALB, Auto Scaling group of API instances, application logs, alarm topic');
    this.alarmTopic = new AlarmTopic(this, 'Alarms', {
      displayName: `CloudMart ${config.student} alarms`,
      ...(config.alarmEmail ? { email: config.alarmEmail } : {}),
    });
    this.logGroup = new AppLogGroup(this, 'Logs', {
      logGroupName: applicationLogGroupName(config.student),
      retention: this.profile.logRetention,
      removalPolicy: this.profile.storageRemovalPolicy,
    });
    this.bundle = new Asset(this, 'WorkloadBundle', { path: config.workloadBundleDir });

    if (config.drillEndpoints) {
      this.drillToken = new DrillToken(this, 'DrillToken', { description: `CloudMart ${config.student}`, removalPolicy: this.profile.storageRemovalPolicy });
    }
    const role = new InstanceRole(this, 'InstanceRole', {
      secrets: [data.database.secret, data.cache.authToken, ...(this.drillToken ? [this.drillToken.secret] : [])],
      logGroup: this.logGroup.logGroup,
      bundleBucket: this.bundle.s3BucketName,
      bundleKey: this.bundle.s3ObjectKey,
    });
    const userData = workloadUserData({
      bundleBucket: this.bundle.s3BucketName,
      bundleKey: this.bundle.s3ObjectKey,
      region: this.region,
      logGroupName: this.logGroup.logGroup.logGroupName,
      appPort: PORTS.app,
      healthWaitSeconds: 180,
      environment: {
        PORT: String(PORTS.app),
        AWS_REGION: this.region,
        DB_SECRET_ARN: data.database.secret.secretArn,
        REDIS_HOST: data.cache.replicationGroup.attrPrimaryEndPointAddress,
        REDIS_PORT: String(PORTS.cache),
        REDIS_TLS: 'true',
        REDIS_AUTH_SECRET_ARN: data.cache.authToken.secretArn,
        DRILL_ENDPOINTS: config.drillEndpoints ? 'true' : 'false',
        ...(this.drillToken ? { DRILL_TOKEN_SECRET_ARN: this.drillToken.secret.secretArn } : {}),
        LOG_LEVEL: config.logLevel,
      },
    });
    this.compute = new ComputeTier(this, 'Compute', {
      vpc: network.network.vpc,
      albSecurityGroup: network.securityGroups.alb,
      appSecurityGroup: network.securityGroups.app,
      role: role.role,
      userData,
      alarmTopic: this.alarmTopic.topic,
      instanceType: APP_INSTANCE_TYPE,
      minCapacity: APP_MIN_CAPACITY,
      maxCapacity: APP_MAX_CAPACITY,
      appPort: PORTS.app,
      rootVolumeGb: APP_ROOT_VOLUME_GB,
      cpuTargetPercent: 50,
      requestsPerTargetPerMinute: 600,
      bootTimeout: Duration.minutes(15),
      accessLogRetentionDays: this.profile.accessLogRetentionDays,
      storageRemovalPolicy: this.profile.storageRemovalPolicy,
      autoDeleteBucketObjects: this.profile.autoDeleteBucketObjects,
      ...(config.drillSourceCidr ? { drillSourceCidr: config.drillSourceCidr } : {}),
    });
    new CfnOutput(this, 'ApiUrl', { value: `http://${this.compute.loadBalancer.loadBalancerDnsName}`, description: 'The CloudMart API through the ALB' });
    new CfnOutput(this, 'ApplicationLogGroup', { value: this.logGroup.logGroup.logGroupName, description: 'Where the API logs go' });
  }
}
