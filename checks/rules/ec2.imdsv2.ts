// ec2.imdsv2: the launch template requires IMDSv2 (HttpTokens=required). Read from the launch
// template version each ASG actually uses ($Latest, $Default or a number). An ASG launching
// from a launch configuration fails (no launch template to require it). A version missing from
// the inventory: error. No ASG: not-applicable (asg.behind-alb grades the app tier).
import { catalogueEntry } from '../../contract/check-catalogue';
import type { ResourceEvidence } from '../../contract/report';
import { asgName, autoScalingGroups, describeLaunchTemplateRefText, launchTemplateRef, resolveLaunchTemplateVersion } from './lib/deployment';
import { asgNames, names } from './lib/fix';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { NO_ASG } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('ec2.imdsv2'),
  remediation: {
    ko: '시작 템플릿의 메타데이터 옵션에서 IMDSv2를 필수(HttpTokens=required)로 하고, ASG가 그 버전을 쓰도록 하세요. IMDSv1은 SSRF로 인스턴스 역할 자격 증명이 새어 나갈 수 있습니다.',
    en: 'Require IMDSv2 (HttpTokens=required) in the launch template metadata options and make the ASG use that version; IMDSv1 lets an SSRF bug leak the instance role credentials.',
    console: {
      ko: 'EC2 콘솔 > 시작 템플릿 > (앱의 시작 템플릿) > 작업 > 템플릿 수정(새 버전 생성) > 고급 세부 정보 > 메타데이터 버전 "V2 전용(토큰 필요)" > 템플릿 버전 생성. 그다음 Auto Scaling 그룹 > (앱의 ASG) > 편집: 시작 템플릿 버전을 새 버전(또는 Latest)으로 > 업데이트 후 인스턴스 새로 고침.',
      en: "EC2 console > Launch templates > (the app's launch template) > Actions > Modify template (Create new version) > Advanced details > Metadata version \"V2 only (token required)\" > Create template version. Then Auto Scaling groups > (the app's ASG) > Edit: launch template version = the new one (or Latest) > Update, and start an instance refresh.",
    },
    cdk: `new ec2.LaunchTemplate(this, 'AppTemplate', { /* ... */ requireImdsv2: true });`,
  },
  datasets: ['autoscaling.groups', 'ec2.launchTemplateVersions'],
  remediationFor(inventory) {
    const groups = autoScalingGroups(inventory);
    const templates = names([...new Set(groups.map(launchTemplateRef).filter((r) => r !== undefined).map((r) => r.LaunchTemplateName ?? r.LaunchTemplateId ?? '?'))]);
    const asgs = asgNames(inventory);
    if (!templates || !asgs) return check.remediation;
    return {
      ...check.remediation,
      ko: `시작 템플릿 ${templates}의 메타데이터 옵션에서 IMDSv2를 필수(HttpTokens=required)로 한 새 버전을 만들고, ASG ${asgs}가 그 버전을 쓰도록 하세요. IMDSv1은 SSRF로 인스턴스 역할 자격 증명이 새어 나갈 수 있습니다.`,
      en: `Create a version of launch template ${templates} that requires IMDSv2 (HttpTokens=required) in its metadata options and make ASG ${asgs} use it; IMDSv1 lets an SSRF bug leak the instance role credentials.`,
      console: {
        ko: `EC2 콘솔 > 시작 템플릿 > ${templates} > 작업 > 템플릿 수정(새 버전 생성) > 고급 세부 정보 > 메타데이터 버전 "V2 전용(토큰 필요)" > 템플릿 버전 생성. 그다음 Auto Scaling 그룹 > ${asgs} > 편집: 시작 템플릿 버전을 새 버전(또는 Latest)으로 > 업데이트 후 인스턴스 새로 고침.`,
        en: `EC2 console > Launch templates > ${templates} > Actions > Modify template (Create new version) > Advanced details > Metadata version "V2 only (token required)" > Create template version. Then Auto Scaling groups > ${asgs} > Edit: launch template version = the new one (or Latest) > Update, and start an instance refresh.`,
      },
    };
  },
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return notApplicable(NO_ASG);
    const resources: ResourceEvidence[] = groups.map((group) => {
      const ref = launchTemplateRef(group);
      if (!ref) {
        const lc = group.LaunchConfigurationName;
        return resource(
          false,
          asgName(group),
          lc ? text(`시작 구성 ${lc}에서 시작함`, `launches from launch configuration ${lc}`) : text('시작 템플릿 없이 시작함', 'launches from no launch template'),
          { arn: group.AutoScalingGroupARN, type: 'AWS::AutoScaling::AutoScalingGroup' },
        );
      }
      const version = resolveLaunchTemplateVersion(inventory, ref);
      const set = version.LaunchTemplateData?.MetadataOptions?.HttpTokens;
      const endpoint = version.LaunchTemplateData?.MetadataOptions?.HttpEndpoint;
      // Turning the metadata endpoint off entirely also leaves nothing for IMDSv1 to leak.
      const ok = set === 'required' || endpoint === 'disabled';
      const id = `${version.LaunchTemplateName ?? version.LaunchTemplateId ?? '?'}:${version.VersionNumber ?? '?'}`;
      const uses = describeLaunchTemplateRefText(ref);
      return resource(
        ok,
        id,
        text(
          `${asgName(group)}이(가) ${uses.ko}(= 버전 ${version.VersionNumber}) 사용: HttpTokens ${set ?? 'optional(설정 안 됨)'}${endpoint === 'disabled' ? ', 엔드포인트 꺼짐' : ''}`,
          `${asgName(group)} uses ${uses.en} (= version ${version.VersionNumber}): HttpTokens ${set ?? 'optional (not set)'}${endpoint === 'disabled' ? ', endpoint disabled' : ''}`,
        ),
        { type: 'AWS::EC2::LaunchTemplate' },
      );
    });
    return judge(resources, text('시작 템플릿이 IMDSv2를 요구합니다.', 'The launch template requires IMDSv2.'), (f) => {
      const d = failingText(f);
      return text(`IMDSv1 허용됨: ${d.ko}.`, `IMDSv1 allowed: ${d.en}.`);
    });
  },
});
