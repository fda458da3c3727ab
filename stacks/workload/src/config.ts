// The API's configuration: the programmatic shape (ApiConfig, what startApi takes) and
// how it is read from environment variables (what main.ts and the systemd unit use).
// Secrets are never literals here: DB_SECRET_ARN / REDIS_AUTH_SECRET_ARN are resolved at
// start by secrets.ts. The README beside this folder lists every variable.
import { z } from 'zod';
import { UsageError } from '../../../contract/errors';
import { DRILL_TOKEN_MIN_LENGTH, drillTokenFromSecret } from './drill-token';
import { databaseFromSecret, redisTokenFromSecret } from './secrets';

export type DbSslMode = 'off' | 'require' | 'verify-full';

export interface DatabaseConfig {
  /** postgres://user:pass@host:port/db (local/dev). Either this or host/user/password. */
  connectionString?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  /** off: plain TCP; require: TLS without certificate check; verify-full: TLS, checked against sslCaFile or the system CAs. */
  ssl?: DbSslMode;
  sslCaFile?: string;
}

export interface RedisConfig {
  /** redis://[:token@]host:port or rediss:// (local/dev). Either this or host/port. */
  url?: string;
  host?: string;
  port?: number;
  tls?: boolean;
  username?: string;
  /** The AUTH token. */
  password?: string;
}

export interface ApiConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  redis: RedisConfig;
  drillEndpoints: boolean;
  /**
   * The token every /drill/* request must carry (drill-token.ts); required when
   * drillEndpoints is on. From DRILL_TOKEN_SECRET_ARN (the stacks' secret) or DRILL_TOKEN.
   */
  drillToken?: string;
  logLevel: string;
  cacheTtlSeconds: number;
  burnMaxMs: number;
  /** Burns waiting for a free CPU worker beyond this many are refused with 503. */
  burnQueueMax: number;
  bodyLimitBytes: number;
  dbPoolMax: number;
  dbConnectTimeoutMs: number;
  dbStatementTimeoutMs: number;
  dbQueryTimeoutMs: number;
  dbIdleTimeoutMs: number;
  dbMaxLifetimeSeconds: number;
  dbReconnectBackoffMaxMs: number;
  dbStartupTimeoutMs: number;
  redisConnectTimeoutMs: number;
  redisCommandTimeoutMs: number;
  shutdownTimeoutMs: number;
  migrateOnStart: boolean;
  seedOnStart: boolean;
}

export type ApiOptions = Partial<ApiConfig> & Pick<ApiConfig, 'database' | 'redis'>;

export const DEFAULTS: Omit<ApiConfig, 'database' | 'redis'> = {
  port: 8080,
  host: '0.0.0.0',
  drillEndpoints: false,
  logLevel: 'info',
  cacheTtlSeconds: 60,
  burnMaxMs: 500,
  burnQueueMax: 256,
  bodyLimitBytes: 16 * 1024,
  dbPoolMax: 10,
  dbConnectTimeoutMs: 3_000,
  dbStatementTimeoutMs: 5_000,
  dbQueryTimeoutMs: 6_000,
  dbIdleTimeoutMs: 30_000,
  dbMaxLifetimeSeconds: 300,
  dbReconnectBackoffMaxMs: 1_000,
  dbStartupTimeoutMs: 60_000,
  redisConnectTimeoutMs: 1_000,
  redisCommandTimeoutMs: 500,
  shutdownTimeoutMs: 20_000,
  migrateOnStart: true,
  seedOnStart: true,
};

export function withDefaults(options: ApiOptions): ApiConfig {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const config = { ...DEFAULTS, ...defined } as ApiConfig;
  // Drill endpoints without a token would be a door anyone on the internet can open.
  if (config.drillEndpoints && (config.drillToken ?? '').length < DRILL_TOKEN_MIN_LENGTH) {
    throw new UsageError(
      config.drillToken
        ? `The drill token must be at least ${DRILL_TOKEN_MIN_LENGTH} characters.`
        : 'DRILL_ENDPOINTS=on needs a drill token: set DRILL_TOKEN_SECRET_ARN (the stack\'s drill token secret) or DRILL_TOKEN (local/dev).',
    );
  }
  return config;
}

