import { describe, expect, it } from 'vitest';
import type { ProbeRecord } from '../prober';
import { AcknowledgingServerTally, analyseWrites, isOwnServer, judgeWrite, writeSeqBase } from '../writes';

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

  it('keeps the server an acknowledgement names, and counts the writes per server', () => {
    const body = '{"seq":7,"committedAt":"2026-01-01T00:00:00.000Z","server":{"address":"10.0.11.20","systemIdentifier":"7301"}}';
    const verdict = judgeWrite({ ok: true, status: 201, body, doneAt: 0 }, 7);
    expect(verdict).toEqual({ ok: true, detail: '2026-01-01T00:00:00.000Z', server: { address: '10.0.11.20', systemIdentifier: '7301' } });
    const tally = new AcknowledgingServerTally();
    tally.add(verdict.server);
    tally.add({ address: '10.0.11.20', systemIdentifier: '7301' });
    tally.add(judgeWrite({ ok: true, status: 201, body: '{"seq":8,"server":{}}', doneAt: 0 }, 8).server);
    expect(tally.result()).toEqual({ servers: [{ address: '10.0.11.20', systemIdentifier: '7301', writes: 2 }], unidentified: 1 });
  });

  it('takes a server as the deployment\'s own only when every identity the target knows matches', () => {
    const aws = { systemIdentifiers: [], addresses: ['10.0.11.20'], source: 'dns' };
    const local = { systemIdentifiers: ['7301'], addresses: [], source: 'pair' };
    expect(isOwnServer({ address: '10.0.11.20', systemIdentifier: '9999' }, aws)).toBe(true);
    expect(isOwnServer({ address: '10.0.1.5', systemIdentifier: '7301' }, aws)).toBe(false);
    expect(isOwnServer({ address: '127.0.0.1', systemIdentifier: '7301' }, local)).toBe(true);
    expect(isOwnServer({ address: '127.0.0.1', systemIdentifier: '7302' }, local)).toBe(false);
    expect(isOwnServer({ address: null, systemIdentifier: '7301' }, { ...local, addresses: ['10.0.11.20'] })).toBe(false);
    // Knowing nothing proves nothing.
    expect(isOwnServer({ address: '10.0.11.20', systemIdentifier: '7301' }, { systemIdentifiers: [], addresses: [], source: '' })).toBe(false);
  });

  it('numbers the writes of each run apart, within the API range', () => {
    expect(writeSeqBase(1_700_000_000_000)).toBe(1_700_000_000_000_000);
    expect(writeSeqBase(4_102_444_800_000) + 1_000_000).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });
});
