// sg.cache-from-app-only: the Redis security groups accept the Redis port (the group's own
// endpoint port, else 6379) only from the app security group. Same reading as
// sg.db-from-app-only. No Redis: not-applicable (elasticache.redis-present grades it).
import { catalogueEntry } from '../../contract/check-catalogue';
import type { Inventory } from '../inventory/types';
import { appSecurityGroupIds, memberClusters, redisGroups, redisPort, rgId } from './lib/deployment';
import { errored, failingText, judge, notApplicable } from './lib/outcome';
import { NO_REDIS_GROUP } from './lib/per-resource';
import { joinText, text } from './lib/text';
import { judgeGuardedPorts, securityGroupsById, type GuardedPort } from './lib/security-groups';
import { defineCheck, type CheckRemediation } from './types';

export const check = defineCheck({
  ...catalogueEntry('sg.cache-from-app-only'),
  remediation: {
    ko: 'Redis 보안 그룹에는 "앱 보안 그룹에서 복제 그룹의 포트(TCP)" 규칙 하나만 두고, CIDR 규칙(0.0.0.0/0, VPC 대역)은 지우세요.',
    en: "Keep one rule in the Redis security group: the replication group's port (TCP) from the app security group; remove CIDR rules (0.0.0.0/0, the VPC range).",
    console: {
      ko: 'EC2 콘솔 > 보안 그룹 > (Redis의 보안 그룹) > 인바운드 규칙 편집: CIDR 소스 규칙 삭제, 유형 "사용자 지정 TCP", 포트 = 복제 그룹의 포트, 소스 = 앱 보안 그룹 > 규칙 저장.',
      en: "EC2 console > Security Groups > (the Redis security group) > Edit inbound rules: delete rules with a CIDR source; type \"Custom TCP\", port = the replication group's port, source = the app security group > Save rules.",
    },
    cdk: `cacheSg.addIngressRule(appSg, ec2.Port.tcp(redisPort), 'Redis from the API');`,
  },
  datasets: [
    'elasticache.replicationGroups',
    'elasticache.cacheClusters',
    'ec2.securityGroups',
    'ec2.instances',
    'ec2.launchTemplateVersions',
    'autoscaling.groups',
  ],
  remediationFor(inventory, config) {
    const targets = guardedCachePorts(inventory, config.redisPort);
    if (targets.length === 0) return check.remediation;
    return fixFor(targets);
  },
  evaluate(inventory, config) {
    const targets = guardedCachePorts(inventory, config.redisPort);
    if (targets.length === 0) return notApplicable(NO_REDIS_GROUP);
    const { resources, notes } = judgeGuardedPorts(targets, securityGroupsById(inventory), appSecurityGroupIds(inventory), (t) =>
      text(`${t.id}: 멤버 클러스터에서 보안 그룹을 찾지 못했습니다.`, `${t.id}: no security group found on its member clusters.`),
    );
    // Every VPC resource has a security group: none at all means the data is missing.
    if (resources.length === 0) {
      const why = joinText(notes, ' ');
      return errored(text(`어떤 Redis 멤버 클러스터에서도 보안 그룹을 찾지 못했습니다: ${why.ko}`, `No security group was found on any Redis member cluster: ${why.en}`));
    }
    return judge(
      resources,
      text('Redis 포트는 앱 보안 그룹에만 열려 있습니다.', 'The Redis port is open only to the app security group.'),
      (f) => {
        const d = failingText(f);
        return text(`다른 소스에서 Redis에 닿을 수 있음: ${d.ko}.`, `Redis reachable from other sources: ${d.en}.`);
      },
      { notes },
    );
  },
});

/** Each Redis replication group with its port and its member clusters' security groups (judged and named in the fix alike). */
function guardedCachePorts(inventory: Inventory, configuredPort: number): GuardedPort[] {
  return redisGroups(inventory).map((rg) => {
    const members = memberClusters(inventory, rg);
    return {
      id: rgId(rg),
      port: redisPort(rg, members, configuredPort),
      groups: [...new Set(members.flatMap((m) => (m.SecurityGroups ?? []).map((g) => g.SecurityGroupId ?? '')).filter(Boolean))],
    };
  });
}

/** The fix with each replication group's own port and security groups. */
function fixFor(targets: GuardedPort[]): CheckRemediation {
  const groupOf = (t: GuardedPort) => t.groups[0] ?? 'sg-?';
  const first = targets[0]!;
  return {
    ko: targets.map((t) => `${t.id}(포트 ${t.port}): 보안 그룹 ${t.groups.join(', ') || groupOf(t)}에는 "앱 보안 그룹에서 TCP ${t.port}" 규칙 하나만 두고, CIDR 규칙(0.0.0.0/0, VPC 대역)은 지우세요.`).join(' '),
    en: targets.map((t) => `${t.id} (port ${t.port}): keep one rule in security group ${t.groups.join(', ') || groupOf(t)}: TCP ${t.port} from the app security group; remove CIDR rules (0.0.0.0/0, the VPC range).`).join(' '),
    console: {
      ko: targets.map((t) => `EC2 콘솔 > 보안 그룹 > ${groupOf(t)} > 인바운드 규칙 편집: CIDR 소스 규칙 삭제, 유형 "사용자 지정 TCP", 포트 ${t.port}, 소스 = 앱 보안 그룹 > 규칙 저장.`).join(' '),
      en: targets.map((t) => `EC2 console > Security Groups > ${groupOf(t)} > Edit inbound rules: delete rules with a CIDR source; type "Custom TCP", port ${t.port}, source = the app security group > Save rules.`).join(' '),
    },
    cdk: `cacheSg.addIngressRule(appSg, ec2.Port.tcp(${first.port}), 'Redis from the API');`,
  };
}
