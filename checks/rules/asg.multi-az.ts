// asg.multi-az: the ASG spans at least 2 AZs, min capacity >= 2, and its in-service
// instances are spread over at least 2 AZs. Every ASG of the deployment must.
// No ASG: not-applicable (asg.behind-alb grades its absence).
import { asgName, autoScalingGroups } from './lib/deployment';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'asg.multi-az',
  category: 'high-availability',
  severity: 'high',
  title: {
    ko: 'ASG가 2개 이상의 AZ에 걸치고 최소 용량이 2 이상이며 인스턴스가 여러 AZ에 분산됨',
    en: 'The ASG spans at least 2 AZs with min capacity >= 2 and in-service instances in 2+ AZs',
  },
  remediation: {
    ko: 'ASG 서브넷에 두 AZ의 프라이빗 서브넷을 모두 넣고 최소 용량을 2 이상으로 두세요. 한 AZ가 장애여도 다른 AZ의 인스턴스가 요청을 처리합니다.',
    en: 'Give the ASG the private subnets of both AZs and a minimum capacity of at least 2, so an instance in the other AZ keeps serving when one AZ fails.',
    cdk: `new autoscaling.AutoScalingGroup(this, 'Asg', {
  vpc, launchTemplate, minCapacity: 2, maxCapacity: 4,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, onePerAz: true },
});`,
  },
  refs: { fsbp: ['AutoScaling.2'], cdkNag: [], prowler: [] },
  datasets: ['autoscaling.groups'],
  evaluate(inventory, config) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return notApplicable('The deployment has no Auto Scaling group (graded by asg.behind-alb).');
    const need = config.minAvailabilityZones;
    const resources = groups.map((group) => {
      const azs = [...new Set(group.AvailabilityZones ?? [])].sort();
      const inService = (group.Instances ?? []).filter((i) => i.LifecycleState === 'InService');
      const spread = [...new Set(inService.map((i) => i.AvailabilityZone ?? '?'))].sort();
      const min = group.MinSize ?? 0;
      const problems: string[] = [];
      if (azs.length < need) problems.push(`spans ${azs.length} AZ(s) [${azs.join(', ')}]`);
      if (min < config.minAsgCapacity) problems.push(`min capacity ${min} < ${config.minAsgCapacity}`);
      if (spread.length < need) problems.push(`${inService.length} in-service instance(s) in ${spread.length} AZ(s) [${spread.join(', ')}]`);
      const detail = problems.length
        ? problems.join('; ')
        : `spans ${azs.join(', ')}; min ${min}; ${inService.length} in-service instance(s) in ${spread.join(', ')}`;
      return resource(problems.length === 0, asgName(group), detail, { arn: group.AutoScalingGroupARN, type: 'AWS::AutoScaling::AutoScalingGroup' });
    });
    return judge(resources, `The ASG spans ${need}+ AZs with instances in each.`, (f) => `ASG not Multi-AZ: ${failingDetails(f)}.`);
  },
});
