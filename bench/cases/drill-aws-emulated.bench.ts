// `npm run bench -- --only drill-aws-emulated`: the rds-failover drill on the AWS code path
// (drill --endpoint --student: commands/drill.ts -> targets/aws.ts) against the reference
// stacks deployed in the emulator, with the real data plane behind the deployment's names
// (load/local/emulated-data-plane.ts). The emulator's forced failover is its default
// timeline (patches/rds_force_failover.py: failover started after 15 s, AZ swap after
// 90 s) scaled by SCALE; the PostgreSQL endpoint is down from the failover-started event
// to the promotion after the swap. Target: the write gap the drill measures through the
// ALB name is within two probe intervals of that outage.
import { startEmulator } from '../../sandbox/emulator/emulator';
import { emulatedDrillBed } from '../../load/test/support/emulated-drill';
import { round } from '../stats';
import type { BenchCase } from '../types';

const SCALE = 0.05;
const PROBE_INTERVAL_MS = 100;

const benchCase: BenchCase = {
  name: 'drill-aws-emulated',
  description: 'rds-failover on the AWS code path against the deployed reference in the emulator (default timeline x 0.05) with a real data plane: measured write gap vs the outage the emulator made',
  async run() {
    const emulator = await startEmulator({ drillTimeScale: SCALE });
    try {
      const setupStart = Date.now();
      const bed = await emulatedDrillBed(emulator.endpoint, 'reference', 'bench');
      const setupMs = Date.now() - setupStart;
      try {
        const drillStart = Date.now();
        const result = await bed.drill('rds-failover', { probeIntervalMs: PROBE_INTERVAL_MS, baselineMs: 2000, settleMs: 2000, probeTimeoutMs: 1000, observeMs: 60_000 });
        const drillMs = Date.now() - drillStart;
        const outage = bed.plane.outages.find((o) => o.kind === 'rds-failover');
        const actedMs = outage?.upAt !== undefined ? outage.upAt - outage.downAt : null;
        const emulatorMs = outage?.emulatorCompletedAt !== undefined ? outage.emulatorCompletedAt - outage.emulatorStartedAt : null;
        const gapMs = typeof result.metrics.writeGapMs === 'number' ? result.metrics.writeGapMs : null;
        const differenceMs = gapMs !== null && actedMs !== null ? gapMs - actedMs : null;
        return {
          results: {
            drillTimeScale: SCALE,
            status: result.status,
            probeIntervalMs: PROBE_INTERVAL_MS,
            writeGapMs: gapMs,
            outageActedMs: actedMs,
            emulatorFailoverWindowMs: emulatorMs,
            emulatorTimelineMs: (90 - 15) * 1000 * SCALE,
            promotionAfterSwapMs: outage?.upAt !== undefined && outage.emulatorCompletedAt !== undefined ? outage.upAt - outage.emulatorCompletedAt : null,
            gapMinusOutageMs: differenceMs,
            lostWrites: result.metrics.lostWrites,
            acknowledgedWrites: result.metrics.acknowledgedWrites,
            setupWallS: round(setupMs / 1000, 1),
            drillWallS: round(drillMs / 1000, 1),
            problems: bed.plane.problems,
          },
          targets: [
            { name: 'rds-failover on the AWS code path passes', target: 'pass, 0 lost', actual: `${result.status}, ${result.metrics.lostWrites} lost`, met: result.status === 'pass' && result.metrics.lostWrites === 0 },
            {
              name: 'measured write gap vs the outage the emulator made',
              target: `within ${2 * PROBE_INTERVAL_MS} ms (two probe intervals)`,
              actual: differenceMs === null ? 'not measured' : `gap ${gapMs} ms, outage ${actedMs} ms (${differenceMs >= 0 ? '+' : ''}${differenceMs} ms)`,
              met: differenceMs !== null && Math.abs(differenceMs) <= 2 * PROBE_INTERVAL_MS,
            },
          ],
          notes: [
            "The outage is the data plane's: the PostgreSQL endpoint refuses connections from the emulator's failover-started event (seen by a 100 ms poll) to the standby's promotion after the AZ swap (emulatorFailoverWindowMs is that window as seen; promotionAfterSwapMs the real pg_promote and repoint).",
            'The write gap is the drill\'s own measure (last acknowledged write before the outage to the first after it, by intended send time), through the ALB name resolved with CLOUDMART_RESOLVE to the local balancer.',
          ],
        };
      } finally {
        await bed.stop();
      }
    } finally {
      await emulator.stop();
    }
  },
};

export default benchCase;
