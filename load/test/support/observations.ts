// Hand-made observations for the judge tests: probe records on a fixed schedule and looks
// at an Auto Scaling group, built from a few numbers. No process, no clock.
import type { DrillLimits, GroupSnapshot } from '../../drills/observations';
import type { ProbeRecord } from '../../prober';

/** The limits of checks.md's defaults (load/limits.ts), small enough to read in a test. */
export const LIMITS: DrillLimits = { limitMs: 120_000, maxErrorRate: 0.01, recoveryLimitMs: 600_000, observeMs: 600_000, rpoLimitMs: 300_000 };

/**
 * Probes due every `intervalMs` from `fromMs` (inclusive) to `toMs` (exclusive); those due
 * inside a `failing` window [from, to) fail with a timeout. Sequence numbers start at firstSeq.
 */
export function probes(fromMs: number, toMs: number, intervalMs: number, options: { failing?: [number, number][]; firstSeq?: number; detail?: string } = {}): ProbeRecord[] {
  const records: ProbeRecord[] = [];
  for (let at = fromMs, seq = options.firstSeq ?? 0; at < toMs; at += intervalMs, seq += 1) {
    const ok = !(options.failing ?? []).some(([from, to]) => at >= from && at < to);
    records.push({
      seq,
      intendedAt: at,
      sentAt: at,
      doneAt: at + 5,
      latencyMs: 5,
      ok,
      ...(ok ? { status: 200 } : { errorKind: 'timeout' as const }),
      ...(ok && options.detail ? { detail: options.detail } : {}),
    });
  }
  return records;
}

/** The sequence numbers acknowledged in these write probes. */
export function acknowledged(records: ProbeRecord[]): number[] {
  return records.filter((r) => r.ok).map((r) => r.seq);
}

/** One instance of a look at the group: id, AZ, lifecycle state, target health. */
export type InstanceLook = [id: string, az: string, lifecycle: string, health: string];

export function snapshot(at: number, sizes: { min: number; max: number; desired: number }, instances: InstanceLook[]): GroupSnapshot {
  return {
    at,
    group: {
      name: 'cloudmart-asg',
      minSize: sizes.min,
      maxSize: sizes.max,
      desiredCapacity: sizes.desired,
      instances: instances.map(([id, availabilityZone, lifecycleState]) => ({ id, availabilityZone, lifecycleState, healthStatus: 'Healthy' })),
    },
    health: instances.map(([id, , , state]) => ({ id, state })),
  };
}
