// alarms.coverage: alarms exist whose dimensions name the deployment's own resources, for at
// least: ASG CPU, ALB 5xx, ALB unhealthy hosts, RDS CPU, RDS free storage, Redis CPU or
// memory (config.requiredAlarms). Each resource of each kind needs its own alarm:
//   ASG   AutoScalingGroupName = the group's name
//   ALB   LoadBalancer         = app/<name>/<id> (the ARN's suffix)
//   RDS   DBInstanceIdentifier = the instance id
//   Redis CacheClusterId = a member cluster, or ReplicationGroupId = the group
// A metric-math alarm counts when one of its metrics matches. The namespace must match too
// (AWS/EC2 CPUUtilization is not AWS/RDS CPUUtilization).
// Alarms that only drive scaling (every action an Auto Scaling policy, like the alarms a
// target-tracking policy creates) are scaling triggers, not monitoring: they do not count.
// A kind the deployment does not have (e.g. no Redis) is not required (its presence check
// grades it); none of the kinds at all: not-applicable. The evidence is the matrix.
import type { ResourceEvidence } from '../../contract/report';
import type { AlarmRequirement } from '../config';
import { read } from './lib/collected';
import {
  applicationLoadBalancers,
  asgName,
  autoScalingGroups,
  dbId,
  dbInstances,
  lbName,
  loadBalancerDimension,
  memberClusters,
  redisGroups,
  rgId,
  type MetricAlarm,
} from './lib/deployment';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

interface Watched {
  name: string;
  arn?: string | undefined;
  type: string;
  /** Dimension name -> values that name this resource. */
  dimensions: Record<string, string[]>;
}

interface MetricRef {
  namespace?: string | undefined;
  name?: string | undefined;
  dimensions: { Name?: string | undefined; Value?: string | undefined }[];
}

/** The metrics an alarm watches: its own, or those of its metric-math queries. */
export function alarmMetrics(alarm: MetricAlarm): MetricRef[] {
  const own = alarm.MetricName ? [{ namespace: alarm.Namespace, name: alarm.MetricName, dimensions: alarm.Dimensions ?? [] }] : [];
  const math = (alarm.Metrics ?? [])
    .map((q) => q.MetricStat?.Metric)
    .filter((m) => m !== undefined)
    .map((m) => ({ namespace: m.Namespace, name: m.MetricName, dimensions: m.Dimensions ?? [] }));
  return [...own, ...math];
}

/** An alarm whose every action is an Auto Scaling policy: it scales, it tells no one. */
export function onlyScales(alarm: MetricAlarm): boolean {
  const actions = alarm.AlarmActions ?? [];
  return actions.length > 0 && actions.every((a) => /^arn:aws[a-z-]*:autoscaling:.*:scalingPolicy:/.test(a));
}

function covers(metric: MetricRef, requirement: AlarmRequirement, watched: Watched): boolean {
  if (metric.namespace !== requirement.namespace || !requirement.metricNames.includes(metric.name ?? '')) return false;
  return metric.dimensions.some((d) => (watched.dimensions[d.Name ?? ''] ?? []).includes(d.Value ?? ''));
}

