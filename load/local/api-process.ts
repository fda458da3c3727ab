// Launches the CloudMart API (stacks/workload/src/main.ts) as a child process, the way
// an instance runs it: its own process, configured by environment variables, listening
// on 127.0.0.1 only. The rehearsal's "instances" are these processes.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../contract/errors';
import type { ApiInstance, ApiLauncher } from './fleet';
import { waitForPort } from '../../sandbox/servers/ports';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WORKLOAD_MAIN = path.join(ROOT, 'stacks/workload/src/main.ts');

// Whatever happens to us, our API processes do not outlive us.
const children = new Set<import('node:child_process').ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface WorkloadLauncherOptions {
  /** Extra environment for every process (e.g. BURN_MAX_MS, LOG_LEVEL). */
  env?: Record<string, string>;
  /** Milliseconds to wait for a process to listen (tsx compiles on start). */
  startTimeoutMs?: number;
  /** Receives the processes' stderr lines (for --verbose). */
  onLog?: (line: string) => void;
}

export function workloadLauncher(options: WorkloadLauncherOptions = {}): ApiLauncher {
  if (!existsSync(WORKLOAD_MAIN)) {
    throw new UsageError(`The CloudMart API was not found at ${path.relative(process.cwd(), WORKLOAD_MAIN)}; the local rehearsal needs it.`);
  }
  return async (env) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKLOAD_MAIN], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        PORT: String(env.port),
        HOST: '127.0.0.1',
        DATABASE_URL: env.databaseUrl,
        REDIS_URL: env.redisUrl,
        DRILL_ENDPOINTS: 'on',
        DRILL_TOKEN: env.drillToken,
        LOG_LEVEL: 'warn',
        // Short timeouts: the rehearsal's failovers take seconds, not minutes.
        DB_CONNECT_TIMEOUT_MS: '1000',
        DB_STATEMENT_TIMEOUT_MS: '2000',
        SHUTDOWN_TIMEOUT_MS: '3000',
        ...options.env,
      },
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    let tail = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-2000);
      if (options.onLog) for (const line of text.split('\n').filter(Boolean)) options.onLog(line);
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let alive = true;
    void exited.then(() => (alive = false));
    try {
      await waitForPort(env.port, options.startTimeoutMs ?? 60_000, () => alive);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`the CloudMart API did not start: ${(error as Error).message}${tail ? `; last output: ${tail.trim().split('\n').slice(-3).join(' | ')}` : ''}`);
    }
    const signal = async (sig: NodeJS.Signals): Promise<void> => {
      if (!alive) return;
      child.kill(sig);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    };
    const instance: ApiInstance = {
      port: env.port,
      ...(child.pid ? { pid: child.pid } : {}),
      exited,
      stop: () => signal('SIGTERM'),
      kill: () => signal('SIGKILL'),
    };
    return instance;
  };
}
