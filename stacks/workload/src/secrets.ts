// Database and Redis credentials from AWS Secrets Manager, read once at start.
// The SDK picks its endpoint itself (AWS_ENDPOINT_URL_SECRETS_MANAGER or AWS_ENDPOINT_URL
// when set, the regional endpoint otherwise) and its credentials from the instance role,
// so nothing here knows whether it talks to AWS or to the local emulator.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { UnreachableError, UsageError } from '../../../contract/errors';
import type { DatabaseConfig, RedisConfig } from './config';

/** The region of a secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>). */
export function regionOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts[2] === 'secretsmanager' && parts[3] ? parts[3] : undefined;
}

/** Reads a secret's string value; AWS_REGION wins, else the ARN's own region. */
export async function readSecretFromAws(arn: string, region: string | undefined): Promise<string> {
  const client = new SecretsManagerClient({ region: region ?? regionOfArn(arn) ?? process.env.AWS_REGION });
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (out.SecretString !== undefined) return out.SecretString;
    if (out.SecretBinary !== undefined) return Buffer.from(out.SecretBinary).toString('utf8');
    throw new UsageError(`Secret ${arn} has no value.`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const name = (error as { name?: string }).name ?? 'Error';
    if (['ResourceNotFoundException', 'InvalidRequestException', 'InvalidParameterException', 'DecryptionFailure'].includes(name)) {
      throw new UsageError(`Cannot read secret ${arn}: ${name}: ${(error as Error).message}`, { cause: error });
    }
    throw new UnreachableError(`Cannot read secret ${arn} from Secrets Manager (${name}); check the instance role and network.`, {
      cause: error,
    });
  } finally {
    client.destroy();
  }
}

function parseJsonObject(value: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Connection settings from an RDS-generated secret: JSON with host, port, dbname,
 * username, password (and engine). dbname is absent when the instance was created
 * without a database name; PostgreSQL's default database `postgres` is used then.
 * Messages name the missing field, never a value.
 */
export function databaseFromSecret(value: string, arn: string): DatabaseConfig {
  const json = parseJsonObject(value);
  if (!json) throw new UsageError(`Secret ${arn} is not JSON; DB_SECRET_ARN must name an RDS credentials secret (host, port, dbname, username, password).`);
  const field = (name: string): string | undefined => {
    const v = json[name];
    return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
  };
  const missing = ['host', 'username', 'password'].filter((name) => field(name) === undefined);
  if (missing.length > 0) throw new UsageError(`Secret ${arn} lacks ${missing.join(', ')}; DB_SECRET_ARN must name an RDS credentials secret.`);
  const engine = field('engine');
  if (engine && !/postgres/i.test(engine)) throw new UsageError(`Secret ${arn} is for engine "${engine}"; the API needs PostgreSQL.`);
  const port = Number(field('port') ?? 5432);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`Secret ${arn} has an invalid port.`);
  return { host: field('host')!, port, database: field('dbname') ?? 'postgres', user: field('username')!, password: field('password')! };
}

/**
 * The Redis AUTH token from a secret: either the plain token, or JSON with the token in
 * `authToken` (or `password`) and, for ElastiCache RBAC users, an optional `username`.
 */
export function redisTokenFromSecret(value: string, arn: string): Pick<RedisConfig, 'password' | 'username'> {
  const json = parseJsonObject(value);
  if (!json) {
    const token = value.trim();
    if (!token) throw new UsageError(`Secret ${arn} is empty; REDIS_AUTH_SECRET_ARN must hold the Redis AUTH token.`);
    return { password: token };
  }
  const token = [json.authToken, json.password].find((v): v is string => typeof v === 'string' && v !== '');
  if (!token) throw new UsageError(`Secret ${arn} is JSON without an "authToken" (or "password") field; REDIS_AUTH_SECRET_ARN must hold the Redis AUTH token.`);
  return typeof json.username === 'string' && json.username ? { password: token, username: json.username } : { password: token };
}
