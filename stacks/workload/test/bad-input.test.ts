// Bad input gets a 4xx with one clear JSON message, and nothing is written: every case
// below is followed by a check that orders, stock, carts and drill rows are unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../src/server';
import { apiOptions, call, sql, startBackends, type Backends } from './helpers';

let backends: Backends;
let api: RunningApi;
let cartId: string;

interface Snapshot {
  orders: number;
  orderItems: number;
  stock: number;
  cartItems: number;
  carts: number;
  drillWrites: number;
}

async function snapshot(): Promise<Snapshot> {
  const [row] = await sql<Snapshot>(
    backends,
    `SELECT (SELECT count(*)::int FROM orders) AS "orders",
            (SELECT count(*)::int FROM order_items) AS "orderItems",
            (SELECT sum(stock)::int FROM products) AS "stock",
            (SELECT count(*)::int FROM cart_items) AS "cartItems",
            (SELECT count(*)::int FROM carts) AS "carts",
            (SELECT count(*)::int FROM drill_writes) AS "drillWrites"`,
  );
  return row!;
}

beforeAll(async () => {
  backends = await startBackends();
  api = await startApi(apiOptions(backends, { bodyLimitBytes: 1024 }));
  cartId = (await call(api.url, 'POST', '/carts')).json.id;
  await call(api.url, 'PUT', `/carts/${cartId}/items/1`, { quantity: 1 });
});
afterAll(async () => {
  await api?.close();
  await backends?.destroy();
});

interface Raw {
  raw: string;
  contentType: string;
}
const raw = (body: string, contentType = 'application/json'): Raw => ({ raw: body, contentType });
const isRaw = (body: unknown): body is Raw => typeof body === 'object' && body !== null && 'raw' in body;

