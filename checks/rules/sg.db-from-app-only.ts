// sg.db-from-app-only: the RDS security groups accept the instance's own port (else 5432) only
// from the app security group. Only rules admitting that port are judged: a CIDR (0.0.0.0/0,
// the VPC range, an IPv6 range), a prefix list or any other group on it fails.
// A group with no rule for the port passes (nothing can connect); a note says the app cannot
// reach the database then. No RDS instance: not-applicable (rds.postgres-present grades it).
import { catalogueEntry } from '../../contract/check-catalogue';
import type { Inventory } from '../inventory/types';
import { appSecurityGroupIds, dbId, dbInstances } from './lib/deployment';
import { dbPortOf } from './lib/fix';
import { errored, failingText, judge, notApplicable } from './lib/outcome';
import { NO_DB_INSTANCE } from './lib/per-resource';
import { joinText, text } from './lib/text';
import { judgeGuardedPorts, securityGroupsById, type GuardedPort } from './lib/security-groups';
import { defineCheck, type CheckRemediation } from './types';

export const check = defineCheck({
  ...catalogueEntry('sg.db-from-app-only'),
  remediation: {
    ko: 'RDS 보안 그룹에서 0.0.0.0/0이나 CIDR 규칙을 지우고 "앱 보안 그룹에서 DB 인스턴스의 포트(TCP)" 규칙 하나만 두세요. 관리용 접속은 SSM 포트 포워딩을 쓰세요.',
    en: "Remove 0.0.0.0/0 and other CIDR rules from the RDS security group and keep one rule: the DB instance's port (TCP) from the app security group. For admin access use SSM port forwarding.",
    console: {
      ko: 'EC2 콘솔 > 보안 그룹 > (DB 인스턴스의 보안 그룹) > 인바운드 규칙 편집: CIDR 소스 규칙 삭제, 유형 "사용자 지정 TCP", 포트 = DB 인스턴스의 포트, 소스 = 앱 보안 그룹 > 규칙 저장.',
      en: "EC2 console > Security Groups > (the DB instance's security group) > Edit inbound rules: delete rules with a CIDR source; type \"Custom TCP\", port = the DB instance's port, source = the app security group > Save rules.",
    },
    cdk: `db.connections.allowDefaultPortFrom(appSg, 'PostgreSQL from the API');`,
  },
  datasets: ['rds.instances', 'ec2.securityGroups', 'ec2.instances', 'ec2.launchTemplateVersions', 'autoscaling.groups'],
  remediationFor(inventory, config) {
    const targets = guardedDbPorts(inventory, config.dbPort);
    if (targets.length === 0) return check.remediation;
    return fixFor(targets);
  },
  evaluate(inventory, config) {
    const targets = guardedDbPorts(inventory, config.dbPort);
    if (targets.length === 0) return notApplicable(NO_DB_INSTANCE);
    const { resources, notes } = judgeGuardedPorts(targets, securityGroupsById(inventory), appSecurityGroupIds(inventory), (t) =>
      text(`${t.id}에 VPC 보안 그룹이 없습니다.`, `${t.id} has no VPC security group.`),
    );
    // Every VPC resource has a security group: none at all means the data is missing.
    if (resources.length === 0) {
      const why = joinText(notes, ' ');
      return errored(text(`어떤 RDS 인스턴스에서도 보안 그룹을 찾지 못했습니다: ${why.ko}`, `No security group was found on any RDS instance: ${why.en}`));
    }
    return judge(
      resources,
      text('DB 포트는 앱 보안 그룹에만 열려 있습니다.', 'The database port is open only to the app security group.'),
      (f) => {
        const d = failingText(f);
        return text(`다른 소스에서 DB에 닿을 수 있음: ${d.ko}.`, `Database reachable from other sources: ${d.en}.`);
      },
      { notes },
    );
  },
});

/** Each DB instance with the port it listens on and its VPC security groups (judged and named in the fix alike). */
function guardedDbPorts(inventory: Inventory, configuredPort: number): GuardedPort[] {
  return dbInstances(inventory).map((db) => ({
    id: dbId(db),
    port: dbPortOf(db) ?? configuredPort,
    groups: (db.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId ?? '').filter(Boolean),
  }));
}

/** The fix with each instance's own port and security groups. */
function fixFor(targets: GuardedPort[]): CheckRemediation {
  const lines = (lang: 'ko' | 'en') =>
    targets
      .map((t) => {
        const groups = t.groups.join(', ') || (lang === 'ko' ? '(보안 그룹 없음)' : '(no security group)');
        return lang === 'ko' ? `${t.id}(포트 ${t.port}, 보안 그룹 ${groups})` : `${t.id} (port ${t.port}, security group ${groups})`;
      })
      .join(', ');
  const first = targets[0]!;
  const groupOf = (t: GuardedPort) => t.groups[0] ?? 'sg-?';
  return {
    ko: `${lines('ko')}: 보안 그룹에서 0.0.0.0/0이나 CIDR 규칙을 지우고 "앱 보안 그룹에서 TCP ${first.port}" 규칙 하나만 두세요. 관리용 접속은 SSM 포트 포워딩을 쓰세요.`,
    en: `${lines('en')}: remove 0.0.0.0/0 and other CIDR rules from the security group and keep one rule: TCP ${first.port} from the app security group. For admin access use SSM port forwarding.`,
    console: {
      ko: targets.map((t) => `EC2 콘솔 > 보안 그룹 > ${groupOf(t)} > 인바운드 규칙 편집: CIDR 소스 규칙 삭제, 유형 "사용자 지정 TCP", 포트 ${t.port}, 소스 = 앱 보안 그룹 > 규칙 저장.`).join(' '),
      en: targets.map((t) => `EC2 console > Security Groups > ${groupOf(t)} > Edit inbound rules: delete rules with a CIDR source; type "Custom TCP", port ${t.port}, source = the app security group > Save rules.`).join(' '),
    },
    // allowDefaultPortFrom opens the instance's own port (the one it was created with).
    cdk: `// ${first.id} listens on ${first.port}: allowDefaultPortFrom opens that port.
db.connections.allowDefaultPortFrom(appSg, 'PostgreSQL from the API');`,
  };
}
