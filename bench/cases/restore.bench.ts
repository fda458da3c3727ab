// `npm run bench -- --only restore`: the restore drill's local rehearsal (load/local/pitr.ts).
// 1. Ground truth: writes on a real PostgreSQL with its WAL archived, a base backup taken
//    while they go on, the writes stopped at a known moment; restores to a target time
//    between the stop and the next writes, to the end of the archive, and from the base
//    backup alone. RTO = request to accepting connections; RPO measured by the drill's
//    judge (analyseRestoredWrites) against what is known to be right: 0 at the target
//    and at the end of the archive; the writes after the backup for the backup alone.
// 2. The whole `drill restore --target local` (API processes, write probes, restore,
//    read-back, deletion): its RTO and RPO as report.json carries them.
import pg from 'pg';
import { drillCommand } from '../../commands/drill';
import { analyseRestoredWrites } from '../../load/drills/judges/restore';
import { readDrillWrites, restoreInstance, takeBaseBackup, WalArchive, type RecoveryTarget } from '../../load/local/pitr';
import type { ProbeRecord } from '../../load/prober';
import { startPostgres } from '../../sandbox/servers/postgres';
import { MIGRATIONS } from '../../stacks/workload/src/db/migrations';
import { round } from '../stats';
import type { BenchCase, BenchTarget } from '../types';

const PASSWORD = 'restore-bench';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function groundTruth() {
  const archive = WalArchive.create();
  const primary = await startPostgres({ password: PASSWORD, settings: archive.settings() });
  const client = new pg.Client({ connectionString: primary.url });
  const writes: ProbeRecord[] = [];
  let seq = 0;
  const writeFor = async (ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const intendedAt = Date.now();
      seq += 1;
      await client.query('INSERT INTO drill_writes (seq) VALUES ($1)', [seq]);
      const doneAt = Date.now();
      writes.push({ seq, intendedAt, sentAt: intendedAt, doneAt, latencyMs: doneAt - intendedAt, ok: true });
    }
  };
  try {
    await client.connect();
    for (const migration of MIGRATIONS) await client.query(migration.sql);
    const writing = writeFor(3000);
    await sleep(1000);
    const backup = await takeBaseBackup({ port: primary.port, password: PASSWORD });
    await writing;
    await writeFor(1000);
    const stoppedAt = Date.now();
    await sleep(400);
    const target = stoppedAt + 200;
    await writeFor(1000);
    const cases: [string, RecoveryTarget, number, number[]][] = [
      ['to the target time', { kind: 'time', atMs: target }, target, writes.filter((w) => w.doneAt <= stoppedAt).map((w) => w.seq)],
      ['to the end of the archive (latest)', { kind: 'latest' }, Date.now(), writes.map((w) => w.seq)],
      ['from the base backup alone', { kind: 'immediate' }, stoppedAt, []],
    ];
    const results = [];
    for (const [name, recoveryTarget, restorePoint, expected] of cases) {
      const requestedAt = Date.now();
      if (recoveryTarget.kind !== 'immediate') await archive.archiveNow({ port: primary.port, password: PASSWORD });
      const server = await restoreInstance(backup, archive, recoveryTarget, PASSWORD);
      const rtoMs = Date.now() - requestedAt;
      try {
        const present = (await readDrillWrites({ port: server.port, password: PASSWORD }, 0, Number.MAX_SAFE_INTEGER)).map((w) => w.seq);
        const analysis = analyseRestoredWrites(writes, present, restorePoint);
        results.push({
          restore: name,
          rtoMs,
          rpoMs: analysis.rpoMs,
          acknowledgedBeforeRestorePoint: analysis.acknowledgedBefore,
          missing: analysis.missing.length,
          present: present.length,
          exact: expected.length === 0 ? null : JSON.stringify(present) === JSON.stringify(expected),
          writtenAfterBackupMs: recoveryTarget.kind === 'immediate' ? stoppedAt - backup.finishedAt : null,
        });
      } finally {
        await server.destroy();
      }
    }
    backup.destroy();
    return { writes: writes.length, results };
  } finally {
    await client.end().catch(() => {});
    await primary.destroy();
    archive.destroy();
  }
}

const benchCase: BenchCase = {
  name: 'restore',
  description: 'the restore drill on 127.0.0.1: real point-in-time restores (RTO, RPO measured against the known target) and the whole drill restore --target local',
  async run() {
    const truth = await groundTruth();
    const drill = await drillCommand({ kind: 'restore', target: 'local', yes: true, options: { probeIntervalMs: 50 } });
    const byName = Object.fromEntries(truth.results.map((r) => [r.restore, r]));
    const toTarget = byName['to the target time']!;
    const latest = byName['to the end of the archive (latest)']!;
    const alone = byName['from the base backup alone']!;
    const targets: BenchTarget[] = [
      { name: 'restore to a target time holds exactly the writes before it', target: 'exact, RPO 0 ms', actual: `${toTarget.exact ? 'exact' : 'NOT exact'}, RPO ${toTarget.rpoMs} ms`, met: toTarget.exact === true && toTarget.rpoMs === 0 },
      { name: 'restore to the latest restorable time keeps every write', target: 'RPO 0 ms', actual: `RPO ${latest.rpoMs} ms`, met: latest.rpoMs === 0 },
      { name: 'restore from the base backup alone reports the later writes missing', target: '> 0 missing', actual: `${alone.missing} missing, RPO ${alone.rpoMs} ms`, met: alone.missing > 0 },
      { name: 'drill restore --target local', target: 'pass, RPO 0 ms', actual: `${drill.status}, RTO ${drill.metrics.rtoMs} ms, RPO ${drill.metrics.rpoMs} ms`, met: drill.status === 'pass' && drill.metrics.rpoMs === 0 },
    ];
    return {
      results: {
        groundTruth: truth,
        drill: { status: drill.status, rtoMs: drill.metrics.rtoMs, rpoMs: drill.metrics.rpoMs, acknowledgedWrites: drill.metrics.acknowledgedWrites, durationS: round((Date.parse(drill.finishedAt) - Date.parse(drill.startedAt)) / 1000, 1) },
      },
      targets,
      notes: [
        'RTO = from the restore request to the restored server accepting connections (hot_standby off: only once recovery ended and it was promoted); for a point in time it includes archiving the current WAL segment.',
        'The rehearsal restores a few hundred rows on loopback: its RTO shows the drill works, not how long RDS takes (minutes, depending on storage and logs to replay).',
      ],
    };
  },
};

export default benchCase;
