// Credentials from Secrets Manager, resolved at start through the real AWS SDK against
// the local emulator (moto), the endpoint given the way the SDK reads it itself
// (AWS_ENDPOINT_URL_SECRETS_MANAGER or AWS_ENDPOINT_URL).
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../contract/errors';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../../sandbox/emulator/emulator';
import { freePort } from '../../../sandbox/servers/ports';
import { configFromEnv } from '../src/config';
import { readSecretFromAws } from '../src/secrets';
import { call, spawnApi, startBackends, type ApiProcess, type Backends } from './helpers';

const REGION = 'ap-northeast-2';
const REDIS_TOKEN = 'redis-auth-token-0123456789';
let emulator: RunningEmulator;
let backends: Backends;
let api: ApiProcess | undefined;
const arns = {} as Record<'db' | 'redisJson' | 'redisPlain' | 'notJson' | 'noPassword' | 'mysql' | 'redisEmptyJson', string>;

async function createSecret(name: string, value: string): Promise<string> {
  const client = new SecretsManagerClient({ region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });
  const out = await client.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  client.destroy();
  return out.ARN!;
}

beforeAll(async () => {
  [emulator, backends] = await Promise.all([startEmulator(), startBackends({ redisPassword: REDIS_TOKEN })]);
  const { postgres } = backends;
  // As RDS generates it for a DatabaseInstance with generated credentials.
  arns.db = await createSecret(
    'cloudmart/student-1/db',
    JSON.stringify({ engine: 'postgres', host: postgres.host, port: postgres.port, dbname: 'postgres', username: 'postgres', password: postgres.password, dbInstanceIdentifier: 'cloudmart-db' }),
  );
  arns.redisJson = await createSecret('cloudmart/student-1/redis', JSON.stringify({ authToken: REDIS_TOKEN }));
  arns.redisPlain = await createSecret('cloudmart/student-1/redis-plain', REDIS_TOKEN);
  arns.notJson = await createSecret('cloudmart/student-1/not-json', 'host=127.0.0.1 password=hunter2');
  arns.noPassword = await createSecret('cloudmart/student-1/no-password', JSON.stringify({ host: '127.0.0.1', username: 'postgres' }));
  arns.mysql = await createSecret('cloudmart/student-1/mysql', JSON.stringify({ engine: 'mysql', host: 'h', username: 'u', password: 'hunter2' }));
  arns.redisEmptyJson = await createSecret('cloudmart/student-1/redis-empty', JSON.stringify({ token: 42 }));

  // For the in-process SDK calls below: the SDK reads these from process.env itself.
  process.env.AWS_ENDPOINT_URL = emulator.endpoint;
  process.env.AWS_ACCESS_KEY_ID = emulatorCredentials().accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = emulatorCredentials().secretAccessKey;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  delete process.env.AWS_PROFILE;
});
afterAll(async () => {
  if (api && api.child.exitCode === null) {
    api.child.kill('SIGTERM');
    await api.exited;
  }
  await Promise.all([emulator?.stop(), backends?.destroy()]);
});

const secretEnv = (overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  AWS_REGION: REGION,
  DB_SECRET_ARN: arns.db,
  DB_SSL: 'off',
  REDIS_HOST: '127.0.0.1',
  REDIS_PORT: String(backends.redis.port),
  REDIS_TLS: 'false',
  REDIS_AUTH_SECRET_ARN: arns.redisJson,
  ...overrides,
});

describe('secrets from Secrets Manager', () => {
  it('starts the API process from secret ARNs alone and serves with PostgreSQL and Redis (AUTH) behind them', async () => {
    const port = await freePort();
    api = await spawnApi({
      ...secretEnv(),
      DATABASE_URL: '',
      REDIS_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      AWS_ENDPOINT_URL: '',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: emulator.endpoint,
      AWS_ACCESS_KEY_ID: emulatorCredentials().accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulatorCredentials().secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    const base = `http://127.0.0.1:${port}`;
    const ready = await call(base, 'GET', '/readyz');
    expect(ready.json).toMatchObject({ status: 'ready', postgres: { status: 'up' }, redis: { status: 'up' } });
    expect((await call(base, 'GET', '/products/1')).headers.get('x-cache')).toBe('miss');
    expect((await call(base, 'GET', '/products/1')).headers.get('x-cache')).toBe('hit');
    // The secrets never reach the logs.
    expect(api.output()).not.toContain(backends.postgres.password);
    expect(api.output()).not.toContain(REDIS_TOKEN);
  });

  it('reads the RDS secret fields and a Redis token given as JSON or as a plain string', async () => {
    const config = await configFromEnv(secretEnv(), readSecretFromAws);
    expect(config.database).toEqual({
      host: '127.0.0.1',
      port: backends.postgres.port,
      database: 'postgres',
      user: 'postgres',
      password: backends.postgres.password,
      ssl: 'off',
    });
    expect(config.redis).toEqual({ host: '127.0.0.1', port: backends.redis.port, tls: false, password: REDIS_TOKEN });
    const plain = await configFromEnv(secretEnv({ REDIS_AUTH_SECRET_ARN: arns.redisPlain }), readSecretFromAws);
    expect(plain.redis.password).toBe(REDIS_TOKEN);
    // TLS to RDS is the default when the credentials come from a secret.
    expect((await configFromEnv(secretEnv({ DB_SSL: '' }), readSecretFromAws)).database.ssl).toBe('require');
  });

  it('refuses a missing or malformed secret with one sentence that names it and leaks no value', async () => {
    const missing = arns.db.replace('student-1/db', 'student-9/db');
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ DB_SECRET_ARN: missing }, /Cannot read secret .*student-9\/db.*ResourceNotFoundException/],
      [{ DB_SECRET_ARN: arns.notJson }, /is not JSON; DB_SECRET_ARN must name an RDS credentials secret/],
      [{ DB_SECRET_ARN: arns.noPassword }, /lacks password/],
      [{ DB_SECRET_ARN: arns.mysql }, /is for engine "mysql"; the API needs PostgreSQL/],
      [{ REDIS_AUTH_SECRET_ARN: arns.redisEmptyJson }, /JSON without an "authToken" \(or "password"\) field/],
    ];
    for (const [env, message] of cases) {
      const attempt = configFromEnv(secretEnv(env), readSecretFromAws);
      await expect(attempt).rejects.toBeInstanceOf(UsageError);
      await expect(attempt).rejects.toThrow(message);
      await expect(attempt).rejects.not.toThrow(/hunter2/);
    }
  });
});
