// PostgreSQL restarted, crashed and hung under traffic: no request hangs past its
// timeouts, the API answers 503 (never 500) while the database is away, recovers on its
// own when it returns, and every write it acknowledged is still there afterwards.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../src/server';
import { apiOptions, call, eventually, sleep, sql, startBackends, type Answer, type Backends } from './helpers';

// Short timeouts so the outages below stay brief. The longest a request may take: a
// connection attempt (1 s) plus a query (2 s), twice for a read retried once.
const TIMEOUTS = { dbConnectTimeoutMs: 1_000, dbStatementTimeoutMs: 1_500, dbQueryTimeoutMs: 2_000, dbReconnectBackoffMaxMs: 500 };
const HANG_LIMIT_MS = 2 * (1_000 + 2_000) + 2_000;

let backends: Backends;
let api: RunningApi;

interface Outcome {
  kind: 'write' | 'read';
  seq?: number;
  status: number | 'hung' | 'network-error';
  error?: string;
  at: number;
}

/** Four clients writing drill rows and reading the catalogue until stop() is called. */
function traffic() {
  const outcomes: Outcome[] = [];
  let running = true;
  let nextSeq = 1;
  const record = async (kind: Outcome['kind'], request: () => Promise<Answer>, seq?: number) => {
    try {
      const answer = await request();
      outcomes.push({ kind, seq, status: answer.status, error: answer.json?.error, at: Date.now() });
    } catch (error) {
      const hung = (error as Error).name === 'TimeoutError';
      outcomes.push({ kind, seq, status: hung ? 'hung' : 'network-error', error: String(error), at: Date.now() });
    }
  };
  const client = async () => {
    while (running) {
      const seq = nextSeq++;
      await record('write', () => call(api.url, 'POST', '/drill/write', { seq }, {}, HANG_LIMIT_MS), seq);
      await record('read', () => call(api.url, 'GET', '/products?limit=5', undefined, {}, HANG_LIMIT_MS));
      await sleep(20);
    }
  };
  const clients = Array.from({ length: 4 }, client);
  return {
    outcomes,
    since: (t: number) => outcomes.filter((o) => o.at >= t),
    async stop() {
      running = false;
      await Promise.all(clients);
    },
  };
}

/**
 * Signals the postmaster and all its children. PostgreSQL puts every backend in a
 * session of its own (setsid), so the postmaster's process group does not reach them.
 */
function signalPostgres(signal: NodeJS.Signals, pids?: number[]): number[] {
  const postmaster = backends.postgres.pid()!;
  const targets = pids ?? [postmaster, ...childrenOf(postmaster)];
  for (const pid of targets) {
    try {
      process.kill(pid, signal);
    } catch {
      /* exited meanwhile */
    }
  }
  return targets;
}

function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return children;
}

async function recovered(): Promise<void> {
  await eventually('the API to serve from PostgreSQL again', async () => (await call(api.url, 'GET', '/products?limit=1')).status === 200, 20_000);
}

beforeAll(async () => {
  backends = await startBackends();
  api = await startApi(apiOptions(backends, TIMEOUTS));
});
afterAll(async () => {
  if (backends?.postgres.pid()) signalPostgres('SIGCONT');
  await api?.close();
  await backends?.destroy();
});

describe('PostgreSQL outages under traffic', () => {
  it('survives a restart, a crash and a hang: 503 meanwhile, no hung request, no lost acknowledged write', async () => {
    const load = traffic();
    await sleep(300);

    // 1. Fast shutdown and start (a reboot, or the endpoint moving in a failover).
    let t = Date.now();
    await backends.postgres.stop();
    await sleep(1_500);
    expect(load.since(t).some((o) => o.status === 503)).toBe(true);
    await backends.postgres.start();
    await recovered();

    // 2. Crash: SIGKILL to the postmaster and every backend.
    t = Date.now();
    await backends.postgres.kill();
    await sleep(1_500);
    expect(load.since(t).some((o) => o.status === 503)).toBe(true);
    await backends.postgres.start();
    await recovered();

    // 3. Hang: the server is there but answers nothing (no RST, like a host that vanished).
    t = Date.now();
    const frozen = signalPostgres('SIGSTOP');
    await sleep(3_500);
    const duringHang = load.since(t);
    signalPostgres('SIGCONT', frozen);
    expect(duringHang.some((o) => o.status === 503)).toBe(true);
    await recovered();

    await sleep(300);
    await load.stop();
    const outcomes = load.outcomes;
    expect(outcomes.length).toBeGreaterThan(50);
    // Nothing hung, nothing failed in an unplanned way: 2xx, or 503 database_unavailable.
    expect(outcomes.filter((o) => o.status === 'hung' || o.status === 'network-error')).toEqual([]);
    const unexpected = outcomes.filter((o) => !(o.status === 200 || o.status === 201 || (o.status === 503 && o.error === 'database_unavailable')));
    expect(unexpected).toEqual([]);
    // Work resumed after the last outage.
    expect(outcomes.slice(-8).every((o) => o.status === 200 || o.status === 201)).toBe(true);

    // Every acknowledged write survived.
    const acknowledged = outcomes.filter((o) => o.kind === 'write' && (o.status === 200 || o.status === 201)).map((o) => o.seq!);
    const stored = new Set((await sql<{ seq: string }>(backends, 'SELECT seq FROM drill_writes')).map((r) => Number(r.seq)));
    expect(acknowledged.filter((seq) => !stored.has(seq))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(4);

    const metrics = (await call(api.url, 'GET', '/metrics')).text;
    expect(metrics).toMatch(/cloudmart_db_unavailable_total\{reason="connect"\} [1-9]/);
  });

  it('waits for a database that is still starting when the API starts', async () => {
    await backends.postgres.stop();
    const starting = startApi(apiOptions(backends, { ...TIMEOUTS, dbStartupTimeoutMs: 20_000 }));
    await sleep(1_000);
    await backends.postgres.start();
    const late = await starting;
    try {
      expect((await call(late.url, 'GET', '/products/1')).status).toBe(200);
    } finally {
      await late.close();
    }
  });

  it('gives up starting when the database stays away past the startup timeout', async () => {
    await backends.postgres.stop();
    try {
      await expect(startApi(apiOptions(backends, { ...TIMEOUTS, dbStartupTimeoutMs: 1_500 }))).rejects.toThrow(/PostgreSQL is unreachable/);
    } finally {
      await backends.postgres.start();
    }
  });
});
