// asg.group-metrics: ASG group metrics collection is enabled (any metric; CloudWatch then
// shows GroupInServiceInstances, GroupDesiredCapacity, ...). Every ASG must.
// No ASG: not-applicable (asg.behind-alb grades the app tier).
import { catalogueEntry } from '../../contract/check-catalogue';
import { asgName, autoScalingGroups } from './lib/deployment';
import { asgNames } from './lib/fix';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { NO_ASG } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('asg.group-metrics'),
  remediation: {
    ko: 'ASG의 그룹 지표 수집을 켜세요. 원하는 용량, 서비스 중 인스턴스 수 같은 지표로 스케일링을 관찰할 수 있습니다.',
    en: 'Enable group metrics collection on the ASG to watch desired capacity and in-service instances while it scales.',
    console: {
      ko: 'EC2 콘솔 > Auto Scaling 그룹 > (앱의 ASG) > 모니터링 > "Auto Scaling 그룹 지표 수집" 사용 설정.',
      en: "EC2 console > Auto Scaling groups > (the app's ASG) > Monitoring > Auto Scaling group metrics collection: Enable.",
    },
    cdk: `new autoscaling.AutoScalingGroup(this, 'Asg', { /* ... */ groupMetrics: [autoscaling.GroupMetrics.all()] });`,
  },
  datasets: ['autoscaling.groups'],
  remediationFor(inventory) {
    const asgs = asgNames(inventory);
    if (!asgs) return check.remediation;
    return {
      ...check.remediation,
      ko: `ASG ${asgs}의 그룹 지표 수집을 켜세요. 원하는 용량, 서비스 중 인스턴스 수 같은 지표로 스케일링을 관찰할 수 있습니다.`,
      en: `Enable group metrics collection on ASG ${asgs} to watch desired capacity and in-service instances while it scales.`,
      console: {
        ko: `EC2 콘솔 > Auto Scaling 그룹 > ${asgs} > 모니터링 > "Auto Scaling 그룹 지표 수집" 사용 설정.`,
        en: `EC2 console > Auto Scaling groups > ${asgs} > Monitoring > Auto Scaling group metrics collection: Enable.`,
      },
    };
  },
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return notApplicable(NO_ASG);
    const resources = groups.map((g) => {
      const metrics = (g.EnabledMetrics ?? []).map((m) => m.Metric ?? '?');
      const shown = `${metrics.slice(0, 4).join(', ')}${metrics.length > 4 ? ', ...' : ''}`;
      return resource(
        metrics.length > 0,
        asgName(g),
        metrics.length
          ? text(`그룹 지표 ${metrics.length}개 수집: ${shown}`, `collects ${metrics.length} group metric(s): ${shown}`)
          : text('그룹 지표 수집이 꺼져 있음', 'group metrics collection is off'),
        { arn: g.AutoScalingGroupARN, type: 'AWS::AutoScaling::AutoScalingGroup' },
      );
    });
    return judge(resources, text('ASG 그룹 지표를 수집합니다.', 'ASG group metrics are collected.'), (f) => {
      const d = failingText(f);
      return text(`그룹 지표 없음: ${d.ko}.`, `No group metrics: ${d.en}.`);
    });
  },
});
