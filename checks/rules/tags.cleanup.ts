// tags.cleanup: every discovered resource that supports tags carries the deployment's cleanup
// tags: cloudmart:student = the student, and cloudmart:expires-at = a valid ISO-8601 time.
// DiscoveredResource.tags === null means "cannot carry tags, or the tags could not be read";
// discovery sets `tagsUnreadable` when a call that should have given them failed (IAM roles'
// tags come from iam:ListRoleTags, buckets' from S3 in their own region, distributions' from
// CloudFront). For the types below, which always carry tags, null can only mean "could not be
// read": if no resource is a definite offender, that makes the check `error` (never a silent pass).
// No taggable resource at all: not-applicable (there is nothing to clean up).
import { catalogueEntry } from '../../contract/check-catalogue';
import type { ResourceEvidence } from '../../contract/report';
import { ALWAYS_TAGGABLE } from '../discovery/taggable-types';
import { awsCreatedResources } from './lib/aws-created';
import { errored, failed, notApplicable, resource } from './lib/outcome';
import { idList, joinText, text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

/** A valid ISO-8601 date or date-time (calendar-checked: 2026-02-31 is not a date). */
export function isIsoTime(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  if (match[4] !== undefined && (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6] ?? 0) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

export const check = defineCheck({
  ...catalogueEntry('tags.cleanup'),
  remediation: {
    ko: '모든 리소스에 cloudmart:student=<학생 ID>와 cloudmart:expires-at=<ISO-8601 시각, 예: 2026-11-27T18:00:00+09:00> 태그를 붙이세요. CDK에서는 앱 전체에 Tags.of(app).add(...)를 한 번 호출하면 됩니다. 콘솔에서 만들었다면 리소스마다 태그를 추가하세요.',
    en: 'Tag every resource with cloudmart:student=<student id> and cloudmart:expires-at=<ISO-8601 time, e.g. 2026-11-27T18:00:00+09:00>. In CDK, one Tags.of(app).add(...) per tag covers the whole app; for console-built resources add the tags to each one.',
    console: {
      ko: '리소스 그룹 및 태그 편집기 콘솔 > 태그 편집기: 리전 ap-northeast-2, 리소스 유형 "All supported resource types" > 리소스 검색 > 내 리소스 선택 > 선택한 리소스의 태그 관리 > 태그 추가 cloudmart:student = <학생 ID>, cloudmart:expires-at = <ISO-8601 시각> > 변경 사항 검토 및 적용. CloudFront 배포와 IAM 역할은 각 콘솔의 태그 탭에서 추가하세요.',
      en: 'Resource Groups & Tag Editor console > Tag Editor: region ap-northeast-2, resource types "All supported resource types" > Search resources > select your resources > Manage tags of selected resources > Add tag cloudmart:student = <student id>, cloudmart:expires-at = <ISO-8601 time> > Review and apply tag changes. Add them to CloudFront distributions and IAM roles from the Tags tab of their own consoles.',
    },
    cdk: `Tags.of(app).add('cloudmart:student', student);
Tags.of(app).add('cloudmart:expires-at', new Date(Date.now() + 3 * 3600_000).toISOString());`,
  },
  datasets: [],
  // Only to tell the resources AWS created (default security group, main route table,
  // target-tracking alarms) from the student's own; see lib/aws-created.ts.
  optionalDatasets: ['ec2.securityGroups', 'ec2.routeTables', 'autoscaling.policies', 'cloudwatch.metricAlarms'],
  remediationFor(inventory, config) {
    const student = inventory.discovery.student;
    const region = inventory.target.region;
    const pair = `${config.studentTagKey}=${student}`;
    const expires = `${config.expiresTagKey}=<ISO-8601 시각, 예: 2026-11-27T18:00:00+09:00>`;
    const expiresEn = `${config.expiresTagKey}=<ISO-8601 time, e.g. 2026-11-27T18:00:00+09:00>`;
    return {
      ...check.remediation,
      ko: `모든 리소스에 ${pair}와 ${expires} 태그를 붙이세요. CDK에서는 앱 전체에 Tags.of(app).add(...)를 한 번 호출하면 됩니다. 콘솔에서 만들었다면 리소스마다 태그를 추가하세요.`,
      en: `Tag every resource with ${pair} and ${expiresEn}. In CDK, one Tags.of(app).add(...) per tag covers the whole app; for console-built resources add the tags to each one.`,
      console: {
        ko: `리소스 그룹 및 태그 편집기 콘솔 > 태그 편집기: 리전 ${region}, 리소스 유형 "All supported resource types" > 리소스 검색 > 내 리소스 선택 > 선택한 리소스의 태그 관리 > 태그 추가 ${config.studentTagKey} = ${student}, ${config.expiresTagKey} = <ISO-8601 시각> > 변경 사항 검토 및 적용. CloudFront 배포와 IAM 역할은 각 콘솔의 태그 탭에서 추가하세요.`,
        en: `Resource Groups & Tag Editor console > Tag Editor: region ${region}, resource types "All supported resource types" > Search resources > select your resources > Manage tags of selected resources > Add tag ${config.studentTagKey} = ${student}, ${config.expiresTagKey} = <ISO-8601 time> > Review and apply tag changes. Add them to CloudFront distributions and IAM roles from the Tags tab of their own consoles.`,
      },
      cdk: `Tags.of(app).add('${config.studentTagKey}', '${student}');
Tags.of(app).add('${config.expiresTagKey}', new Date(Date.now() + 3 * 3600_000).toISOString());`,
    };
  },
  evaluate(inventory, config) {
    const student = inventory.discovery.student;
    const awsCreated = awsCreatedResources(inventory);
    const offenders: ResourceEvidence[] = [];
    const unreadable: string[] = [];
    /** Why, where discovery knows: the call that should have given the tags failed. */
    const unreadableBecause: Record<string, string> = {};
    const createdByAws: string[] = [];
    let checked = 0;
    let skipped = 0;
    for (const r of inventory.discovery.resources) {
      if (awsCreated.ids.has(r.id)) {
        createdByAws.push(r.id);
        continue;
      }
      if (r.tags === null) {
        if (r.tagsUnreadable !== undefined) unreadableBecause[r.id] = r.tagsUnreadable;
        if (r.tagsUnreadable !== undefined || ALWAYS_TAGGABLE.has(r.type)) unreadable.push(r.id);
        else skipped++;
        continue;
      }
      checked++;
      const problems: Bilingual[] = [];
      const owner = r.tags[config.studentTagKey];
      const expires = r.tags[config.expiresTagKey];
      const { studentTagKey: ownerKey, expiresTagKey: expiresKey } = config;
      if (owner === undefined) problems.push(text(`${ownerKey} 태그 없음`, `no ${ownerKey} tag`));
      else if (owner !== student) problems.push(text(`${ownerKey}이(가) "${student}"가 아니라 "${owner}"`, `${ownerKey} is "${owner}", not "${student}"`));
      if (expires === undefined) problems.push(text(`${expiresKey} 태그 없음`, `no ${expiresKey} tag`));
      else if (!isIsoTime(expires)) problems.push(text(`${expiresKey} "${expires}"이(가) ISO-8601 시각이 아님`, `${expiresKey} "${expires}" is not an ISO-8601 time`));
      if (problems.length) offenders.push(resource(false, r.id, joinText(problems), { arn: r.arn, type: r.type }));
    }
    const evidence = { checked, offenders: offenders.length, skippedUntaggable: skipped, unreadable, ...(unreadable.some((id) => unreadableBecause[id]) ? { unreadableBecause } : {}), createdByAws };
    const firstReason = unreadable.map((id) => unreadableBecause[id]).find((why) => why !== undefined);
    const because = firstReason ? ` (${firstReason.replace(/\.$/, '')})` : '';
    const unreadableIds = idList(unreadable, 5);
    const awsIds = idList(createdByAws, 5);
    const notes = [
      ...(unreadable.length ? [text(`${unreadableIds.ko}의 태그를 읽지 못했습니다.`, `The tags of ${unreadableIds.en} could not be read.`)] : []),
      ...(createdByAws.length ? [text(`AWS가 만드는 리소스라 태그가 없어도 됩니다: ${awsIds.ko}.`, `Not required to carry the tags, because AWS creates them: ${awsIds.en}.`)] : []),
    ];
    // An untagged resource of a type whose AWS-created members could not be told apart may be
    // one of them: that is "could not decide" (error), not a fail.
    const undecided = offenders.filter((o) => o.type !== undefined && awsCreated.undecidableTypes.has(o.type));
    if (undecided.length && undecided.length === offenders.length) {
      const ids = idList(undecided.map((o) => o.id), 5);
      return errored(
        text(`${ids.ko}을(를) AWS가 만들었는지 알 수 없습니다(해당 데이터셋을 수집하지 못함).`, `Could not tell whether ${ids.en} were created by AWS (their dataset was not collected).`),
        undecided,
        { evidence },
      );
    }
    if (offenders.length) {
      const ids = idList(offenders);
      return failed(text(`태그가 있는 리소스 ${checked}개 중 ${offenders.length}개에 올바른 정리용 태그가 없음: ${ids.ko}.`, `${offenders.length} of ${checked} tagged resource(s) lack valid cleanup tags: ${ids.en}.`), offenders, {
        evidence,
        ...(notes.length ? { notes } : {}),
      });
    }
    if (unreadable.length) {
      return errored(
        text(`${unreadableIds.ko}의 태그를 읽지 못했습니다${because}.`, `The tags of ${unreadableIds.en} could not be read${because}.`),
        [],
        { evidence },
      );
    }
    if (checked === 0) return notApplicable(text('발견된 리소스 중 태그를 지원하는 것이 없습니다.', 'No discovered resource supports tags.'), { evidence });
    return {
      status: 'pass',
      summary: text(
        `태그를 지원하는 리소스 ${checked}개 모두 ${config.studentTagKey}=${student}와 올바른 ${config.expiresTagKey}가 있습니다.`,
        `All ${checked} taggable resource(s) carry ${config.studentTagKey}=${student} and a valid ${config.expiresTagKey}.`,
      ),
      resources: [],
      evidence,
      ...(notes.length ? { notes } : {}),
    };
  },
});