export const check = defineCheck({
  id: 'alarms.coverage',
  category: 'monitoring',
  severity: 'high',
  title: {
    ko: '배포 리소스를 가리키는 필수 알람(ASG CPU, ALB 5xx·비정상 호스트, RDS CPU·여유 스토리지, Redis CPU·메모리)이 있음',
    en: "Required alarms name the deployment's resources (ASG CPU, ALB 5xx and unhealthy hosts, RDS CPU and free storage, Redis CPU or memory)",
  },
  remediation: {
    ko: '각 리소스에 CloudWatch 알람을 만드세요: ASG CPUUtilization(AutoScalingGroupName), ALB HTTPCode_ELB_5XX_Count와 UnHealthyHostCount(LoadBalancer), RDS CPUUtilization과 FreeStorageSpace(DBInstanceIdentifier), Redis EngineCPUUtilization 또는 DatabaseMemoryUsagePercentage. 차원 값이 내 리소스 이름과 정확히 같아야 합니다.',
    en: 'Create a CloudWatch alarm per resource: ASG CPUUtilization (AutoScalingGroupName), ALB HTTPCode_ELB_5XX_Count and UnHealthyHostCount (LoadBalancer), RDS CPUUtilization and FreeStorageSpace (DBInstanceIdentifier), Redis EngineCPUUtilization or DatabaseMemoryUsagePercentage. The dimension values must name your own resources exactly.',
    cdk: `new cloudwatch.Alarm(this, 'AsgCpu', {
  metric: new cloudwatch.Metric({ namespace: 'AWS/EC2', metricName: 'CPUUtilization',
    dimensionsMap: { AutoScalingGroupName: asg.autoScalingGroupName } }),
  threshold: 80, evaluationPeriods: 2,
}).addAlarmAction(new cw_actions.SnsAction(topic));
new cloudwatch.Alarm(this, 'Alb5xx', { metric: alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT), threshold: 5, evaluationPeriods: 1 });
new cloudwatch.Alarm(this, 'DbStorage', { metric: db.metricFreeStorageSpace(), threshold: 2e9, evaluationPeriods: 1,
  comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD });`,
  },
  refs: { fsbp: [], cdkNag: [], prowler: [] },
  datasets: ['cloudwatch.metricAlarms', 'autoscaling.groups', 'elbv2.loadBalancers', 'rds.instances', 'elasticache.replicationGroups', 'elasticache.cacheClusters'],
  evaluate(inventory, config) {
    const all = read(inventory.cloudwatch.metricAlarms);
    const alarms = all.filter((a) => !onlyScales(a));
    const scalingOnly = all.filter(onlyScales).map((a) => a.AlarmName ?? '?');
    const watched: Record<AlarmRequirement['resource'], Watched[]> = {
      asg: autoScalingGroups(inventory).map((g) => ({
        name: asgName(g),
        arn: g.AutoScalingGroupARN,
        type: 'AWS::AutoScaling::AutoScalingGroup',
        dimensions: { AutoScalingGroupName: [asgName(g)] },
      })),
      alb: applicationLoadBalancers(inventory).map((lb) => ({
        name: lbName(lb),
        arn: lb.LoadBalancerArn,
        type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        dimensions: { LoadBalancer: [loadBalancerDimension(lb.LoadBalancerArn) ?? ''] },
      })),
      rds: dbInstances(inventory).map((db) => ({ name: dbId(db), arn: db.DBInstanceArn, type: 'AWS::RDS::DBInstance', dimensions: { DBInstanceIdentifier: [dbId(db)] } })),
      redis: redisGroups(inventory).map((rg) => ({
        name: rgId(rg),
        arn: rg.ARN,
        type: 'AWS::ElastiCache::ReplicationGroup',
        dimensions: {
          ReplicationGroupId: [rgId(rg)],
          CacheClusterId: memberClusters(inventory, rg).map((c) => c.CacheClusterId ?? ''),
        },
      })),
    };

    const matrix: { requirement: string; metrics: string; resource: string; alarms: string[] }[] = [];
    const resources: ResourceEvidence[] = [];
    const skipped: string[] = [];
    for (const requirement of config.requiredAlarms) {
      const targets = watched[requirement.resource];
      if (targets.length === 0) {
        skipped.push(requirement.label);
        continue;
      }
      const metrics = `${requirement.namespace} ${requirement.metricNames.join(' | ')}`;
      for (const target of targets) {
        const names = alarms.filter((a) => alarmMetrics(a).some((m) => covers(m, requirement, target))).map((a) => a.AlarmName ?? a.AlarmArn ?? '?');
        matrix.push({ requirement: requirement.label, metrics, resource: target.name, alarms: names });
        const detail = names.length
          ? `${requirement.label}: ${names.join(', ')}`
          : `${requirement.label}: no alarm on ${metrics} naming ${Object.entries(target.dimensions)
              .map(([k, v]) => `${k}=${v.join('|')}`)
              .join(' or ')}`;
        resources.push(resource(names.length > 0, target.name, detail, { arn: target.arn, type: target.type }));
      }
    }
    const evidence = { matrix, notRequired: skipped, scalingOnlyAlarms: scalingOnly };
    if (resources.length === 0) return notApplicable('The deployment has none of the resources the required alarms watch.', { evidence });
    const notes = skipped.length ? [`Not required because the deployment lacks the resource: ${skipped.join(', ')}.`] : [];
    if (scalingOnly.length) notes.push(`Not counted, they only trigger scaling: ${scalingOnly.join(', ')}.`);
    return judge(resources, `Every required alarm (${matrix.length}) names the deployment's own resources.`, (f) => `Missing alarms: ${failingDetails(f, 3)}.`, {
      evidence,
      notes,
    });
  },
});
