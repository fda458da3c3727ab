// The thresholds every check reads, in one place, with the defaults of checks.md and
// the course (budget USD 0.80 for a 50-minute lab, 7 days of backups, ...).
// An instructor or a CLI flag may override any of them: `resolveCheckConfig(partial)`
// validates the overrides and fills in the rest.
import { z } from 'zod';
import { UsageError } from '../contract/errors';

/** Which deployment resource an alarm requirement is about, and the dimension naming it. */
export const AlarmResourceKind = z.enum(['asg', 'alb', 'rds', 'redis']);
export type AlarmResourceKind = z.infer<typeof AlarmResourceKind>;

/** One row of alarms.coverage: an alarm on one of these metrics must name each resource of the kind. */
export const AlarmRequirement = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  resource: AlarmResourceKind,
  namespace: z.string().min(1),
  /** Any of these metric names satisfies the requirement. */
  metricNames: z.array(z.string().min(1)).min(1),
});
export type AlarmRequirement = z.infer<typeof AlarmRequirement>;

/** The alarm set of checks.md (monitoring / alarms.coverage). */
export const DEFAULT_REQUIRED_ALARMS: AlarmRequirement[] = [
  { id: 'asg-cpu', label: 'ASG CPU', resource: 'asg', namespace: 'AWS/EC2', metricNames: ['CPUUtilization'] },
  {
    id: 'alb-5xx',
    label: 'ALB 5xx',
    resource: 'alb',
    namespace: 'AWS/ApplicationELB',
    metricNames: ['HTTPCode_ELB_5XX_Count', 'HTTPCode_Target_5XX_Count'],
  },
  { id: 'alb-unhealthy-hosts', label: 'ALB unhealthy hosts', resource: 'alb', namespace: 'AWS/ApplicationELB', metricNames: ['UnHealthyHostCount'] },
  { id: 'rds-cpu', label: 'RDS CPU', resource: 'rds', namespace: 'AWS/RDS', metricNames: ['CPUUtilization'] },
  { id: 'rds-free-storage', label: 'RDS free storage', resource: 'rds', namespace: 'AWS/RDS', metricNames: ['FreeStorageSpace'] },
  {
    id: 'redis-cpu-or-memory',
    label: 'Redis CPU or memory',
    resource: 'redis',
    namespace: 'AWS/ElastiCache',
    metricNames: ['CPUUtilization', 'EngineCPUUtilization', 'DatabaseMemoryUsagePercentage', 'FreeableMemory'],
  },
];

export const CheckConfig = z.strictObject({
  /** rds.backup-retention and backup.plan-covers-rds: minimum days of backups. */
  backupRetentionDays: z.number().int().positive().default(7),
  /** elasticache.snapshots: minimum snapshot retention in days. */
  cacheSnapshotRetentionDays: z.number().int().positive().default(1),
  /** cost.within-budget: the lab's budget and duration. */
  budgetUsd: z.number().positive().default(0.8),
  labMinutes: z.number().positive().default(50),
  /** asg.multi-az, alb.multi-az, vpc.multi-az-subnets: how many AZs make "Multi-AZ". */
  minAvailabilityZones: z.number().int().min(2).default(2),
  /** asg.multi-az: the smallest minimum capacity that survives losing one instance. */
  minAsgCapacity: z.number().int().min(1).default(2),
  /** The API port behind the ALB (evidence of sg.app-from-alb-only). */
  appPort: z.number().int().min(1).max(65535).default(8080),
  /** Used when an RDS instance or Redis group does not report its own port. */
  dbPort: z.number().int().min(1).max(65535).default(5432),
  redisPort: z.number().int().min(1).max(65535).default(6379),
  /** alarms.coverage: the required metric -> alarm matrix. */
  requiredAlarms: z.array(AlarmRequirement).min(1).default(DEFAULT_REQUIRED_ALARMS),
  /** tags.cleanup: the cleanup tags of interface.md. */
  studentTagKey: z.string().min(1).default('cloudmart:student'),
  expiresTagKey: z.string().min(1).default('cloudmart:expires-at'),
  /** logs.retention: log groups that are not the application's (service-owned groups). */
  nonApplicationLogGroupPrefixes: z.array(z.string()).default(['/aws/', 'RDSOSMetrics']),
});
export type CheckConfig = z.infer<typeof CheckConfig>;
export type CheckConfigInput = z.input<typeof CheckConfig>;

export const DEFAULT_CHECK_CONFIG: CheckConfig = CheckConfig.parse({});

/** Validates overrides (from a file or flags) and fills in the defaults; bad values are a usage error. */
export function resolveCheckConfig(overrides: unknown = {}): CheckConfig {
  const parsed = CheckConfig.safeParse(overrides ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the check configuration';
    throw new UsageError(`Invalid check configuration: ${where}: ${issue.message}.`);
  }
  return parsed.data;
}
