// Ground truth for the rds-failover drill on the local rehearsal (real PostgreSQL with a
// synchronous standby, real CloudMart API processes): an outage of known length is
// measured as such, and a failover under synchronous replication loses no
// acknowledged write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowMs } from '../clock';
import { drillOptions, runDrill } from '../drills/index';
import type { Rehearsal } from '../local/rehearsal';
import { Prober } from '../prober';
import { analyseWrites, fetchCommittedWrites, judgeWrite, writeProbeRequest, writeSeqBase } from '../writes';
import { startTestRehearsal } from './support/rehearsal';

let rehearsal: Rehearsal;

beforeAll(async () => {
  rehearsal = await startTestRehearsal({ instances: 2 });
});

afterAll(async () => {
  await rehearsal?.stop();
});

describe('rds-failover ground truth (synchronous standby)', () => {
  it('measures a 5 s database outage as a 5 s write gap, within two probe intervals', async () => {
    const intervalMs = 100;
    const seqBase = writeSeqBase();
    const prober = new Prober({ intervalMs, maxDurationMs: 20_000, timeoutMs: 1000, firstSeq: seqBase, request: writeProbeRequest(rehearsal.target.appUrl, rehearsal.target.drillToken), judge: judgeWrite });
    prober.start();
    await new Promise((r) => setTimeout(r, 1500));
    const outageStart = nowMs();
    await rehearsal.postgres.endpoint.pause();
    // Timers may fire a fraction of a millisecond early: wait on the clock itself.
    while (nowMs() - outageStart < 5000) await new Promise((r) => setTimeout(r, Math.max(1, 5000 - (nowMs() - outageStart))));
    await rehearsal.postgres.endpoint.resume();
    const outageMs = nowMs() - outageStart;
    await new Promise((r) => setTimeout(r, 2000));
    await prober.stop();
    const committed = await fetchCommittedWrites(rehearsal.target.appUrl, seqBase, seqBase + prober.sentCount, { drillToken: rehearsal.target.drillToken });
    const analysis = analyseWrites(prober.records, committed.map((w) => w.seq), outageStart, nowMs());
    expect(outageMs).toBeGreaterThanOrEqual(5000);
    expect(analysis.acknowledgedAfter).toBe(true);
    expect(analysis.writeGapMs).not.toBeNull();
    expect(Math.abs(analysis.writeGapMs! - outageMs)).toBeLessThanOrEqual(2 * intervalMs);
    // The gap sits where the outage was.
    expect(Math.abs(analysis.gapFrom! - outageStart)).toBeLessThanOrEqual(2 * intervalMs);
    expect(analysis.lost).toEqual([]);
  });

  it('fails over under load with zero lost acknowledged writes, and says so', async () => {
    const result = await runDrill('rds-failover', { target: rehearsal.target, options: drillOptions('rds-failover', { probeIntervalMs: 50 }, 'local') });
    expect(result.notes.join(' ')).toMatch(/SIMULATED/);
    expect(result.simulated).toBe(true);
    expect(result.metrics.lostWrites).toBe(0);
    expect(result.metrics.acknowledgedWrites).toBeGreaterThan(20);
    if (result.status !== 'pass') console.log(JSON.stringify({ criteria: result.verdict.criteria, timeline: result.timeline, notes: result.notes, metrics: result.metrics }, null, 1));
    expect(result.status).toBe('pass');
    const criteria = Object.fromEntries(result.verdict.criteria.map((c) => [c.name, c.pass]));
    expect(criteria).toEqual({
      'failover completed: AZ and secondary AZ swapped': true,
      'failover events seen': true,
      'write gap seen through the application': true,
      'no acknowledged write lost': true,
      "writes acknowledged by the deployment's own database": true,
    });
    // The timeline shows the call, the events and the outage.
    const messages = result.timeline.map((e) => `${e.kind}: ${e.message}`);
    expect(messages.some((m) => /^api-call: local:RebootDBInstance/.test(m))).toBe(true);
    expect(messages.some((m) => /RDS-EVENT-0013/.test(m))).toBe(true);
    expect(messages.some((m) => /RDS-EVENT-0049/.test(m))).toBe(true);
    expect(messages.some((m) => /^note: Write gap/.test(m))).toBe(true);
    expect(result.series.length).toBeGreaterThan(3);
    expect(result.series.some((s) => Object.keys(s.errors).length > 0)).toBe(true);
  });
});
