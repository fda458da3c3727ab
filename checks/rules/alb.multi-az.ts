// alb.multi-az: the ALB is enabled in at least 2 AZs. Every ALB of the deployment must be.
// No ALB: not-applicable (alb.internet-facing grades its absence).
import { catalogueEntry } from '../../contract/check-catalogue';
import { applicationLoadBalancers, lbName } from './lib/deployment';
import { names } from './lib/fix';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { NO_ALB } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('alb.multi-az'),
  remediation: {
    ko: 'ALB를 두 AZ의 퍼블릭 서브넷에 배치하세요. 한 AZ에만 있으면 그 AZ 장애 시 서비스 전체가 멈춥니다.',
    en: 'Place the ALB in the public subnets of both AZs; an ALB in one AZ stops the whole service when that AZ fails.',
    console: {
      ko: 'EC2 콘솔 > 로드 밸런서 > (앱의 ALB) > 네트워크 매핑 > 서브넷 편집: 두 번째 AZ를 선택하고 그 AZ의 퍼블릭 서브넷 지정 > 변경 사항 저장.',
      en: "EC2 console > Load balancers > (the app's ALB) > Network mapping > Edit subnets: select the second AZ and its public subnet > Save changes.",
    },
    cdk: `new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC, onePerAz: true } });`,
  },
  datasets: ['elbv2.loadBalancers'],
  remediationFor(inventory) {
    const albs = names(applicationLoadBalancers(inventory).map(lbName));
    if (!albs) return check.remediation;
    return {
      ...check.remediation,
      ko: `ALB ${albs}을(를) 두 AZ의 퍼블릭 서브넷에 배치하세요. 한 AZ에만 있으면 그 AZ 장애 시 서비스 전체가 멈춥니다.`,
      en: `Place ALB ${albs} in the public subnets of both AZs; an ALB in one AZ stops the whole service when that AZ fails.`,
      console: {
        ko: `EC2 콘솔 > 로드 밸런서 > ${albs} > 네트워크 매핑 > 서브넷 편집: 두 번째 AZ를 선택하고 그 AZ의 퍼블릭 서브넷 지정 > 변경 사항 저장.`,
        en: `EC2 console > Load balancers > ${albs} > Network mapping > Edit subnets: select the second AZ and its public subnet > Save changes.`,
      },
    };
  },
  evaluate(inventory, config) {
    const albs = applicationLoadBalancers(inventory);
    if (albs.length === 0) return notApplicable(NO_ALB);
    const resources = albs.map((lb) => {
      const azs = [...new Set((lb.AvailabilityZones ?? []).map((z) => z.ZoneName ?? '?'))].sort();
      return resource(
        azs.length >= config.minAvailabilityZones,
        lbName(lb),
        text(`${azs.length}개 AZ에서 활성화: ${azs.join(', ') || '없음'}`, `enabled in ${azs.length} AZ(s): ${azs.join(', ') || 'none'}`),
        { arn: lb.LoadBalancerArn, type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' },
      );
    });
    const need = config.minAvailabilityZones;
    return judge(resources, text(`ALB가 ${need}개 이상의 AZ에서 활성화되어 있습니다.`, `The ALB is enabled in ${need}+ AZs.`), (f) => {
      const d = failingText(f);
      return text(`ALB가 다중 AZ가 아님: ${d.ko}.`, `ALB not Multi-AZ: ${d.en}.`);
    });
  },
});