// ---- environment variables -------------------------------------------------------------

const onOff = (name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'].includes(v), `${name} must be on or off`)
    .transform((v) => ['on', 'true', '1', 'yes'].includes(v));

const int = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`);

const text = z.string().trim().min(1);

/** Variable name -> parser; every entry is optional (unset or empty means the default). */
const ENV = {
  PORT: int('PORT', 0, 65535),
  HOST: text,
  AWS_REGION: text,
  DATABASE_URL: text,
  DB_SECRET_ARN: text,
  DB_SSL: z.enum(['off', 'require', 'verify-full'], { message: 'DB_SSL must be off, require or verify-full' }),
  DB_SSL_CA_FILE: text,
  REDIS_URL: text,
  REDIS_HOST: text,
  REDIS_PORT: int('REDIS_PORT', 1, 65535),
  REDIS_TLS: onOff('REDIS_TLS'),
  REDIS_AUTH_SECRET_ARN: text,
  DRILL_ENDPOINTS: onOff('DRILL_ENDPOINTS'),
  DRILL_TOKEN: text,
  DRILL_TOKEN_SECRET_ARN: text,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  }),
  CACHE_TTL_SECONDS: int('CACHE_TTL_SECONDS', 1, 86_400),
  BURN_MAX_MS: int('BURN_MAX_MS', 0, 60_000),
  BURN_QUEUE_MAX: int('BURN_QUEUE_MAX', 0, 100_000),
  BODY_LIMIT_BYTES: int('BODY_LIMIT_BYTES', 256, 10 * 1024 * 1024),
  DB_POOL_MAX: int('DB_POOL_MAX', 1, 1_000),
  DB_CONNECT_TIMEOUT_MS: int('DB_CONNECT_TIMEOUT_MS', 100, 120_000),
  DB_STATEMENT_TIMEOUT_MS: int('DB_STATEMENT_TIMEOUT_MS', 100, 600_000),
  DB_QUERY_TIMEOUT_MS: int('DB_QUERY_TIMEOUT_MS', 100, 600_000),
  DB_IDLE_TIMEOUT_MS: int('DB_IDLE_TIMEOUT_MS', 1_000, 3_600_000),
  DB_MAX_LIFETIME_SECONDS: int('DB_MAX_LIFETIME_SECONDS', 0, 86_400),
  DB_RECONNECT_BACKOFF_MAX_MS: int('DB_RECONNECT_BACKOFF_MAX_MS', 0, 60_000),
  DB_STARTUP_TIMEOUT_MS: int('DB_STARTUP_TIMEOUT_MS', 0, 3_600_000),
  DB_MIGRATE: onOff('DB_MIGRATE'),
  DB_SEED: onOff('DB_SEED'),
  REDIS_CONNECT_TIMEOUT_MS: int('REDIS_CONNECT_TIMEOUT_MS', 50, 60_000),
  REDIS_COMMAND_TIMEOUT_MS: int('REDIS_COMMAND_TIMEOUT_MS', 10, 60_000),
  SHUTDOWN_TIMEOUT_MS: int('SHUTDOWN_TIMEOUT_MS', 0, 600_000),
} as const;

type EnvName = keyof typeof ENV;
type ParsedEnv = { [K in EnvName]?: z.output<(typeof ENV)[K]> };

export const ENV_NAMES = Object.keys(ENV) as EnvName[];

/** Parses the variables the API reads; throws UsageError naming every bad one. */
export function parseEnv(env: NodeJS.ProcessEnv): ParsedEnv {
  const parsed: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of ENV_NAMES) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const result = (ENV[name] as z.ZodType).safeParse(raw);
    if (result.success) parsed[name] = result.data;
    else problems.push(result.error.issues[0]?.message ?? `${name} is invalid`);
  }
  if (problems.length > 0) throw new UsageError(`Bad configuration: ${problems.join('; ')}.`);
  return parsed as ParsedEnv;
}

/** Reads a secret's string value by ARN (secrets.ts has the Secrets Manager one). */
export type SecretReader = (arn: string, region: string | undefined) => Promise<string>;

/**
 * The full configuration from environment variables, with the secrets resolved through
 * `readSecret`. Throws UsageError for missing or contradictory settings.
 */
export async function configFromEnv(env: NodeJS.ProcessEnv, readSecret: SecretReader): Promise<ApiConfig> {
  const e = parseEnv(env);
  if (e.DATABASE_URL && e.DB_SECRET_ARN) throw new UsageError('Set DB_SECRET_ARN or DATABASE_URL, not both.');
  if (!e.DATABASE_URL && !e.DB_SECRET_ARN) {
    throw new UsageError('No database configured: set DB_SECRET_ARN (RDS secret) or DATABASE_URL (local/dev).');
  }
  if (e.REDIS_URL && (e.REDIS_HOST || e.REDIS_AUTH_SECRET_ARN)) {
    throw new UsageError('Set REDIS_URL or REDIS_HOST (with REDIS_PORT, REDIS_TLS, REDIS_AUTH_SECRET_ARN), not both.');
  }
  if (!e.REDIS_URL && !e.REDIS_HOST) throw new UsageError('No Redis configured: set REDIS_HOST (ElastiCache) or REDIS_URL (local/dev).');

  const database: DatabaseConfig = e.DB_SECRET_ARN
    ? { ...databaseFromSecret(await readSecret(e.DB_SECRET_ARN, e.AWS_REGION), e.DB_SECRET_ARN), ssl: e.DB_SSL ?? 'require' }
    : { connectionString: e.DATABASE_URL!, ssl: e.DB_SSL ?? 'off' };
  if (e.DB_SSL_CA_FILE) database.sslCaFile = e.DB_SSL_CA_FILE;

  const redis: RedisConfig = e.REDIS_URL
    ? { url: e.REDIS_URL }
    : {
        host: e.REDIS_HOST!,
        port: e.REDIS_PORT ?? 6379,
        tls: e.REDIS_TLS ?? false,
        ...(e.REDIS_AUTH_SECRET_ARN
          ? redisTokenFromSecret(await readSecret(e.REDIS_AUTH_SECRET_ARN, e.AWS_REGION), e.REDIS_AUTH_SECRET_ARN)
          : {}),
      };

  if (e.DRILL_TOKEN && e.DRILL_TOKEN_SECRET_ARN) throw new UsageError('Set DRILL_TOKEN_SECRET_ARN or DRILL_TOKEN, not both.');
  // The token is read only when the drill endpoints are on: off, nobody needs it.
  const drillToken = !e.DRILL_ENDPOINTS
    ? undefined
    : e.DRILL_TOKEN_SECRET_ARN
      ? drillTokenFromSecret(await readSecret(e.DRILL_TOKEN_SECRET_ARN, e.AWS_REGION))
      : e.DRILL_TOKEN;

  const statementTimeout = e.DB_STATEMENT_TIMEOUT_MS ?? DEFAULTS.dbStatementTimeoutMs;
  return withDefaults({
    database,
    redis,
    port: e.PORT,
    host: e.HOST,
    drillEndpoints: e.DRILL_ENDPOINTS,
    drillToken,
    logLevel: e.LOG_LEVEL,
    cacheTtlSeconds: e.CACHE_TTL_SECONDS,
    burnMaxMs: e.BURN_MAX_MS,
    burnQueueMax: e.BURN_QUEUE_MAX,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    dbPoolMax: e.DB_POOL_MAX,
    dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    dbStatementTimeoutMs: statementTimeout,
    // The client-side limit sits just above the server-side one, so the server's clean
    // cancellation normally wins and the client one only fires when the server is gone.
    dbQueryTimeoutMs: e.DB_QUERY_TIMEOUT_MS ?? statementTimeout + 1_000,
    dbIdleTimeoutMs: e.DB_IDLE_TIMEOUT_MS,
    dbMaxLifetimeSeconds: e.DB_MAX_LIFETIME_SECONDS,
    dbReconnectBackoffMaxMs: e.DB_RECONNECT_BACKOFF_MAX_MS,
    dbStartupTimeoutMs: e.DB_STARTUP_TIMEOUT_MS,
    migrateOnStart: e.DB_MIGRATE,
    seedOnStart: e.DB_SEED,
    redisConnectTimeoutMs: e.REDIS_CONNECT_TIMEOUT_MS,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  });
}
