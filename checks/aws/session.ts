// One AWS session per run: the region, the endpoint (AWS or any AWS-compatible endpoint
// such as the local emulator), the shared credentials, and a factory for SDK clients
// that all retry in adaptive mode and report every request to the call recorder.
import dns from 'node:dns/promises';
import net from 'node:net';
import { UnreachableError, UsageError } from '../../contract/errors';
import { CallRecorder, type ClientWithMiddleware } from './call-recorder';
import { resolveCredentials, type CredentialOptions } from './credentials';
import { classifyAwsError } from './errors';
import { declareOperations } from './operations';
import { assertRegionName, DEFAULT_REGION } from './region';
import type { ServiceKey } from './services';
import { awsSdk } from './sdk';

const { GetCallerIdentityCommand, STSClient } = awsSdk('@aws-sdk/client-sts');

export const OPERATIONS = declareOperations('sts', ['GetCallerIdentity']);

/** Enough attempts that a run where 30% of calls are throttled still completes. */
export const MAX_ATTEMPTS = 8;

export interface AwsSessionOptions extends Omit<CredentialOptions, 'region'> {
  region: string;
}

/** How a command reaches an account: region (default ap-northeast-2), endpoint, credentials, profile, role. */
export type AccountOptions = Partial<AwsSessionOptions>;

/** The session of one command run; `purpose` names its assumed-role session (seen in CloudTrail). */
export function sessionFor(options: AccountOptions, purpose: string): AwsSession {
  return new AwsSession({
    region: options.region ?? DEFAULT_REGION,
    endpoint: options.endpoint,
    credentials: options.credentials,
    profile: options.profile,
    roleArn: options.roleArn,
    externalId: options.externalId,
    roleSessionName: purpose,
  });
}

export interface CallerIdentity {
  accountId: string;
  arn: string;
}

interface DestroyableClient extends ClientWithMiddleware {
  destroy(): void;
}

type ClientConstructor<C> = new (config: Record<string, unknown>) => C;

export class AwsSession {
  readonly region: string;
  readonly endpoint: string | undefined;
  readonly recorder = new CallRecorder();
  private readonly credentials: ReturnType<typeof resolveCredentials>;
  /** The named profile the credentials come from, to name it when it gives none. */
  private readonly profile: string | undefined;
  private readonly clients = new Map<string, DestroyableClient>();

  constructor(options: AwsSessionOptions) {
    assertRegionName(options.region);
    this.region = options.region;
    this.endpoint = options.endpoint;
    this.credentials = resolveCredentials(options);
    this.profile = options.credentials ? undefined : options.profile;
  }

  /** The client of `service` for this session (one per service and region). */
  client<C extends DestroyableClient>(Client: ClientConstructor<C>, service: ServiceKey, region = this.region): C {
    const key = `${service}@${region}`;
    const existing = this.clients.get(key);
    if (existing) return existing as C;
    const client = new Client({
      region,
      credentials: this.credentials,
      retryMode: 'adaptive',
      maxAttempts: MAX_ATTEMPTS,
      ...(this.endpoint ? { endpoint: this.endpoint } : {}),
      // Custom endpoints (emulators, S3-compatible stores) serve buckets by path, not by host name.
      ...(service === 's3' ? { forcePathStyle: Boolean(this.endpoint), followRegionRedirects: true } : {}),
    });
    this.recorder.attach(client, service, region);
    this.clients.set(key, client);
    return client;
  }

  /**
   * Who the credentials are (sts:GetCallerIdentity). Called first: it fails fast, with
   * one sentence, when the endpoint cannot be reached or the credentials are missing,
   * invalid or expired.
   */
  async identity(): Promise<CallerIdentity> {
    await this.probeEndpoint();
    try {
      const out = await this.client(STSClient, 'sts').send(new GetCallerIdentityCommand({}));
      return { accountId: out.Account ?? 'unknown', arn: out.Arn ?? 'unknown' };
    } catch (error) {
      throw credentialFailure(error, this.endpoint ?? `AWS (${this.region})`, this.endpoint !== undefined, this.profile);
    }
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  /**
   * A TCP connection to the endpoint before the first request: the SDK retries network
   * errors with back-off, which would take many seconds to say "nothing listens there".
   */
  private async probeEndpoint(): Promise<void> {
    const suffix = this.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    const target = this.endpoint ? new URL(this.endpoint) : new URL(`https://sts.${this.region}.${suffix}`);
    const port = Number(target.port || (target.protocol === 'http:' ? 80 : 443));
    const problem = await tcpProbe(target.hostname, port);
    if (!problem) return;
    if (!this.endpoint && problem === 'ENOTFOUND' && !(await resolves(`sts.${suffix}`))) {
      throw new UnreachableError(`Cannot reach AWS: the name ${target.hostname} does not resolve (no network or no DNS); check your internet connection.`);
    }
    if (!this.endpoint && problem === 'ENOTFOUND') {
      // AWS resolves, this region's endpoint does not: the region does not exist.
      throw new UsageError(`AWS has no endpoint for region ${this.region} (${target.hostname} does not resolve); check --region (CloudMart uses ap-northeast-2).`);
    }
    throw new UnreachableError(
      this.endpoint
        ? `Cannot reach the endpoint ${this.endpoint} (${problem}); is the emulator or service running there?`
        : `Cannot reach AWS at ${target.host} (${problem}); check your network connection.`,
    );
  }
}

function credentialFailure(error: unknown, where: string, customEndpoint: boolean, profile?: string): UnreachableError {
  const failure = classifyAwsError(error);
  const name = (error as { name?: string }).name;
  if ((name === 'CredentialsProviderError' || /credential/i.test(failure.code)) && profile) {
    // A named profile (--profile, a roster's profile column) that gives nothing: say which one, not "set AWS_ACCESS_KEY_ID".
    return new UnreachableError(
      `No AWS credentials were found for the profile "${profile}" (${failure.message.replace(/\.$/, '')}); check that it exists in your AWS config ("aws configure list-profiles"), or run "aws sso login --profile ${profile}" if it is an SSO profile.`,
      { cause: error },
    );
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(failure.code)) {
    const hint = customEndpoint
      ? 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (an emulator accepts any values), or pass --profile'
      : 'run "aws configure" or "aws sso login", or pass --profile';
    return new UnreachableError(`No AWS credentials were found (${failure.message.replace(/\.$/, '')}); ${hint}.`, { cause: error });
  }
  if (failure.kind === 'credentials') {
    const expired = /expired/i.test(failure.code) || /expired/i.test(failure.message);
    return new UnreachableError(
      expired
        ? `The AWS credentials have expired (${failure.code}); refresh them (e.g. "aws sso login") and run again.`
        : `${where} rejected the AWS credentials (${failure.code}); check the access key, --profile or --role-arn.`,
      { cause: error },
    );
  }
  if (failure.kind === 'unreachable') {
    return new UnreachableError(`Cannot reach ${where} (${failure.code}); check the endpoint and your network.`, { cause: error });
  }
  if (failure.kind === 'access-denied') {
    return new UnreachableError(`${where} refused the credentials (${failure.code}: ${failure.message}); check --role-arn and its trust policy.`, { cause: error });
  }
  return new UnreachableError(`Could not confirm the AWS identity at ${where} (${failure.code}: ${failure.message}).`, { cause: error });
}

function tcpProbe(host: string, port: number, timeoutMs = 5_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`no answer within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code ?? error.message);
    });
  });
}

async function resolves(host: string): Promise<boolean> {
  try {
    await dns.lookup(host);
    return true;
  } catch {
    return false;
  }
}
