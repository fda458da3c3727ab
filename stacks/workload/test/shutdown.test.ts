// The API as a process (node --import tsx main.ts, as the local drill rehearsal runs it):
// SIGTERM lets requests in flight finish, refuses new connections at once and exits 0;
// bad configuration and an unreachable database end it with a clear line and exit code.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../sandbox/servers/ports';
import { call, eventually, TEST_DRILL_TOKEN, sleep, spawnApi, startBackends, type ApiProcess, type Backends } from './helpers';

let backends: Backends;
const spawned: ApiProcess[] = [];

beforeAll(async () => {
  backends = await startBackends();
});
afterAll(async () => {
  for (const p of spawned) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await backends?.destroy();
});

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('graceful shutdown', () => {
  it('finishes a request in flight after SIGTERM, refuses new connections meanwhile, and exits 0', async () => {
    const port = await freePort();
    const api = await spawnApi({
      DATABASE_URL: backends.postgres.url,
      REDIS_URL: backends.redis.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DRILL_ENDPOINTS: 'on', DRILL_TOKEN: TEST_DRILL_TOKEN,
      BURN_MAX_MS: '3000',
    });
    spawned.push(api);
    const base = `http://127.0.0.1:${port}`;

    // An idle kept-alive connection (like the ALB's) must not hold the shutdown up.
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => http.get(`${base}/healthz`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject));

    let settled = false;
    const inFlight = call(base, 'GET', '/drill/burn?ms=1500').finally(() => (settled = true));
    await sleep(300);
    api.child.kill('SIGTERM');

    await eventually('the listener to close', () => refusesConnections(port), 1_000, 20);
    expect(settled).toBe(false); // refused while the burn was still running

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ burnedMs: 1500 });
    expect(await api.exited).toBe(0);
    expect(api.output()).toMatch(/"msg":"shutting down: no new connections, finishing requests in flight"/);
    expect(api.output()).toMatch(/"msg":"shut down cleanly"/);
    agent.destroy();
  });

  it('exits at once on SIGTERM when idle', async () => {
    const api = await spawnApi({ DATABASE_URL: backends.postgres.url, REDIS_URL: backends.redis.url, PORT: '0', HOST: '127.0.0.1' });
    spawned.push(api);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  });
});

describe('start-up failures', () => {
  it('exits 2 with one clear line when the configuration is incomplete', async () => {
    const api = await spawnApi({ DATABASE_URL: '', DB_SECRET_ARN: '', REDIS_URL: backends.redis.url, PORT: '0' }, undefined, false);
    spawned.push(api);
    expect(await api.exited).toBe(2);
    const lines = api.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'fatal', exitCode: 2 });
    expect(lines[0]).toMatch(/No database configured: set DB_SECRET_ARN \(RDS secret\) or DATABASE_URL/);
  });

  it('exits 2 naming every malformed variable', async () => {
    const api = await spawnApi({ DATABASE_URL: backends.postgres.url, REDIS_URL: backends.redis.url, PORT: 'eighty', DRILL_ENDPOINTS: 'maybe' }, undefined, false);
    spawned.push(api);
    expect(await api.exited).toBe(2);
    expect(api.output()).toMatch(/PORT must be a whole number; DRILL_ENDPOINTS must be on or off/);
  });

  it('exits 1 when PostgreSQL stays unreachable past DB_STARTUP_TIMEOUT_MS', async () => {
    const closedPort = await freePort();
    const api = await spawnApi(
      { DATABASE_URL: `postgres://postgres:x@127.0.0.1:${closedPort}/postgres`, REDIS_URL: backends.redis.url, PORT: '0', DB_STARTUP_TIMEOUT_MS: '1000' },
      undefined,
      false,
    );
    spawned.push(api);
    expect(await api.exited).toBe(1);
    expect(api.output()).toMatch(/CloudMart API did not start: PostgreSQL is unreachable/);
  });
});
