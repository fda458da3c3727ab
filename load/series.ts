// The per-second series of a drill, as the users saw it: requests sent, answered OK,
// failed by kind, and latency percentiles. Each request is counted in the second of its
// INTENDED send time, and its latency runs from that intended time, so a stalled server
// shows up as latency and errors instead of as silence (no coordinated omission).
import * as hdr from 'hdr-histogram-js';
import type { DrillSecond } from '../contract/report';
import type { ErrorKind } from './http-probe';
import { roundMs } from './clock';

export interface RequestSample {
  /** Epoch ms the request was meant to go out. */
  intendedAt: number;
  ok: boolean;
  errorKind?: ErrorKind;
  /** Milliseconds from the intended send time to the answer (successful requests). */
  latencyMs: number;
}

interface Bucket {
  sent: number;
  ok: number;
  errors: Record<string, number>;
  histogram: hdr.Histogram | undefined;
}

// Latencies are recorded in microseconds: 1 µs to 1 hour at 3 significant digits.
function newHistogram(): hdr.Histogram {
  return hdr.build({ bitBucketSize: 'packed', lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
}

export interface SeriesTotals {
  sent: number;
  ok: number;
  errors: Record<string, number>;
  errorRate: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  maxMs: number | null;
}

/**
 * Aggregates samples online, so a 15-minute run at 1000 req/s keeps one small
 * histogram per second instead of a million records.
 */
export class SeriesRecorder {
  private readonly buckets = new Map<number, Bucket>();
  private readonly overall = newHistogram();
  private sent = 0;
  private ok = 0;
  private readonly errors: Record<string, number> = {};

  /** @param startMs epoch ms of second 0 (the drill's start). */
  constructor(readonly startMs: number) {}

  record(sample: RequestSample): void {
    const second = Math.max(0, Math.floor((sample.intendedAt - this.startMs) / 1000));
    let bucket = this.buckets.get(second);
    if (!bucket) {
      bucket = { sent: 0, ok: 0, errors: {}, histogram: undefined };
      this.buckets.set(second, bucket);
    }
    bucket.sent += 1;
    this.sent += 1;
    if (sample.ok) {
      bucket.ok += 1;
      this.ok += 1;
      const micros = Math.max(1, Math.round(sample.latencyMs * 1000));
      (bucket.histogram ??= newHistogram()).recordValue(micros);
      this.overall.recordValue(micros);
    } else {
      const kind = sample.errorKind ?? 'other';
      bucket.errors[kind] = (bucket.errors[kind] ?? 0) + 1;
      this.errors[kind] = (this.errors[kind] ?? 0) + 1;
    }
  }

  /** The series from second 0 to the last second with traffic (empty seconds included). */
  series(): DrillSecond[] {
    const seconds = [...this.buckets.keys()];
    const last = seconds.length ? Math.max(...seconds) : -1;
    const out: DrillSecond[] = [];
    for (let t = 0; t <= last; t++) {
      const bucket = this.buckets.get(t);
      const h = bucket?.histogram;
      out.push({
        t,
        sent: bucket?.sent ?? 0,
        ok: bucket?.ok ?? 0,
        errors: { ...(bucket?.errors ?? {}) },
        p50: h ? percentileMs(h, 50) : null,
        p95: h ? percentileMs(h, 95) : null,
        p99: h ? percentileMs(h, 99) : null,
      });
    }
    return out;
  }

  totals(): SeriesTotals {
    const any = this.ok > 0;
    return {
      sent: this.sent,
      ok: this.ok,
      errors: { ...this.errors },
      errorRate: this.sent ? (this.sent - this.ok) / this.sent : 0,
      p50: any ? percentileMs(this.overall, 50) : null,
      p95: any ? percentileMs(this.overall, 95) : null,
      p99: any ? percentileMs(this.overall, 99) : null,
      maxMs: any ? roundMs(this.overall.maxValue / 1000) : null,
    };
  }

  /** Frees the histograms (they hold typed arrays). */
  destroy(): void {
    for (const bucket of this.buckets.values()) bucket.histogram?.destroy();
    this.overall.destroy();
  }
}

function percentileMs(histogram: hdr.Histogram, percentile: number): number {
  return roundMs(histogram.getValueAtPercentile(percentile) / 1000);
}
