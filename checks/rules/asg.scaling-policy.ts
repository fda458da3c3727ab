// asg.scaling-policy: a target-tracking or step scaling policy exists and max capacity > min
// capacity. Every ASG must have one (simple scaling and predictive-only do not count).
// No ASG: not-applicable (asg.behind-alb grades its absence).
import { catalogueEntry } from '../../contract/check-catalogue';
import { read } from './lib/collected';
import { asgName, autoScalingGroups } from './lib/deployment';
import { asgNames } from './lib/fix';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { NO_ASG } from './lib/per-resource';
import { joinText, text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

const COUNTED = new Set(['TargetTrackingScaling', 'StepScaling']);

export const check = defineCheck({
  ...catalogueEntry('asg.scaling-policy'),
  remediation: {
    ko: 'ASG에 CPU 사용률 대상 추적 정책(예: 50%)을 추가하고 최대 용량을 최소 용량보다 크게 설정하세요. 그래야 부하가 늘 때 인스턴스가 늘어납니다.',
    en: 'Add a target-tracking policy (e.g. CPU at 50%) to the ASG and set its max capacity above its min capacity so it can grow under load.',
    console: {
      ko: 'EC2 콘솔 > Auto Scaling 그룹 > (앱의 ASG) > 자동 크기 조정 > 동적 크기 조정 정책 생성: 정책 유형 "대상 추적 크기 조정", 지표 "평균 CPU 사용률", 대상 값 50 > 생성. 세부 정보 > 그룹 세부 정보 편집: 최대 용량을 최소 용량보다 크게 > 업데이트.',
      en: "EC2 console > Auto Scaling groups > (the app's ASG) > Automatic scaling > Create dynamic scaling policy: policy type \"Target tracking scaling\", metric \"Average CPU utilization\", target value 50 > Create. Details > Group details > Edit: max capacity above min capacity > Update.",
    },
    cdk: `asg.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 50 });`,
  },
  datasets: ['autoscaling.groups', 'autoscaling.policies'],
  remediationFor(inventory) {
    const asgs = asgNames(inventory);
    if (!asgs) return check.remediation;
    return {
      ...check.remediation,
      ko: `ASG ${asgs}에 CPU 사용률 대상 추적 정책(예: 50%)을 추가하고 최대 용량을 최소 용량보다 크게 설정하세요. 그래야 부하가 늘 때 인스턴스가 늘어납니다.`,
      en: `Add a target-tracking policy (e.g. CPU at 50%) to ASG ${asgs} and set its max capacity above its min capacity so it can grow under load.`,
      console: {
        ko: `EC2 콘솔 > Auto Scaling 그룹 > ${asgs} > 자동 크기 조정 > 동적 크기 조정 정책 생성: 정책 유형 "대상 추적 크기 조정", 지표 "평균 CPU 사용률", 대상 값 50 > 생성. 세부 정보 > 그룹 세부 정보 편집: 최대 용량을 최소 용량보다 크게 > 업데이트.`,
        en: `EC2 console > Auto Scaling groups > ${asgs} > Automatic scaling > Create dynamic scaling policy: policy type "Target tracking scaling", metric "Average CPU utilization", target value 50 > Create. Details > Group details > Edit: max capacity above min capacity > Update.`,
      },
    };
  },
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return notApplicable(NO_ASG);
    const policies = read(inventory.autoscaling.policies);
    const resources = groups.map((group) => {
      const mine = policies.filter((p) => p.AutoScalingGroupName === group.AutoScalingGroupName);
      const counted = mine.filter((p) => COUNTED.has(p.PolicyType ?? '') && p.Enabled !== false);
      const min = group.MinSize ?? 0;
      const max = group.MaxSize ?? 0;
      const problems: Bilingual[] = [];
      if (counted.length === 0) {
        const has = mine.map((p) => `${p.PolicyName} ${p.PolicyType}`).join(', ');
        problems.push(
          mine.length
            ? text(`켜진 대상 추적·단계 조정 정책 없음(있는 정책: ${has})`, `no enabled target-tracking or step policy (has ${has})`)
            : text('조정 정책 없음', 'no scaling policy'),
        );
      }
      if (max <= min) problems.push(text(`최대 용량 ${max}이(가) 최소 용량 ${min}보다 크지 않음`, `max capacity ${max} is not above min capacity ${min}`));
      const policyList = counted.map((p) => `${p.PolicyName} (${p.PolicyType})`).join(', ');
      const detail = problems.length ? joinText(problems) : text(`${policyList}; 용량 ${min}..${max}`, `${policyList}; capacity ${min}..${max}`);
      return resource(problems.length === 0, asgName(group), detail, { arn: group.AutoScalingGroupARN, type: 'AWS::AutoScaling::AutoScalingGroup' });
    });
    return judge(
      resources,
      text('ASG가 대상 추적 또는 단계 조정 정책으로 늘어날 여유가 있습니다.', 'The ASG scales with a target-tracking or step policy and room to grow.'),
      (f) => {
        const d = failingText(f);
        return text(`ASG가 확장할 수 없음: ${d.ko}.`, `ASG cannot scale: ${d.en}.`);
      },
    );
  },
});
