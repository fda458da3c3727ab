// sg.app-from-alb-only: the app instances' security groups accept traffic only from the ALB's
// security group. Any CIDR source (IPv4 or IPv6, SSH included), any prefix list, or any other
// group as a source fails — the app group referencing itself too (it is not the ALB's group).
// Ports are not judged (a note says when the ALB may reach more than the app port).
// App security groups: those of the app instances and of the ASG's launch template.
// No app tier at all: not-applicable (asg.behind-alb grades it).
import { albSecurityGroupIds, appSecurityGroupIds } from './lib/deployment';
import { failingDetails, judge, notApplicable } from './lib/outcome';
import { describePorts, describeSource, groupEvidence, requireGroup, securityGroupsById, sourcesOf } from './lib/security-groups';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'sg.app-from-alb-only',
  category: 'security',
  severity: 'high',
  title: {
    ko: '앱 인스턴스 보안 그룹이 ALB 보안 그룹에서 오는 트래픽만 허용함',
    en: 'The app security groups accept traffic only from the ALB security group',
  },
  remediation: {
    ko: '앱 보안 그룹의 인바운드 규칙을 "ALB 보안 그룹에서 앱 포트(예: 8080)" 하나만 남기세요. 0.0.0.0/0, 내 IP의 SSH(22), 다른 보안 그룹 규칙은 지우고, 접속이 필요하면 SSM Session Manager를 쓰세요.',
    en: 'Keep a single ingress rule in the app security group: the app port (e.g. 8080) from the ALB security group. Remove 0.0.0.0/0, SSH (22) from your IP and other groups; use SSM Session Manager to get a shell.',
    cdk: `const appSg = new ec2.SecurityGroup(this, 'AppSg', { vpc });
appSg.addIngressRule(albSg, ec2.Port.tcp(8080), 'API from the load balancer');`,
  },
  refs: { fsbp: [], cdkNag: [], prowler: [] },
  datasets: ['ec2.securityGroups', 'ec2.instances', 'ec2.launchTemplateVersions', 'autoscaling.groups', 'elbv2.loadBalancers'],
  evaluate(inventory, config) {
    const appIds = [...appSecurityGroupIds(inventory)];
    if (appIds.length === 0) return notApplicable('The deployment has no app instances or launch template with a security group.');
    const albIds = albSecurityGroupIds(inventory);
    const groups = securityGroupsById(inventory);
    const notes: string[] = [];
    const resources = appIds.map((id) => {
      const group = requireGroup(groups, id);
      const allowed: string[] = [];
      const bad: string[] = [];
      for (const permission of group.IpPermissions ?? []) {
        const ports = describePorts(permission);
        for (const source of sourcesOf(permission)) {
          const fromAlb = source.kind === 'group' && albIds.has(source.value);
          (fromAlb ? allowed : bad).push(`${ports} from ${describeSource(source)}${source.kind === 'group' && source.value === id ? ' (itself)' : ''}`);
          if (fromAlb && ports !== `tcp ${config.appPort}`) {
            notes.push(`${id} lets the ALB reach ${ports}, not only the app port ${config.appPort}.`);
          }
        }
      }
      const detail = bad.length ? `accepts other sources: ${bad.join('; ')}` : `accepts only the ALB: ${allowed.join('; ') || 'no ingress rule'}`;
      return groupEvidence(bad.length === 0, group, detail);
    });
    return judge(resources, 'The app accepts traffic only from the ALB security group.', (f) => `App reachable from other sources: ${failingDetails(f)}.`, {
      notes,
    });
  },
});
