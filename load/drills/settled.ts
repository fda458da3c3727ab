// When the traffic has settled after a fault: what a run waits for, besides AWS, before
// it stops watching. Not part of any verdict (the judges read the probes themselves).
import { nowMs } from '../clock';
import type { ProbeRecord } from '../prober';

/** The moment of the last failed probe after the fault (the fault itself when none failed). */
function lastFailureAfter(records: ProbeRecord[], faultAt: number): number {
  return Math.max(faultAt, ...records.filter((r) => r.intendedAt > faultAt && !r.ok).map((r) => r.intendedAt));
}

/** No probe has failed for settleMs since the fault. */
export function probesSettled(records: ProbeRecord[], faultAt: number, settleMs: number): boolean {
  return nowMs() - lastFailureAfter(records, faultAt) >= settleMs;
}

/** Writes flow again: none failed for settleMs, and one was acknowledged after the last failure. */
export function writesSettled(records: ProbeRecord[], faultAt: number, settleMs: number): boolean {
  const lastFailure = lastFailureAfter(records, faultAt);
  return nowMs() - lastFailure >= settleMs && records.some((r) => r.ok && r.intendedAt > lastFailure);
}
