// wiring.targets-healthy: the target group has at least the ASG's minimum number of healthy
// targets, and every healthy target is an instance of the ASG. Checked for each target group
// each ASG is attached to. No ASG: not-applicable (asg.behind-alb grades its absence).
// An ASG attached to no target group: fail (nothing serves the ALB's traffic).
import type { ResourceEvidence } from '../../contract/report';
import { NotCollectedError, read } from './lib/collected';
import { asgName, autoScalingGroups } from './lib/deployment';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'wiring.targets-healthy',
  category: 'architecture',
  severity: 'high',
  title: {
    ko: '대상 그룹에 ASG 최소 용량 이상의 정상 대상이 있고 모두 ASG 인스턴스임',
    en: 'The target group has at least the ASG minimum of healthy targets, all of them ASG instances',
  },
  remediation: {
    ko: '대상 그룹의 상태 확인 경로(예: /health)와 포트가 앱과 맞는지, 앱 보안 그룹이 ALB 보안 그룹에서 오는 트래픽을 허용하는지 확인하세요. ASG에 속하지 않은 인스턴스를 대상 그룹에 직접 등록하지 마세요.',
    en: 'Make sure the target group health check path (e.g. /health) and port match the app and that the app security group admits the ALB security group. Do not register instances outside the ASG in the target group by hand.',
    cdk: `listener.addTargets('App', {
  port: 8080, targets: [asg],
  healthCheck: { path: '/health', healthyHttpCodes: '200' },
});`,
  },
  refs: { fsbp: [], cdkNag: [], prowler: [] },
  datasets: ['autoscaling.groups', 'elbv2.targetHealth'],
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return notApplicable('The deployment has no Auto Scaling group (graded by asg.behind-alb).');
    const health = read(inventory.elbv2.targetHealth);
    const resources: ResourceEvidence[] = [];
    for (const group of groups) {
      const members = new Set((group.Instances ?? []).map((i) => i.InstanceId ?? ''));
      const min = group.MinSize ?? 0;
      const tgArns = group.TargetGroupARNs ?? [];
      if (tgArns.length === 0) {
        resources.push(resource(false, asgName(group), 'is not attached to any target group', { arn: group.AutoScalingGroupARN, type: 'AWS::AutoScaling::AutoScalingGroup' }));
        continue;
      }
      for (const tgArn of tgArns) {
        const targets = health[tgArn];
        if (!targets) throw new NotCollectedError('elasticloadbalancing:DescribeTargetHealth', `no target health was collected for ${tgArn}`);
        const healthy = targets.filter((t) => t.TargetHealth?.State === 'healthy').map((t) => t.Target?.Id ?? '?');
        const strays = healthy.filter((id) => !members.has(id));
        const others = targets
          .filter((t) => t.TargetHealth?.State !== 'healthy')
          .map((t) => `${t.Target?.Id ?? '?'} ${t.TargetHealth?.State ?? 'unknown'}${t.TargetHealth?.Reason ? ` (${t.TargetHealth.Reason})` : ''}`);
        const problems: string[] = [];
        if (healthy.length < min) problems.push(`${healthy.length} healthy target(s), ASG ${asgName(group)} minimum is ${min}`);
        if (strays.length) problems.push(`healthy target(s) not in ASG ${asgName(group)}: ${strays.join(', ')}`);
        const detail =
          (problems.length ? problems.join('; ') : `${healthy.length} healthy target(s) (minimum ${min}), all instances of ${asgName(group)}`) +
          (others.length ? `; not healthy: ${others.join(', ')}` : '');
        resources.push(resource(problems.length === 0, tgArn.split(':').pop() ?? tgArn, detail, { arn: tgArn, type: 'AWS::ElasticLoadBalancingV2::TargetGroup' }));
      }
    }
    return judge(resources, 'Every target group has enough healthy targets, all of them ASG instances.', (f) => `Target group wiring: ${failingDetails(f)}.`);
  },
});
