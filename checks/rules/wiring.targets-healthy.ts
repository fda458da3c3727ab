// wiring.targets-healthy: the target group has at least the ASG's minimum number of healthy
// targets, and every healthy target is an instance of the ASG. Checked for each target group
// each ASG is attached to. No ASG: not-applicable (asg.behind-alb grades its absence).
// An ASG attached to no target group: fail (nothing serves the ALB's traffic).
// The fix names the target group's own health check path and port and the path the CloudMart
// API answers on (stacks/tiers/workload-env.ts), never a generic one.
import { catalogueEntry } from '../../contract/check-catalogue';
import type { ResourceEvidence } from '../../contract/report';
import { WORKLOAD_HEALTH_PATH } from '../../stacks/tiers/workload-env';
import { NotCollectedError, read } from './lib/collected';
import { asgName, autoScalingGroups } from './lib/deployment';
import { appTargetGroups, type AppTargetGroup } from './lib/fix';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { NO_ASG } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck, type CheckRemediation } from './types';

function fixFor(groups: AppTargetGroup[]): CheckRemediation {
  const tg = groups[0]!;
  const others = groups.length > 1 ? groups.slice(1).map((g) => g.name).join(', ') : '';
  const pathOk = tg.healthPath === WORKLOAD_HEALTH_PATH;
  const port = tg.healthOnTrafficPort ? `'traffic-port'` : `'${tg.healthPort}'`;
  return {
    ko:
      `대상 그룹 ${tg.name}은(는) 대상의 포트 ${tg.healthPort}에서 ${tg.protocol} ${tg.healthPath}(으)로 상태를 검사합니다. ` +
      (pathOk
        ? `CloudMart API가 200으로 답하는 경로(${WORKLOAD_HEALTH_PATH})가 맞으니, 앱이 포트 ${tg.port}에서 실행 중인지와 앱 보안 그룹이 ALB 보안 그룹에서 포트 ${tg.healthPort}을(를) 허용하는지 확인하세요.`
        : `CloudMart API는 ${WORKLOAD_HEALTH_PATH}에만 200으로 답하므로 상태 검사 경로를 ${WORKLOAD_HEALTH_PATH}(으)로 바꾸고, 앱 보안 그룹이 ALB 보안 그룹에서 포트 ${tg.healthPort}을(를) 허용하는지 확인하세요.`) +
      ` ASG에 속하지 않은 인스턴스를 대상 그룹에 직접 등록하지 마세요.${others ? ` 같은 방법으로 ${others}도 확인하세요.` : ''}`,
    en:
      `Target group ${tg.name} checks ${tg.protocol} ${tg.healthPath} on the targets' port ${tg.healthPort}. ` +
      (pathOk
        ? `That is the path the CloudMart API answers 200 on (${WORKLOAD_HEALTH_PATH}): make sure the app runs on port ${tg.port} and the app security group admits port ${tg.healthPort} from the ALB security group.`
        : `The CloudMart API answers 200 only on ${WORKLOAD_HEALTH_PATH}: set the health check path to ${WORKLOAD_HEALTH_PATH} and make sure the app security group admits port ${tg.healthPort} from the ALB security group.`) +
      ` Do not register instances outside the ASG in the target group by hand.${others ? ` Check ${others} the same way.` : ''}`,
    console: {
      ko: `EC2 콘솔 > 대상 그룹 > ${tg.name} > 상태 검사 탭 > 편집: 경로 ${WORKLOAD_HEALTH_PATH}, 포트 ${tg.healthOnTrafficPort ? `"트래픽 포트"(${tg.port})` : tg.healthPort}, 성공 코드 200 > 변경 사항 저장. 대상 탭의 상태 세부 정보(예: Target.ResponseCodeMismatch, Target.Timeout)가 원인을 알려 줍니다.`,
      en: `EC2 console > Target groups > ${tg.name} > Health checks tab > Edit: path ${WORKLOAD_HEALTH_PATH}, port ${tg.healthOnTrafficPort ? `"Traffic port" (${tg.port})` : tg.healthPort}, success codes 200 > Save changes. The Targets tab's health status details (e.g. Target.ResponseCodeMismatch, Target.Timeout) say why a target fails.`,
    },
    cdk: `listener.addTargets('App', {
  port: ${tg.port}, targets: [asg],
  healthCheck: { path: '${WORKLOAD_HEALTH_PATH}', port: ${port}, healthyHttpCodes: '200' },
});`,
  };
}