// [what, method, path, body (object = JSON, raw() = as is), status, error code, message pattern]
type Case = [string, string, string, unknown, number, string, RegExp];
const CASES: Case[] = [
  ['malformed JSON', 'POST', '/orders', raw('{"items": [{"productId": 1,'), 400, 'invalid_json', /not valid JSON/],
  ['an empty JSON body', 'POST', '/orders', raw(''), 400, 'invalid_json', /empty/],
  ['a body that is not JSON', 'POST', '/orders', raw('items=1', 'text/plain'), 415, 'unsupported_media_type', /application\/json/],
  ['an oversized body', 'POST', '/orders', raw(JSON.stringify({ items: [{ productId: 1, quantity: 1 }], pad: 'x'.repeat(4096) })), 413, 'body_too_large', /larger than 1024 bytes/],
  ['a JSON array instead of an object', 'POST', '/orders', [1, 2], 400, 'bad_request', /Invalid body/],
  ['an unknown product', 'POST', '/orders', { items: [{ productId: 424242, quantity: 1 }] }, 404, 'not_found', /Product 424242 does not exist/],
  ['a negative quantity', 'POST', '/orders', { items: [{ productId: 1, quantity: -1 }] }, 400, 'bad_request', /quantity must be 1 or more/],
  ['a zero quantity', 'POST', '/orders', { items: [{ productId: 1, quantity: 0 }] }, 400, 'bad_request', /quantity must be 1 or more/],
  ['a fractional quantity', 'POST', '/orders', { items: [{ productId: 1, quantity: 1.5 }] }, 400, 'bad_request', /quantity must be a whole number/],
  ['a quantity given as a string', 'POST', '/orders', { items: [{ productId: 1, quantity: '2' }] }, 400, 'bad_request', /quantity must be a number/],
  ['a huge quantity', 'POST', '/orders', { items: [{ productId: 1, quantity: 1e9 }] }, 400, 'bad_request', /quantity must be 99 or less/],
  ['no items', 'POST', '/orders', { items: [] }, 400, 'bad_request', /items must not be empty/],
  ['neither cartId nor items', 'POST', '/orders', {}, 400, 'bad_request', /either cartId or items/],
  ['both cartId and items', 'POST', '/orders', { cartId: '00000000-0000-4000-8000-000000000000', items: [{ productId: 1, quantity: 1 }] }, 400, 'bad_request', /either cartId or items/],
  ['an unknown field', 'POST', '/orders', { items: [{ productId: 1, quantity: 1 }], coupon: 'FREE' }, 400, 'bad_request', /coupon/],
  ['the same product twice', 'POST', '/orders', { items: [{ productId: 1, quantity: 1 }, { productId: 1, quantity: 2 }] }, 400, 'bad_request', /appears twice/],
  ['a malformed cart id in an order', 'POST', '/orders', { cartId: 'cart-1' }, 400, 'bad_request', /cartId must be a UUID/],
  ['a negative quantity in a cart', 'PUT', '/carts/{cart}/items/2', { quantity: -3 }, 400, 'bad_request', /quantity must be 1 or more/],
  ['an unknown product in a cart', 'PUT', '/carts/{cart}/items/424242', { quantity: 1 }, 404, 'not_found', /Product 424242 does not exist/],
  ['a malformed product id in a cart', 'PUT', '/carts/{cart}/items/1e3', { quantity: 1 }, 400, 'bad_request', /productId must be a positive whole number/],
  ['malformed JSON in a cart', 'PUT', '/carts/{cart}/items/2', raw('{"quantity":'), 400, 'invalid_json', /not valid JSON/],
  ['an unknown cart', 'PUT', '/carts/00000000-0000-4000-8000-000000000000/items/2', { quantity: 1 }, 404, 'not_found', /Cart .* does not exist/],
  ['a malformed product id', 'GET', '/products/abc', undefined, 400, 'bad_request', /productId must be a positive whole number/],
  ['a product id of 0', 'GET', '/products/0', undefined, 400, 'bad_request', /productId must be a positive whole number/],
  ['a product id beyond int4', 'GET', '/products/9999999999', undefined, 400, 'bad_request', /productId is too large/],
  ['a page size beyond 100', 'GET', '/products?limit=500', undefined, 400, 'bad_request', /limit must be between 1 and 100/],
  ['a malformed order id', 'GET', '/orders/xyz', undefined, 400, 'bad_request', /orderId must be a UUID/],
  ['a negative drill seq', 'POST', '/drill/write', { seq: -1 }, 400, 'bad_request', /seq must be 0 or more/],
  ['a fractional drill seq', 'POST', '/drill/write', { seq: 1.5 }, 400, 'bad_request', /seq must be a whole number/],
  ['a drill seq given as a string', 'POST', '/drill/write', { seq: '7' }, 400, 'bad_request', /seq must be a number/],
  ['a drill write without seq', 'POST', '/drill/write', {}, 400, 'bad_request', /seq/],
  ['a drill write that is not an object', 'POST', '/drill/write', raw('42'), 400, 'bad_request', /Invalid body/],
  ['a negative burn', 'GET', '/drill/burn?ms=-5', undefined, 400, 'bad_request', /ms must be between 0/],
  ['a burn without ms', 'GET', '/drill/burn', undefined, 400, 'bad_request', /ms/],
  ['a drill listing with a bad limit', 'GET', '/drill/writes?limit=0', undefined, 400, 'bad_request', /limit must be between 1 and 10000/],
];

describe('bad input', () => {
  it.each(CASES)('refuses %s', async (_what, method, path, body, status, code, message) => {
    const before = await snapshot();
    const target = path.replace('{cart}', cartId);
    const answer = isRaw(body)
      ? await call(api.url, method, target, body.raw, { 'content-type': body.contentType })
      : await call(api.url, method, target, body);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.json.error).toBe(code);
    expect(answer.json.message).toMatch(message);
    expect(answer.json.requestId).toBeTruthy();
    expect(await snapshot()).toEqual(before);
  });

  it('still accepts a good order after all that (the cases fail for their input, not the server)', async () => {
    const before = await snapshot();
    const answer = await call(api.url, 'POST', '/orders', { items: [{ productId: 1, quantity: 1 }] });
    expect(answer.status).toBe(201);
    const after = await snapshot();
    expect(after.orders).toBe(before.orders + 1);
    expect(after.stock).toBe(before.stock - 1);
  });
});
