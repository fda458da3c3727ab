// asg.group-metrics: ASG group metrics collection is enabled (any metric; CloudWatch then
// shows GroupInServiceInstances, GroupDesiredCapacity, ...). Every ASG must.
// No ASG: not-applicable (asg.behind-alb grades the app tier).
import { asgName, autoScalingGroups } from './lib/deployment';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'asg.group-metrics',
  category: 'monitoring',
  severity: 'low',
  title: { ko: 'ASG 그룹 지표 수집이 켜져 있음', en: 'ASG group metrics collection is enabled' },
  remediation: {
    ko: 'ASG의 그룹 지표 수집을 켜세요. 원하는 용량, 서비스 중 인스턴스 수 같은 지표로 스케일링을 관찰할 수 있습니다.',
    en: 'Enable group metrics collection on the ASG to watch desired capacity and in-service instances while it scales.',
    cdk: `new autoscaling.AutoScalingGroup(this, 'Asg', { /* ... */ groupMetrics: [autoscaling.GroupMetrics.all()] });`,
  },
  refs: { fsbp: [], cdkNag: [], prowler: [] },
  datasets: ['autoscaling.groups'],
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return notApplicable('The deployment has no Auto Scaling group (graded by asg.behind-alb).');
    const resources = groups.map((g) => {
      const metrics = (g.EnabledMetrics ?? []).map((m) => m.Metric ?? '?');
      return resource(metrics.length > 0, asgName(g), metrics.length ? `collects ${metrics.length} group metric(s): ${metrics.slice(0, 4).join(', ')}${metrics.length > 4 ? ', ...' : ''}` : 'group metrics collection is off', {
        arn: g.AutoScalingGroupARN,
        type: 'AWS::AutoScaling::AutoScalingGroup',
      });
    });
    return judge(resources, 'ASG group metrics are collected.', (f) => `No group metrics: ${failingDetails(f)}.`);
  },
});
