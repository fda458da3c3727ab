// The drill's timeline: phases, the calls it made, what the services reported, capacity
// and target-health changes. Times are seconds since the drill started (t) plus the
// wall-clock time (at), so the renderers can lay events over the per-second series.
import type { DrillEvent } from '../contract/report';
import { isoAt, nowMs } from './clock';

export class Timeline {
  private readonly events: DrillEvent[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly startMs: number) {}

  add(kind: DrillEvent['kind'], message: string, data?: Record<string, unknown>, atMs = nowMs()): DrillEvent {
    const event: DrillEvent = {
      t: Math.round(((atMs - this.startMs) / 1000) * 10) / 10,
      at: isoAt(atMs),
      kind,
      message,
      ...(data ? { data } : {}),
    };
    this.events.push(event);
    return event;
  }

  /** Adds the event once: polling sees the same service event many times. */
  addOnce(key: string, kind: DrillEvent['kind'], message: string, data?: Record<string, unknown>, atMs?: number): DrillEvent | undefined {
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    return this.add(kind, message, data, atMs);
  }

  /** In time order (service events may arrive after later local events). */
  list(): DrillEvent[] {
    return [...this.events].sort((a, b) => a.t - b.t);
  }
}
