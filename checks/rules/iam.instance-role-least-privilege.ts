// iam.instance-role-least-privilege: the instance role has no AdministratorAccess and no
// statement allowing `*` actions on `*`. Fails on the AWS managed AdministratorAccess policy
// attached, or on any Allow statement with Action "*" (or "*:*") on Resource "*" in the
// attached customer-managed policies (default versions) and inline policies.
// Other AWS managed policies are judged by name only (their documents are not collected).
// No instance role (no instance profile on the launch template): not-applicable.
// A policy document that cannot be parsed: error, unless another finding already fails.
import { catalogueEntry } from '../../contract/check-catalogue';
import type { ResourceEvidence } from '../../contract/report';
import { read } from './lib/collected';
import { asList } from './lib/match';
import { names } from './lib/fix';
import { errored, failingText, judge, notApplicable, resource } from './lib/outcome';
import { parsePolicy } from './lib/policy';
import { joinText, text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

const ADMIN = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

export const check = defineCheck({
  ...catalogueEntry('iam.instance-role-least-privilege'),
  remediation: {
    ko: '인스턴스 역할에서 AdministratorAccess를 떼고, 앱이 실제로 쓰는 권한만 주세요: AmazonSSMManagedInstanceCore, DB 시크릿 하나에 대한 secretsmanager:GetSecretValue, 로그 그룹 하나에 대한 logs:PutLogEvents.',
    en: 'Detach AdministratorAccess from the instance role and grant only what the app uses: AmazonSSMManagedInstanceCore, secretsmanager:GetSecretValue on the one DB secret, logs:PutLogEvents on the one log group.',
    console: {
      ko: 'IAM 콘솔 > 역할 > (인스턴스 역할) > 권한: AdministratorAccess와 "*"를 "*"에 허용하는 정책 분리(또는 삭제) > 권한 추가 > 정책 연결: AmazonSSMManagedInstanceCore > 인라인 정책 생성: DB 보안 암호 ARN에 secretsmanager:GetSecretValue, 앱 로그 그룹 ARN에 logs:CreateLogStream·logs:PutLogEvents > 정책 생성.',
      en: 'IAM console > Roles > (the instance role) > Permissions: detach (or delete) AdministratorAccess and any policy allowing "*" on "*" > Add permissions > Attach policies: AmazonSSMManagedInstanceCore > Create inline policy: secretsmanager:GetSecretValue on the DB secret\'s ARN, logs:CreateLogStream and logs:PutLogEvents on the app log group\'s ARN > Create policy.',
    },
    cdk: `const role = new iam.Role(this, 'AppRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')] });
dbSecret.grantRead(role);
logGroup.grantWrite(role);`,
  },
  datasets: ['iam.instanceRoles'],
  remediationFor(inventory) {
    const roles = names(read(inventory.iam.instanceRoles).map((r) => r.roleName));
    if (!roles) return check.remediation;
    return {
      ...check.remediation,
      ko: `인스턴스 역할 ${roles}에서 AdministratorAccess를 떼고, 앱이 실제로 쓰는 권한만 주세요: AmazonSSMManagedInstanceCore, DB 시크릿 하나에 대한 secretsmanager:GetSecretValue, 로그 그룹 하나에 대한 logs:PutLogEvents.`,
      en: `Detach AdministratorAccess from instance role ${roles} and grant only what the app uses: AmazonSSMManagedInstanceCore, secretsmanager:GetSecretValue on the one DB secret, logs:PutLogEvents on the one log group.`,
      console: {
        ko: (check.remediation.console?.ko ?? '').replace('(인스턴스 역할)', roles),
        en: (check.remediation.console?.en ?? '').replace('(the instance role)', roles),
      },
    };
  },
  evaluate(inventory) {
    const roles = read(inventory.iam.instanceRoles);
    if (roles.length === 0) return notApplicable(text('앱 인스턴스에 인스턴스 역할이 없습니다.', 'The app instances have no instance role.'));
    const unreadable: string[] = [];
    const resources: ResourceEvidence[] = roles.map((role) => {
      const findings: Bilingual[] = [];
      for (const attached of role.attachedPolicies) {
        if (ADMIN.test(attached.PolicyArn ?? '')) findings.push(text('AdministratorAccess가 연결됨', 'AdministratorAccess is attached'));
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
            findings.push(
              text(
                `${doc.name}의 ${s.Sid ? `문 ${s.Sid}` : `${i + 1}번째 문`}이(가) "*"에 "*"를 허용`,
                `${doc.name} ${s.Sid ? `statement ${s.Sid}` : `statement #${i + 1}`} allows "*" on "*"`,
              ),
            );
          }
        }
      }
      const attachedNames = role.attachedPolicies.map((p) => p.PolicyName ?? p.PolicyArn ?? '?');
      const attachedList = attachedNames.join(', ');
      const count = role.policyDocuments.length;
      const detail = findings.length
        ? joinText(findings)
        : text(`연결된 정책: ${attachedList || '없음'}; "*"에 "*"를 허용하지 않는 정책 문서 ${count}개`, `attached: ${attachedList || 'none'}; ${count} policy document(s) without "*" on "*"`);
      return resource(findings.length === 0, role.roleName, detail, { arn: role.roleArn, type: 'AWS::IAM::Role' });
    });
    const failing = resources.filter((r) => r.status === 'fail');
    if (failing.length === 0 && unreadable.length) {
      const list = unreadable.join(', ');
      return errored(text(`정책 문서 ${list}을(를) 해석할 수 없습니다.`, `Cannot parse policy document(s) ${list}.`), resources);
    }
    return judge(resources, text('인스턴스 역할 권한이 좁습니다: AdministratorAccess도, "*"에 대한 "*"도 없습니다.', 'The instance role is scoped: no AdministratorAccess, no "*" on "*".'), (f) => {
      const d = failingText(f);
      return text(`인스턴스 역할 권한이 너무 넓음: ${d.ko}.`, `Instance role too broad: ${d.en}.`);
    });
  },
});
