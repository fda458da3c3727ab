// The drill endpoints the failover drills code against: acknowledged writes read back,
// idempotent replays, paging, the capped CPU burn, and 404 when drills are off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../src/server';
import { DRILL_TOKEN_HEADER, drillTokenMatches } from '../src/drill-token';
import { apiOptions, call, sql, startBackends, TEST_DRILL_TOKEN, type Backends } from './helpers';

let backends: Backends;
let api: RunningApi;
let off: RunningApi;

beforeAll(async () => {
  backends = await startBackends();
  api = await startApi(apiOptions(backends, { burnMaxMs: 50 }));
  off = await startApi(apiOptions(backends, { drillEndpoints: false }));
});
afterAll(async () => {
  await api?.close();
  await off?.close();
  await backends?.destroy();
});

describe('drill writes', () => {
  it('stores each seq once, answers 201 after commit and 200 with the same body on a replay', async () => {
    const first = await call(api.url, 'POST', '/drill/write', { seq: 1 });
    expect(first.status).toBe(201);
    expect(Object.keys(first.json).sort()).toEqual(['committedAt', 'seq', 'server']);
    expect(first.json.seq).toBe(1);
    expect(new Date(first.json.committedAt).toISOString()).toBe(first.json.committedAt);
    // Committed: another connection sees it at once.
    expect(await sql(backends, 'SELECT seq FROM drill_writes WHERE seq = 1')).toHaveLength(1);

    const replay = await call(api.url, 'POST', '/drill/write', { seq: 1 });
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(first.json);
    expect(await sql(backends, 'SELECT seq FROM drill_writes')).toHaveLength(1);
  });

  it('takes concurrent replays of one seq without an error and stores it once', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(api.url, 'POST', '/drill/write', { seq: 500 })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  });

  it('lists stored seqs above `since` in ascending order, page by page', async () => {
    for (const seq of [7, 3, 12, 0, 9, Number.MAX_SAFE_INTEGER]) expect([200, 201]).toContain((await call(api.url, 'POST', '/drill/write', { seq })).status);
    const all = await call(api.url, 'GET', '/drill/writes');
    expect(all.json.writes.map((w: { seq: number }) => w.seq)).toEqual([0, 1, 3, 7, 9, 12, 500, Number.MAX_SAFE_INTEGER]);
    expect(all.json.next).toBe(Number.MAX_SAFE_INTEGER);

    const page1 = await call(api.url, 'GET', '/drill/writes?since=1&limit=2');
    expect(page1.json).toEqual({ writes: [expect.objectContaining({ seq: 3 }), expect.objectContaining({ seq: 7 })], next: 7 });
    const page2 = await call(api.url, 'GET', `/drill/writes?since=${page1.json.next}&limit=2`);
    expect(page2.json.writes.map((w: { seq: number }) => w.seq)).toEqual([9, 12]);
    const end = await call(api.url, 'GET', `/drill/writes?since=${Number.MAX_SAFE_INTEGER}`);
    expect(end.json).toEqual({ writes: [], next: null });
    expect((await call(api.url, 'GET', '/drill/writes?limit=10001')).status).toBe(400);
  });
});

describe('which server acknowledged', () => {
  it('names the PostgreSQL server that acknowledged each write: its system identifier and the address it was reached on', async () => {
    // PostgreSQL docs, "System Information Functions" (functions-info): inet_server_addr() and pg_control_system().system_identifier.
    const [own] = await sql<{ id: string }>(backends, 'SELECT system_identifier::text AS id FROM pg_control_system()');
    const first = await call(api.url, 'POST', '/drill/write', { seq: 41 });
    expect(first.status).toBe(201);
    expect(first.json.server).toEqual({ address: '127.0.0.1', systemIdentifier: own!.id });
    // A replay (200) names the server too: it is an acknowledgement like the first one.
    const replay = await call(api.url, 'POST', '/drill/write', { seq: 41 });
    expect(replay.status).toBe(200);
    expect(replay.json.server).toEqual(first.json.server);
  });
});

describe('which Redis server answered', () => {
  it('names it (run_id@address) on a cached product read that carries the drill token, and to nobody else', async () => {
    const runId = /run_id:([0-9a-f]+)/.exec(backends.redis.cli('INFO', 'server'))![1];
    let answer = await call(api.url, 'GET', '/products/1', undefined, { [DRILL_TOKEN_HEADER]: TEST_DRILL_TOKEN });
    // The cache connects in the background: the first reads may bypass it.
    for (let i = 0; i < 50 && answer.headers.get('x-cache') === 'bypass'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      answer = await call(api.url, 'GET', '/products/1', undefined, { [DRILL_TOKEN_HEADER]: TEST_DRILL_TOKEN });
    }
    expect(['hit', 'miss']).toContain(answer.headers.get('x-cache'));
    expect(answer.headers.get('x-cache-server')).toBe(`${runId}@127.0.0.1`);
    expect((await call(api.url, 'GET', '/products/1')).headers.get('x-cache-server')).toBeNull();
    expect((await call(api.url, 'GET', '/products/1', undefined, { [DRILL_TOKEN_HEADER]: 'wrong-token-0123456789' })).headers.get('x-cache-server')).toBeNull();
    expect((await call(off.url, 'GET', '/products/1', undefined, { [DRILL_TOKEN_HEADER]: TEST_DRILL_TOKEN })).headers.get('x-cache-server')).toBeNull();
  });
});

