// The common shape of "every RDS instance / every Redis group must ...": one evidence line
// per resource, not-applicable when the tier does not exist (its presence check grades that).
import type { Bilingual } from '../../../contract/report';
import type { CheckResult } from '../types';
import type { Inventory } from '../../inventory/types';
import { dbId, dbInstances, redisGroups, rgId, type DbInstance, type ReplicationGroup } from './deployment';
import { failingText, judge, notApplicable, resource } from './outcome';
import { asText, text } from './text';

export interface Verdict {
  ok: boolean;
  detail: string | Bilingual;
}

/** Judges every RDS instance of the deployment (reads rds.instances). */
export function judgeEachDbInstance(
  inventory: Inventory,
  verdict: (db: DbInstance) => Verdict,
  passSummary: string | Bilingual,
  failLabel: string | Bilingual,
): CheckResult {
  const dbs = dbInstances(inventory);
  if (dbs.length === 0) return notApplicable(NO_DB_INSTANCE);
  const resources = dbs.map((db) => {
    const { ok, detail } = verdict(db);
    return resource(ok, dbId(db), detail, { arn: db.DBInstanceArn, type: 'AWS::RDS::DBInstance' });
  });
  const label = asText(failLabel);
  return judge(resources, passSummary, (f) => {
    const details = failingText(f);
    return text(`${label.ko}: ${details.ko}.`, `${label.en}: ${details.en}.`);
  });
}

/** Judges every Redis replication group of the deployment (reads elasticache.replicationGroups). */
export function judgeEachRedisGroup(
  inventory: Inventory,
  verdict: (group: ReplicationGroup) => Verdict,
  passSummary: string | Bilingual,
  failLabel: string | Bilingual,
): CheckResult {
  const groups = redisGroups(inventory);
  if (groups.length === 0) return notApplicable(NO_REDIS_GROUP);
  const resources = groups.map((group) => {
    const { ok, detail } = verdict(group);
    return resource(ok, rgId(group), detail, { arn: group.ARN, type: 'AWS::ElastiCache::ReplicationGroup' });
  });
  const label = asText(failLabel);
  return judge(resources, passSummary, (f) => {
    const details = failingText(f);
    return text(`${label.ko}: ${details.ko}.`, `${label.en}: ${details.en}.`);
  });
}

/** The not-applicable summaries of a missing tier (its presence check grades the absence). */
export const NO_DB_INSTANCE = text('배포에 RDS 인스턴스가 없습니다(rds.postgres-present에서 채점).', 'The deployment has no RDS instance (graded by rds.postgres-present).');
export const NO_REDIS_GROUP = text(
  '배포에 Redis 복제 그룹이 없습니다(elasticache.redis-present에서 채점).',
  'The deployment has no Redis replication group (graded by elasticache.redis-present).',
);
export const NO_ASG = text('배포에 Auto Scaling 그룹이 없습니다(asg.behind-alb에서 채점).', 'The deployment has no Auto Scaling group (graded by asg.behind-alb).');
export const NO_ALB = text('배포에 Application Load Balancer가 없습니다(alb.internet-facing에서 채점).', 'The deployment has no application load balancer (graded by alb.internet-facing).');
export const NO_DISTRIBUTION = text(
  '배포에 CloudFront 배포가 없습니다(frontend.s3-cloudfront에서 채점).',
  'The deployment has no CloudFront distribution (graded by frontend.s3-cloudfront).',
);
