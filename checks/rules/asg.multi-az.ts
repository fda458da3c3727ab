// asg.multi-az: the ASG spans at least 2 AZs, min capacity >= 2, and its in-service
// instances are spread over at least 2 AZs. Every ASG of the deployment must.
// No ASG: not-applicable (asg.behind-alb grades its absence).
import { catalogueEntry } from '../../contract/check-catalogue';
import { asgName, autoScalingGroups } from './lib/deployment';
import { asgNames } from './lib/fix';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { NO_ASG } from './lib/per-resource';
import { joinText, text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('asg.multi-az'),
  remediation: {
    ko: 'ASG 서브넷에 두 AZ의 프라이빗 서브넷을 모두 넣고 최소 용량을 2 이상으로 두세요. 한 AZ가 장애여도 다른 AZ의 인스턴스가 요청을 처리합니다.',
    en: 'Give the ASG the private subnets of both AZs and a minimum capacity of at least 2, so an instance in the other AZ keeps serving when one AZ fails.',
    console: {
      ko: 'EC2 콘솔 > Auto Scaling 그룹 > (앱의 ASG) > 세부 정보 > 네트워크 편집: 두 AZ의 프라이빗 서브넷 선택 > 업데이트. 그룹 세부 정보 편집: 최소 용량 2 이상 > 업데이트.',
      en: "EC2 console > Auto Scaling groups > (the app's ASG) > Details > Network > Edit: select the private subnets of both AZs > Update. Group details > Edit: minimum capacity 2 or more > Update.",
    },
    cdk: `new autoscaling.AutoScalingGroup(this, 'Asg', {
  vpc, launchTemplate, minCapacity: 2, maxCapacity: 4,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, onePerAz: true },
});`,
  },
  datasets: ['autoscaling.groups'],
  remediationFor(inventory, config) {
    const asgs = asgNames(inventory);
    if (!asgs) return check.remediation;
    const min = config.minAsgCapacity;
    return {
      ...check.remediation,
      ko: `ASG ${asgs}의 서브넷에 두 AZ의 프라이빗 서브넷을 모두 넣고 최소 용량을 ${min} 이상으로 두세요. 한 AZ가 장애여도 다른 AZ의 인스턴스가 요청을 처리합니다.`,
      en: `Give ASG ${asgs} the private subnets of both AZs and a minimum capacity of at least ${min}, so an instance in the other AZ keeps serving when one AZ fails.`,
      console: {
        ko: `EC2 콘솔 > Auto Scaling 그룹 > ${asgs} > 세부 정보 > 네트워크 편집: 두 AZ의 프라이빗 서브넷 선택 > 업데이트. 그룹 세부 정보 편집: 최소 용량 ${min} 이상 > 업데이트.`,
        en: `EC2 console > Auto Scaling groups > ${asgs} > Details > Network > Edit: select the private subnets of both AZs > Update. Group details > Edit: minimum capacity ${min} or more > Update.`,
      },
    };
  },
  evaluate(inventory, config) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return notApplicable(NO_ASG);
    const need = config.minAvailabilityZones;
    const resources = groups.map((group) => {
      const azs = [...new Set(group.AvailabilityZones ?? [])].sort();
      const inService = (group.Instances ?? []).filter((i) => i.LifecycleState === 'InService');
      const spread = [...new Set(inService.map((i) => i.AvailabilityZone ?? '?'))].sort();
      const min = group.MinSize ?? 0;
      const problems: Bilingual[] = [];
      if (azs.length < need) problems.push(text(`${azs.length}개 AZ에 걸침 [${azs.join(', ')}]`, `spans ${azs.length} AZ(s) [${azs.join(', ')}]`));
      if (min < config.minAsgCapacity) problems.push(text(`최소 용량 ${min} < ${config.minAsgCapacity}`, `min capacity ${min} < ${config.minAsgCapacity}`));
      if (spread.length < need) {
        problems.push(
          text(
            `서비스 중 인스턴스 ${inService.length}개가 ${spread.length}개 AZ에 있음 [${spread.join(', ')}]`,
            `${inService.length} in-service instance(s) in ${spread.length} AZ(s) [${spread.join(', ')}]`,
          ),
        );
      }
      const detail = problems.length
        ? joinText(problems)
        : text(
            `${azs.join(', ')}에 걸침; 최소 ${min}; 서비스 중 인스턴스 ${inService.length}개가 ${spread.join(', ')}에 있음`,
            `spans ${azs.join(', ')}; min ${min}; ${inService.length} in-service instance(s) in ${spread.join(', ')}`,
          );
      return resource(problems.length === 0, asgName(group), detail, { arn: group.AutoScalingGroupARN, type: 'AWS::AutoScaling::AutoScalingGroup' });
    });
    return judge(resources, text(`ASG가 ${need}개 이상의 AZ에 걸치고 AZ마다 인스턴스가 있습니다.`, `The ASG spans ${need}+ AZs with instances in each.`), (f) => {
      const d = failingText(f);
      return text(`ASG가 다중 AZ가 아님: ${d.ko}.`, `ASG not Multi-AZ: ${d.en}.`);
    });
  },
});
