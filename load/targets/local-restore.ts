// The restore drill's actions on the local rehearsal: a REAL PostgreSQL point-in-time
// recovery on 127.0.0.1 (load/local/pitr.ts), standing in for RDS. The rehearsal's primary
// archives its WAL; backup() takes the base backup while the drill writes; start()
// restores into a new server on a free port, in the background as RDS does:
// - point in time, latest: the current WAL segment is archived first (RDS uploads its
//   transaction logs every five minutes; here at the request), then all of it replayed;
// - point in time, a time: replayed up to recovery_target_time;
// - snapshot or recovery point: the base backup alone, no WAL replayed past it.
// The restored server is read with the credentials the rehearsal's API uses, and removed
// (stopped, its data deleted) by remove().
import { nowMs } from '../clock';
import { readDrillWrites, restoreInstance, WalArchive, type BaseBackup, type PostgresAddress, type RecoveryTarget, takeBaseBackup } from '../local/pitr';
import type { RunningPostgres } from '../../sandbox/servers/postgres';
import type { RestoreActions } from '../target';

interface LocalRestore {
  status: 'creating' | 'available' | 'failed' | 'deleted';
  done: Promise<void>;
  server?: RunningPostgres;
  error?: string;
}

export interface LocalRestoreOptions {
  /** The rehearsal's database as the API reaches it (the pair's endpoint) and its name. */
  source: PostgresAddress & { id: string };
  archive: WalArchive;
  /** Told of every restored server as it starts (so a hard exit kills it with the rehearsal's). */
  onServer?: (server: RunningPostgres) => void;
}

export interface LocalRestoreActions extends RestoreActions {
  /** Removes every restored server, the base backup and the archive (after the drill, whatever happened). */
  dispose(): Promise<void>;
}

export function localRestoreActions(options: LocalRestoreOptions): LocalRestoreActions {
  const { source, archive } = options;
  const restores = new Map<string, LocalRestore>();
  let backup: BaseBackup | undefined;
  let counter = 0;
  const get = (id: string): LocalRestore => {
    const restore = restores.get(id);
    if (!restore) throw new Error(`no restored instance ${id}`);
    return restore;
  };

  return {
    async source() {
      // Archiving on stands in for RDS's automated backups (retention: the archive lives as long as the rehearsal).
      return { id: source.id, status: 'available', backupRetentionDays: 1, latestRestorableTime: new Date().toISOString() };
    },
    async backup() {
      const started = nowMs();
      backup = await takeBaseBackup(source);
      return { operation: 'local:pg_basebackup', resource: source.id, request: { host: '127.0.0.1', port: source.port, walMethod: 'stream', tookMs: Math.round(nowMs() - started), simulatedBy: 'the automated backup RDS takes daily' } };
    },
    async start(request) {
      if (!backup) throw new Error('no base backup was taken before the restore');
      const base = backup;
      const target: RecoveryTarget = request.from !== 'point-in-time' ? { kind: 'immediate' } : request.restoreTimeMs !== undefined ? { kind: 'time', atMs: request.restoreTimeMs } : { kind: 'latest' };
      const requestedAt = Date.now();
      // Every commit before the request can be restored once its WAL segment is archived.
      if (target.kind !== 'immediate') await archive.archiveNow(source);
      counter += 1;
      const id = `${source.id}-restore-${counter}`;
      const entry: LocalRestore = { status: 'creating', done: Promise.resolve() };
      entry.done = restoreInstance(base, archive, target, source.password).then(
        (server) => {
          options.onServer?.(server);
          entry.server = server;
          entry.status = 'available';
        },
        (error: unknown) => {
          entry.status = 'failed';
          entry.error = error instanceof Error ? error.message : String(error);
        },
      );
      restores.set(id, entry);
      const pointInTime = request.from === 'point-in-time';
      return {
        id,
        action: {
          operation: pointInTime ? 'local:RestoreDBInstanceToPointInTime' : 'local:RestoreDBInstanceFromDBSnapshot',
          resource: source.id,
          request: {
            SourceDBInstanceIdentifier: source.id,
            TargetDBInstanceIdentifier: id,
            ...(target.kind === 'latest' ? { UseLatestRestorableTime: true } : {}),
            ...(target.kind === 'time' ? { RestoreTime: new Date(target.atMs).toISOString() } : {}),
            simulatedBy: target.kind === 'immediate' ? 'the base backup alone, no WAL replayed (a snapshot)' : 'the base backup plus the archived WAL replayed into a new PostgreSQL server',
          },
        },
        restoredToMs: target.kind === 'time' ? target.atMs : target.kind === 'latest' ? requestedAt : base.finishedAt,
        ...(target.kind === 'immediate' ? { fromResource: `base backup of ${new Date(base.finishedAt).toISOString()}` } : {}),
      };
    },
    async describe(id) {
      const restore = get(id);
      if (restore.status === 'failed') throw new Error(`the restore of ${id} failed: ${restore.error}`);
      return { status: restore.status, ...(restore.server ? { endpoint: `127.0.0.1:${restore.server.port}` } : {}) };
    },
    async readWrites(id, firstSeq, lastSeq) {
      const server = get(id).server;
      if (!server) throw new Error(`${id} is not available`);
      const rows = await readDrillWrites({ port: server.port, password: source.password }, firstSeq, lastSeq);
      return { seqs: rows.map((r) => r.seq), via: { ko: `127.0.0.1:${server.port}에 리허설 API의 자격 증명으로 SQL 조회`, en: `SQL on 127.0.0.1:${server.port} with the rehearsal API's credentials` } };
    },
    async remove(id) {
      const restore = get(id);
      await restore.done;
      await restore.server?.destroy();
      restore.status = 'deleted';
      return { operation: 'local:DeleteDBInstance', resource: id, request: { DBInstanceIdentifier: id, SkipFinalSnapshot: true, simulatedBy: 'stop the server, delete its data' }, status: 'deleted' };
    },
    async dispose() {
      await Promise.allSettled([...restores.values()].map(async (r) => {
        await r.done;
        await r.server?.destroy();
      }));
      backup?.destroy();
      archive.destroy();
    },
  };
}
