// PostgreSQL access for the API: one pg Pool with every timeout set, and a reconnect
// back-off so that a database that moved (RDS Multi-AZ failover) or vanished makes
// requests fail fast with 503 instead of hanging, then recover on their own.
//
// Why each setting (node-postgres sets none of these by default, and a client then waits
// forever on a socket whose server died in a failover):
// - connectionTimeoutMillis: bounds both a TCP/TLS/auth handshake to a host that does not
//   answer and the wait for a free pooled client.
// - statement_timeout (server side) and query_timeout (client side, a little longer):
//   the server cancels a slow statement cleanly; the client gives up on a server that
//   stopped answering at all (a dead host sends no RST).
// - idle_in_transaction_session_timeout: a crashed request never holds locks for long.
// - idleTimeoutMillis and maxLifetimeSeconds: idle clients are closed, and every client
//   is replaced after a while, so none lives on against an endpoint's old address.
// - keepAlive: the kernel notices a peer that vanished while a client is idle.
//
// DNS: RDS moves its endpoint name to the new primary on failover (a CNAME with a 5 s
// TTL). pg connects with net.connect(host), which resolves through dns.lookup() on
// every new connection, and Node's dns.lookup() keeps no cache of its own (it asks the
// OS resolver each time; on Amazon Linux 2023 systemd-resolved honours the record TTL).
// Nothing here adds a DNS cache, so a new connection never uses an address older than 5 s.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { ApiConfig } from '../config';

/** The database cannot serve right now: answered with 503 and Retry-After. */
export class DatabaseUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: 'backoff' | 'connect' | 'connection-lost' | 'timeout' | 'read-only',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

// SQLSTATEs after which the connection is useless: connection exceptions (08), the
// server shutting down or starting (57P01-57P03), too many connections (53300), and a
// read-only transaction (25006), which means we reached a demoted primary.
const BROKEN_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '25006']);
const SOCKET_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const DRIVER_MESSAGES = /connection terminated|query read timeout|timeout exceeded when trying to connect|client has encountered a connection error|connection timeout|not queryable/i;

/** True when an error from pg means the connection (not the statement) failed. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (error instanceof pg.DatabaseError) return !!code && (code.startsWith('08') || BROKEN_SQLSTATES.has(code));
  return (code !== undefined && SOCKET_ERRNOS.has(code)) || DRIVER_MESSAGES.test(error.message);
}

/** Exponential back-off with jitter between failed connection attempts. */
export class ReconnectBackoff {
  private failures = 0;
  private retryAt = 0;
  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}
  /** Milliseconds until the next attempt is allowed (0: go ahead). */
  waitMs(now = Date.now()): number {
    return Math.max(0, this.retryAt - now);
  }
  failed(now = Date.now()): number {
    this.failures += 1;
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures - 1, 20));
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.retryAt = now + delay;
    return delay;
  }
  succeeded(): void {
    this.failures = 0;
    this.retryAt = 0;
  }
  get consecutiveFailures(): number {
    return this.failures;
  }
}

export interface DatabaseEvents {
  /** A connection attempt or a connection failed. */
  onFailure?(reason: DatabaseUnavailableError['reason']): void;
}