describe('drill burn', () => {
  it('spends the asked CPU time, capped at BURN_MAX_MS', async () => {
    expect((await call(api.url, 'GET', '/drill/burn?ms=20')).json).toEqual({ burnedMs: 20 });
    expect((await call(api.url, 'GET', '/drill/burn?ms=100000')).json).toEqual({ burnedMs: 50 });
    expect((await call(api.url, 'GET', '/drill/burn?ms=0')).json).toEqual({ burnedMs: 0 });
    expect((await call(api.url, 'GET', '/metrics')).text).toMatch(/cloudmart_drill_burn_ms_total 70/);
  });

  it('keeps /healthz answering while every worker burns (the burn runs off the event loop)', async () => {
    const finished: string[] = [];
    const burns = Array.from({ length: 8 }, (_, i) => call(api.url, 'GET', '/drill/burn?ms=50').then((a) => (finished.push(`burn${i}`), a)));
    const health = await call(api.url, 'GET', '/healthz').then((a) => (finished.push('healthz'), a));
    expect(health.status).toBe(200);
    for (const burn of await Promise.all(burns)) expect(burn.json).toEqual({ burnedMs: 50 });
    // 8 burns of 50 ms queue on the workers; /healthz overtakes most of them.
    expect(finished.indexOf('healthz')).toBeLessThan(4);
  });
});

describe('the drill token', () => {
  const endpoints = [
    ['POST', '/drill/write', { seq: 77 }],
    ['GET', '/drill/writes', undefined],
    ['GET', '/drill/burn?ms=10', undefined],
  ] as const;

  it('answers 404, exactly as when the drill endpoints are off, without the token or with a wrong one, and writes nothing', async () => {
    const before = await sql(backends, 'SELECT seq FROM drill_writes');
    for (const [method, path, body] of endpoints) {
      const asOff = await call(off.url, method, path, body);
      for (const headers of [{ [DRILL_TOKEN_HEADER]: '' }, { [DRILL_TOKEN_HEADER]: 'wrong-token-0123456789' }, { [DRILL_TOKEN_HEADER]: `${TEST_DRILL_TOKEN}x` }, { [DRILL_TOKEN_HEADER]: undefined, 'x-other': TEST_DRILL_TOKEN }]) {
        const answer = await call(api.url, method, path, body, headers);
        expect(answer.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(404);
        expect({ ...answer.json, requestId: undefined }).toEqual({ ...asOff.json, requestId: undefined });
      }
    }
    expect(await sql(backends, 'SELECT seq FROM drill_writes')).toEqual(before);
  });

  it('answers 201 with the right token', async () => {
    const answer = await call(api.url, 'POST', '/drill/write', { seq: 78 }, { [DRILL_TOKEN_HEADER]: TEST_DRILL_TOKEN });
    expect(answer.status).toBe(201);
  });

  it('leaves the shop open to everyone: the token guards /drill/* only', async () => {
    expect((await call(api.url, 'GET', '/products/1')).status).toBe(200);
  });

  it('compares whole tokens only', () => {
    expect(drillTokenMatches(TEST_DRILL_TOKEN, TEST_DRILL_TOKEN)).toBe(true);
    expect(drillTokenMatches(TEST_DRILL_TOKEN, TEST_DRILL_TOKEN.slice(0, -1))).toBe(false);
    expect(drillTokenMatches(TEST_DRILL_TOKEN, [TEST_DRILL_TOKEN])).toBe(false);
    expect(drillTokenMatches(TEST_DRILL_TOKEN, undefined)).toBe(false);
  });

  it('refuses to start with drill endpoints on and no token', async () => {
    await expect(startApi(apiOptions(backends, { drillToken: undefined }))).rejects.toThrow(/^DRILL_ENDPOINTS=on needs a drill token/);
  });
});

describe('drills off', () => {
  it('answers 404 on every drill endpoint and writes nothing', async () => {
    const before = await sql(backends, 'SELECT seq FROM drill_writes');
    for (const [method, path, body] of [
      ['POST', '/drill/write', { seq: 99 }],
      ['GET', '/drill/writes', undefined],
      ['GET', '/drill/burn?ms=10', undefined],
    ] as const) {
      const answer = await call(off.url, method, path, body);
      expect(answer.status).toBe(404);
      expect(answer.json.error).toBe('not_found');
    }
    expect(await sql(backends, 'SELECT seq FROM drill_writes')).toEqual(before);
  });
});