export const check = defineCheck({
  ...catalogueEntry('wiring.targets-healthy'),
  remediation: {
    ko: `대상 그룹의 상태 검사 경로를 앱이 200으로 답하는 경로(CloudMart API: ${WORKLOAD_HEALTH_PATH})로, 포트를 앱이 듣는 포트로 맞추고, 앱 보안 그룹이 ALB 보안 그룹에서 그 포트를 허용하는지 확인하세요. ASG에 속하지 않은 인스턴스를 대상 그룹에 직접 등록하지 마세요.`,
    en: `Point the target group health check at the path the app answers 200 on (CloudMart API: ${WORKLOAD_HEALTH_PATH}) and the port it listens on, and make sure the app security group admits that port from the ALB security group. Do not register instances outside the ASG in the target group by hand.`,
    console: {
      ko: `EC2 콘솔 > 대상 그룹 > (앱의 대상 그룹) > 상태 검사 탭 > 편집: 경로 ${WORKLOAD_HEALTH_PATH}, 포트 "트래픽 포트", 성공 코드 200 > 변경 사항 저장.`,
      en: `EC2 console > Target groups > (the app's target group) > Health checks tab > Edit: path ${WORKLOAD_HEALTH_PATH}, port "Traffic port", success codes 200 > Save changes.`,
    },
    cdk: `listener.addTargets('App', {
  port: appPort, targets: [asg],
  healthCheck: { path: '${WORKLOAD_HEALTH_PATH}', port: 'traffic-port', healthyHttpCodes: '200' },
});`,
  },
  datasets: ['autoscaling.groups', 'elbv2.targetHealth'],
  remediationFor(inventory) {
    const groups = appTargetGroups(inventory);
    if (groups.length === 0) throw new NotCollectedError('elasticloadbalancing:DescribeTargetGroups', 'no target group of the ASG');
    return fixFor(groups);
  },
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return notApplicable(NO_ASG);
    const health = read(inventory.elbv2.targetHealth);
    const resources: ResourceEvidence[] = [];
    for (const group of groups) {
      const name = asgName(group);
      const members = new Set((group.Instances ?? []).map((i) => i.InstanceId ?? ''));
      const min = group.MinSize ?? 0;
      const tgArns = group.TargetGroupARNs ?? [];
      if (tgArns.length === 0) {
        resources.push(
          resource(false, name, text('어떤 대상 그룹에도 연결되어 있지 않음', 'is not attached to any target group'), {
            arn: group.AutoScalingGroupARN,
            type: 'AWS::AutoScaling::AutoScalingGroup',
          }),
        );
        continue;
      }
      for (const tgArn of tgArns) {
        const targets = health[tgArn];
        if (!targets) {
          throw new NotCollectedError('elasticloadbalancing:DescribeTargetHealth', text(`${tgArn}의 대상 상태를 수집하지 못했습니다`, `no target health was collected for ${tgArn}`));
        }
        const healthy = targets.filter((t) => t.TargetHealth?.State === 'healthy').map((t) => t.Target?.Id ?? '?');
        const strays = healthy.filter((id) => !members.has(id));
        const others = targets
          .filter((t) => t.TargetHealth?.State !== 'healthy')
          .map((t) => `${t.Target?.Id ?? '?'} ${t.TargetHealth?.State ?? 'unknown'}${t.TargetHealth?.Reason ? ` (${t.TargetHealth.Reason})` : ''}`);
        const problems: { ko: string; en: string }[] = [];
        if (healthy.length < min) problems.push(text(`정상 대상 ${healthy.length}개, ASG ${name}의 최소 용량은 ${min}`, `${healthy.length} healthy target(s), ASG ${name} minimum is ${min}`));
        if (strays.length) problems.push(text(`ASG ${name}에 속하지 않은 정상 대상: ${strays.join(', ')}`, `healthy target(s) not in ASG ${name}: ${strays.join(', ')}`));
        const head = problems.length
          ? text(problems.map((p) => p.ko).join('; '), problems.map((p) => p.en).join('; '))
          : text(`정상 대상 ${healthy.length}개(최소 ${min}), 모두 ${name}의 인스턴스`, `${healthy.length} healthy target(s) (minimum ${min}), all instances of ${name}`);
        const tail = others.length ? text(`; 정상 아님: ${others.join(', ')}`, `; not healthy: ${others.join(', ')}`) : text('', '');
        resources.push(
          resource(problems.length === 0, tgArn.split(':').pop() ?? tgArn, text(head.ko + tail.ko, head.en + tail.en), {
            arn: tgArn,
            type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          }),
        );
      }
    }
    return judge(resources, text('모든 대상 그룹에 정상 대상이 충분하고 모두 ASG 인스턴스입니다.', 'Every target group has enough healthy targets, all of them ASG instances.'), (f) => {
      const d = failingText(f);
      return text(`대상 그룹 연결 문제: ${d.ko}.`, `Target group wiring: ${d.en}.`);
    });
  },
});
