// Carts: create one, look at it, set or remove a product's quantity. Prices are read
// live from products; the order freezes them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context';
import type { Queryable } from '../db/database';
import { bodyInt, idParam, notFound, parseInput, uuidParam } from '../http-errors';

export const MAX_QUANTITY = 99;

interface CartRow {
  id: string;
  created_at: Date;
  updated_at: Date;
  product_id: number | null;
  name: string | null;
  price: number | null;
  quantity: number | null;
}

export async function loadCart(db: Queryable, cartId: string) {
  const { rows } = await db.query<CartRow>(
    `SELECT c.id, c.created_at, c.updated_at, ci.product_id, p.name, p.price, ci.quantity
       FROM carts c
       LEFT JOIN cart_items ci ON ci.cart_id = c.id
       LEFT JOIN products p ON p.id = ci.product_id
      WHERE c.id = $1
      ORDER BY ci.added_at, ci.product_id`,
    [cartId],
  );
  const first = rows[0];
  if (!first) throw notFound(`Cart ${cartId} does not exist.`);
  const items = rows
    .filter((r) => r.product_id !== null)
    .map((r) => ({ productId: r.product_id!, name: r.name!, unitPrice: r.price!, quantity: r.quantity!, lineTotal: r.price! * r.quantity! }));
  return {
    id: first.id,
    items,
    total: items.reduce((sum, i) => sum + i.lineTotal, 0),
    currency: 'KRW',
    createdAt: first.created_at.toISOString(),
    updatedAt: first.updated_at.toISOString(),
  };
}

const CartParams = z.object({ cartId: uuidParam('cartId') });
const CartItemParams = z.object({ cartId: uuidParam('cartId'), productId: idParam('productId') });
const SetQuantityBody = z.object({ quantity: bodyInt('quantity', 1, MAX_QUANTITY) }).strict();

export function cartRoutes(app: FastifyInstance, { db }: AppContext): void {
  app.post('/carts', async (_request, reply) => {
    const { rows } = await db.query<{ id: string }>('INSERT INTO carts DEFAULT VALUES RETURNING id');
    const cart = await loadCart(db, rows[0]!.id);
    return reply.code(201).header('location', `/carts/${cart.id}`).send(cart);
  });

  app.get('/carts/:cartId', async (request) => {
    const { cartId } = parseInput(CartParams, request.params, 'path');
    return db.withClient((client) => loadCart(client, cartId));
  });

  app.put('/carts/:cartId/items/:productId', async (request) => {
    const { cartId, productId } = parseInput(CartItemParams, request.params, 'path');
    const { quantity } = parseInput(SetQuantityBody, request.body ?? {}, 'body');
    return db.transaction(async (tx) => {
      const cart = await tx.query('SELECT 1 FROM carts WHERE id = $1 FOR UPDATE', [cartId]);
      if (cart.rowCount === 0) throw notFound(`Cart ${cartId} does not exist.`);
      const product = await tx.query('SELECT 1 FROM products WHERE id = $1', [productId]);
      if (product.rowCount === 0) throw notFound(`Product ${productId} does not exist.`);
      await tx.query(
        `INSERT INTO cart_items (cart_id, product_id, quantity) VALUES ($1, $2, $3)
         ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity`,
        [cartId, productId, quantity],
      );
      await tx.query('UPDATE carts SET updated_at = now() WHERE id = $1', [cartId]);
      return loadCart(tx, cartId);
    });
  });

  app.delete('/carts/:cartId/items/:productId', async (request) => {
    const { cartId, productId } = parseInput(CartItemParams, request.params, 'path');
    return db.transaction(async (tx) => {
      const cart = await tx.query('SELECT 1 FROM carts WHERE id = $1 FOR UPDATE', [cartId]);
      if (cart.rowCount === 0) throw notFound(`Cart ${cartId} does not exist.`);
      const removed = await tx.query('DELETE FROM cart_items WHERE cart_id = $1 AND product_id = $2', [cartId, productId]);
      if (removed.rowCount === 0) throw notFound(`Product ${productId} is not in cart ${cartId}.`);
      await tx.query('UPDATE carts SET updated_at = now() WHERE id = $1', [cartId]);
      return loadCart(tx, cartId);
    });
  });
}
