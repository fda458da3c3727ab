// CloudMart-<student>-Observability: alarms on every tier and the dashboard.
import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from '../config';
import { ObservabilityTier } from '../tiers/observability';
import type { AppStack } from './app-stack';
import { CloudMartStack } from './base-stack';
import { DATABASE_STORAGE_GB, type DataStack } from './data-stack';

export class ObservabilityStack extends CloudMartStack {
  readonly observability: ObservabilityTier;

  constructor(scope: Construct, config: DeploymentConfig, app: AppStack, data: DataStack) {
    super(scope, 'Observability', config, 'CloudWatch alarms (to the alarm topic) and dashboard');
    this.observability = new ObservabilityTier(this, 'Observability', {
      dashboardName: `CloudMart-${config.student}`,
      alarmPrefix: `CloudMart-${config.student}-`,
      topic: app.alarmTopic.topic,
      autoScalingGroup: app.compute.autoScalingGroup,
      loadBalancer: app.compute.loadBalancer,
      targetGroup: app.compute.targetGroup,
      database: data.database.instance,
      cacheNodeIds: data.cache.nodeIds,
      databaseStorageGb: DATABASE_STORAGE_GB,
      databaseConnectionsThreshold: 60,
    });
    new CfnOutput(this, 'DashboardUrl', {
      value: `https://${this.region}.console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards/dashboard/${this.observability.dashboard.dashboardName}`,
      description: 'The CloudWatch dashboard',
    });
  }
}
