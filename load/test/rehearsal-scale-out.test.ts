// scale-out on the local rehearsal: offered load above the target-tracking value makes
// the simulated group add API processes; the drill passes once a new one serves and the
// serving processes span two zones, and fails when that does not happen in time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillOptions, runDrill } from '../drills/index';
import type { Rehearsal } from '../local/rehearsal';
import { startTestRehearsal } from './support/rehearsal';

let rehearsal: Rehearsal;

beforeAll(async () => {
  rehearsal = await startTestRehearsal({ instances: 2, maxSize: 4, targetRequestsPerSecond: 20 });
});

afterAll(async () => {
  await rehearsal?.stop();
});

describe('scale-out on the rehearsal', () => {
  it('fails when the load stays under the scaling target until the limit, and stops the load at the limit', async () => {
    // 30 req/s over 2 processes is 15 per process, under the target of 20: no scale-out.
    const result = await runDrill('scale-out', { target: rehearsal.target, options: drillOptions('scale-out', { rate: 30, limitMs: 3000 }, 'local') });
    expect(result.status).toBe('fail');
    const byName = Object.fromEntries(result.verdict.criteria.map((c) => [c.name, c.pass]));
    expect(byName).toEqual({
      'desired capacity rose above the minimum': false,
      'new instances InService and healthy in the target group': false,
      'serving instances spread over >= 2 AZs': true,
      'within the time limit': false,
    });
    // The load stopped by itself: nothing was sent long after the limit.
    const lastSecondWithTraffic = Math.max(...result.series.filter((s) => s.sent > 0).map((s) => s.t));
    const loadPhase = result.timeline.find((e) => e.kind === 'phase' && (e.data as { phase?: string }).phase === 'load')!;
    expect(lastSecondWithTraffic - loadPhase.t).toBeLessThanOrEqual(4);
  });

  it('passes when desired capacity rises and a new, healthy process serves in a second zone', async () => {
    const result = await runDrill('scale-out', { target: rehearsal.target, options: drillOptions('scale-out', { rate: 100, limitMs: 60_000 }, 'local') });
    if (result.status !== 'pass') console.log(JSON.stringify({ criteria: result.verdict.criteria, notes: result.notes }, null, 1));
    expect(result.status).toBe('pass');
    expect(result.metrics.peakDesired).toBeGreaterThan(result.metrics.minSize!);
    expect(result.metrics.zonesAtEnd).toBeGreaterThanOrEqual(2);
    expect(result.metrics.achievedRate).toBeGreaterThan(50);
    expect(result.timeline.some((e) => e.kind === 'capacity' && /joined/.test(e.message))).toBe(true);
    expect(result.timeline.some((e) => e.kind === 'event' && /triggered policy local-target-tracking/.test(String((e.data as { cause?: string }).cause)))).toBe(true);
    expect(result.series.reduce((n, s) => n + s.sent, 0)).toBeGreaterThan(100);
  });
});
