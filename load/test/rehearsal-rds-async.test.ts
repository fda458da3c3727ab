// Ground truth: a drill that cannot fail is worthless. With ASYNCHRONOUS replication and
// replication stalled before the failover, writes the API acknowledged never reach the
// standby; after the failover they are gone, and the drill must say so and fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../clock';
import { drillOptions, runDrill } from '../drills/index';
import type { Rehearsal } from '../local/rehearsal';
import type { DrillTarget } from '../target';
import { startTestRehearsal } from './support/rehearsal';

let rehearsal: Rehearsal;

beforeAll(async () => {
  rehearsal = await startTestRehearsal({ instances: 2, synchronous: false });
});

afterAll(async () => {
  await rehearsal?.stop();
});

describe('rds-failover ground truth (asynchronous standby with injected lag)', () => {
  it('detects and reports the acknowledged writes the failover lost, and fails', async () => {
    const real = rehearsal.target;
    // Lag injection: replication stops flowing, the API keeps acknowledging writes for
    // 1.5 s (asynchronous commit), then the primary is killed and the standby promoted.
    const lagging: DrillTarget = {
      ...real,
      database: {
        ...real.database,
        async forceFailover() {
          rehearsal.postgres.stallReplication();
          await sleep(1500);
          return real.database.forceFailover();
        },
      },
    };
    const result = await runDrill('rds-failover', { target: lagging, options: drillOptions('rds-failover', { probeIntervalMs: 50 }, 'local') });
    expect(result.status).toBe('fail');
    expect(result.metrics.lostWrites).toBeGreaterThan(5);
    const lost = result.verdict.criteria.find((c) => c.name === 'no acknowledged write lost')!;
    expect(lost.pass).toBe(false);
    expect(lost.actual).toMatch(/^\d+ lost of \d+ acknowledged \(seq \d+/);
    expect(result.verdict.summary.en).toMatch(/lost writes/);
    // The failover itself happened: only the data check fails.
    expect(result.verdict.criteria.find((c) => c.name === 'failover events seen')!.pass).toBe(true);
  });
});
