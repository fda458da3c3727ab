// GET /products (keyset paging) and GET /products/:productId (cached in Redis).
// x-cache says where a product came from: hit (Redis), miss (PostgreSQL, now cached) or
// bypass (Redis unavailable, PostgreSQL only); the same outcome is counted in
// cloudmart_cache_requests_total.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context';
import { idParam, notFound, parseInput, queryInt } from '../http-errors';
import { DRILL_TOKEN_HEADER, drillTokenMatches } from '../drill-token';

export interface ProductRow {
  id: number;
  sku: string;
  name: string;
  description: string;
  category: string;
  price: number;
  stock: number;
  updated_at: Date;
}

export const PRODUCT_COLUMNS = 'id, sku, name, description, category, price, stock, updated_at';

export function productJson(row: ProductRow) {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    category: row.category,
    price: row.price,
    currency: 'KRW',
    stock: row.stock,
    updatedAt: row.updated_at.toISOString(),
  };
}

const ListQuery = z.object({
  limit: queryInt('limit', 1, 100).optional(),
  after: queryInt('after', 0, 2_147_483_647).optional(),
});
const ProductParams = z.object({ productId: idParam('productId') });

/**
 * Which Redis server answered (x-cache-server: <run_id>@<address>), for the redis-failover
 * drill only: said only to a request that carries the drill token, never to the public.
 */
export const CACHE_SERVER_HEADER = 'x-cache-server';

export function productRoutes(app: FastifyInstance, { db, cache, metrics, config }: AppContext): void {
  app.get('/products', async (request) => {
    const { limit = 20, after = 0 } = parseInput(ListQuery, request.query, 'query');
    // One row more than asked tells whether there is a next page.
    const { rows } = await db.read<ProductRow>(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id > $1 ORDER BY id LIMIT $2`, [after, limit + 1]);
    const page = rows.slice(0, limit);
    return { products: page.map(productJson), next: rows.length > limit ? page[page.length - 1]!.id : null };
  });

  app.get('/products/:productId', async (request, reply) => {
    const { productId } = parseInput(ProductParams, request.params, 'path');
    const cached = await cache.get(productId);
    metrics.cacheRequests.inc({ result: cached.result });
    void reply.header('x-cache', cached.result);
    if (cached.result !== 'bypass' && config.drillEndpoints && config.drillToken && drillTokenMatches(config.drillToken, request.headers[DRILL_TOKEN_HEADER])) {
      const server = cache.server();
      if (server) void reply.header(CACHE_SERVER_HEADER, `${server.runId ?? ''}@${server.address ?? ''}`);
    }
    if (cached.result === 'hit') return reply.type('application/json; charset=utf-8').send(cached.json);

    const { rows } = await db.read<ProductRow>(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id = $1`, [productId]);
    const row = rows[0];
    if (!row) throw notFound(`Product ${productId} does not exist.`);
    const json = JSON.stringify(productJson(row));
    if (cached.result === 'miss') await cache.set(productId, json);
    return reply.type('application/json; charset=utf-8').send(json);
  });
}
