// The cache is optional at run time: with Redis stopped, crashed or hung, products are
// served from PostgreSQL (x-cache: bypass, counted in the metrics), orders still go
// through, /readyz says "degraded"; when Redis is back the cache is used again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../src/server';
import { apiOptions, call, eventually, startBackends, type Backends } from './helpers';

let backends: Backends;
let api: RunningApi;

const bypassCount = async () => Number(/cloudmart_cache_requests_total\{result="bypass"\} (\d+)/.exec((await call(api.url, 'GET', '/metrics')).text)?.[1]);
const cacheOf = async (id: number) => (await call(api.url, 'GET', `/products/${id}`)).headers.get('x-cache');

beforeAll(async () => {
  backends = await startBackends({ redisPassword: 'cache-token' });
  api = await startApi(apiOptions(backends, { redisCommandTimeoutMs: 300, redisConnectTimeoutMs: 300 }));
});
afterAll(async () => {
  await api?.close();
  await backends?.destroy();
});

describe('serving without Redis', () => {
  it('falls back to PostgreSQL while Redis is stopped, and caches again once it is back', async () => {
    expect(await cacheOf(4)).toBe('miss');
    expect(await cacheOf(4)).toBe('hit');
    const bypassedBefore = await bypassCount();

    await backends.redis.stop();
    const served = await call(api.url, 'GET', '/products/4');
    expect(served.status).toBe(200);
    expect(served.headers.get('x-cache')).toBe('bypass');
    expect(served.json).toMatchObject({ id: 4, sku: 'CM-0004' });
    expect(await bypassCount()).toBe(bypassedBefore + 1);

    const metrics = (await call(api.url, 'GET', '/metrics')).text;
    expect(metrics).toMatch(/cloudmart_redis_up 0/);
    const ready = await call(api.url, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'degraded', postgres: { status: 'up' }, redis: { status: 'down' } });

    // Writes do not need the cache either; the failed invalidation is only logged.
    const order = await call(api.url, 'POST', '/orders', { items: [{ productId: 4, quantity: 1 }] });
    expect(order.status).toBe(201);
    expect((await call(api.url, 'GET', '/products/4')).json.stock).toBe(119);

    await backends.redis.start();
    await eventually('the cache to be used again', async () => (await cacheOf(4)) === 'miss');
    expect(await cacheOf(4)).toBe('hit');
    expect((await call(api.url, 'GET', '/readyz')).json.status).toBe('ready');
    expect((await call(api.url, 'GET', '/metrics')).text).toMatch(/cloudmart_redis_up 1/);
  });

  it('falls back after a Redis crash (SIGKILL) as well', async () => {
    await backends.redis.kill();
    expect(await cacheOf(6)).toBe('bypass');
    await backends.redis.start();
    await eventually('the cache after the crash', async () => (await cacheOf(6)) === 'miss');
    expect(await cacheOf(6)).toBe('hit');
  });

  it('gives up on a hung Redis after the command timeout instead of waiting with it', async () => {
    expect(['miss', 'hit']).toContain(await cacheOf(8));
    const pid = backends.redis.pid()!;
    process.kill(pid, 'SIGSTOP');
    try {
      const answer = await call(api.url, 'GET', '/products/8', undefined, {}, 5_000);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-cache')).toBe('bypass');
      const ready = await call(api.url, 'GET', '/readyz', undefined, {}, 5_000);
      expect(ready.status).toBe(200);
      expect(ready.json.redis.status).toBe('down');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await eventually('the cache after the hang', async () => ['hit', 'miss'].includes((await cacheOf(8)) ?? ''));
  });
});
