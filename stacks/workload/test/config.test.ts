// Configuration from environment variables: defaults, every variable parsed, clear
// refusals, and the secret parsers (the SDK path itself is in secrets.test.ts).
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../contract/errors';
import { DEFAULTS, configFromEnv, parseEnv } from '../src/config';
import { databaseFromSecret, redisTokenFromSecret, regionOfArn } from '../src/secrets';
import { ReconnectBackoff, isConnectionError } from '../src/db/database';
import pg from 'pg';
import { TEST_DRILL_TOKEN } from './helpers';

const noSecrets = async (arn: string): Promise<string> => {
  throw new Error(`no secret expected, asked for ${arn}`);
};
const local = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('configFromEnv', () => {
  it('applies the documented defaults', async () => {
    const config = await configFromEnv(local, noSecrets);
    expect(config).toMatchObject({ ...DEFAULTS, database: { connectionString: local.DATABASE_URL, ssl: 'off' }, redis: { url: local.REDIS_URL } });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.drillEndpoints).toBe(false);
    expect(config.burnMaxMs).toBe(500);
  });

  it('reads every setting, and derives the client query timeout from the statement timeout', async () => {
    const config = await configFromEnv(
      { ...local, PORT: '9000', HOST: '127.0.0.1', DRILL_ENDPOINTS: 'on', DRILL_TOKEN: TEST_DRILL_TOKEN, LOG_LEVEL: 'warn', CACHE_TTL_SECONDS: '30', BURN_MAX_MS: '900', DB_STATEMENT_TIMEOUT_MS: '2500', DB_POOL_MAX: '4', DB_MIGRATE: 'off', REDIS_COMMAND_TIMEOUT_MS: '250' },
      noSecrets,
    );
    expect(config).toMatchObject({ port: 9000, host: '127.0.0.1', drillEndpoints: true, logLevel: 'warn', cacheTtlSeconds: 30, burnMaxMs: 900, dbStatementTimeoutMs: 2500, dbQueryTimeoutMs: 3500, dbPoolMax: 4, migrateOnStart: false, redisCommandTimeoutMs: 250 });
    expect((await configFromEnv({ ...local, DB_QUERY_TIMEOUT_MS: '7000' }, noSecrets)).dbQueryTimeoutMs).toBe(7000);
  });

  it('builds the ElastiCache settings from REDIS_HOST, REDIS_PORT and REDIS_TLS', async () => {
    const config = await configFromEnv({ DATABASE_URL: local.DATABASE_URL, REDIS_HOST: 'master.cm.abc.apn2.cache.amazonaws.com', REDIS_TLS: 'true' }, noSecrets);
    expect(config.redis).toEqual({ host: 'master.cm.abc.apn2.cache.amazonaws.com', port: 6379, tls: true });
  });

  it.each([
    [{ REDIS_URL: local.REDIS_URL }, /No database configured/],
    [{ DATABASE_URL: local.DATABASE_URL }, /No Redis configured/],
    [{ ...local, DB_SECRET_ARN: 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:db' }, /DB_SECRET_ARN or DATABASE_URL, not both/],
    [{ ...local, REDIS_HOST: 'h' }, /REDIS_URL or REDIS_HOST/],
    [{ ...local, PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ ...local, LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ ...local, DB_SSL: 'yes' }, /DB_SSL must be off, require or verify-full/],
    [{ ...local, CACHE_TTL_SECONDS: '-1' }, /CACHE_TTL_SECONDS must be a whole number/],
    [{ ...local, DRILL_ENDPOINTS: 'on' }, /^DRILL_ENDPOINTS=on needs a drill token: set DRILL_TOKEN_SECRET_ARN/],
    [{ ...local, DRILL_ENDPOINTS: 'on', DRILL_TOKEN: 'short' }, /^The drill token must be at least 16 characters\.$/],
    [{ ...local, DRILL_ENDPOINTS: 'on', DRILL_TOKEN: TEST_DRILL_TOKEN, DRILL_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:drill' }, /DRILL_TOKEN_SECRET_ARN or DRILL_TOKEN, not both/],
  ])('refuses %o', async (env, message) => {
    const attempt = configFromEnv(env, noSecrets);
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('reads the drill token from its secret (the stacks\' plain generated string, or JSON with "token") only when the drill endpoints are on', async () => {
    const arn = 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:cloudmart/s01/drill-token-AbCdEf';
    const asked: string[] = [];
    const reader = (value: string) => async (a: string) => (asked.push(a), value);
    expect((await configFromEnv({ ...local, DRILL_ENDPOINTS: 'on', DRILL_TOKEN_SECRET_ARN: arn }, reader(`  ${TEST_DRILL_TOKEN}\n`))).drillToken).toBe(TEST_DRILL_TOKEN);
    expect((await configFromEnv({ ...local, DRILL_ENDPOINTS: 'on', DRILL_TOKEN_SECRET_ARN: arn }, reader(JSON.stringify({ token: TEST_DRILL_TOKEN })))).drillToken).toBe(TEST_DRILL_TOKEN);
    expect(asked).toEqual([arn, arn]);
    expect((await configFromEnv({ ...local, DRILL_ENDPOINTS: 'off', DRILL_TOKEN_SECRET_ARN: arn }, noSecrets)).drillToken).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(parseEnv({ PORT: '', DRILL_ENDPOINTS: '  ' })).toEqual({});
  });
});

describe('secret parsers', () => {
  const arn = 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:cloudmart/db-AbCdEf';

  it('reads an RDS secret, defaulting port and dbname', () => {
    expect(databaseFromSecret(JSON.stringify({ engine: 'postgres', host: 'db.x.rds.amazonaws.com', username: 'cm', password: 'pw' }), arn)).toEqual({
      host: 'db.x.rds.amazonaws.com',
      port: 5432,
      database: 'postgres',
      user: 'cm',
      password: 'pw',
    });
    expect(databaseFromSecret(JSON.stringify({ host: 'h', port: 6543, dbname: 'shop', username: 'u', password: 'p' }), arn)).toMatchObject({ port: 6543, database: 'shop' });
    expect(() => databaseFromSecret(JSON.stringify({ host: 'h', username: 'u', password: 'p', port: 'x' }), arn)).toThrow(/invalid port/);
  });

  it('reads a Redis token from a plain string or from JSON authToken / password (+ username)', () => {
    expect(redisTokenFromSecret('  tok  ', arn)).toEqual({ password: 'tok' });
    expect(redisTokenFromSecret('{"authToken":"a"}', arn)).toEqual({ password: 'a' });
    expect(redisTokenFromSecret('{"password":"b","username":"app"}', arn)).toEqual({ password: 'b', username: 'app' });
    expect(() => redisTokenFromSecret('   ', arn)).toThrow(/is empty/);
  });

  it('knows the region of a secret ARN', () => {
    expect(regionOfArn(arn)).toBe('ap-northeast-2');
    expect(regionOfArn('cloudmart/db')).toBeUndefined();
  });
});

describe('database error handling', () => {
  it('tells connection failures from statement errors', () => {
    const sqlError = (code: string) => Object.assign(new pg.DatabaseError('x', 1, 'error'), { code });
    expect(isConnectionError(sqlError('57P01'))).toBe(true); // admin shutdown
    expect(isConnectionError(sqlError('08006'))).toBe(true); // connection failure
    expect(isConnectionError(sqlError('25006'))).toBe(true); // read-only: a demoted primary
    expect(isConnectionError(sqlError('23505'))).toBe(false); // unique violation
    expect(isConnectionError(sqlError('57014'))).toBe(false); // statement timeout: the connection is fine
    expect(isConnectionError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError(new Error('Query read timeout'))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(new TypeError('x is undefined'))).toBe(false);
  });

  it('backs off exponentially with jitter up to the cap, and resets on success', () => {
    const backoff = new ReconnectBackoff(100, 1_000);
    const delays = Array.from({ length: 6 }, () => backoff.failed(0));
    const ceilings = [100, 200, 400, 800, 1_000, 1_000];
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(ceilings[i]! / 2);
      expect(delay).toBeLessThanOrEqual(ceilings[i]!);
    });
    expect(backoff.waitMs(0)).toBe(delays[5]);
    backoff.succeeded();
    expect(backoff.waitMs(0)).toBe(0);
    expect(backoff.consecutiveFailures).toBe(0);
  });
});
