// The drills, by kind, and their options: defaults from checks.md (load/limits.ts),
// what the user asked for, and the hard caps, in that order.
import type { DrillKind, DrillResult } from '../../contract/report';
import { UsageError } from '../../contract/errors';
import {
  clamp,
  DRILL_DEFAULTS,
  DRILL_OBSERVE_MS,
  INSTANCE_LOSS_RECOVERY_LIMIT_MS,
  MAX_DRILL_DURATION_MS,
  MAX_LOAD_RATE,
  MAX_PROBE_RATE,
  MAX_REQUEST_TIMEOUT_MS,
  REDIS_MAX_ERROR_RATE,
  RESTORE_AWS_BASELINE_MS,
  RESTORE_BACKUP_RPO_LIMIT_MS,
  RESTORE_MAX_DURATION_MS,
  RESTORE_PIT_RPO_LIMIT_MS,
} from '../limits';
import type { RestoreSourceKind } from '../target';
import { runInstanceLossDrill } from './instance-loss';
import { runRdsFailoverDrill } from './rds-failover';
import { runRedisFailoverDrill } from './redis-failover';
import { runRestoreDrill } from './restore';
import type { DrillContext, DrillOptions } from './drill-runner';
import { runScaleOutDrill } from './scale-out';

export const DRILLS: Record<DrillKind, (context: DrillContext) => Promise<DrillResult>> = {
  'scale-out': runScaleOutDrill,
  'rds-failover': runRdsFailoverDrill,
  'redis-failover': runRedisFailoverDrill,
  'instance-loss': runInstanceLossDrill,
  restore: runRestoreDrill,
};

export interface DrillOptionInput {
  limitMs?: number;
  durationMs?: number;
  probeIntervalMs?: number;
  probeTimeoutMs?: number;
  rate?: number;
  baselineMs?: number;
  settleMs?: number;
  maxErrorRate?: number;
  recoveryLimitMs?: number;
  observeMs?: number;
  /** restore: the source (default point in time), the moment (epoch ms) of a point-in-time restore, the RPO limit. */
  restoreFrom?: RestoreSourceKind;
  restoreTimeMs?: number;
  rpoLimitMs?: number;
}

/**
 * The options a drill runs with. The local rehearsal moves in seconds, not minutes, so
 * its baseline and settle times are shorter; the limits of checks.md stay the same.
 */
