// CloudWatch: the alarms and dashboards that name the deployment's resources (in a
// dimension, a metric math query, a composite alarm's rule, a dashboard's body), and any
// of a stack or tagged.
import { dataOr, derive } from '../../collectors/collected';
import type { GraphContext } from '../graph-context';
import { CFN } from '../resource-types';
import type { RegionLists, Selection } from '../selection';

/** What the alarms and dashboards are matched against. */
export type NamedResources = Pick<
  Selection,
  'autoScalingGroups' | 'loadBalancers' | 'targetGroups' | 'rdsInstances' | 'replicationGroups' | 'cacheClusters' | 'distributionIds' | 'bucketNames'
> & { ec2: Pick<Selection['ec2'], 'instances' | 'natGateways'> };

export function selectCloudWatch(
  ctx: GraphContext,
  lists: Pick<RegionLists, 'cloudwatch'>,
  found: NamedResources,
): Pick<Selection, 'metricAlarms' | 'compositeAlarms' | 'dashboards'> {
  const { isSeed, take } = ctx;
  const names = namesOf(found);
  const namesOurs = (values: (string | undefined)[]) => values.some((v) => v !== undefined && names.has(v));

  const metricAlarms = derive(lists.cloudwatch.metricAlarms, (all) =>
    all.filter((a) => {
      if (isSeed(CFN.alarm, a.AlarmName) || isSeed(CFN.compositeAlarm, a.AlarmName)) return true;
      const dims = [...(a.Dimensions ?? []), ...(a.Metrics ?? []).flatMap((m) => m.MetricStat?.Metric?.Dimensions ?? [])];
      return namesOurs(dims.map((d) => d.Value));
    }),
  );
  const ourAlarmNames = new Set(dataOr(metricAlarms, []).map((a) => a.AlarmName!));
  const ourAlarmArns = new Set(dataOr(metricAlarms, []).map((a) => a.AlarmArn!));
  const compositeAlarms = derive(lists.cloudwatch.compositeAlarms, (all) =>
    all.filter(
      (a) => isSeed(CFN.alarm, a.AlarmName) || isSeed(CFN.compositeAlarm, a.AlarmName) || alarmRuleNames(a.AlarmRule ?? '').some((n) => ourAlarmNames.has(n) || ourAlarmArns.has(n)),
    ),
  );
  for (const a of dataOr(metricAlarms, [])) take(CFN.alarm, a.AlarmName!, a.AlarmArn ? { arn: a.AlarmArn } : {});
  for (const a of dataOr(compositeAlarms, [])) take(CFN.alarm, a.AlarmName!, a.AlarmArn ? { arn: a.AlarmArn } : {});

  const dashboards = derive(lists.cloudwatch.dashboards, (all) => all.filter((d) => isSeed(CFN.dashboard, d.name) || [...names].some((n) => d.body.includes(n))));
  for (const d of dataOr(dashboards, [])) take(CFN.dashboard, d.name, d.arn ? { arn: d.arn } : {});
  return { metricAlarms, compositeAlarms, dashboards };
}

/** The names CloudWatch metrics use for the deployment's resources (a load balancer as app/name/id, a target group as targetgroup/name/id). */
function namesOf(found: NamedResources): Set<string> {
  const names = new Set<string>();
  for (const g of dataOr(found.autoScalingGroups, [])) names.add(g.AutoScalingGroupName!);
  for (const lb of dataOr(found.loadBalancers, [])) names.add(lb.LoadBalancerArn!.split(':loadbalancer/')[1] ?? lb.LoadBalancerArn!);
  for (const tg of dataOr(found.targetGroups, [])) names.add(tg.TargetGroupArn!.split(':').pop()!);
  for (const i of dataOr(found.ec2.instances, [])) names.add(i.InstanceId!);
  for (const db of dataOr(found.rdsInstances, [])) names.add(db.DBInstanceIdentifier!);
  for (const rg of dataOr(found.replicationGroups, [])) names.add(rg.ReplicationGroupId!);
  for (const c of dataOr(found.cacheClusters, [])) names.add(c.CacheClusterId!);
  for (const d of found.distributionIds) names.add(d);
  for (const b of found.bucketNames) names.add(b);
  for (const n of dataOr(found.ec2.natGateways, [])) names.add(n.NatGatewayId!);
  return names;
}

/** Alarm names (or ARNs) an alarm rule refers to: ALARM("name"), OK(name), INSUFFICIENT_DATA(arn). */
export function alarmRuleNames(rule: string): string[] {
  return [...rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*"?([^")]+?)"?\s*\)/g)].map((m) => m[1]!.trim());
}
