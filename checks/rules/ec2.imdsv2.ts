// ec2.imdsv2: the launch template requires IMDSv2 (HttpTokens=required). Read from the launch
// template version each ASG actually uses ($Latest, $Default or a number). An ASG launching
// from a launch configuration fails (no launch template to require it). A version missing from
// the inventory: error. No ASG: not-applicable (asg.behind-alb grades the app tier).
import type { ResourceEvidence } from '../../contract/report';
import { asgName, autoScalingGroups, describeLaunchTemplateRef, launchTemplateRef, resolveLaunchTemplateVersion } from './lib/deployment';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'ec2.imdsv2',
  category: 'security',
  severity: 'high',
  title: { ko: '시작 템플릿이 IMDSv2(HttpTokens=required)를 요구함', en: 'The launch template requires IMDSv2 (HttpTokens=required)' },
  remediation: {
    ko: '시작 템플릿의 메타데이터 옵션에서 IMDSv2를 필수(HttpTokens=required)로 하고, ASG가 그 버전을 쓰도록 하세요. IMDSv1은 SSRF로 인스턴스 역할 자격 증명이 새어 나갈 수 있습니다.',
    en: 'Require IMDSv2 (HttpTokens=required) in the launch template metadata options and make the ASG use that version; IMDSv1 lets an SSRF bug leak the instance role credentials.',
    cdk: `new ec2.LaunchTemplate(this, 'AppTemplate', { /* ... */ requireImdsv2: true });`,
  },
  refs: { fsbp: ['AutoScaling.3'], cdkNag: [], prowler: [] },
  datasets: ['autoscaling.groups', 'ec2.launchTemplateVersions'],
  evaluate(inventory) {
    const groups = autoScalingGroups(inventory);
    if (groups.length === 0) return notApplicable('The deployment has no Auto Scaling group (graded by asg.behind-alb).');
    const resources: ResourceEvidence[] = groups.map((group) => {
      const ref = launchTemplateRef(group);
      if (!ref) {
        return resource(false, asgName(group), `launches from ${group.LaunchConfigurationName ? `launch configuration ${group.LaunchConfigurationName}` : 'no launch template'}`, {
          arn: group.AutoScalingGroupARN,
          type: 'AWS::AutoScaling::AutoScalingGroup',
        });
      }
      const version = resolveLaunchTemplateVersion(inventory, ref);
      const tokens = version.LaunchTemplateData?.MetadataOptions?.HttpTokens ?? 'optional (not set)';
      const endpoint = version.LaunchTemplateData?.MetadataOptions?.HttpEndpoint;
      // Turning the metadata endpoint off entirely also leaves nothing for IMDSv1 to leak.
      const ok = tokens === 'required' || endpoint === 'disabled';
      const id = `${version.LaunchTemplateName ?? version.LaunchTemplateId ?? '?'}:${version.VersionNumber ?? '?'}`;
      return resource(ok, id, `${asgName(group)} uses ${describeLaunchTemplateRef(ref)} (= version ${version.VersionNumber}): HttpTokens ${tokens}${endpoint === 'disabled' ? ', endpoint disabled' : ''}`, {
        type: 'AWS::EC2::LaunchTemplate',
      });
    });
    return judge(resources, 'The launch template requires IMDSv2.', (f) => `IMDSv1 allowed: ${failingDetails(f)}.`);
  },
});
