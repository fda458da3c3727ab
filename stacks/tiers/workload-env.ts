// The environment the CloudMart API reads from /etc/cloudmart/api.env: the fixed contract
// between these stacks and stacks/workload. Non-secret settings only: the API fetches the
// database credentials and the Redis AUTH token from Secrets Manager by ARN.
export interface WorkloadEnvironment {
  readonly PORT: string;
  readonly AWS_REGION: string;
  /** The RDS-generated secret: JSON with host, port, dbname, username, password. */
  readonly DB_SECRET_ARN: string;
  readonly REDIS_HOST: string;
  readonly REDIS_PORT: string;
  readonly REDIS_TLS: 'true';
  /** The Redis AUTH token secret (its SecretString is the token itself). */
  readonly REDIS_AUTH_SECRET_ARN: string;
  readonly DRILL_ENDPOINTS: 'true' | 'false';
  readonly LOG_LEVEL: string;
}

export const WORKLOAD_ENV_FILE = '/etc/cloudmart/api.env';
export const WORKLOAD_LOG_FILE = '/var/log/cloudmart/api.log';
export const WORKLOAD_HEALTH_PATH = '/healthz';
export const WORKLOAD_READY_PATH = '/readyz';
