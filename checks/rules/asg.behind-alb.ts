// asg.behind-alb: the ASG uses a launch template, is attached to the ALB's target group, and
// uses ELB health checks. Every ASG of the deployment must. No ASG: fail (this is the check
// that grades the app tier's existence as an ASG).
// HealthCheckType is a comma-separated list ("ELB,EBS" from CDK's withAdditionalChecks; EC2 is
// always on and may be omitted): ELB health checks are on when the list includes ELB.
import { catalogueEntry } from '../../contract/check-catalogue';
import { read } from './lib/collected';
import { applicationLoadBalancers, asgName, autoScalingGroups, launchTemplateRef } from './lib/deployment';
import { failed, failingText, judge, resource } from './lib/outcome';
import { appPortOf } from './lib/fix';
import { joinText, text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

/** The health check types of a group: HealthCheckType is a comma-separated list ("ELB,EBS"). */
export function healthCheckTypes(healthCheckType: string | undefined): string[] {
  return (healthCheckType ?? '')
    .split(',')
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
}

export const check = defineCheck({
  ...catalogueEntry('asg.behind-alb'),
  remediation: {
    ko: 'Auto Scaling 그룹을 시작 템플릿으로 만들고 ALB 대상 그룹에 연결한 뒤, 상태 확인 유형을 ELB로 바꾸세요. 그래야 ALB가 비정상으로 본 인스턴스를 ASG가 교체합니다.',
    en: 'Build the Auto Scaling group from a launch template, attach it to the ALB target group and set its health check type to ELB, so instances the ALB sees as unhealthy are replaced.',
    cdk: `const asg = new autoscaling.AutoScalingGroup(this, 'Asg', {
  vpc, launchTemplate,
  healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
    additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
    gracePeriod: Duration.seconds(60),
  }),
});
listener.addTargets('App', { port: appPort, targets: [asg] });`,
    console: {
      ko: 'EC2 콘솔 > Auto Scaling 그룹 > (앱의 ASG) > 세부 정보 > 로드 밸런싱 편집: 앱 대상 그룹 선택 > 업데이트. 상태 확인 편집: "Elastic Load Balancing 상태 확인 켜기" > 업데이트. 시작 구성을 쓰면 작업 > 시작 템플릿으로 복사 후 ASG가 그 템플릿을 쓰게 하세요.',
      en: "EC2 console > Auto Scaling groups > (the app's ASG) > Details > Load balancing > Edit: select the app target group > Update. Health checks > Edit: \"Turn on Elastic Load Balancing health checks\" > Update. With a launch configuration: Actions > Copy to launch template, then make the ASG use that template.",
    },
  },
  datasets: ['autoscaling.groups', 'elbv2.targetGroups', 'elbv2.loadBalancers'],
  remediationFor(inventory, config) {
    const port = appPortOf(inventory, config.appPort);
    return { ...check.remediation, cdk: (check.remediation.cdk ?? '').replace('port: appPort,', `port: ${port},`) };
  },
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return failed(text('배포에서 Auto Scaling 그룹을 찾지 못했습니다.', 'No Auto Scaling group was found in the deployment.'));
    const albArns = new Set(applicationLoadBalancers(inventory).map((lb) => lb.LoadBalancerArn));
    const targetGroups = new Map(read(inventory.elbv2.targetGroups).map((tg) => [tg.TargetGroupArn ?? '', tg]));
    const resources = groups.map((group) => {
      const problems: Bilingual[] = [];
      const facts: Bilingual[] = [];
      const ref = launchTemplateRef(group);
      const lc = group.LaunchConfigurationName;
      if (ref) facts.push(text(`시작 템플릿 ${ref.LaunchTemplateName ?? ref.LaunchTemplateId}`, `launch template ${ref.LaunchTemplateName ?? ref.LaunchTemplateId}`));
      else problems.push(lc ? text(`시작 템플릿이 아닌 시작 구성 ${lc} 사용`, `uses launch configuration ${lc}, not a launch template`) : text('시작 템플릿 없음', 'has no launch template'));
      const albTargetGroups = (group.TargetGroupARNs ?? []).filter((arn) =>
        (targetGroups.get(arn)?.LoadBalancerArns ?? []).some((lbArn) => albArns.has(lbArn)),
      );
      const attached = albTargetGroups.map((a) => a.split(':').pop()).join(', ');
      if (albTargetGroups.length) facts.push(text(`${attached}에 연결됨`, `attached to ${attached}`));
      else {
        problems.push(
          (group.TargetGroupARNs ?? []).length
            ? text('대상 그룹이 배포의 ALB 뒤에 있지 않음', 'its target groups are not behind an ALB of the deployment')
            : text('대상 그룹에 연결되지 않음', 'is not attached to a target group'),
        );
      }
      const type = group.HealthCheckType;
      if (healthCheckTypes(type).includes('ELB')) facts.push(text(`ELB 상태 확인 (${type})`, `ELB health checks (${type})`));
      else problems.push(text(`상태 확인 유형이 ${type ?? '설정 안 됨'}이며 ELB를 포함하지 않음`, `health check type is ${type ?? 'unset'}, which does not include ELB`));
      return resource(problems.length === 0, asgName(group), joinText(problems.length ? problems : facts), {
        arn: group.AutoScalingGroupARN,
        type: 'AWS::AutoScaling::AutoScalingGroup',
      });
    });
    return judge(resources, text('ASG가 시작 템플릿으로 ALB 뒤에서 ELB 상태 확인과 함께 실행됩니다.', 'The ASG launches from a launch template behind the ALB with ELB health checks.'), (f) => {
      const d = failingText(f);
      return text(`ASG가 ALB에 연결되지 않음: ${d.ko}.`, `ASG not wired to the ALB: ${d.en}.`);
    });
  },
});
