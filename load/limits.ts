// Hard caps and defaults for every drill. A drill mutates a real deployment and sends
// real traffic: whatever a user types, rate and duration stay inside these bounds, and
// the load stops by itself when the duration is reached.
import type { DrillKind } from '../contract/report';

/** Offered load (the load runner), requests per second. */
export const MAX_LOAD_RATE = 1000;
/** The prober sends at most this many probes per second (an interval of 1 ms). */
export const MAX_PROBE_RATE = 1000;
/** No drill runs longer than this, whatever its options say. */
export const MAX_DRILL_DURATION_MS = 30 * 60_000;
/** A single request never waits longer than this. */
export const MAX_REQUEST_TIMEOUT_MS = 10_000;
/** Concurrent connections the load runner may open. */
export const MAX_LOAD_CONNECTIONS = 256;

export interface DrillDefaults {
  /** The drill's main time limit (ms): scale-out deadline, failover gap limit, recovery limit... */
  limitMs: number;
  /** How long the drill may run at most, including baseline and tail. */
  durationMs: number;
  probeIntervalMs: number;
  probeTimeoutMs: number;
  /** Offered load for scale-out (req/s). */
  rate: number;
}

export const DRILL_DEFAULTS: Record<DrillKind, DrillDefaults> = {
  // checks.md: within the time limit (default 15 min).
  'scale-out': { limitMs: 15 * 60_000, durationMs: 16 * 60_000, probeIntervalMs: 1000, probeTimeoutMs: 5000, rate: 50 },
  // checks.md: write gap within 120 s (60 s for full marks), no acknowledged write lost.
  'rds-failover': { limitMs: 120_000, durationMs: 10 * 60_000, probeIntervalMs: 200, probeTimeoutMs: 2000, rate: 0 },
  // checks.md: the application keeps serving (error rate within the limit).
  'redis-failover': { limitMs: 10 * 60_000, durationMs: 10 * 60_000, probeIntervalMs: 200, probeTimeoutMs: 2000, rate: 0 },
  // checks.md: errors stop within the limit; the ASG is back to desired with healthy targets.
  'instance-loss': { limitMs: 60_000, durationMs: 15 * 60_000, probeIntervalMs: 200, probeTimeoutMs: 2000, rate: 0 },
  // checks.md: available within the limit (default 30 min, RTO); the duration is the restore
  // drill's own cap (RESTORE_MAX_DURATION_MS), as the restore alone may take the whole limit.
  restore: { limitMs: 30 * 60_000, durationMs: 50 * 60_000, probeIntervalMs: 200, probeTimeoutMs: 2000, rate: 0 },
};

/** Full marks for rds-failover when the write gap is at most this (checks.md). */
export const RDS_FULL_MARKS_GAP_MS = 60_000;
/** redis-failover: the share of failed probes the application may show. */
export const REDIS_MAX_ERROR_RATE = 0.01;
/**
 * How long a failover drill keeps watching AWS after the fault (status, AZs or roles,
 * events, replacement instances), whatever its limits: RDS Multi-AZ failovers "typically
 * 60-120 seconds" and AWS may report them later still (RDS User Guide,
 * Concepts.MultiAZ.Failover). The watch ends as soon as everything awaited is seen.
 */
export const DRILL_OBSERVE_MS = 10 * 60_000;
/** instance-loss: the ASG must be back to desired with healthy targets within this. */
export const INSTANCE_LOSS_RECOVERY_LIMIT_MS = 10 * 60_000;

/** restore (checks.md): the data a point-in-time restore may lose (RPO). */
export const RESTORE_PIT_RPO_LIMIT_MS = 5 * 60_000;
/**
 * restore from a snapshot or a recovery point: they are taken once a day by default
 * (RDS automated backups, the backup window; AWS Backup daily rules), so a day of data.
 */
export const RESTORE_BACKUP_RPO_LIMIT_MS = 24 * 60 * 60_000;
/**
 * The restore drill's hard cap: the restore alone may take its whole RTO limit (30 min by
 * default), then the read-back and the deletion follow. Writes only run before the
 * restore is asked for, so the cap bounds waiting, not load.
 */
export const RESTORE_MAX_DURATION_MS = 60 * 60_000;
/**
 * On AWS the restore drill writes this long before asking for the restore: "The latest
 * restorable time for a DB instance is typically within 5 minutes of the current time"
 * (RDS User Guide, USER_PIT), so a shorter write window might leave no write for the
 * restore to hold.
 */
export const RESTORE_AWS_BASELINE_MS = 6 * 60_000;

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
