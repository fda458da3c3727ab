import { describe, expect, it } from 'vitest';
import { SeriesRecorder } from '../series';

describe('per-second series', () => {
  it('counts each request in the second of its intended send time, with errors by kind', () => {
    const start = 1_000_000;
    const recorder = new SeriesRecorder(start);
    // Second 0: 100 answers of 1..100 ms.
    for (let i = 1; i <= 100; i++) recorder.record({ intendedAt: start + i, ok: true, latencyMs: i });
    // Second 2 (second 1 had no traffic): a timeout and two refused.
    recorder.record({ intendedAt: start + 2500, ok: false, errorKind: 'timeout', latencyMs: 2000 });
    recorder.record({ intendedAt: start + 2600, ok: false, errorKind: 'refused', latencyMs: 1 });
    recorder.record({ intendedAt: start + 2700, ok: false, errorKind: 'refused', latencyMs: 1 });
    const series = recorder.series();
    expect(series).toHaveLength(3);
    expect(series[0]).toMatchObject({ t: 0, sent: 100, ok: 100, errors: {} });
    expect(series[0]!.p50).toBeCloseTo(50, 0);
    expect(series[0]!.p95).toBeCloseTo(95, 0);
    expect(series[0]!.p99).toBeCloseTo(99, 0);
    expect(series[1]).toEqual({ t: 1, sent: 0, ok: 0, errors: {}, p50: null, p95: null, p99: null });
    expect(series[2]).toEqual({ t: 2, sent: 3, ok: 0, errors: { timeout: 1, refused: 2 }, p50: null, p95: null, p99: null });
    const totals = recorder.totals();
    expect(totals).toMatchObject({ sent: 103, ok: 100, errors: { timeout: 1, refused: 2 } });
    expect(totals.errorRate).toBeCloseTo(3 / 103, 6);
    recorder.destroy();
  });

  it('keeps a late answer in the second it was due, with its waiting counted as latency', () => {
    const start = 0;
    const recorder = new SeriesRecorder(start);
    recorder.record({ intendedAt: 10, ok: true, latencyMs: 3500 });
    const series = recorder.series();
    expect(series).toHaveLength(1);
    expect(series[0]!.p99).toBeCloseTo(3500, -1);
    recorder.destroy();
  });
});