export function drillOptions(kind: DrillKind, input: DrillOptionInput = {}, targetKind: 'aws' | 'local' = 'aws'): DrillOptions {
  const defaults = DRILL_DEFAULTS[kind];
  const local = targetKind === 'local';
  const limitMs = input.limitMs ?? defaults.limitMs;
  if (!(limitMs > 0)) throw new UsageError({ ko: '--limit은 양의 초 단위 숫자여야 합니다.', en: '--limit must be a positive number of seconds.' });
  const probeIntervalMs = input.probeIntervalMs ?? (local ? Math.min(defaults.probeIntervalMs, 100) : defaults.probeIntervalMs);
  if (!(probeIntervalMs >= 1000 / MAX_PROBE_RATE)) throw new UsageError({ ko: `프로브 간격은 ${1000 / MAX_PROBE_RATE} ms 이상이어야 합니다.`, en: `The probe interval must be at least ${1000 / MAX_PROBE_RATE} ms.` });
  const rate = input.rate ?? (local ? Math.min(defaults.rate, 60) : defaults.rate);
  if (kind === 'scale-out' && !(rate > 0)) throw new UsageError({ ko: '--rate는 초당 요청 수로 양수여야 합니다.', en: '--rate must be a positive number of requests per second.' });
  const recoveryLimitMs = input.recoveryLimitMs ?? (local ? 60_000 : INSTANCE_LOSS_RECOVERY_LIMIT_MS);
  const settleMs = input.settleMs ?? (local ? 2000 : 10_000);
  const restoreFrom = input.restoreFrom ?? 'point-in-time';
  // A point-in-time restore on AWS needs writes older than the latest restorable time (RESTORE_AWS_BASELINE_MS).
  const baselineMs = input.baselineMs ?? (local ? 2000 : kind === 'restore' && restoreFrom === 'point-in-time' && input.restoreTimeMs === undefined ? RESTORE_AWS_BASELINE_MS : 10_000);
  if (input.restoreTimeMs !== undefined) {
    if (kind !== 'restore' || restoreFrom !== 'point-in-time') throw new UsageError({ ko: '--restore-time은 특정 시점 복원(restore --from point-in-time)에만 쓸 수 있습니다.', en: '--restore-time only goes with a point-in-time restore (restore --from point-in-time).' });
    if (!Number.isFinite(input.restoreTimeMs) || input.restoreTimeMs > Date.now()) throw new UsageError({ ko: '--restore-time은 지나간 시각(ISO 8601)이어야 합니다.', en: '--restore-time must be a moment in the past (ISO 8601).' });
  }
  const rpoLimitMs = input.rpoLimitMs ?? (restoreFrom === 'point-in-time' ? RESTORE_PIT_RPO_LIMIT_MS : RESTORE_BACKUP_RPO_LIMIT_MS);
  if (!(rpoLimitMs > 0)) throw new UsageError({ ko: '--rpo-limit은 양의 초 단위 숫자여야 합니다.', en: '--rpo-limit must be a positive number of seconds.' });
  // The rehearsal reports its failovers at once; AWS takes minutes (DRILL_OBSERVE_MS).
  const observeMs = input.observeMs ?? (local ? 60_000 : DRILL_OBSERVE_MS);
  if (!(observeMs > 0)) throw new UsageError({ ko: '--observe는 양의 초 단위 숫자여야 합니다.', en: '--observe must be a positive number of seconds.' });
  const watchedMs = kind === 'scale-out' || kind === 'restore' ? limitMs : Math.max(limitMs, observeMs, kind === 'instance-loss' ? recoveryLimitMs : 0);
  const durationMs = input.durationMs ?? Math.max(defaults.durationMs, watchedMs + baselineMs + settleMs + 60_000);
  // The restore alone may take its whole limit (RESTORE_MAX_DURATION_MS); its writes stop before it.
  const maxDurationMs = kind === 'restore' ? RESTORE_MAX_DURATION_MS : MAX_DRILL_DURATION_MS;
  return {
    limitMs: clamp(limitMs, 1000, MAX_DRILL_DURATION_MS),
    durationMs: clamp(durationMs, 5000, maxDurationMs),
    probeIntervalMs: clamp(probeIntervalMs, 1000 / MAX_PROBE_RATE, 60_000),
    probeTimeoutMs: clamp(input.probeTimeoutMs ?? (local ? 1000 : defaults.probeTimeoutMs), 50, MAX_REQUEST_TIMEOUT_MS),
    rate: clamp(rate, 0, MAX_LOAD_RATE),
    baselineMs: clamp(baselineMs, 0, 5 * 60_000),
    settleMs: clamp(settleMs, 0, 5 * 60_000),
    maxErrorRate: clamp(input.maxErrorRate ?? REDIS_MAX_ERROR_RATE, 0, 1),
    recoveryLimitMs: clamp(recoveryLimitMs, 1000, MAX_DRILL_DURATION_MS),
    observeMs: clamp(observeMs, 100, MAX_DRILL_DURATION_MS),
    restoreFrom,
    ...(input.restoreTimeMs !== undefined ? { restoreTimeMs: input.restoreTimeMs } : {}),
    rpoLimitMs: clamp(rpoLimitMs, 1000, 7 * RESTORE_BACKUP_RPO_LIMIT_MS),
  };
}

export function runDrill(kind: DrillKind, context: DrillContext): Promise<DrillResult> {
  return DRILLS[kind](context);
}
