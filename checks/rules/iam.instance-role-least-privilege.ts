// iam.instance-role-least-privilege: the instance role has no AdministratorAccess and no
// statement allowing `*` actions on `*`. Fails on the AWS managed AdministratorAccess policy
// attached, or on any Allow statement with Action "*" (or "*:*") on Resource "*" in the
// attached customer-managed policies (default versions) and inline policies.
// Other AWS managed policies are judged by name only (their documents are not collected).
// No instance role (no instance profile on the launch template): not-applicable.
// A policy document that cannot be parsed: error, unless another finding already fails.
import type { ResourceEvidence } from '../../contract/report';
import { read } from './lib/collected';
import { asList } from './lib/match';
import { errored, failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { parsePolicy } from './lib/policy';
import { defineCheck } from './types';

const ADMIN = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

export const check = defineCheck({
  id: 'iam.instance-role-least-privilege',
  category: 'security',
  severity: 'high',
  title: {
    ko: '인스턴스 역할에 AdministratorAccess나 모든 리소스에 대한 "*" 작업 허용이 없음',
    en: 'The instance role has no AdministratorAccess and no "*" actions on "*"',
  },
  remediation: {
    ko: '인스턴스 역할에서 AdministratorAccess를 떼고, 앱이 실제로 쓰는 권한만 주세요: AmazonSSMManagedInstanceCore, DB 시크릿 하나에 대한 secretsmanager:GetSecretValue, 로그 그룹 하나에 대한 logs:PutLogEvents.',
    en: 'Detach AdministratorAccess from the instance role and grant only what the app uses: AmazonSSMManagedInstanceCore, secretsmanager:GetSecretValue on the one DB secret, logs:PutLogEvents on the one log group.',
    cdk: `const role = new iam.Role(this, 'AppRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')] });
dbSecret.grantRead(role);
logGroup.grantWrite(role);`,
  },
  refs: { fsbp: [], cdkNag: ['AwsSolutions-IAM5'], prowler: [] },
  datasets: ['iam.instanceRoles'],
  evaluate(inventory) {
    const roles = read(inventory.iam.instanceRoles);
    if (roles.length === 0) return notApplicable('The app instances have no instance role.');
    const unreadable: string[] = [];
    const resources: ResourceEvidence[] = roles.map((role) => {
      const findings: string[] = [];
      for (const attached of role.attachedPolicies) {
        if (ADMIN.test(attached.PolicyArn ?? '')) findings.push(`AdministratorAccess is attached`);
      }
      for (const doc of role.policyDocuments) {
        let statements;
        try {
          statements = parsePolicy(doc.document);
        } catch {
          unreadable.push(`${role.roleName}/${doc.name}`);
          continue;
        }
        for (const [i, s] of statements.entries()) {
          if ((s.Effect ?? '').toLowerCase() !== 'allow') continue;
          const actions = asList(s.Action);
          const resourcesOf = asList(s.Resource);
          if (actions.some((a) => a === '*' || a === '*:*') && resourcesOf.includes('*')) {
            findings.push(`${doc.name} ${s.Sid ? `statement ${s.Sid}` : `statement #${i + 1}`} allows "*" on "*"`);
          }
        }
      }
      const attachedNames = role.attachedPolicies.map((p) => p.PolicyName ?? p.PolicyArn ?? '?');
      const detail = findings.length
        ? findings.join('; ')
        : `attached: ${attachedNames.join(', ') || 'none'}; ${role.policyDocuments.length} policy document(s) without "*" on "*"`;
      return resource(findings.length === 0, role.roleName, detail, { arn: role.roleArn, type: 'AWS::IAM::Role' });
    });
    const failing = resources.filter((r) => r.status === 'fail');
    if (failing.length === 0 && unreadable.length) return errored(`Cannot parse policy document(s) ${unreadable.join(', ')}.`, resources);
    return judge(resources, 'The instance role is scoped: no AdministratorAccess, no "*" on "*".', (f) => `Instance role too broad: ${failingDetails(f)}.`);
  },
});
