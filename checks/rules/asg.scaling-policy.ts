// asg.scaling-policy: a target-tracking or step scaling policy exists and max capacity > min
// capacity. Every ASG must have one (simple scaling and predictive-only do not count).
// No ASG: not-applicable (asg.behind-alb grades its absence).
import { read } from './lib/collected';
import { asgName, autoScalingGroups } from './lib/deployment';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

const COUNTED = new Set(['TargetTrackingScaling', 'StepScaling']);

export const check = defineCheck({
  id: 'asg.scaling-policy',
  category: 'high-availability',
  severity: 'medium',
  title: {
    ko: '대상 추적 또는 단계 조정 정책이 있고 최대 용량이 최소 용량보다 큼',
    en: 'A target-tracking or step scaling policy exists and max capacity > min capacity',
  },
  remediation: {
    ko: 'ASG에 CPU 사용률 대상 추적 정책(예: 50%)을 추가하고 최대 용량을 최소 용량보다 크게 설정하세요. 그래야 부하가 늘 때 인스턴스가 늘어납니다.',
    en: 'Add a target-tracking policy (e.g. CPU at 50%) to the ASG and set its max capacity above its min capacity so it can grow under load.',
    cdk: `asg.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 50 });`,
  },
  refs: { fsbp: [], cdkNag: [], prowler: [] },
  datasets: ['autoscaling.groups', 'autoscaling.policies'],
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return notApplicable('The deployment has no Auto Scaling group (graded by asg.behind-alb).');
    const policies = read(inventory.autoscaling.policies);
    const resources = groups.map((group) => {
      const mine = policies.filter((p) => p.AutoScalingGroupName === group.AutoScalingGroupName);
      const counted = mine.filter((p) => COUNTED.has(p.PolicyType ?? '') && p.Enabled !== false);
      const min = group.MinSize ?? 0;
      const max = group.MaxSize ?? 0;
      const problems: string[] = [];
      if (counted.length === 0) {
        problems.push(mine.length ? `no enabled target-tracking or step policy (has ${mine.map((p) => `${p.PolicyName} ${p.PolicyType}`).join(', ')})` : 'no scaling policy');
      }
      if (max <= min) problems.push(`max capacity ${max} is not above min capacity ${min}`);
      const detail = problems.length ? problems.join('; ') : `${counted.map((p) => `${p.PolicyName} (${p.PolicyType})`).join(', ')}; capacity ${min}..${max}`;
      return resource(problems.length === 0, asgName(group), detail, { arn: group.AutoScalingGroupARN, type: 'AWS::AutoScaling::AutoScalingGroup' });
    });
    return judge(resources, 'The ASG scales with a target-tracking or step policy and room to grow.', (f) => `ASG cannot scale: ${failingDetails(f)}.`);
  },
});
