// The shop flows against real PostgreSQL and Redis: catalogue paging, the product cache
// (miss, hit, invalidation by an order), carts, orders and stock, request ids, health.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../src/server';
import { SEED_PRODUCTS } from '../src/db/seed-data';
import { apiOptions, call, sql, startBackends, type Backends } from './helpers';

let backends: Backends;
let api: RunningApi;
let url: string;

beforeAll(async () => {
  backends = await startBackends();
  api = await startApi(apiOptions(backends));
  url = api.url;
});
afterAll(async () => {
  await api?.close();
  await backends?.destroy();
});

describe('catalogue', () => {
  it('lists the seeded products page by page, in id order, without gaps or repeats', async () => {
    const seen: number[] = [];
    let after: number | null = 0;
    let pages = 0;
    while (after !== null) {
      const page = await call(url, 'GET', `/products?limit=10&after=${after}`);
      expect(page.status).toBe(200);
      expect(page.json.products.length).toBeLessThanOrEqual(10);
      seen.push(...page.json.products.map((p: { id: number }) => p.id));
      after = page.json.next;
      pages += 1;
    }
    expect(seen).toEqual(SEED_PRODUCTS.map((_, i) => i + 1));
    expect(pages).toBe(3);
    const first = (await call(url, 'GET', '/products')).json;
    expect(first.products).toHaveLength(20);
    expect(first.products[0]).toMatchObject({ id: 1, sku: 'CM-0001', currency: 'KRW', price: SEED_PRODUCTS[0]!.price });
  });

  it('serves a product from PostgreSQL first (miss), then from Redis (hit)', async () => {
    const miss = await call(url, 'GET', '/products/7');
    expect(miss.status).toBe(200);
    expect(miss.headers.get('x-cache')).toBe('miss');
    expect(miss.json).toMatchObject({ id: 7, sku: 'CM-0007' });
    expect(backends.redis.cli('GET', 'cloudmart:v1:product:7')).toContain('CM-0007');
    const ttl = Number(backends.redis.cli('TTL', 'cloudmart:v1:product:7'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    const hit = await call(url, 'GET', '/products/7');
    expect(hit.headers.get('x-cache')).toBe('hit');
    expect(hit.json).toEqual(miss.json);
  });

  it('answers 404 for an unknown product and caches nothing for it', async () => {
    const unknown = await call(url, 'GET', '/products/9999');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: 'not_found', message: 'Product 9999 does not exist.' });
    expect(backends.redis.cli('EXISTS', 'cloudmart:v1:product:9999').trim()).toBe('0');
  });
});

