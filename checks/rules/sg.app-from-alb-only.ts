// sg.app-from-alb-only: the app instances' security groups accept traffic only from the ALB's
// security group. Any CIDR source (IPv4 or IPv6, SSH included), any prefix list, or any other
// group as a source fails — the app group referencing itself too (it is not the ALB's group).
// Ports are not judged (a note says when the ALB may reach more than the app port).
// App security groups: those of the app instances and of the ASG's launch template.
// No app tier at all: not-applicable (asg.behind-alb grades it).
import { catalogueEntry } from '../../contract/check-catalogue';
import { albSecurityGroupIds, appSecurityGroupIds } from './lib/deployment';
import { appPortOf } from './lib/fix';
import { failingText, judge, notApplicable } from './lib/outcome';
import { describePortsText, describeSourceText, groupEvidence, requireGroup, securityGroupsById, sourcesOf } from './lib/security-groups';
import { text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('sg.app-from-alb-only'),
  remediation: {
    ko: '앱 보안 그룹의 인바운드 규칙을 "ALB 보안 그룹에서 앱 포트(대상 그룹의 포트)" 하나만 남기세요. 0.0.0.0/0, 내 IP의 SSH, 다른 보안 그룹 규칙은 지우고, 접속이 필요하면 SSM Session Manager를 쓰세요.',
    en: "Keep a single ingress rule in the app security group: the app port (the target group's port) from the ALB security group. Remove 0.0.0.0/0, SSH from your IP and other groups; use SSM Session Manager to get a shell.",
    console: {
      ko: 'EC2 콘솔 > 보안 그룹 > (앱 보안 그룹) > 인바운드 규칙 편집: ALB 보안 그룹이 소스인 앱 포트 규칙만 남기고 나머지 삭제 > 규칙 저장.',
      en: 'EC2 console > Security Groups > (the app security group) > Edit inbound rules: keep only the app port rule whose source is the ALB security group, delete the rest > Save rules.',
    },
    cdk: `const appSg = new ec2.SecurityGroup(this, 'AppSg', { vpc });
appSg.addIngressRule(albSg, ec2.Port.tcp(appPort), 'API from the load balancer');`,
  },
  // elbv2.targetGroups: the app port is the target group's, so the note is right off 8080 too.
  datasets: ['ec2.securityGroups', 'ec2.instances', 'ec2.launchTemplateVersions', 'autoscaling.groups', 'elbv2.loadBalancers', 'elbv2.targetGroups'],
  remediationFor(inventory, config) {
    const port = appPortOf(inventory, config.appPort);
    const appIds = [...appSecurityGroupIds(inventory)];
    const albIds = [...albSecurityGroupIds(inventory)];
    const app = appIds.join(', ') || '(앱 보안 그룹)';
    const alb = albIds.join(', ') || 'ALB';
    return {
      ...check.remediation,
      ko: `앱 보안 그룹 ${app}의 인바운드 규칙을 "ALB 보안 그룹 ${alb}에서 TCP ${port}" 하나만 남기세요. 0.0.0.0/0, 내 IP의 SSH, 다른 보안 그룹 규칙은 지우고, 접속이 필요하면 SSM Session Manager를 쓰세요.`,
      en: `Keep a single ingress rule in app security group ${appIds.join(', ') || '(the app security group)'}: TCP ${port} from ALB security group ${alb}. Remove 0.0.0.0/0, SSH from your IP and other groups; use SSM Session Manager to get a shell.`,
      console: {
        ko: `EC2 콘솔 > 보안 그룹 > ${app} > 인바운드 규칙 편집: 소스가 ${alb}인 TCP ${port} 규칙만 남기고 나머지 삭제 > 규칙 저장.`,
        en: `EC2 console > Security Groups > ${appIds.join(', ') || '(the app security group)'} > Edit inbound rules: keep only the TCP ${port} rule whose source is ${alb}, delete the rest > Save rules.`,
      },
      cdk: `const appSg = new ec2.SecurityGroup(this, 'AppSg', { vpc });
appSg.addIngressRule(albSg, ec2.Port.tcp(${port}), 'API from the load balancer');`,
    };
  },
  evaluate(inventory, config) {
    const appIds = [...appSecurityGroupIds(inventory)];
    if (appIds.length === 0) {
      return notApplicable(text('배포에 보안 그룹이 있는 앱 인스턴스나 시작 템플릿이 없습니다.', 'The deployment has no app instances or launch template with a security group.'));
    }
    const appPort = appPortOf(inventory, config.appPort);
    const albIds = albSecurityGroupIds(inventory);
    const groups = securityGroupsById(inventory);
    const notes: Bilingual[] = [];
    const resources = appIds.map((id) => {
      const group = requireGroup(groups, id);
      const allowed: Bilingual[] = [];
      const bad: Bilingual[] = [];
      for (const permission of group.IpPermissions ?? []) {
        const ports = describePortsText(permission);
        for (const source of sourcesOf(permission)) {
          const fromAlb = source.kind === 'group' && albIds.has(source.value);
          const itself = source.kind === 'group' && source.value === id;
          const from = describeSourceText(source);
          (fromAlb ? allowed : bad).push(text(`${from.ko}${itself ? '(자기 자신)' : ''}에서 ${ports.ko}`, `${ports.en} from ${from.en}${itself ? ' (itself)' : ''}`));
          if (fromAlb && ports.en !== `tcp ${appPort}`) {
            notes.push(text(`${id}은(는) ALB가 앱 포트 ${appPort}만이 아니라 ${ports.ko}에 닿게 합니다.`, `${id} lets the ALB reach ${ports.en}, not only the app port ${appPort}.`));
          }
        }
      }
      const list = (items: Bilingual[], lang: 'ko' | 'en') => items.map((i) => i[lang]).join('; ');
      const detail = bad.length
        ? text(`다른 소스도 허용: ${list(bad, 'ko')}`, `accepts other sources: ${list(bad, 'en')}`)
        : text(`ALB만 허용: ${list(allowed, 'ko') || '인바운드 규칙 없음'}`, `accepts only the ALB: ${list(allowed, 'en') || 'no ingress rule'}`);
      return groupEvidence(bad.length === 0, group, detail);
    });
    return judge(
      resources,
      text('앱은 ALB 보안 그룹에서 오는 트래픽만 받습니다.', 'The app accepts traffic only from the ALB security group.'),
      (f) => {
        const d = failingText(f);
        return text(`다른 소스에서 앱에 닿을 수 있음: ${d.ko}.`, `App reachable from other sources: ${d.en}.`);
      },
      { notes },
    );
  },
});
