// Shared set-up for the workload tests: real PostgreSQL and Redis on loopback, the API in
// process (startApi) or as a child process (main.ts or the bundle), and a small client.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { startPostgres, type RunningPostgres } from '../../../sandbox/servers/postgres';
import { startRedis, type RunningRedis } from '../../../sandbox/servers/redis';
import type { ApiOptions } from '../src/config';
import { DRILL_TOKEN_HEADER } from '../src/drill-token';

/** The drill token of the test APIs; call() sends it with every /drill/* request unless told otherwise. */
export const TEST_DRILL_TOKEN = 'test-drill-token-0123456789';

export const WORKLOAD_DIR = path.resolve(import.meta.dirname, '..');
export const REPO_ROOT = path.resolve(WORKLOAD_DIR, '../..');
export const MAIN_TS = path.join(WORKLOAD_DIR, 'src/main.ts');

export interface Backends {
  postgres: RunningPostgres;
  redis: RunningRedis;
  destroy(): Promise<void>;
}

export async function startBackends(options: { redisPassword?: string } = {}): Promise<Backends> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis(options.redisPassword ? { password: options.redisPassword } : {})]);
  return {
    postgres,
    redis,
    async destroy() {
      // PostgreSQL's last log lines can still be in the pipe when its process has exited;
      // the fixture appends them to a file in the directory destroy() deletes, so give
      // them a moment to land first (otherwise an ENOENT escapes as an uncaught error).
      await Promise.all([postgres.stop(), redis.stop()]);
      await sleep(300);
      await Promise.all([postgres.destroy(), redis.destroy()]);
    },
  };
}

/** Options for startApi against the test servers: loopback, any free port, quiet logs. */
export function apiOptions(backends: Backends, overrides: Partial<ApiOptions> = {}): ApiOptions {
  return {
    database: { connectionString: backends.postgres.url },
    redis: { url: backends.redis.url },
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    drillEndpoints: true,
    drillToken: TEST_DRILL_TOKEN,
    ...overrides,
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** One HTTP request; `body` objects are sent as JSON, strings as they are. */
export async function call(
  baseUrl: string,
  method: string,
  urlPath: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
  timeoutMs = 15_000,
): Promise<Answer> {
  // A header given as undefined is not sent (e.g. the drill token, to send none).
  const withToken = urlPath.startsWith('/drill/') && !(DRILL_TOKEN_HEADER in headers) ? { [DRILL_TOKEN_HEADER]: TEST_DRILL_TOKEN } : {};
  const sent = Object.fromEntries(Object.entries({ ...withToken, ...headers }).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const init: RequestInit = { method, headers: sent, signal: AbortSignal.timeout(timeoutMs) };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(baseUrl + urlPath, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A direct connection to the test database, to check what was (not) written. */
export async function sql<R extends pg.QueryResultRow>(backends: Backends, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: backends.postgres.url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export interface ApiProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal name) once it exits. */
  exited: Promise<number | string>;
}

/**
 * Spawns the API as a process: `node --import tsx main.ts` by default, or a bundle's
 * server.mjs with plain node (`entry` ending in .mjs). Resolves once it logged that it
 * listens; rejects with its output if it exits first.
 */
export async function spawnApi(env: NodeJS.ProcessEnv, entry = MAIN_TS, waitForListening = true): Promise<ApiProcess> {
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'info', ...env };
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  if (waitForListening) {
    await new Promise<void>((resolve, reject) => {
      const onData = () => {
        if (output.includes('CloudMart API listening')) {
          child.stdout!.off('data', onData);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      void exited.then((code) => reject(new Error(`the API exited (${code}) before listening:\n${output}`)));
    });
  }
  return { child, output: () => output, exited };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true or `timeoutMs` passes (then throws with `what`). */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 15_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(everyMs);
  }
}