describe('carts and orders', () => {
  it('builds a cart, orders it, takes the stock, empties the cart and invalidates the cached products', async () => {
    // Warm the cache for product 2 so that the order has something to invalidate.
    await call(url, 'GET', '/products/2');
    expect((await call(url, 'GET', '/products/2')).headers.get('x-cache')).toBe('hit');
    const stockBefore = (await call(url, 'GET', '/products/2')).json.stock as number;

    const created = await call(url, 'POST', '/carts');
    expect(created.status).toBe(201);
    const cartId = created.json.id as string;
    expect(created.headers.get('location')).toBe(`/carts/${cartId}`);
    expect(created.json).toMatchObject({ items: [], total: 0, currency: 'KRW' });

    expect((await call(url, 'PUT', `/carts/${cartId}/items/2`, { quantity: 3 })).status).toBe(200);
    expect((await call(url, 'PUT', `/carts/${cartId}/items/5`, { quantity: 1 })).status).toBe(200);
    const updated = await call(url, 'PUT', `/carts/${cartId}/items/2`, { quantity: 2 });
    expect(updated.json.items).toEqual([
      { productId: 2, name: SEED_PRODUCTS[1]!.name, unitPrice: SEED_PRODUCTS[1]!.price, quantity: 2, lineTotal: 2 * SEED_PRODUCTS[1]!.price },
      { productId: 5, name: SEED_PRODUCTS[4]!.name, unitPrice: SEED_PRODUCTS[4]!.price, quantity: 1, lineTotal: SEED_PRODUCTS[4]!.price },
    ]);
    const removed = await call(url, 'DELETE', `/carts/${cartId}/items/5`);
    expect(removed.json.items.map((i: { productId: number }) => i.productId)).toEqual([2]);
    expect((await call(url, 'DELETE', `/carts/${cartId}/items/5`)).status).toBe(404);

    const order = await call(url, 'POST', '/orders', { cartId });
    expect(order.status).toBe(201);
    expect(order.headers.get('location')).toBe(`/orders/${order.json.id}`);
    expect(order.json).toMatchObject({ status: 'placed', total: 2 * SEED_PRODUCTS[1]!.price, currency: 'KRW' });
    expect(order.json.items).toEqual([{ productId: 2, name: SEED_PRODUCTS[1]!.name, quantity: 2, unitPrice: SEED_PRODUCTS[1]!.price, lineTotal: 2 * SEED_PRODUCTS[1]!.price }]);

    // The cache entry went with the stock change: the next read is a miss with the new stock.
    const after = await call(url, 'GET', '/products/2');
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(after.json.stock).toBe(stockBefore - 2);
    expect((await call(url, 'GET', `/carts/${cartId}`)).json.items).toEqual([]);
    const again = await call(url, 'POST', '/orders', { cartId });
    expect(again.status).toBe(400);
    expect(again.json.message).toMatch(/is empty/);

    const fetched = await call(url, 'GET', `/orders/${order.json.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.json).toEqual(order.json);
  });

  it('orders a list of items directly and refuses more than the stock with 409, changing nothing', async () => {
    const stock = (await sql<{ stock: number }>(backends, 'SELECT stock FROM products WHERE id = 9'))[0]!.stock;
    const ok = await call(url, 'POST', '/orders', { items: [{ productId: 9, quantity: 1 }, { productId: 3, quantity: 2 }] });
    expect(ok.status).toBe(201);
    expect(ok.json.items.map((i: { productId: number }) => i.productId)).toEqual([3, 9]);
    expect(ok.json.total).toBe(SEED_PRODUCTS[8]!.price + 2 * SEED_PRODUCTS[2]!.price);

    await sql(backends, 'UPDATE products SET stock = 2 WHERE id = 9');
    const ordersBefore = (await sql<{ n: number }>(backends, 'SELECT count(*)::int AS n FROM orders'))[0]!.n;
    const tooMany = await call(url, 'POST', '/orders', { items: [{ productId: 3, quantity: 1 }, { productId: 9, quantity: 3 }] });
    expect(tooMany.status).toBe(409);
    expect(tooMany.json).toMatchObject({ error: 'insufficient_stock' });
    expect(tooMany.json.message).toMatch(/Only 2 of product 9/);
    expect((await sql<{ n: number }>(backends, 'SELECT count(*)::int AS n FROM orders'))[0]!.n).toBe(ordersBefore);
    expect((await sql<{ stock: number }>(backends, 'SELECT stock FROM products WHERE id = 9'))[0]!.stock).toBe(2);
    expect(stock).toBe(SEED_PRODUCTS[8]!.stock);
  });

  it('answers 404 for unknown carts and orders', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await call(url, 'GET', `/carts/${missing}`)).status).toBe(404);
    expect((await call(url, 'GET', `/orders/${missing}`)).status).toBe(404);
    expect((await call(url, 'POST', '/orders', { cartId: missing })).status).toBe(404);
  });

  it('never sells more than the stock when orders race for the last items', async () => {
    await sql(backends, 'UPDATE products SET stock = 5 WHERE id = 11');
    const answers = await Promise.all(Array.from({ length: 12 }, () => call(url, 'POST', '/orders', { items: [{ productId: 11, quantity: 1 }] })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(7);
    expect((await sql<{ stock: number }>(backends, 'SELECT stock FROM products WHERE id = 11'))[0]!.stock).toBe(0);
  });
});

describe('operations', () => {
  it('keeps a caller request id (x-request-id, then x-amzn-trace-id) and replaces junk with a UUID', async () => {
    expect((await call(url, 'GET', '/healthz', undefined, { 'x-request-id': 'abc-123' })).headers.get('x-request-id')).toBe('abc-123');
    const trace = 'Root=1-67891233-abcdef012345678912345678';
    expect((await call(url, 'GET', '/healthz', undefined, { 'x-amzn-trace-id': trace })).headers.get('x-request-id')).toBe(trace);
    const junk = await call(url, 'GET', '/healthz', undefined, { 'x-request-id': 'bad id with spaces <script>' });
    expect(junk.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const error = await call(url, 'GET', '/products/0', undefined, { 'x-request-id': 'req-42' });
    expect(error.json.requestId).toBe('req-42');
  });

  it('reports liveness, readiness with latencies, and Prometheus metrics', async () => {
    const health = await call(url, 'GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.json.status).toBe('ok');
    const ready = await call(url, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ready', postgres: { status: 'up' }, redis: { status: 'up' } });
    expect(ready.json.postgres.latencyMs).toBeGreaterThanOrEqual(0);
    const metrics = await call(url, 'GET', '/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/cloudmart_cache_requests_total\{result="hit"\} [1-9]/);
    expect(metrics.text).toMatch(/cloudmart_cache_requests_total\{result="miss"\} [1-9]/);
    expect(metrics.text).toMatch(/cloudmart_redis_up 1/);
    expect(metrics.text).toMatch(/cloudmart_orders_placed_total [1-9]/);
    expect(metrics.text).toMatch(/cloudmart_http_requests_total\{method="GET",route="\/products\/:productId",status="200"\}/);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const answer = await call(url, 'GET', '/nope?x=1');
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ error: 'not_found', message: 'No route GET /nope.' });
  });
});
