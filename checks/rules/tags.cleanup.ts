// tags.cleanup: every discovered resource that supports tags carries the deployment's cleanup
// tags: cloudmart:student = the student, and cloudmart:expires-at = a valid ISO-8601 time.
// DiscoveredResource.tags === null means "cannot carry tags, or the tags could not be read";
// discovery sets `tagsUnreadable` when a call that should have given them failed (IAM roles'
// tags come from iam:ListRoleTags, buckets' from S3 in their own region, distributions' from
// CloudFront). For the types below, which always carry tags, null can only mean "could not be
// read": if no resource is a definite offender, that makes the check `error` (never a silent pass).
// No taggable resource at all: not-applicable (there is nothing to clean up).
import type { ResourceEvidence } from '../../contract/report';
import { awsCreatedResources } from './lib/aws-created';
import { errored, failed, listIds, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

/** CloudFormation types that always support tags: null tags on them mean "not readable". */
const ALWAYS_TAGGABLE = new Set([
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::NatGateway',
  'AWS::EC2::EIP',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBSubnetGroup',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::SubnetGroup',
  'AWS::S3::Bucket',
  'AWS::CloudFront::Distribution',
  'AWS::CloudWatch::Alarm',
  'AWS::Logs::LogGroup',
  'AWS::Backup::BackupPlan',
  'AWS::Backup::BackupVault',
  'AWS::IAM::Role',
  'AWS::SecretsManager::Secret',
  'AWS::SNS::Topic',
]);

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
  id: 'tags.cleanup',
  category: 'architecture',
  severity: 'low',
  title: {
    ko: '태그를 지원하는 모든 리소스에 정리용 태그(학생, 만료 시각)가 있음',
    en: 'Every taggable resource carries the cleanup tags (student and expiry)',
  },
  remediation: {
    ko: '모든 리소스에 cloudmart:student=<학생 ID>와 cloudmart:expires-at=<ISO-8601 시각, 예: 2026-11-27T18:00:00+09:00> 태그를 붙이세요. CDK에서는 앱 전체에 Tags.of(app).add(...)를 한 번 호출하면 됩니다. 콘솔에서 만들었다면 리소스마다 태그를 추가하세요.',
    en: 'Tag every resource with cloudmart:student=<student id> and cloudmart:expires-at=<ISO-8601 time, e.g. 2026-11-27T18:00:00+09:00>. In CDK, one Tags.of(app).add(...) per tag covers the whole app; for console-built resources add the tags to each one.',
    cdk: `Tags.of(app).add('cloudmart:student', student);
Tags.of(app).add('cloudmart:expires-at', new Date(Date.now() + 3 * 3600_000).toISOString());`,
  },
  refs: { fsbp: [], cdkNag: [], prowler: [] },
  datasets: [],
  // Only to tell the resources AWS created (default security group, main route table,
  // target-tracking alarms) from the student's own; see lib/aws-created.ts.
  optionalDatasets: ['ec2.securityGroups', 'ec2.routeTables', 'autoscaling.policies', 'cloudwatch.metricAlarms'],
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
      const problems: string[] = [];
      const owner = r.tags[config.studentTagKey];
      const expires = r.tags[config.expiresTagKey];
      if (owner === undefined) problems.push(`no ${config.studentTagKey} tag`);
      else if (owner !== student) problems.push(`${config.studentTagKey} is "${owner}", not "${student}"`);
      if (expires === undefined) problems.push(`no ${config.expiresTagKey} tag`);
      else if (!isIsoTime(expires)) problems.push(`${config.expiresTagKey} "${expires}" is not an ISO-8601 time`);
      if (problems.length) offenders.push(resource(false, r.id, problems.join('; '), { arn: r.arn, type: r.type }));
    }
    const evidence = { checked, offenders: offenders.length, skippedUntaggable: skipped, unreadable, ...(unreadable.some((id) => unreadableBecause[id]) ? { unreadableBecause } : {}), createdByAws };
    const firstReason = unreadable.map((id) => unreadableBecause[id]).find((why) => why !== undefined);
    const because = firstReason ? ` (${firstReason.replace(/\.$/, '')})` : '';
    const notes = [
      ...(unreadable.length ? [`The tags of ${listIds(unreadable, 5)} could not be read.`] : []),
      ...(createdByAws.length ? [`Not required to carry the tags, because AWS creates them: ${listIds(createdByAws, 5)}.`] : []),
    ];
    // An untagged resource of a type whose AWS-created members could not be told apart may be
    // one of them: that is "could not decide" (error), not a fail.
    const undecided = offenders.filter((o) => o.type !== undefined && awsCreated.undecidableTypes.has(o.type));
    if (undecided.length && undecided.length === offenders.length) {
      return errored(
        `Could not tell whether ${listIds(undecided.map((o) => o.id), 5)} were created by AWS (their dataset was not collected).`,
        undecided,
        { evidence },
      );
    }
    if (offenders.length) {
      return failed(`${offenders.length} of ${checked} tagged resource(s) lack valid cleanup tags: ${listIds(offenders)}.`, offenders, {
        evidence,
        ...(notes.length ? { notes } : {}),
      });
    }
    if (unreadable.length) {
      return errored(
        { ko: `${listIds(unreadable, 5)}의 태그를 읽지 못했습니다${because}.`, en: `The tags of ${listIds(unreadable, 5)} could not be read${because}.` },
        [],
        { evidence },
      );
    }
    if (checked === 0) return notApplicable('No discovered resource supports tags.', { evidence });
    return {
      status: 'pass',
      summary: `All ${checked} taggable resource(s) carry ${config.studentTagKey}=${student} and a valid ${config.expiresTagKey}.`,
      resources: [],
      evidence,
      ...(notes.length ? { notes } : {}),
    };
  },
});
