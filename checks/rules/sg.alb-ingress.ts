// sg.alb-ingress: the ALB's security groups accept from the internet (0.0.0.0/0 or ::/0)
// only TCP 80 and 443. A port range spanning other ports (80-443) or all traffic fails.
// Sources other than the internet are not this check's concern. No ALB: not-applicable.
import { catalogueEntry } from '../../contract/check-catalogue';
import type { ResourceEvidence } from '../../contract/report';
import { applicationLoadBalancers } from './lib/deployment';
import { failed, failingText, judge, notApplicable } from './lib/outcome';
import { NO_ALB } from './lib/per-resource';
import { describePortsText, describeSourceText, groupEvidence, isInternet, requireGroup, securityGroupsById, sourcesOf } from './lib/security-groups';
import { text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

const WEB_PORTS = new Set([80, 443]);

export const check = defineCheck({
  ...catalogueEntry('sg.alb-ingress'),
  remediation: {
    ko: 'ALB 보안 그룹의 인바운드 규칙을 0.0.0.0/0(과 ::/0)에서 TCP 80, 443만 남기세요. SSH나 앱 포트를 인터넷에 열지 마세요.',
    en: 'Keep only TCP 80 and 443 from 0.0.0.0/0 (and ::/0) in the ALB security group; never open SSH or the app port to the internet.',
    console: {
      ko: 'EC2 콘솔 > 보안 그룹 > (ALB의 보안 그룹) > 인바운드 규칙 편집: 소스가 0.0.0.0/0 또는 ::/0인 규칙 중 TCP 80(HTTP)과 443(HTTPS)만 남기고 나머지 삭제 > 규칙 저장.',
      en: "EC2 console > Security Groups > (the ALB's security group) > Edit inbound rules: of the rules with source 0.0.0.0/0 or ::/0 keep only TCP 80 (HTTP) and 443 (HTTPS), delete the rest > Save rules.",
    },
    cdk: `const albSg = new ec2.SecurityGroup(this, 'AlbSg', { vpc, allowAllOutbound: false });
albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80));
albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));`,
  },
  datasets: ['elbv2.loadBalancers', 'ec2.securityGroups'],
  remediationFor(inventory) {
    const ids = [...new Set(applicationLoadBalancers(inventory).flatMap((lb) => lb.SecurityGroups ?? []))];
    if (ids.length === 0) return check.remediation;
    return {
      ...check.remediation,
      console: {
        ko: `EC2 콘솔 > 보안 그룹 > ${ids.join(', ')} > 인바운드 규칙 편집: 소스가 0.0.0.0/0 또는 ::/0인 규칙 중 TCP 80(HTTP)과 443(HTTPS)만 남기고 나머지 삭제 > 규칙 저장.`,
        en: `EC2 console > Security Groups > ${ids.join(', ')} > Edit inbound rules: of the rules with source 0.0.0.0/0 or ::/0 keep only TCP 80 (HTTP) and 443 (HTTPS), delete the rest > Save rules.`,
      },
    };
  },
  evaluate(inventory) {
    const albs = applicationLoadBalancers(inventory);
    if (albs.length === 0) return notApplicable(NO_ALB);
    const groups = securityGroupsById(inventory);
    const ids = [...new Set(albs.flatMap((lb) => lb.SecurityGroups ?? []))];
    const resources: ResourceEvidence[] = ids.map((id) => {
      const group = requireGroup(groups, id);
      const open: Bilingual[] = [];
      const bad: Bilingual[] = [];
      for (const permission of group.IpPermissions ?? []) {
        const internet = sourcesOf(permission).filter(isInternet);
        if (internet.length === 0) continue;
        const ports = describePortsText(permission);
        const web =
          (permission.IpProtocol === 'tcp' || permission.IpProtocol === '6') &&
          permission.FromPort === permission.ToPort &&
          WEB_PORTS.has(permission.FromPort ?? -1);
        const from = internet.map((source) => describeSourceText(source).en).join(', ');
        (web ? open : bad).push(text(`${from}에서 ${ports.ko}`, `${ports.en} from ${from}`));
      }
      const list = (items: Bilingual[], lang: 'ko' | 'en') => items.map((i) => i[lang]).join('; ');
      const detail = bad.length
        ? text(`인터넷에 80/443 외에도 열림: ${list(bad, 'ko')}`, `open to the internet beyond 80/443: ${list(bad, 'en')}`)
        : text(`인터넷 인바운드: ${list(open, 'ko') || '없음'}`, `internet ingress: ${list(open, 'en') || 'none'}`);
      return groupEvidence(bad.length === 0, group, detail);
    });
    if (resources.length === 0) return failed(text('ALB에 보안 그룹이 없습니다.', 'The ALB has no security group.'), resources);
    return judge(resources, text('ALB는 인터넷에서 TCP 80과 443만 받습니다.', 'The ALB accepts only TCP 80 and 443 from the internet.'), (f) => {
      const d = failingText(f);
      return text(`ALB가 너무 넓게 열려 있음: ${d.ko}.`, `ALB open too wide: ${d.en}.`);
    });
  },
});
