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

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