/** Something to run a statement on: the Database itself, or a client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface Database {
  /** One statement; no retry (writes). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** One read-only statement, retried once on a fresh connection if a pooled one turned out dead. */
  read<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** BEGIN; fn; COMMIT (ROLLBACK when fn throws). */
  transaction<T>(fn: (client: Queryable) => Promise<T>): Promise<T>;
  /** A client of its own for long work (migrations); released by the caller. */
  withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /** Round trip of SELECT 1 in milliseconds. */
  ping(): Promise<number>;
  /** Retries connecting (with the back-off) until one works or the deadline passes. */
  waitUntilReachable(timeoutMs: number): Promise<void>;
  stats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export function poolConfig(config: ApiConfig): pg.PoolConfig {
  const db = config.database;
  const ssl =
    db.ssl === 'require'
      ? { rejectUnauthorized: false }
      : db.ssl === 'verify-full'
        ? { rejectUnauthorized: true, ...(db.sslCaFile ? { ca: readFileSync(db.sslCaFile, 'utf8') } : {}) }
        : undefined;
  const connection: pg.PoolConfig = db.connectionString
    ? { connectionString: db.connectionString }
    : { host: db.host, port: db.port ?? 5432, database: db.database ?? 'postgres', user: db.user, password: db.password };
  return {
    ...connection,
    // With a URL and DB_SSL=off, the URL's own sslmode (if any) decides.
    ...(ssl ? { ssl } : {}),
    application_name: 'cloudmart-api',
    max: config.dbPoolMax,
    connectionTimeoutMillis: config.dbConnectTimeoutMs,
    idleTimeoutMillis: config.dbIdleTimeoutMs,
    maxLifetimeSeconds: config.dbMaxLifetimeSeconds,
    statement_timeout: config.dbStatementTimeoutMs,
    query_timeout: config.dbQueryTimeoutMs,
    idle_in_transaction_session_timeout: Math.max(config.dbQueryTimeoutMs * 2, 10_000),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

export function createDatabase(config: ApiConfig, log: FastifyBaseLogger, events: DatabaseEvents = {}): Database {
  const pool = new pg.Pool(poolConfig(config));
  const backoff = new ReconnectBackoff(100, config.dbReconnectBackoffMaxMs);
  let closed = false;

  // pg emits 'error' on a client whose connection dies, and an 'error' event without a
  // listener crashes the process. The pool listens only while a client is idle, and
  // withClient() only once it holds one; in between (a server that says "ready" and
  // "shutting down" in one packet) this permanent listener catches it. The failure
  // itself reaches the caller through the query that fails or the pool's next connect.
  pool.on('connect', (client) => {
    client.on('error', (error) => log.debug({ err: { message: error.message } }, 'PostgreSQL client error'));
  });
  // An idle client whose server went away: the pool discards it and tells us here.
  pool.on('error', (error) => {
    if (closed) return; // a client still closing after pool.end() hears the server go away
    log.warn({ err: { message: error.message, code: (error as { code?: string }).code } }, 'idle PostgreSQL client failed; it was discarded');
  });

  function unavailable(reason: DatabaseUnavailableError['reason'], message: string, cause?: unknown): DatabaseUnavailableError {
    events.onFailure?.(reason);
    return new DatabaseUnavailableError(message, reason, { cause });
  }

  async function acquire(): Promise<pg.PoolClient> {
    if (closed) throw new DatabaseUnavailableError('The API is shutting down.', 'connect');
    const wait = backoff.waitMs();
    if (wait > 0) throw unavailable('backoff', `PostgreSQL is unreachable; the next connection attempt is in ${wait} ms.`);
    try {
      const client = await pool.connect();
      if (backoff.consecutiveFailures > 0) log.info({ failures: backoff.consecutiveFailures }, 'PostgreSQL reachable again');
      backoff.succeeded();
      return client;
    } catch (error) {
      const delay = backoff.failed();
      if (backoff.consecutiveFailures === 1) log.warn({ err: { message: (error as Error).message } }, 'PostgreSQL connection failed; backing off');
      else log.debug({ delayMs: delay, err: { message: (error as Error).message } }, 'PostgreSQL still unreachable');
      throw unavailable('connect', `PostgreSQL is unreachable: ${(error as Error).message}`, error);
    }
  }

  async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await acquire();
    let broken: Error | undefined;
    // A connection that dies while we hold the client (even between two queries of a
    // transaction) must not go back to the pool.
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      return await fn(client);
    } catch (error) {
      if (isConnectionError(error)) {
        broken = error as Error;
        // No back-off here: the next request opens a fresh connection, and that attempt
        // tells whether the server itself is gone.
        const readOnly = (error as { code?: string }).code === '25006';
        throw unavailable(readOnly ? 'read-only' : 'connection-lost', `PostgreSQL connection lost: ${(error as Error).message}`, error);
      }
      if ((error as { code?: string }).code === '57014') {
        throw unavailable('timeout', 'PostgreSQL did not answer in time (statement timeout).', error);
      }
      throw error;
    } finally {
      client.off('error', onError);
      // release(error) destroys the client instead of returning a dead one to the pool.
      client.release(broken);
    }
  }

  async function transaction<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    return withClient(async (client) => {
      await client.query('BEGIN');
      let result: T;
      try {
        result = await fn(client);
      } catch (error) {
        // A failed ROLLBACK means the connection is gone: that error (503) replaces fn's.
        await client.query('ROLLBACK');
        throw error;
      }
      await client.query('COMMIT');
      return result;
    });
  }

  return {
    query: (text, values) => withClient((client) => client.query(text, values)),
    async read(text, values) {
      try {
        return await withClient((client) => client.query(text, values));
      } catch (error) {
        // A pooled client can be dead before anyone noticed (the server restarted while
        // it sat idle): one more try on a fresh connection.
        if (error instanceof DatabaseUnavailableError && error.reason === 'connection-lost') {
          return withClient((client) => client.query(text, values));
        }
        throw error;
      }
    },
    transaction,
    withClient,
    async ping() {
      const started = performance.now();
      await withClient((client) => client.query('SELECT 1'));
      return performance.now() - started;
    },
    async waitUntilReachable(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          await withClient((client) => client.query('SELECT 1'));
          return;
        } catch (error) {
          if (Date.now() >= deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.max(backoff.waitMs(), 50)));
        }
      }
    },
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
