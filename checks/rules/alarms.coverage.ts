// alarms.coverage: alarms exist whose dimensions name the deployment's own resources, for at
// least: ASG CPU, ALB 5xx, ALB unhealthy hosts, RDS CPU, RDS free storage, Redis CPU or
// memory (config.requiredAlarms). Each resource of each kind needs its own alarm:
//   ASG   AutoScalingGroupName = the group's name
//   ALB   LoadBalancer         = app/<name>/<id> (the ARN's suffix), with TargetGroup = one of
//         its target groups where the metric is published per target group (UnHealthyHostCount)
//   RDS   DBInstanceIdentifier = the instance id
//   Redis CacheClusterId       = a member cluster (<group>-001, ...)
// An alarm counts only when its namespace, metric and dimension set is one CloudWatch publishes
// (lib/published-metrics.ts): an alarm on a set CloudWatch never publishes (ReplicationGroupId
// for AWS/ElastiCache, UnHealthyHostCount per LoadBalancer alone) stays INSUFFICIENT_DATA
// forever; it is named in the evidence with the reason and does not count.
// A metric-math alarm counts when one of its metrics matches. The namespace must match too
// (AWS/EC2 CPUUtilization is not AWS/RDS CPUUtilization).
// Alarms that only drive scaling (every action an Auto Scaling policy, like the alarms a
// target-tracking policy creates) are scaling triggers, not monitoring: they do not count.
// A kind the deployment does not have (e.g. no Redis) is not required (its presence check
// grades it); none of the kinds at all: not-applicable. The evidence is the matrix.
import { catalogueEntry } from '../../contract/check-catalogue';
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
  targetGroupDimension,
  type MetricAlarm,
} from './lib/deployment';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { describeDimensionSets, isPublishedDimensionSet, publishedDimensionSets } from './lib/published-metrics';
import { text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

/** The default requirements' labels in Korean (a teacher's own label stays as written). */
const LABEL_KO: Record<string, string> = {
  'asg-cpu': 'ASG CPU',
  'alb-5xx': 'ALB 5xx',
  'alb-unhealthy-hosts': 'ALB 비정상 호스트',
  'rds-cpu': 'RDS CPU',
  'rds-free-storage': 'RDS 여유 스토리지',
  'redis-cpu-or-memory': 'Redis CPU 또는 메모리',
};

function labelOf(requirement: AlarmRequirement): Bilingual {
  return text(LABEL_KO[requirement.id] ?? requirement.label, requirement.label);
}

interface Watched {
  name: string;
  arn?: string | undefined;
  type: string;
  /** Dimension name -> values that name this resource (ReplicationGroupId too: to explain why it never counts). */
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

/** How one alarm metric relates to a required alarm on one resource. */
type Match = { kind: 'none' } | { kind: 'counts'; unlisted: boolean } | { kind: 'never-receives-data'; reason: Bilingual };

function match(metric: MetricRef, requirement: AlarmRequirement, watched: Watched): Match {
  const namespace = metric.namespace ?? '';
  const name = metric.name ?? '';
  if (namespace !== requirement.namespace || !requirement.metricNames.includes(name)) return { kind: 'none' };
  const naming = metric.dimensions.filter((d) => watched.dimensions[d.Name ?? ''] !== undefined);
  // About this resource: some dimension names it, and none names another resource.
  if (naming.length === 0 || !naming.every((d) => watched.dimensions[d.Name ?? '']!.includes(d.Value ?? ''))) return { kind: 'none' };
  const names = metric.dimensions.map((d) => d.Name ?? '');
  const published = isPublishedDimensionSet(namespace, name, names);
  if (published === false) {
    const sets = describeDimensionSets(publishedDimensionSets(namespace, name) ?? []);
    const used = [...new Set(names)].sort().join('+');
    return {
      kind: 'never-receives-data',
      reason: text(
        `CloudWatch는 ${namespace} ${name}을(를) ${sets} 단위로만 게시하고 ${used} 단위로는 게시하지 않으므로 데이터를 받지 못함`,
        `CloudWatch publishes ${namespace} ${name} per ${sets}, never per ${used}, so it never receives data`,
      ),
    };
  }
  return { kind: 'counts', unlisted: published === undefined };
}

/** "CacheClusterId=g-001|g-002": the smallest published set the resource can fill in, for the fix. */
function wantedDimensions(requirement: AlarmRequirement, watched: Watched): string {
  const render = (names: readonly string[]) => names.map((n) => `${n}=${(watched.dimensions[n] ?? []).join('|')}`).join(' + ');
  const fillable = requirement.metricNames
    .flatMap((m) => publishedDimensionSets(requirement.namespace, m) ?? [])
    .filter((set) => set.length > 0 && set.every((n) => (watched.dimensions[n] ?? []).length > 0))
    .sort((a, b) => a.length - b.length);
  if (fillable[0]) return render(fillable[0]);
  return Object.keys(watched.dimensions)
    .map((n) => render([n]))
    .join(' or ');
}

export const check = defineCheck({
  ...catalogueEntry('alarms.coverage'),
  remediation: {
    ko: '각 리소스에 CloudWatch가 실제로 데이터를 게시하는 차원으로 알람을 만드세요: ASG CPUUtilization(AutoScalingGroupName), ALB HTTPCode_ELB_5XX_Count(LoadBalancer), UnHealthyHostCount(TargetGroup과 LoadBalancer 함께), RDS CPUUtilization과 FreeStorageSpace(DBInstanceIdentifier), Redis EngineCPUUtilization 또는 DatabaseMemoryUsagePercentage(멤버 클러스터마다 CacheClusterId = <그룹>-001, <그룹>-002, ...). ElastiCache 지표는 ReplicationGroupId 차원으로 게시되지 않으므로 그 알람은 데이터를 받지 못합니다. 차원 값이 내 리소스 이름과 정확히 같아야 합니다.',
    en: 'Create a CloudWatch alarm per resource, on a dimension set CloudWatch publishes: ASG CPUUtilization (AutoScalingGroupName), ALB HTTPCode_ELB_5XX_Count (LoadBalancer), UnHealthyHostCount (TargetGroup and LoadBalancer together), RDS CPUUtilization and FreeStorageSpace (DBInstanceIdentifier), Redis EngineCPUUtilization or DatabaseMemoryUsagePercentage (CacheClusterId of each member cluster: <group>-001, <group>-002, ...). ElastiCache metrics are never published per ReplicationGroupId, so such an alarm never receives data. The dimension values must name your own resources exactly.',
    console: {
      ko: 'CloudWatch 콘솔 > 경보 > 경보 생성 > 지표 선택: EC2 > Auto Scaling 그룹별(CPUUtilization), ApplicationELB > 로드 밸런서별(HTTPCode_ELB_5XX_Count) 및 대상 그룹·로드 밸런서별(UnHealthyHostCount), RDS > 데이터베이스별(CPUUtilization, FreeStorageSpace), ElastiCache > 캐시 클러스터별(EngineCPUUtilization, 멤버 클러스터마다) 중 내 리소스의 지표 > 조건(예: 80 이상) > 알림: SNS 주제 > 이름 > 경보 생성. 필요한 알람마다 반복하세요.',
      en: 'CloudWatch console > Alarms > Create alarm > Select metric: EC2 > By Auto Scaling Group (CPUUtilization), ApplicationELB > Per AppELB Metrics (HTTPCode_ELB_5XX_Count) and Per AppELB, per TG Metrics (UnHealthyHostCount), RDS > Per-Database Metrics (CPUUtilization, FreeStorageSpace), ElastiCache > Cache Cluster metrics (EngineCPUUtilization, one per member cluster): pick your own resource\'s metric > conditions (e.g. >= 80) > notification: an SNS topic > name > Create alarm. Repeat for each required alarm.',
    },
    cdk: `new cloudwatch.Alarm(this, 'AsgCpu', {
  metric: new cloudwatch.Metric({ namespace: 'AWS/EC2', metricName: 'CPUUtilization',
    dimensionsMap: { AutoScalingGroupName: asg.autoScalingGroupName } }),
  threshold: 80, evaluationPeriods: 2,
}).addAlarmAction(new cw_actions.SnsAction(topic));
new cloudwatch.Alarm(this, 'Alb5xx', { metric: alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT), threshold: 5, evaluationPeriods: 1 });
// Published per TargetGroup + LoadBalancer only: take it from the target group.
new cloudwatch.Alarm(this, 'Unhealthy', { metric: targetGroup.metrics.unhealthyHostCount(), threshold: 1, evaluationPeriods: 2,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD });
new cloudwatch.Alarm(this, 'DbStorage', { metric: db.metricFreeStorageSpace(), threshold: 2e9, evaluationPeriods: 1,
  comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD });
// One alarm per member cluster (<group>-001, <group>-002): ElastiCache publishes per CacheClusterId.
['001', '002'].forEach((n) => new cloudwatch.Alarm(this, \`RedisCpu\${n}\`, {
  metric: new cloudwatch.Metric({ namespace: 'AWS/ElastiCache', metricName: 'EngineCPUUtilization',
    dimensionsMap: { CacheClusterId: \`\${redis.ref}-\${n}\` } }),
  threshold: 80, evaluationPeriods: 3,
}));`,
  },
  datasets: ['cloudwatch.metricAlarms', 'autoscaling.groups', 'elbv2.loadBalancers', 'elbv2.targetGroups', 'rds.instances', 'elasticache.replicationGroups', 'elasticache.cacheClusters'],
  evaluate(inventory, config) {
    const all = read(inventory.cloudwatch.metricAlarms);
    const alarms = all.filter((a) => !onlyScales(a));
    const scalingOnly = all.filter(onlyScales).map((a) => a.AlarmName ?? '?');
    const targetGroups = read(inventory.elbv2.targetGroups);
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
        dimensions: {
          LoadBalancer: [loadBalancerDimension(lb.LoadBalancerArn) ?? ''],
          TargetGroup: targetGroups
            .filter((tg) => (tg.LoadBalancerArns ?? []).includes(lb.LoadBalancerArn ?? ''))
            .map((tg) => targetGroupDimension(tg.TargetGroupArn) ?? ''),
        },
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

    const matrix: { requirement: string; metrics: string; resource: string; alarms: string[]; neverReceiveData: { alarm: string; reason: string }[] }[] = [];
    const resources: ResourceEvidence[] = [];
    const skipped: string[] = [];
    const unlisted = new Set<string>();
    for (const requirement of config.requiredAlarms) {
      const targets = watched[requirement.resource];
      if (targets.length === 0) {
        skipped.push(requirement.label);
        continue;
      }
      const metrics = `${requirement.namespace} ${requirement.metricNames.join(' | ')}`;
      for (const target of targets) {
        const names: string[] = [];
        const neverReceiveData: { alarm: string; reason: Bilingual }[] = [];
        for (const alarm of alarms) {
          const alarmName = alarm.AlarmName ?? alarm.AlarmArn ?? '?';
          const matches = alarmMetrics(alarm).map((m) => ({ m, result: match(m, requirement, target) }));
          const counted = matches.find((x) => x.result.kind === 'counts');
          if (counted) {
            names.push(alarmName);
            if (counted.result.kind === 'counts' && counted.result.unlisted) unlisted.add(`${counted.m.namespace} ${counted.m.name}`);
            continue;
          }
          const impossible = matches.find((x) => x.result.kind === 'never-receives-data');
          if (impossible && impossible.result.kind === 'never-receives-data') neverReceiveData.push({ alarm: alarmName, reason: impossible.result.reason });
        }
        matrix.push({ requirement: requirement.label, metrics, resource: target.name, alarms: names, neverReceiveData: neverReceiveData.map((x) => ({ alarm: x.alarm, reason: x.reason.en })) });
        const label = labelOf(requirement);
        const impossible = {
          ko: neverReceiveData.map((x) => `알람 ${x.alarm}은(는) 인정되지 않음: ${x.reason.ko}`).join('; '),
          en: neverReceiveData.map((x) => `alarm ${x.alarm} does not count: ${x.reason.en}`).join('; '),
        };
        const wanted = wantedDimensions(requirement, target);
        const detail = names.length
          ? text(`${label.ko}: ${names.join(', ')}`, `${label.en}: ${names.join(', ')}`)
          : text(
              `${label.ko}: ${wanted}을(를) 가리키는 ${metrics} 알람 없음${impossible.ko ? ` (${impossible.ko})` : ''}`,
              `${label.en}: no alarm on ${metrics} naming ${wanted}${impossible.en ? ` (${impossible.en})` : ''}`,
            );
        resources.push(resource(names.length > 0, target.name, detail, { arn: target.arn, type: target.type }));
      }
    }
    const evidence = { matrix, notRequired: skipped, scalingOnlyAlarms: scalingOnly };
    if (resources.length === 0) {
      return notApplicable(text('배포에 필수 알람이 감시하는 리소스가 하나도 없습니다.', 'The deployment has none of the resources the required alarms watch.'), { evidence });
    }
    const notes: Bilingual[] = [];
    if (skipped.length) {
      const labels = config.requiredAlarms.filter((r) => skipped.includes(r.label)).map(labelOf);
      notes.push(text(`배포에 해당 리소스가 없어 필요하지 않음: ${labels.map((l) => l.ko).join(', ')}.`, `Not required because the deployment lacks the resource: ${skipped.join(', ')}.`));
    }
    if (scalingOnly.length) notes.push(text(`스케일링만 일으키는 알람이라 세지 않음: ${scalingOnly.join(', ')}.`, `Not counted, they only trigger scaling: ${scalingOnly.join(', ')}.`));
    const silent = [...new Set(matrix.flatMap((row) => row.neverReceiveData.map((x) => x.alarm)))].join(', ');
    if (silent) notes.push(text(`데이터를 받지 못함(CloudWatch가 게시하지 않는 차원 조합): ${silent}.`, `Never receive data (a dimension set CloudWatch does not publish): ${silent}.`));
    if (unlisted.size) {
      const list = [...unlisted].join(', ');
      notes.push(text(`CloudWatch 게시 지표 목록에 없어 차원 조합을 확인하지 못함: ${list}.`, `Not in CloudWatch's published metric catalogue, dimension set not verified: ${list}.`));
    }
    return judge(
      resources,
      text(`필수 알람 ${matrix.length}개 모두 배포의 리소스를 가리킵니다.`, `Every required alarm (${matrix.length}) names the deployment's own resources.`),
      (f) => {
        const d = failingText(f, 3);
        return text(`빠진 알람: ${d.ko}.`, `Missing alarms: ${d.en}.`);
      },
      { evidence, notes },
    );
  },
});
