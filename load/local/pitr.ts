// A real PostgreSQL point-in-time recovery on 127.0.0.1, the way RDS restores an instance:
// a base backup (RDS: the daily snapshot) plus the archived WAL (RDS: the transaction
// logs it uploads), replayed into a NEW data directory up to a target, then started as a
// new server on a free port. The source keeps running; nothing of it is touched.
//
// - WalArchive: a folder the primary's archive_command copies every finished WAL segment
//   into (archive_mode=on), and archiveNow() to close and archive the current segment.
// - takeBaseBackup: pg_basebackup from the running primary (writes may go on meanwhile).
// - restoreInstance: copy of a base backup, recovery.signal, restore_command from the
//   archive and the target (a time, the end of the archive, or the backup itself), then
//   the server starts; it accepts connections only once recovery ended and it was promoted
//   (hot_standby=off), so "accepting connections" is the moment the restore is usable.
import { chownSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { makeServerDir, pgBinDir, serverUser, startPostgres, type RunningPostgres } from '../../sandbox/servers/postgres';
import type { RehearsalServers } from './rehearsal';
import { runAsync } from './rehearsal-servers';

/** Where a server is reached with the application's credentials. */
export interface PostgresAddress {
  port: number;
  password: string;
}

/** What a restore replays the archive up to. */
export type RecoveryTarget =
  /** Every archived segment: RDS's "latest restorable time". */
  | { kind: 'latest' }
  /** recovery_target_time: every commit at or before this moment (epoch ms), nothing after. */
  | { kind: 'time'; atMs: number }
  /** The base backup alone, no WAL replayed past it: a restore from a snapshot. */
  | { kind: 'immediate' };

export class WalArchive {
  private constructor(readonly dir: string) {}

  static create(): WalArchive {
    return new WalArchive(makeServerDir('cloudmart-wal-archive-'));
  }

  /** postgresql.conf settings of a primary that archives into this folder. */
  settings(): Record<string, string> {
    return {
      wal_level: 'replica',
      archive_mode: 'on',
      // Never overwrite a segment already archived (the PostgreSQL manual's own example).
      archive_command: `test ! -f ${this.dir}/%f && cp %p ${this.dir}/%f`,
    };
  }

  /** restore_command of a server recovering from this archive. */
  restoreCommand(): string {
    return `cp ${this.dir}/%f %p`;
  }

  /**
   * Closes the current WAL segment of `source` and waits until the archiver copied it:
   * afterwards every commit made before the call can be restored.
   */
  async archiveNow(source: PostgresAddress, timeoutMs = 30_000): Promise<void> {
    const [switched] = await query<{ name: string }>(source, 'SELECT pg_walfile_name(pg_switch_wal()) AS name');
    const wanted = switched!.name;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [stats] = await query<{ last: string | null; failed: string | null }>(source, 'SELECT last_archived_wal AS last, last_failed_wal AS failed FROM pg_stat_archiver');
      // Segment names are fixed-width hex (timeline, log, segment): text order is WAL order.
      if (stats?.last && stats.last >= wanted) return;
      if (Date.now() > deadline) throw new Error(`WAL segment ${wanted} was not archived within ${timeoutMs} ms (last archived ${stats?.last ?? 'none'}, last failed ${stats?.failed ?? 'none'})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  destroy(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface BaseBackup {
  /** The backup's data directory (never started itself: every restore copies it). */
  readonly dataDir: string;
  /** Epoch ms when pg_basebackup was started and when it returned. */
  readonly startedAt: number;
  readonly finishedAt: number;
  destroy(): void;
}

/** pg_basebackup of the running `source`, with the WAL it needs to be consistent (-X stream). */
export async function takeBaseBackup(source: PostgresAddress): Promise<BaseBackup> {
  const root = makeServerDir('cloudmart-basebackup-');
  const dataDir = path.join(root, 'data');
  const startedAt = Date.now();
  try {
    await runAsync(path.join(pgBinDir(), 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(source.port), '-U', 'postgres', '-D', dataDir, '-X', 'stream', '--checkpoint=fast', '--no-sync'], { PGPASSWORD: source.password });
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return { dataDir, startedAt, finishedAt: Date.now(), destroy: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A new server restored from `backup` and `archive` up to `target`. Resolves once it
 * accepts connections (recovery finished, promoted); the caller owns it (destroy()).
 */
export async function restoreInstance(backup: BaseBackup, archive: WalArchive, target: RecoveryTarget, password: string): Promise<RunningPostgres> {
  const root = makeServerDir('cloudmart-restored-');
  const dataDir = path.join(root, 'data');
  try {
    await runAsync('cp', ['-a', backup.dataDir, dataDir]);
    const signal = path.join(dataDir, 'recovery.signal');
    writeFileSync(signal, '');
    const user = serverUser();
    if (user) chownSync(signal, user.uid, user.gid);
    return await startPostgres({
      dataDir,
      password,
      settings: {
        restore_command: archive.restoreCommand(),
        recovery_target_action: 'promote',
        // Connections only after recovery ended: "accepting connections" means restored.
        hot_standby: 'off',
        ...(target.kind === 'time' ? { recovery_target_time: postgresTime(target.atMs) } : {}),
        ...(target.kind === 'immediate' ? { recovery_target: 'immediate' } : {}),
      },
    });
  } catch (error) {
    // The server's own words (e.g. "recovery ended before configured recovery target was reached") say why.
    const log = logTail(root);
    rmSync(root, { recursive: true, force: true });
    throw new Error(`${error instanceof Error ? error.message : String(error)}${log ? `: ${log}` : ''}`, { cause: error });
  }
}

/** A timestamp PostgreSQL's recovery_target_time accepts (it refuses ISO 8601's "T" and "Z"). */
function postgresTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '+00');
}

function logTail(root: string): string {
  try {
    const file = readdirSync(root).find((name) => name.endsWith('.log'));
    if (!file) return '';
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n').filter((l) => /FATAL|PANIC|ERROR/.test(l));
    return lines.slice(-2).join(' / ');
  } catch {
    return '';
  }
}

export interface StoredWrite {
  seq: number;
  /** When the row was written, by the database's clock (epoch ms). */
  committedAt: number;
}

/** The drill writes (the workload's drill_writes table) with firstSeq <= seq <= lastSeq, read with SQL. */
export async function readDrillWrites(server: PostgresAddress, firstSeq: number, lastSeq: number): Promise<StoredWrite[]> {
  const rows = await query<{ seq: string; committed_at: Date }>(server, 'SELECT seq, committed_at FROM drill_writes WHERE seq BETWEEN $1 AND $2 ORDER BY seq', [firstSeq, lastSeq]);
  return rows.map((r) => ({ seq: Number(r.seq), committedAt: r.committed_at.getTime() }));
}

async function query<T>(server: PostgresAddress, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', password: server.password, database: 'postgres', connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The rehearsal's servers with a primary that archives its WAL into `archive` (its
 * standbys unchanged): what `drill restore --target local` restores from.
 */
export function archivingServers(servers: RehearsalServers, archive: WalArchive): RehearsalServers {
  return {
    ...servers,
    postgres: {
      ...servers.postgres,
      primary: (options) => servers.postgres.primary({ ...options, settings: { ...options.settings, ...archive.settings() } }),
    },
  };
}
