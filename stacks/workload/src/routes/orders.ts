// Orders: place one from a cart or from a list of items, and read it back. Placing an
// order is one transaction: lock the products (in id order, so two orders never
// deadlock), check stock, take it, write the order, empty the cart. Only after COMMIT are
// the products' cache entries dropped, since their stock changed.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context';
import type { Queryable } from '../db/database';
import { badRequest, bodyId, bodyInt, conflict, notFound, parseInput, uuidParam } from '../http-errors';
import { MAX_QUANTITY } from './carts';

const MAX_LINES = 50;

const Line = z.object({ productId: bodyId('productId'), quantity: bodyInt('quantity', 1, MAX_QUANTITY) }).strict();
const OrderBody = z
  .object({
    cartId: z.uuid({ message: 'cartId must be a UUID' }).optional(),
    items: z
      .array(Line, { message: 'items must be a list of { productId, quantity }' })
      .min(1, { message: 'items must not be empty' })
      .max(MAX_LINES, { message: `items may hold at most ${MAX_LINES} lines` })
      .optional(),
  })
  .strict()
  .refine((b) => (b.cartId === undefined) !== (b.items === undefined), { message: 'give either cartId or items, not both' });
const OrderParams = z.object({ orderId: uuidParam('orderId') });

interface Line {
  productId: number;
  quantity: number;
}

interface OrderRow {
  id: string;
  status: string;
  total: string;
  currency: string;
  created_at: Date;
}

interface OrderItemRow {
  product_id: number;
  name: string;
  quantity: number;
  unit_price: number;
}

function orderJson(order: OrderRow, items: OrderItemRow[]) {
  return {
    id: order.id,
    status: order.status,
    items: items.map((i) => ({ productId: i.product_id, name: i.name, quantity: i.quantity, unitPrice: i.unit_price, lineTotal: i.unit_price * i.quantity })),
    total: Number(order.total),
    currency: order.currency,
    createdAt: order.created_at.toISOString(),
  };
}

async function cartLines(tx: Queryable, cartId: string): Promise<Line[]> {
  const cart = await tx.query('SELECT 1 FROM carts WHERE id = $1 FOR UPDATE', [cartId]);
  if (cart.rowCount === 0) throw notFound(`Cart ${cartId} does not exist.`);
  const { rows } = await tx.query<{ product_id: number; quantity: number }>('SELECT product_id, quantity FROM cart_items WHERE cart_id = $1', [cartId]);
  if (rows.length === 0) throw badRequest(`Cart ${cartId} is empty; add items before ordering.`);
  return rows.map((r) => ({ productId: r.product_id, quantity: r.quantity }));
}

async function placeOrder(tx: Queryable, lines: Line[], cartId: string | undefined) {
  lines = [...lines].sort((a, b) => a.productId - b.productId);
  const ids = lines.map((l) => l.productId);
  const { rows: products } = await tx.query<{ id: number; name: string; price: number; stock: number }>(
    'SELECT id, name, price, stock FROM products WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE',
    [ids],
  );
  const byId = new Map(products.map((p) => [p.id, p]));
  for (const line of lines) {
    const product = byId.get(line.productId);
    if (!product) throw notFound(`Product ${line.productId} does not exist.`);
    if (product.stock < line.quantity) {
      throw conflict('insufficient_stock', `Only ${product.stock} of product ${product.id} (${product.name}) left; the order asks for ${line.quantity}.`);
    }
  }
  const quantities = lines.map((l) => l.quantity);
  await tx.query(
    `UPDATE products p SET stock = p.stock - d.quantity, updated_at = now()
       FROM unnest($1::int[], $2::int[]) AS d(id, quantity) WHERE p.id = d.id`,
    [ids, quantities],
  );
  const total = lines.reduce((sum, l) => sum + byId.get(l.productId)!.price * l.quantity, 0);
  const { rows } = await tx.query<OrderRow>('INSERT INTO orders (total) VALUES ($1) RETURNING id, status, total, currency, created_at', [total]);
  const order = rows[0]!;
  const { rows: items } = await tx.query<OrderItemRow>(
    `INSERT INTO order_items (order_id, product_id, name, quantity, unit_price)
     SELECT $1, p.id, p.name, d.quantity, p.price
       FROM unnest($2::int[], $3::int[]) AS d(id, quantity) JOIN products p ON p.id = d.id
     RETURNING product_id, name, quantity, unit_price`,
    [order.id, ids, quantities],
  );
  if (cartId) await tx.query('DELETE FROM cart_items WHERE cart_id = $1', [cartId]);
  items.sort((a, b) => a.product_id - b.product_id);
  return orderJson(order, items);
}

export function orderRoutes(app: FastifyInstance, { db, cache, metrics }: AppContext): void {
  app.post('/orders', async (request, reply) => {
    const body = parseInput(OrderBody, request.body ?? {}, 'body');
    if (body.items) {
      const seen = new Set<number>();
      for (const line of body.items) {
        if (seen.has(line.productId)) throw badRequest(`Invalid body: product ${line.productId} appears twice in items; give each product once with its total quantity.`);
        seen.add(line.productId);
      }
    }
    const order = await db.transaction(async (tx) => {
      const lines = body.cartId ? await cartLines(tx, body.cartId) : body.items!;
      return placeOrder(tx, lines, body.cartId);
    });
    metrics.ordersPlaced.inc();
    await cache.invalidate(order.items.map((i) => i.productId));
    return reply.code(201).header('location', `/orders/${order.id}`).send(order);
  });

  app.get('/orders/:orderId', async (request) => {
    const { orderId } = parseInput(OrderParams, request.params, 'path');
    const { rows } = await db.read<OrderRow>('SELECT id, status, total, currency, created_at FROM orders WHERE id = $1', [orderId]);
    const order = rows[0];
    if (!order) throw notFound(`Order ${orderId} does not exist.`);
    const { rows: items } = await db.read<OrderItemRow>(
      'SELECT product_id, name, quantity, unit_price FROM order_items WHERE order_id = $1 ORDER BY product_id',
      [orderId],
    );
    return orderJson(order, items);
  });
}
