// sg.alb-ingress: the ALB's security groups accept from the internet (0.0.0.0/0 or ::/0)
// only TCP 80 and 443. A port range spanning other ports (80-443) or all traffic fails.
// Sources other than the internet are not this check's concern. No ALB: not-applicable.
import type { ResourceEvidence } from '../../contract/report';
import { applicationLoadBalancers } from './lib/deployment';
import { failingDetails, judge, notApplicable } from './lib/outcome';
import { describePorts, describeSource, groupEvidence, isInternet, requireGroup, securityGroupsById, sourcesOf } from './lib/security-groups';
import { defineCheck } from './types';

const WEB_PORTS = new Set([80, 443]);

export const check = defineCheck({
  id: 'sg.alb-ingress',
  category: 'security',
  severity: 'high',
  title: {
    ko: 'ALB 보안 그룹이 인터넷에서 TCP 80·443만 허용함',
    en: 'The ALB security groups accept only TCP 80 and 443 from the internet',
  },
  remediation: {
    ko: 'ALB 보안 그룹의 인바운드 규칙을 0.0.0.0/0(과 ::/0)에서 TCP 80, 443만 남기세요. SSH(22)나 앱 포트를 인터넷에 열지 마세요.',
    en: 'Keep only TCP 80 and 443 from 0.0.0.0/0 (and ::/0) in the ALB security group; never open SSH (22) or the app port to the internet.',
    cdk: `const albSg = new ec2.SecurityGroup(this, 'AlbSg', { vpc, allowAllOutbound: false });
albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80));
albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));`,
  },
  refs: { fsbp: ['EC2.18'], cdkNag: [], prowler: [] },
  datasets: ['elbv2.loadBalancers', 'ec2.securityGroups'],
  evaluate(inventory) {
    const albs = applicationLoadBalancers(inventory);
    if (albs.length === 0) return notApplicable('The deployment has no application load balancer (graded by alb.internet-facing).');
    const groups = securityGroupsById(inventory);
    const ids = [...new Set(albs.flatMap((lb) => lb.SecurityGroups ?? []))];
    const resources: ResourceEvidence[] = ids.map((id) => {
      const group = requireGroup(groups, id);
      const open: string[] = [];
      const bad: string[] = [];
      for (const permission of group.IpPermissions ?? []) {
        const internet = sourcesOf(permission).filter(isInternet);
        if (internet.length === 0) continue;
        const ports = describePorts(permission);
        const web =
          (permission.IpProtocol === 'tcp' || permission.IpProtocol === '6') &&
          permission.FromPort === permission.ToPort &&
          WEB_PORTS.has(permission.FromPort ?? -1);
        const line = `${ports} from ${internet.map(describeSource).join(', ')}`;
        (web ? open : bad).push(line);
      }
      const detail = bad.length ? `open to the internet beyond 80/443: ${bad.join('; ')}` : `internet ingress: ${open.join('; ') || 'none'}`;
      return groupEvidence(bad.length === 0, group, detail);
    });
    if (resources.length === 0) return { status: 'fail', summary: 'The ALB has no security group.', resources };
    return judge(resources, 'The ALB accepts only TCP 80 and 443 from the internet.', (f) => `ALB open too wide: ${failingDetails(f)}.`);
  },
});
