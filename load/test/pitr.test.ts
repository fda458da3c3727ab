// Ground truth for the restore drill's local rehearsal (load/local/pitr.ts): a real
// PostgreSQL base backup taken while writes go on, a WAL archive, and restores into new
// servers. The writes stop at a known moment, so what each restore must hold is known:
// - to a target time: exactly the writes acknowledged before it, none after;
// - the base backup alone (a snapshot older than the newest writes): the later writes
//   are missing, and the judge reports them missing (a drill that cannot fail is worthless);
// - the whole archive (latest restorable time): every write.
// PostgreSQL manual, "Continuous Archiving and Point-in-Time Recovery (PITR)"
// (https://www.postgresql.org/docs/15/continuous-archiving.html) and "Recovery Target"
// (https://www.postgresql.org/docs/15/runtime-config-wal.html#RUNTIME-CONFIG-WAL-RECOVERY-TARGET).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../stacks/workload/src/db/migrations';
import { startPostgres, type RunningPostgres } from '../../sandbox/servers/postgres';
import { analyseRestoredWrites, judgeRestore } from '../drills/judges/restore';
import { readDrillWrites, restoreInstance, takeBaseBackup, WalArchive, type BaseBackup } from '../local/pitr';
import type { ProbeRecord } from '../prober';
import { LIMITS } from './support/observations';

const PASSWORD = 'pitr-ground-truth';
let primary: RunningPostgres;
let archive: WalArchive;
let backup: BaseBackup;
let client: pg.Client;
const writes: ProbeRecord[] = [];
let seq = 0;
/** The writes stop at writesStoppedAt; they resume after resumedAt. The target time sits between. */
let writesStoppedAt = 0;
let targetTime = 0;
let resumedAt = 0;
const restored: RunningPostgres[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sequential acknowledged writes (each its own transaction) for `ms`; every ack recorded like a probe. */
async function writeFor(ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const intendedAt = Date.now();
    seq += 1;
    await client.query('INSERT INTO drill_writes (seq) VALUES ($1)', [seq]);
    const doneAt = Date.now();
    writes.push({ seq, intendedAt, sentAt: intendedAt, doneAt, latencyMs: doneAt - intendedAt, ok: true });
    await sleep(10);
  }
}

beforeAll(async () => {
  archive = WalArchive.create();
  primary = await startPostgres({ password: PASSWORD, settings: archive.settings() });
  client = new pg.Client({ connectionString: primary.url });
  await client.connect();
  for (const migration of MIGRATIONS) await client.query(migration.sql);
  // The base backup is taken while the writes go on.
  const writing = writeFor(1500);
  await sleep(300);
  backup = await takeBaseBackup({ port: primary.port, password: PASSWORD });
  await writing;
  await writeFor(500);
  writesStoppedAt = Date.now();
  await sleep(300);
  targetTime = writesStoppedAt + 150;
  resumedAt = Date.now();
  await writeFor(500);
  await archive.archiveNow({ port: primary.port, password: PASSWORD });
}, 120_000);

afterAll(async () => {
  await client?.end();
  await Promise.allSettled(restored.map((s) => s.destroy()));
  await primary?.destroy();
  backup?.destroy();
  archive?.destroy();
});

async function restoredSeqs(target: Parameters<typeof restoreInstance>[2]): Promise<number[]> {
  const server = await restoreInstance(backup, archive, target, PASSWORD);
  restored.push(server);
  return (await readDrillWrites({ port: server.port, password: PASSWORD }, 0, Number.MAX_SAFE_INTEGER)).map((w) => w.seq);
}

describe('local point-in-time recovery (ground truth)', () => {
  it('restored to a target time holds exactly the writes acknowledged before it', async () => {
    const present = await restoredSeqs({ kind: 'time', atMs: targetTime });
    const before = writes.filter((w) => w.doneAt <= writesStoppedAt).map((w) => w.seq);
    expect(before.length).toBeGreaterThan(20);
    expect(writes.some((w) => w.intendedAt >= resumedAt)).toBe(true);
    expect(present).toEqual(before);
    const analysis = analyseRestoredWrites(writes, present, targetTime);
    expect(analysis).toMatchObject({ missing: [], rpoMs: 0, presentAfterPoint: 0, acknowledgedBefore: before.length });
  }, 60_000);

  it('restored from the base backup alone (a snapshot older than the newest writes) misses the later writes, and the judge says so', async () => {
    const present = await restoredSeqs({ kind: 'immediate' });
    const afterBackup = writes.filter((w) => w.intendedAt > backup.finishedAt).map((w) => w.seq);
    expect(afterBackup.length).toBeGreaterThan(20);
    for (const s of afterBackup) expect(present).not.toContain(s);
    for (const w of writes.filter((w) => w.doneAt < backup.startedAt)) expect(present).toContain(w.seq);

    const analysis = analyseRestoredWrites(writes, present, writesStoppedAt);
    expect(analysis.missing.length).toBeGreaterThanOrEqual(afterBackup.filter((s) => writes.find((w) => w.seq === s)!.doneAt <= writesStoppedAt).length);
    // The loss runs from the last write the backup kept to the newest one before the stop: at least the 500 ms written after it.
    expect(analysis.rpoMs).toBeGreaterThanOrEqual(500);

    const requestedAt = writesStoppedAt + 1000;
    const judged = judgeRestore(
      {
        from: 'snapshot',
        source: { id: 'local-postgres', status: 'available', backupRetentionDays: 1 },
        baseline: writes,
        restore: { probeIntervalMs: 10, requestedAt, restorePointMs: writesStoppedAt, instanceId: 'restored', availableAt: requestedAt + 2000, lastStatus: 'available', writes, readBack: { present, via: { ko: 'SQL', en: 'SQL' } }, deletion: { status: 'deleted' } },
      },
      { ...LIMITS, limitMs: 30 * 60_000, rpoLimitMs: 200 },
    );
    expect(judged.status).toBe('fail');
    const rpo = judged.verdict.criteria.find((c) => c.name.includes('(RPO)'))!;
    expect(rpo.pass).toBe(false);
    expect(rpo.actual).toMatch(/missing/);
    expect(judged.metrics.missingWrites).toBe(analysis.missing.length);
  }, 60_000);

  it('restored to the end of the archive (the latest restorable time) holds every write', async () => {
    const present = await restoredSeqs({ kind: 'latest' });
    expect(present).toEqual(writes.map((w) => w.seq));
  }, 60_000);
});
