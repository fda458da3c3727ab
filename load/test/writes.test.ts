import { describe, expect, it } from 'vitest';
import type { ProbeRecord } from '../prober';
import { analyseWrites, judgeWrite, writeSeqBase } from '../writes';

function probe(seq: number, intendedAt: number, ok: boolean): ProbeRecord {
  return { seq, intendedAt, sentAt: intendedAt, doneAt: intendedAt + 5, latencyMs: 5, ok, ...(ok ? {} : { errorKind: 'http5xx' as const }) };
}

describe('write analysis', () => {
  it('measures the gap from the last acknowledged write before an outage to the first after it', () => {
    const records = [probe(1, 0, true), probe(2, 100, true), probe(3, 200, false), probe(4, 300, false), probe(5, 400, true), probe(6, 500, true)];
    const analysis = analyseWrites(records, [1, 2, 5, 6], 150, 600);
    expect(analysis).toMatchObject({ writeGapMs: 300, gapFrom: 100, gapTo: 400, lost: [], acknowledged: 4, acknowledgedAfter: true });
  });

  it('names the acknowledged writes that are missing afterwards, and does not blame unacknowledged ones', () => {
    const records = [probe(1, 0, true), probe(2, 100, true), probe(3, 200, true), probe(4, 300, false)];
    // 2 and 3 were acknowledged but are gone; 4 failed for the client yet was committed.
    const analysis = analyseWrites(records, [1, 4], 250, 400);
    expect(analysis.lost).toEqual([2, 3]);
    expect(analysis.unconfirmedCommitted).toBe(1);
  });

  it('runs the gap to the end of the drill when no write was acknowledged after the fault', () => {
    const records = [probe(1, 0, true), probe(2, 100, true), probe(3, 200, false), probe(4, 300, false)];
    const analysis = analyseWrites(records, [1, 2], 150, 10_100);
    expect(analysis.acknowledgedAfter).toBe(false);
    expect(analysis.writeGapMs).toBe(10_000);
    expect(analysis.gapTo).toBeUndefined();
  });

  it('acknowledges a write only when the answer names its sequence number', () => {
    expect(judgeWrite({ ok: true, status: 201, body: '{"seq":7,"committedAt":"2026-01-01T00:00:00.000Z"}', doneAt: 0 }, 7)).toEqual({ ok: true, detail: '2026-01-01T00:00:00.000Z' });
    expect(judgeWrite({ ok: true, status: 200, body: '{"seq":8}', doneAt: 0 }, 7)).toEqual({ ok: false, errorKind: 'mismatch' });
    expect(judgeWrite({ ok: true, status: 200, body: '<html>', doneAt: 0 }, 7)).toEqual({ ok: false, errorKind: 'mismatch' });
  });

  it('numbers the writes of each run apart, within the API range', () => {
    expect(writeSeqBase(1_700_000_000_000)).toBe(1_700_000_000_000_000);
    expect(writeSeqBase(4_102_444_800_000) + 1_000_000).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });
});
