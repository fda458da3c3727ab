// The common shape of "every RDS instance / every Redis group must ...": one evidence line
// per resource, not-applicable when the tier does not exist (its presence check grades that).
import type { CheckResult } from '../types';
import type { Inventory } from '../../inventory/types';
import { dbId, dbInstances, redisGroups, rgId, type DbInstance, type ReplicationGroup } from './deployment';
import { failingDetails, judge, notApplicable, resource } from './outcome';

export interface Verdict {
  ok: boolean;
  detail: string;
}

/** Judges every RDS instance of the deployment (reads rds.instances). */
export function judgeEachDbInstance(inventory: Inventory, verdict: (db: DbInstance) => Verdict, passSummary: string, failLabel: string): CheckResult {
  const dbs = dbInstances(inventory);
  if (dbs.length === 0) return notApplicable('The deployment has no RDS instance (graded by rds.postgres-present).');
  const resources = dbs.map((db) => {
    const { ok, detail } = verdict(db);
    return resource(ok, dbId(db), detail, { arn: db.DBInstanceArn, type: 'AWS::RDS::DBInstance' });
  });
  return judge(resources, passSummary, (f) => `${failLabel}: ${failingDetails(f)}.`);
}

/** Judges every Redis replication group of the deployment (reads elasticache.replicationGroups). */
export function judgeEachRedisGroup(
  inventory: Inventory,
  verdict: (group: ReplicationGroup) => Verdict,
  passSummary: string,
  failLabel: string,
): CheckResult {
  const groups = redisGroups(inventory);
  if (groups.length === 0) return notApplicable('The deployment has no Redis replication group (graded by elasticache.redis-present).');
  const resources = groups.map((group) => {
    const { ok, detail } = verdict(group);
    return resource(ok, rgId(group), detail, { arn: group.ARN, type: 'AWS::ElastiCache::ReplicationGroup' });
  });
  return judge(resources, passSummary, (f) => `${failLabel}: ${failingDetails(f)}.`);
}
