// secrets.no-plaintext: the launch template's user data holds no password or secret literal;
// DB credentials come from Secrets Manager or SSM. The user data of the launch template
// version each ASG uses is decoded (base64, gzip, MIME) and scanned (lib/user-data.ts):
// PGPASSWORD=..., password: '...', --password ..., postgres://user:pass@..., AWS access keys,
// private keys. References (ARNs, get-secret-value / get-parameter calls, $VARS, {{resolve:}})
// are allowed. The evidence names the line and the key, never the secret.
// No user data: pass (nothing is written into it). No ASG with a launch template:
// not-applicable (asg.behind-alb grades the app tier). A version not in the inventory: error.
import { catalogueEntry } from '../../contract/check-catalogue';
import type { ResourceEvidence } from '../../contract/report';
import { asgName, autoScalingGroups, launchTemplateRef, resolveLaunchTemplateVersion } from './lib/deployment';
import { names } from './lib/fix';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { text } from './lib/text';
import { decodeUserData, findPlaintextSecrets, secretReferences, type SecretFinding } from './lib/user-data';
import { defineCheck } from './types';

/** The finding kinds of lib/user-data.ts in Korean. */
const KIND_KO: Record<string, string> = {
  'private key': '개인 키',
  'AWS access key id': 'AWS 액세스 키 ID',
  'password in a connection string': '연결 문자열 안의 비밀번호',
  'secret on a command line': '명령줄의 비밀 값',
  'secret literal': '평문 비밀 값',
};

export const check = defineCheck({
  ...catalogueEntry('secrets.no-plaintext'),
  remediation: {
    ko: 'DB 비밀번호를 사용자 데이터에 쓰지 마세요(사용자 데이터는 인스턴스 안과 콘솔에서 누구나 읽을 수 있습니다). Secrets Manager에 저장하고, 부팅 시 인스턴스 역할로 aws secretsmanager get-secret-value를 호출하거나 앱이 SDK로 읽게 하세요.',
    en: 'Never write the DB password into user data (anyone on the instance or with console access can read it). Store it in Secrets Manager and fetch it at boot with the instance role (aws secretsmanager get-secret-value) or from the app through the SDK.',
    console: {
      ko: 'Secrets Manager 콘솔 > 새 보안 암호 저장: "Amazon RDS 데이터베이스의 자격 증명" > 사용자 이름·암호, DB 인스턴스 선택 > 저장. IAM 콘솔 > 역할 > (인스턴스 역할) > 권한 추가: 그 보안 암호에 대한 secretsmanager:GetSecretValue. EC2 콘솔 > 시작 템플릿 > (앱의 시작 템플릿) > 작업 > 템플릿 수정: 사용자 데이터에서 비밀번호를 지우고 get-secret-value 호출로 바꾼 새 버전 생성 > ASG가 그 버전을 쓰게 한 뒤 인스턴스 새로 고침. 이미 노출된 비밀번호는 바꾸세요.',
      en: "Secrets Manager console > Store a new secret: \"Credentials for Amazon RDS database\" > user name and password, select the DB instance > Store. IAM console > Roles > (the instance role) > Add permissions: secretsmanager:GetSecretValue on that secret. EC2 console > Launch templates > (the app's launch template) > Actions > Modify template: a new version whose user data calls get-secret-value instead of holding the password > make the ASG use it and start an instance refresh. Rotate the password that was exposed.",
    },
    cdk: `const db = new rds.DatabaseInstance(this, 'Db', { /* ... */ credentials: rds.Credentials.fromGeneratedSecret('cloudmart') });
db.secret!.grantRead(appRole);
userData.addCommands(
  \`export DB_SECRET_ARN=\${db.secret!.secretArn}\`,
  'PGPASSWORD=$(aws secretsmanager get-secret-value --secret-id "$DB_SECRET_ARN" --query SecretString --output text | jq -r .password)',
);`,
  },
  datasets: ['autoscaling.groups', 'ec2.launchTemplateVersions'],
  remediationFor(inventory) {
    const templates = names([
      ...new Set(
        autoScalingGroups(inventory)
          .map(launchTemplateRef)
          .filter((r) => r !== undefined)
          .map((r) => r.LaunchTemplateName ?? r.LaunchTemplateId ?? '?'),
      ),
    ]);
    if (!templates) return check.remediation;
    return {
      ...check.remediation,
      ko: `시작 템플릿 ${templates}의 사용자 데이터에 DB 비밀번호를 쓰지 마세요(사용자 데이터는 인스턴스 안과 콘솔에서 누구나 읽을 수 있습니다). Secrets Manager에 저장하고, 부팅 시 인스턴스 역할로 aws secretsmanager get-secret-value를 호출하거나 앱이 SDK로 읽게 하세요. 이미 노출된 비밀번호는 바꾸세요.`,
      en: `Never write the DB password into the user data of launch template ${templates} (anyone on the instance or with console access can read it). Store it in Secrets Manager and fetch it at boot with the instance role (aws secretsmanager get-secret-value) or from the app through the SDK. Rotate the password that was exposed.`,
    };
  },
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory).filter((g) => launchTemplateRef(g) !== undefined);
    if (groups.length === 0) {
      return notApplicable(text('시작 템플릿으로 시작하는 Auto Scaling 그룹이 없습니다(asg.behind-alb에서 채점).', 'No Auto Scaling group launches from a launch template (graded by asg.behind-alb).'));
    }
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
        resources.push(resource(true, id, text(`${asgName(group)}: 사용자 데이터 없음`, `${asgName(group)}: no user data`), { type: 'AWS::EC2::LaunchTemplate' }));
        continue;
      }
      const userData = decodeUserData(encoded);
      const found = findPlaintextSecrets(userData);
      const refs = secretReferences(userData);
      if (found.length) findings[id] = found;
      if (refs.length) references[id] = refs;
      const lines = userData.split('\n').length;
      const detail = found.length
        ? text(
            `사용자 데이터 ${found.map((f) => `${f.line}번째 줄: ${KIND_KO[f.kind] ?? f.kind} (${f.where})`).join('; ')}`,
            `user data line(s) ${found.map((f) => `${f.line}: ${f.kind} (${f.where})`).join('; ')}`,
          )
        : text(
            `사용자 데이터 ${lines}줄에 비밀 값 없음${refs.length ? `; Secrets Manager/SSM 참조 ${refs.length}개에서 비밀 값을 가져옴` : ''}`,
            `no secret literal in ${lines} line(s) of user data${refs.length ? `; fetches secrets from ${refs.length} Secrets Manager/SSM reference(s)` : ''}`,
          );
      resources.push(resource(found.length === 0, id, text(`${asgName(group)}: ${detail.ko}`, `${asgName(group)}: ${detail.en}`), { type: 'AWS::EC2::LaunchTemplate' }));
    }
    return judge(
      resources,
      text('사용자 데이터에 평문 비밀 값이 없습니다.', 'The user data holds no secret literal.'),
      (f) => {
        const d = failingText(f);
        return text(`사용자 데이터에 비밀 값이 있음: ${d.ko}.`, `Secret in user data: ${d.en}.`);
      },
      { evidence: { findings, references } },
    );
  },
});
