// Load balancers, target groups and Auto Scaling groups reach each other (a group names its
// target groups, a target group its load balancers), so they are followed together until
// nothing new is found, then the groups' scaling policies.
import { dataOr, derive } from '../../collectors/collected';
import type { GraphContext } from '../graph-context';
import { CFN } from '../resource-types';
import type { RegionLists, Selection } from '../selection';
import { tagRecord } from '../tags';

export type LoadBalancingSelection = Pick<Selection, 'loadBalancers' | 'targetGroups' | 'autoScalingGroups' | 'scalingPolicies' | 'loadBalancerArns' | 'targetGroupArns'>;

export function selectLoadBalancing(ctx: GraphContext, lists: Pick<RegionLists, 'elbv2' | 'autoscaling'>): LoadBalancingSelection {
  const { isSeed, ours, foreign, foreignArns, take } = ctx;
  const lbs = dataOr(lists.elbv2.loadBalancers, []);
  const tgs = dataOr(lists.elbv2.targetGroups, []);
  const asgs = dataOr(lists.autoscaling.groups, []).filter((g) => !foreign(tagRecord(g.Tags)));
  const selLb = new Set(lbs.filter((lb) => isSeed(CFN.lb, lb.LoadBalancerArn)).map((lb) => lb.LoadBalancerArn!));
  const selTg = new Set(tgs.filter((tg) => isSeed(CFN.tg, tg.TargetGroupArn)).map((tg) => tg.TargetGroupArn!));
  const selAsg = new Set(asgs.filter((g) => isSeed(CFN.asg, g.AutoScalingGroupName) || ours(tagRecord(g.Tags))).map((g) => g.AutoScalingGroupName!));
  for (let changed = true; changed; ) {
    const before = selLb.size + selTg.size + selAsg.size;
    for (const g of asgs) if (selAsg.has(g.AutoScalingGroupName!)) for (const arn of g.TargetGroupARNs ?? []) selTg.add(arn);
    for (const tg of tgs) {
      if (selTg.has(tg.TargetGroupArn!)) for (const arn of tg.LoadBalancerArns ?? []) if (!foreignArns.has(arn)) selLb.add(arn);
      if ((tg.LoadBalancerArns ?? []).some((arn) => selLb.has(arn)) && !foreignArns.has(tg.TargetGroupArn!)) selTg.add(tg.TargetGroupArn!);
    }
    for (const g of asgs) if ((g.TargetGroupARNs ?? []).some((arn) => selTg.has(arn))) selAsg.add(g.AutoScalingGroupName!);
    changed = selLb.size + selTg.size + selAsg.size !== before;
  }
  const loadBalancers = derive(lists.elbv2.loadBalancers, (all) => all.filter((lb) => selLb.has(lb.LoadBalancerArn!)));
  const targetGroups = derive(lists.elbv2.targetGroups, (all) => all.filter((tg) => selTg.has(tg.TargetGroupArn!)));
  const autoScalingGroups = derive(lists.autoscaling.groups, (all) => all.filter((g) => selAsg.has(g.AutoScalingGroupName!)));
  for (const lb of dataOr(loadBalancers, [])) take(CFN.lb, lb.LoadBalancerArn!, { arn: lb.LoadBalancerArn! });
  for (const tg of dataOr(targetGroups, [])) take(CFN.tg, tg.TargetGroupArn!, { arn: tg.TargetGroupArn! });
  for (const g of dataOr(autoScalingGroups, [])) take(CFN.asg, g.AutoScalingGroupName!, { arn: g.AutoScalingGroupARN, tags: tagRecord(g.Tags) }, ctx.foundBy(tagRecord(g.Tags)));
  const scalingPolicies = derive(lists.autoscaling.policies, (all) => all.filter((pol) => selAsg.has(pol.AutoScalingGroupName ?? '')));
  return {
    loadBalancers,
    targetGroups,
    autoScalingGroups,
    scalingPolicies,
    // Only what the lists hold: a target group may name a load balancer the list did not return.
    loadBalancerArns: [...selLb].filter((arn) => lbs.some((lb) => lb.LoadBalancerArn === arn)),
    targetGroupArns: [...selTg].filter((arn) => tgs.some((tg) => tg.TargetGroupArn === arn)),
  };
}
