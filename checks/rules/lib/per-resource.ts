// The common shape of "every RDS database / every Redis group must ...": one evidence line
// per resource, not-applicable when the tier does not exist (its presence check grades that).
// The members of a DB cluster are judged once, by the cluster (lib/db-clusters.ts).
import type { Bilingual } from '../../../contract/report';
import type { CheckResult } from '../types';
import type { Inventory } from '../../inventory/types';
import { dbId, dbInstances, redisGroups, rgId, type DbInstance, type ReplicationGroup } from './deployment';
import { clusterResource, databasesOf, type ClusterSetting, type DbCluster } from './db-clusters';
import { errored, failingText, judge, notApplicable, resource } from './outcome';
import { asText, text } from './text';

export interface Verdict {
  ok: boolean;
  detail: string | Bilingual;
  /** The value could not be read (the API did not report it): the check is `error`, never a guess. */
  unreadable?: boolean;
}

export interface DatabaseVerdicts {
  /** A standalone DB instance (or an Aurora member, for a setting Aurora keeps per instance). */
  instance: (db: DbInstance) => Verdict;
  /** A DB cluster, judged once for all its members. */
  cluster: (cluster: DbCluster) => Verdict;
  /** Which clusters hold the setting (see lib/db-clusters.ts). */
  where: ClusterSetting;
  /** The setting judged, for the sentence when a member's cluster could not be read. */
  setting: Bilingual;
}

/**
 * Judges every RDS database of the deployment (reads rds.instances, and rds.clusters for
 * cluster members): one line per standalone instance, one per DB cluster with its ARN.
 */
export function judgeEachDatabase(
  inventory: Inventory,
  verdicts: DatabaseVerdicts,
  passSummary: string | Bilingual,
  failLabel: string | Bilingual,
): CheckResult {
  if (dbInstances(inventory).length === 0) return notApplicable(NO_DB_INSTANCE);
  const found = databasesOf(inventory, { where: verdicts.where, setting: verdicts.setting });
  if ('unreadable' in found) return errored(found.unreadable);
  const judged = found.databases.map((d) => {
    if (d.kind === 'instance') {
      const v = verdicts.instance(d.db);
      return { v, line: resource(v.ok, dbId(d.db), v.detail, { arn: d.db.DBInstanceArn, type: 'AWS::RDS::DBInstance' }) };
    }
    const v = verdicts.cluster(d.cluster);
    return { v, line: clusterResource(v.ok, d.cluster, d.members, asText(v.detail)) };
  });
  const unreadable = judged.filter((j) => j.v.unreadable);
  if (unreadable.length) {
    const list = failingText(unreadable.map((j) => j.line));
    return errored(text(`판정할 수 없음: ${list.ko}.`, `Cannot be judged: ${list.en}.`), [], { notes: found.notes });
  }
  const label = asText(failLabel);
  return judge(
    judged.map((j) => j.line),
    passSummary,
    (f) => {
      const details = failingText(f);
      return text(`${label.ko}: ${details.ko}.`, `${label.en}: ${details.en}.`);
    },
    { notes: found.notes },
  );
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
