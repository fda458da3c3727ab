// The CloudMart API as a programmatic unit: startApi(options) connects to PostgreSQL
// (migrating and seeding it), starts the Redis cache, listens, and returns a handle whose
// close() shuts down gracefully: stop accepting, finish the requests in flight, close the
// pools. main.ts wraps it for the command line and systemd; tests call it directly.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { createBurnPool } from './burn';
import { createProductCache } from './cache';
import { configFromEnv, withDefaults, type ApiConfig, type ApiOptions } from './config';
import type { AppContext } from './context';
import { createDatabase } from './db/database';
import { migrate } from './db/migrate';
import { installErrorHandlers } from './http-errors';
import { createMetrics } from './metrics';
import { cartRoutes } from './routes/carts';
import { drillRoutes } from './routes/drill';
import { healthRoutes } from './routes/health';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { readSecretFromAws } from './secrets';

export type { ApiConfig, ApiOptions } from './config';

export interface RunningApi {
  /** The configuration it runs with (secrets resolved; do not log it). */
  config: ApiConfig;
  port: number;
  /** http://127.0.0.1:<port> when listening on all interfaces, else http://<host>:<port>. */
  url: string;
  /** Graceful: refuses new connections, lets requests in flight finish, closes the pools. Idempotent. */
  close(): Promise<void>;
}

// A caller's request id is kept when it looks like one (the ALB's X-Amzn-Trace-Id, an
// id from the frontend); anything else gets a fresh UUID, so logs never carry junk.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:;=@+/-]{1,200}$/;

export function requestIdOf(req: IncomingMessage): string {
  for (const header of ['x-request-id', 'x-amzn-trace-id']) {
    const value = req.headers[header];
    if (typeof value === 'string' && SAFE_REQUEST_ID.test(value)) return value;
  }
  return randomUUID();
}

/** The Fastify app with its connections, not yet listening. */
export function buildApp(config: ApiConfig): { app: FastifyInstance; context: AppContext } {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      base: { service: 'cloudmart-api', pid: process.pid },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    genReqId: requestIdOf,
    // One log line per request (onResponse below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    bodyLimit: config.bodyLimitBytes,
    // Instances sit behind the ALB; only its security group can reach them.
    trustProxy: true,
    // Longer than the ALB's 60 s idle timeout, or the ALB may reuse a connection the
    // server has just closed and answer 502.
    keepAliveTimeout: 65_000,
    // A client that trickles its request is cut off.
    requestTimeout: 30_000,
    // During close(), requests arriving on kept-alive connections get 503 + Connection: close.
    return503OnClosing: true,
  });

  const metrics = createMetrics(() => db.stats());
  const db = createDatabase(config, app.log, { onFailure: (reason) => metrics.dbUnavailable.inc({ reason }) });
  const cache = createProductCache(config, app.log, { onStateChange: (up) => metrics.redisUp.set(up ? 1 : 0) });
  const burn = config.drillEndpoints ? createBurnPool({ queueMax: config.burnQueueMax }) : undefined;
  const context: AppContext = { config, db, cache, metrics, ...(burn ? { burn } : {}) };

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, seconds);
    request.log.info(
      { method: request.method, url: request.url, route, statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 100) / 100, cache: reply.getHeader('x-cache') },
      'request',
    );
  });

  installErrorHandlers(app, config.bodyLimitBytes);
  // Every body this API takes is JSON; anything else is refused with 415.
  app.removeContentTypeParser('text/plain');
  healthRoutes(app, context);
  productRoutes(app, context);
  cartRoutes(app, context);
  orderRoutes(app, context);
  if (config.drillEndpoints) drillRoutes(app, context);

  // Graceful shutdown, step 1 (close() starts here): the listener stops accepting, and a
  // kept-alive connection is closed as soon as it has no request in flight: responses
  // finished from now on say Connection: close, and idle connections are swept until
  // the last one is gone (Node's server.close() only closes those idle at the moment it
  // is called, and a keep-alive client would otherwise hold the shutdown open).
  let shuttingDown = false;
  app.addHook('preClose', async () => {
    shuttingDown = true;
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    sweep.unref();
    app.server.once('close', () => clearInterval(sweep));
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (shuttingDown) void reply.header('connection', 'close');
    return payload;
  });

  // Step 2: Fastify runs this after the server stopped accepting and every request in flight has
  // been answered (its own server-closing hook is registered later, so it runs first).
  app.addHook('onClose', async () => {
    await burn?.close();
    await cache.close();
    await db.close();
  });
  return { app, context };
}

export async function startApi(options: ApiOptions): Promise<RunningApi> {
  const config = withDefaults(options);
  const { app, context } = buildApp(config);
  try {
    // The database may still be starting (a fresh RDS instance, a failover in progress).
    await context.db.waitUntilReachable(config.dbStartupTimeoutMs);
    if (config.migrateOnStart) {
      const outcome = await migrate(context.db, { seed: config.seedOnStart });
      app.log.info(outcome, 'database migrated');
      if (outcome.unknown.length > 0) app.log.warn({ unknown: outcome.unknown }, 'the database has migrations this version does not know (a newer version ran)');
    }
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  let closing: Promise<void> | undefined;
  return {
    config,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => (closing ??= app.close()),
  };
}

/**
 * The API configured from environment variables, as main.ts and the systemd unit run it:
 * secrets resolved from Secrets Manager, then startApi. Throws UsageError (bad
 * configuration) or UnreachableError (Secrets Manager unreachable).
 */
export async function startApiFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<RunningApi> {
  return startApi(await configFromEnv(env, readSecretFromAws));
}
