// The rehearsal's real PostgreSQL and Redis servers (sandbox/servers), and a register of
// every server started, so `drill --target local` can destroy them all at the end, or
// kill them outright when the process exits.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { makeServerDir, pgBinDir, serverUser, startPostgres, type RunningPostgres } from '../../sandbox/servers/postgres';
import { startRedis, type RunningRedis } from '../../sandbox/servers/redis';
import type { RehearsalServers } from './rehearsal';

/**
 * PostgreSQL and Redis from sandbox/servers. pg_basebackup runs asynchronously: a standby
 * is rebuilt in the middle of a drill, and a synchronous child process would freeze the
 * prober and the local proxies.
 */
export function sandboxRehearsalServers(): RehearsalServers {
  return {
    postgres: {
      primary: (options) => startPostgres({ password: options.password, settings: options.settings, hba: options.hba }),
      async standby(options) {
        const root = makeServerDir('cloudmart-standby-');
        const dataDir = path.join(root, 'data');
        await runAsync(path.join(pgBinDir(), 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(options.sourcePort), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync'], { PGPASSWORD: options.password });
        return startPostgres({ dataDir, password: options.password, settings: options.settings });
      },
    },
    redis: {
      start: (options) =>
        startRedis({
          ...(options.password ? { password: options.password } : {}),
          ...(options.replicaOf ? { replicaOf: options.replicaOf } : {}),
          ...(options.settings ? { settings: options.settings } : {}),
        }),
    },
  };
}

export interface TrackedServers {
  servers: RehearsalServers;
  /** Stops every server started and deletes its data. */
  destroyAll(): Promise<void>;
  /** SIGKILL to every server started, synchronously: for process.on('exit'). */
  killAllSync(): void;
  /** A server started some other way (a restored one) that must go the same way. */
  track(server: RunningPostgres): void;
}

/** Remembers every server `inner` starts, to destroy them all (or kill them as we exit). */
export function trackedServers(inner: RehearsalServers): TrackedServers {
  const started: (RunningPostgres | RunningRedis)[] = [];
  const track = <T extends RunningPostgres | RunningRedis>(server: T): T => {
    started.push(server);
    return server;
  };
  return {
    servers: {
      postgres: {
        primary: async (o) => track(await inner.postgres.primary(o)),
        standby: async (o) => track(await inner.postgres.standby(o)),
      },
      redis: { start: async (o) => track(await inner.redis.start(o)) },
    },
    track(server) {
      track(server);
    },
    async destroyAll() {
      await Promise.allSettled(started.map((s) => s.destroy()));
    },
    killAllSync() {
      for (const server of started) {
        const pid = server.pid();
        if (!pid) continue;
        try {
          // PostgreSQL runs in its own process group (detached); Redis is a plain child.
          if ('dataDir' in server) process.kill(-pid, 'SIGKILL');
          else process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    },
  };
}

/** Runs a tool as the server user without blocking the event loop (the prober and proxies keep going). */
export function runAsync(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, cwd: os.tmpdir(), stdio: ['ignore', 'ignore', 'pipe'], ...(serverUser() ?? {}) });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (${code ?? signal}): ${stderr.trim()}`))));
  });
}
