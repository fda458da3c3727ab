// sg.db-from-app-only: the RDS security groups accept the instance's own port (else 5432) only
// from the app security group. Only rules admitting that port are judged: a CIDR (0.0.0.0/0,
// the VPC range, an IPv6 range), a prefix list or any other group on it fails.
// A group with no rule for the port passes (nothing can connect); a note says the app cannot
// reach the database then. No RDS instance: not-applicable (rds.postgres-present grades it).
import type { ResourceEvidence } from '../../contract/report';
import { appSecurityGroupIds, dbId, dbInstances } from './lib/deployment';
import { errored, failingDetails, judge, notApplicable } from './lib/outcome';
import { groupEvidence, ingressOnPortOnlyFrom, requireGroup, securityGroupsById } from './lib/security-groups';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'sg.db-from-app-only',
  category: 'security',
  severity: 'critical',
  title: {
    ko: 'RDS 보안 그룹이 DB 포트를 앱 보안 그룹에서만 허용함',
    en: 'The RDS security groups accept the DB port only from the app security group',
  },
  remediation: {
    ko: 'RDS 보안 그룹에서 0.0.0.0/0이나 CIDR 규칙을 지우고 "앱 보안 그룹에서 TCP 5432" 규칙 하나만 두세요. 관리용 접속은 SSM 포트 포워딩을 쓰세요.',
    en: 'Remove 0.0.0.0/0 and other CIDR rules from the RDS security group and keep one rule: TCP 5432 from the app security group. For admin access use SSM port forwarding.',
    cdk: `db.connections.allowDefaultPortFrom(appSg, 'PostgreSQL from the API');`,
  },
  refs: {
    fsbp: [],
    cdkNag: ['AwsSolutions-RDS8'],
    prowler: ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432'],
  },
  datasets: ['rds.instances', 'ec2.securityGroups', 'ec2.instances', 'ec2.launchTemplateVersions', 'autoscaling.groups'],
  evaluate(inventory, config) {
    const dbs = dbInstances(inventory);
    if (dbs.length === 0) return notApplicable('The deployment has no RDS instance (graded by rds.postgres-present).');
    const app = appSecurityGroupIds(inventory);
    const groups = securityGroupsById(inventory);
    const notes: string[] = [];
    const resources: ResourceEvidence[] = [];
    const seen = new Set<string>();
    for (const db of dbs) {
      const port = db.Endpoint?.Port ?? db.DbInstancePort ?? config.dbPort;
      const sgIds = (db.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId ?? '').filter(Boolean);
      if (sgIds.length === 0) notes.push(`${dbId(db)} has no VPC security group.`);
      for (const id of sgIds) {
        if (seen.has(`${id}:${port}`)) continue;
        seen.add(`${id}:${port}`);
        const verdict = ingressOnPortOnlyFrom(requireGroup(groups, id), port, app, 'app security group');
        if (!verdict.reachable && verdict.ok) notes.push(`No rule of ${id} admits the app on port ${port}: the app cannot reach ${dbId(db)}.`);
        resources.push(groupEvidence(verdict.ok, requireGroup(groups, id), `${dbId(db)}: ${verdict.detail}`));
      }
    }
    // Every VPC resource has a security group: none at all means the data is missing.
    if (resources.length === 0) return errored(`No security group was found on any RDS instance: ${notes.join(' ')}`);
    return judge(resources, 'The database port is open only to the app security group.', (f) => `Database reachable from other sources: ${failingDetails(f)}.`, {
      notes,
    });
  },
});
