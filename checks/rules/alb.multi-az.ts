// alb.multi-az: the ALB is enabled in at least 2 AZs. Every ALB of the deployment must be.
// No ALB: not-applicable (alb.internet-facing grades its absence).
import { applicationLoadBalancers, lbName } from './lib/deployment';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'alb.multi-az',
  category: 'high-availability',
  severity: 'high',
  title: { ko: 'ALB가 2개 이상의 AZ에서 활성화됨', en: 'The ALB is enabled in at least 2 AZs' },
  remediation: {
    ko: 'ALB를 두 AZ의 퍼블릭 서브넷에 배치하세요. 한 AZ에만 있으면 그 AZ 장애 시 서비스 전체가 멈춥니다.',
    en: 'Place the ALB in the public subnets of both AZs; an ALB in one AZ stops the whole service when that AZ fails.',
    cdk: `new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC, onePerAz: true } });`,
  },
  refs: { fsbp: ['ELB.13'], cdkNag: [], prowler: [] },
  datasets: ['elbv2.loadBalancers'],
  evaluate(inventory, config) {
    const albs = applicationLoadBalancers(inventory);
    if (albs.length === 0) return notApplicable('The deployment has no application load balancer (graded by alb.internet-facing).');
    const resources = albs.map((lb) => {
      const azs = [...new Set((lb.AvailabilityZones ?? []).map((z) => z.ZoneName ?? '?'))].sort();
      return resource(azs.length >= config.minAvailabilityZones, lbName(lb), `enabled in ${azs.length} AZ(s): ${azs.join(', ') || 'none'}`, {
        arn: lb.LoadBalancerArn,
        type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      });
    });
    return judge(resources, `The ALB is enabled in ${config.minAvailabilityZones}+ AZs.`, (f) => `ALB not Multi-AZ: ${failingDetails(f)}.`);
  },
});
