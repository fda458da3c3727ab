// asg.behind-alb: the ASG uses a launch template, is attached to the ALB's target group, and
// uses ELB health checks. Every ASG of the deployment must. No ASG: fail (this is the check
// that grades the app tier's existence as an ASG).
// HealthCheckType is a comma-separated list ("ELB,EBS" from CDK's withAdditionalChecks; EC2 is
// always on and may be omitted): ELB health checks are on when the list includes ELB.
import { read } from './lib/collected';
import { applicationLoadBalancers, asgName, autoScalingGroups, launchTemplateRef } from './lib/deployment';
import { failed, failingDetails, judge, resource } from './lib/outcome';
import { defineCheck } from './types';

/** The health check types of a group: HealthCheckType is a comma-separated list ("ELB,EBS"). */
export function healthCheckTypes(healthCheckType: string | undefined): string[] {
  return (healthCheckType ?? '')
    .split(',')
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
}

export const check = defineCheck({
  id: 'asg.behind-alb',
  category: 'architecture',
  severity: 'high',
  title: {
    ko: 'ASG가 시작 템플릿을 쓰고 ALB 대상 그룹에 연결되어 ELB 상태 확인을 사용함',
    en: 'The ASG uses a launch template, is attached to the ALB target group and uses ELB health checks',
  },
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
listener.addTargets('App', { port: 8080, targets: [asg] });`,
  },
  refs: { fsbp: ['AutoScaling.1'], cdkNag: ['AwsSolutions-AS2'], prowler: [] },
  datasets: ['autoscaling.groups', 'elbv2.targetGroups', 'elbv2.loadBalancers'],
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return failed('No Auto Scaling group was found in the deployment.');
    const albArns = new Set(applicationLoadBalancers(inventory).map((lb) => lb.LoadBalancerArn));
    const targetGroups = new Map(read(inventory.elbv2.targetGroups).map((tg) => [tg.TargetGroupArn ?? '', tg]));
    const resources = groups.map((group) => {
      const problems: string[] = [];
      const facts: string[] = [];
      const ref = launchTemplateRef(group);
      if (ref) facts.push(`launch template ${ref.LaunchTemplateName ?? ref.LaunchTemplateId}`);
      else problems.push(group.LaunchConfigurationName ? `uses launch configuration ${group.LaunchConfigurationName}, not a launch template` : 'has no launch template');
      const albTargetGroups = (group.TargetGroupARNs ?? []).filter((arn) =>
        (targetGroups.get(arn)?.LoadBalancerArns ?? []).some((lbArn) => albArns.has(lbArn)),
      );
      if (albTargetGroups.length) facts.push(`attached to ${albTargetGroups.map((a) => a.split(':').pop()).join(', ')}`);
      else problems.push((group.TargetGroupARNs ?? []).length ? 'its target groups are not behind an ALB of the deployment' : 'is not attached to a target group');
      if (healthCheckTypes(group.HealthCheckType).includes('ELB')) facts.push(`ELB health checks (${group.HealthCheckType})`);
      else problems.push(`health check type is ${group.HealthCheckType ?? 'unset'}, which does not include ELB`);
      return resource(problems.length === 0, asgName(group), problems.length ? problems.join('; ') : facts.join('; '), {
        arn: group.AutoScalingGroupARN,
        type: 'AWS::AutoScaling::AutoScalingGroup',
      });
    });
    return judge(resources, 'The ASG launches from a launch template behind the ALB with ELB health checks.', (f) => `ASG not wired to the ALB: ${failingDetails(f)}.`);
  },
});
