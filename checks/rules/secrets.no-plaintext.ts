// secrets.no-plaintext: the launch template's user data holds no password or secret literal;
// DB credentials come from Secrets Manager or SSM. The user data of the launch template
// version each ASG uses is decoded (base64, gzip, MIME) and scanned (lib/user-data.ts):
// PGPASSWORD=..., password: '...', --password ..., postgres://user:pass@..., AWS access keys,
// private keys. References (ARNs, get-secret-value / get-parameter calls, $VARS, {{resolve:}})
// are allowed. The evidence names the line and the key, never the secret.
// No user data: pass (nothing is written into it). No ASG with a launch template:
// not-applicable (asg.behind-alb grades the app tier). A version not in the inventory: error.
import type { ResourceEvidence } from '../../contract/report';
import { asgName, autoScalingGroups, launchTemplateRef, resolveLaunchTemplateVersion } from './lib/deployment';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { decodeUserData, findPlaintextSecrets, secretReferences, type SecretFinding } from './lib/user-data';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'secrets.no-plaintext',
  category: 'security',
  severity: 'critical',
  title: {
    ko: '시작 템플릿 사용자 데이터에 비밀번호나 비밀 값이 평문으로 없음',
    en: 'The launch template user data holds no password or secret literal',
  },
  remediation: {
    ko: 'DB 비밀번호를 사용자 데이터에 쓰지 마세요(사용자 데이터는 인스턴스 안과 콘솔에서 누구나 읽을 수 있습니다). Secrets Manager에 저장하고, 부팅 시 인스턴스 역할로 aws secretsmanager get-secret-value를 호출하거나 앱이 SDK로 읽게 하세요.',
    en: 'Never write the DB password into user data (anyone on the instance or with console access can read it). Store it in Secrets Manager and fetch it at boot with the instance role (aws secretsmanager get-secret-value) or from the app through the SDK.',
    cdk: `const db = new rds.DatabaseInstance(this, 'Db', { /* ... */ credentials: rds.Credentials.fromGeneratedSecret('cloudmart') });
db.secret!.grantRead(appRole);
userData.addCommands(
  \`export DB_SECRET_ARN=\${db.secret!.secretArn}\`,
  'PGPASSWORD=$(aws secretsmanager get-secret-value --secret-id "$DB_SECRET_ARN" --query SecretString --output text | jq -r .password)',
);`,
  },
  refs: { fsbp: [], cdkNag: [], prowler: ['ec2_launch_template_no_secrets'] },
  datasets: ['autoscaling.groups', 'ec2.launchTemplateVersions'],
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory).filter((g) => launchTemplateRef(g) !== undefined);
    if (groups.length === 0) return notApplicable('No Auto Scaling group launches from a launch template (graded by asg.behind-alb).');
    const seen = new Set<string>();
    const references: Record<string, { line: number; text: string }[]> = {};
    const findings: Record<string, SecretFinding[]> = {};
    const resources: ResourceEvidence[] = [];
    for (const group of groups) {
      const version = resolveLaunchTemplateVersion(inventory, launchTemplateRef(group)!);
      const id = `${version.LaunchTemplateName ?? version.LaunchTemplateId ?? '?'}:${version.VersionNumber ?? '?'}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const encoded = version.LaunchTemplateData?.UserData;
      if (!encoded) {
        resources.push(resource(true, id, `${asgName(group)}: no user data`, { type: 'AWS::EC2::LaunchTemplate' }));
        continue;
      }
      const text = decodeUserData(encoded);
      const found = findPlaintextSecrets(text);
      const refs = secretReferences(text);
      if (found.length) findings[id] = found;
      if (refs.length) references[id] = refs;
      const detail = found.length
        ? `user data line(s) ${found.map((f) => `${f.line}: ${f.kind} (${f.where})`).join('; ')}`
        : `no secret literal in ${text.split('\n').length} line(s) of user data${refs.length ? `; fetches secrets from ${refs.length} Secrets Manager/SSM reference(s)` : ''}`;
      resources.push(resource(found.length === 0, id, `${asgName(group)}: ${detail}`, { type: 'AWS::EC2::LaunchTemplate' }));
    }
    return judge(resources, 'The user data holds no secret literal.', (f) => `Secret in user data: ${failingDetails(f)}.`, {
      evidence: { findings, references },
    });
  },
});
