// The product cache in Redis. It is optional at run time: when Redis is down, slow or
// failing over, every call here gives up at once (no offline queue, a short command
// timeout) and the caller serves from PostgreSQL, reporting `bypass`.
//
// ioredis reconnects by itself for as long as the process lives (retryStrategy never
// gives up: the cache must come back after an ElastiCache failover), resolving the
// endpoint name again on each attempt (net/tls.connect -> dns.lookup, no cache of ours).
// After a failover the old primary turns replica and answers writes with READONLY: that
// error makes ioredis reconnect, which reaches the new primary through the endpoint name.
import { Redis, type RedisOptions } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { ApiConfig } from './config';

export type CacheResult = 'hit' | 'miss' | 'bypass';

export type CacheLookup = { result: 'hit'; json: string } | { result: 'miss' | 'bypass' };

/**
 * The Redis server the cache's connection reaches: the address the socket is connected to
 * (an ElastiCache node's private address) and its INFO server run_id (new for every Redis
 * process). Read once per connection, again after each reconnect (a failover moves it).
 * INFO is not among the commands ElastiCache restricts (ElastiCache User Guide,
 * ClientConfig.RestrictedCommands: bgrewriteaof, bgsave, config, debug, migrate, replicaof,
 * save, slaveof, shutdown, sync).
 */
export interface CacheServer {
  address: string | null;
  runId: string | null;
}

/** The run_id line of INFO server. */
export function runIdOf(info: string): string | null {
  return /^run_id:([0-9a-f]+)\s*$/m.exec(info)?.[1] ?? null;
}

export interface ProductCache {
  get(productId: number): Promise<CacheLookup>;
  /** Best effort: a failure only means the next read is a miss. */
  set(productId: number, json: string): Promise<void>;
  /** Best effort: when Redis is unreachable, stale entries live at most the TTL. */
  invalidate(productIds: readonly number[]): Promise<void>;
  /** PING round trip in milliseconds; throws when Redis is unreachable. */
  ping(): Promise<number>;
  isUp(): boolean;
  /** The server the connection reaches now, once known (undefined while disconnected). */
  server(): CacheServer | undefined;
  close(): Promise<void>;
}

export interface CacheEvents {
  onStateChange?(up: boolean): void;
}

const KEY_PREFIX = 'cloudmart:v1:product:';

export function redisOptions(config: ApiConfig): RedisOptions {
  return {
    connectTimeout: config.redisConnectTimeoutMs,
    commandTimeout: config.redisCommandTimeoutMs,
    // Fail fast while disconnected instead of queueing commands until Redis returns.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // 100 ms, 200 ms, ... capped at 2 s between reconnect attempts, forever.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times - 1, 5), 2_000),
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
    connectionName: 'cloudmart-api',
  };
}

export function createRedisClient(config: ApiConfig): Redis {
  const r = config.redis;
  const options = redisOptions(config);
  if (r.url) return new Redis(r.url, options);
  return new Redis({
    ...options,
    host: r.host,
    port: r.port ?? 6379,
    ...(r.username ? { username: r.username } : {}),
    ...(r.password ? { password: r.password } : {}),
    // ElastiCache in-transit encryption: its certificates chain to Amazon's public CAs,
    // which Node trusts, so the default verification applies.
    ...(r.tls ? { tls: { servername: r.host } } : {}),
  });
}

export function createProductCache(config: ApiConfig, log: FastifyBaseLogger, events: CacheEvents = {}): ProductCache {
  const redis = createRedisClient(config);
  const ttl = config.cacheTtlSeconds;
  let up = false;
  let closing = false;

  const setUp = (next: boolean, detail?: string) => {
    if (next === up) return;
    up = next;
    events.onStateChange?.(up);
    if (up) log.info('Redis ready: product reads are cached');
    else if (!closing) log.warn({ detail }, 'Redis unavailable: serving product reads from PostgreSQL (x-cache: bypass)');
  };
  let server: CacheServer | undefined;
  redis.on('ready', () => {
    setUp(true);
    const address = redis.stream?.remoteAddress ?? null;
    redis
      .info('server')
      .then((info) => (server = { address, runId: runIdOf(info) }))
      .catch(() => (server = { address, runId: null }));
  });
  redis.on('close', () => {
    server = undefined;
    setUp(false, 'connection closed');
  });
  redis.on('end', () => setUp(false, 'connection ended'));
  // Without a listener ioredis prints every reconnect failure; the state change above says enough.
  redis.on('error', (error: Error) => log.debug({ err: { message: error.message } }, 'Redis error'));

  const ready = () => redis.status === 'ready';
  const key = (id: number) => KEY_PREFIX + id;

  return {
    async get(productId) {
      if (!ready()) return { result: 'bypass' };
      try {
        const json = await redis.get(key(productId));
        return json === null ? { result: 'miss' } : { result: 'hit', json };
      } catch (error) {
        log.debug({ err: { message: (error as Error).message } }, 'Redis GET failed; bypassing the cache');
        return { result: 'bypass' };
      }
    },
    async set(productId, json) {
      if (!ready()) return;
      try {
        await redis.set(key(productId), json, 'EX', ttl);
      } catch (error) {
        log.debug({ err: { message: (error as Error).message } }, 'Redis SET failed');
      }
    },
    async invalidate(productIds) {
      if (productIds.length === 0) return;
      try {
        if (!ready()) throw new Error('Redis is not connected');
        await redis.del(...productIds.map(key));
      } catch (error) {
        log.warn({ productIds, ttlSeconds: ttl, err: { message: (error as Error).message } }, 'cache invalidation failed; the entries expire within the TTL');
      }
    },
    async ping() {
      if (!ready()) throw new Error(`Redis is ${redis.status}`);
      const started = performance.now();
      await redis.ping();
      return performance.now() - started;
    },
    isUp: ready,
    server: () => (ready() ? server : undefined),
    async close() {
      closing = true;
      if (ready()) {
        await Promise.race([redis.quit().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      }
      redis.disconnect();
    },
  };
}
