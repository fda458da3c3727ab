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

/** The account options a user gives every command that talks to AWS (--region --profile --role-arn --external-id --endpoint). */
export type AccountSelection = Pick<AccountOptions, 'region' | 'profile' | 'roleArn' | 'externalId' | 'endpoint'>;

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
      throw new UnreachableError({
        ko: `AWS에 연결할 수 없습니다: ${target.hostname} 이름을 찾을 수 없습니다(네트워크 또는 DNS 없음). 인터넷 연결을 확인하세요.`,
        en: `Cannot reach AWS: the name ${target.hostname} does not resolve (no network or no DNS); check your internet connection.`,
      });
    }
    if (!this.endpoint && problem === 'ENOTFOUND') {
      // AWS resolves, this region's endpoint does not: the region does not exist.
      throw new UsageError({
        ko: `AWS에 ${this.region} 리전의 엔드포인트가 없습니다(${target.hostname} 이름을 찾을 수 없음). --region 을 확인하세요(CloudMart는 ap-northeast-2 를 씁니다).`,
        en: `AWS has no endpoint for region ${this.region} (${target.hostname} does not resolve); check --region (CloudMart uses ap-northeast-2).`,
      });
    }
    throw new UnreachableError(
      this.endpoint
        ? { ko: `엔드포인트 ${this.endpoint} 에 연결할 수 없습니다(${problem}). 그 주소에서 에뮬레이터나 서비스가 실행 중인지 확인하세요.`, en: `Cannot reach the endpoint ${this.endpoint} (${problem}); is the emulator or service running there?` }
        : { ko: `AWS(${target.host})에 연결할 수 없습니다(${problem}). 네트워크 연결을 확인하세요.`, en: `Cannot reach AWS at ${target.host} (${problem}); check your network connection.` },
    );
  }
}

/** One sentence (exit 3) for credentials that are missing, expired or refused; shared with the CDK commands. */
export function credentialFailure(error: unknown, where: string, customEndpoint: boolean, profile?: string): UnreachableError {
  const failure = classifyAwsError(error);
  const name = (error as { name?: string }).name;
  if ((name === 'CredentialsProviderError' || /credential/i.test(failure.code)) && profile) {
    // A named profile (--profile, a roster's profile column) that gives nothing: say which one, not "set AWS_ACCESS_KEY_ID".
    return new UnreachableError(
      {
        ko: `프로필 "${profile}"에서 AWS 자격 증명을 찾지 못했습니다(${failure.message.replace(/\.$/, '')}). AWS 설정에 그 프로필이 있는지 확인하거나("aws configure list-profiles"), SSO 프로필이면 "aws sso login --profile ${profile}"을 실행하세요.`,
        en: `No AWS credentials were found for the profile "${profile}" (${failure.message.replace(/\.$/, '')}); check that it exists in your AWS config ("aws configure list-profiles"), or run "aws sso login --profile ${profile}" if it is an SSO profile.`,
      },
      { cause: error },
    );
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(failure.code)) {
    // The standard chain's container credentials endpoint, set: AWS CloudShell serves the console user's credentials there
    // (https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html); access keys are not the fix.
    const container = process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI || process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
    const hint = container
      ? {
          ko: '컨테이너 자격 증명 엔드포인트(AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS CloudShell 이 콘솔 자격 증명을 주는 곳)가 자격 증명을 주지 않았습니다. CloudShell 이라면 콘솔에 다시 로그인한 뒤 CloudShell 을 다시 여세요',
          en: 'the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI, where AWS CloudShell serves the console credentials) gave none; in CloudShell, sign in to the console again and reopen CloudShell',
        }
      : customEndpoint
        ? { ko: 'AWS_ACCESS_KEY_ID 와 AWS_SECRET_ACCESS_KEY 를 설정하거나(에뮬레이터는 아무 값이나 받습니다) --profile 을 주세요', en: 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (an emulator accepts any values), or pass --profile' }
        : { ko: '"aws configure" 또는 "aws sso login"을 실행하거나 --profile 을 주세요', en: 'run "aws configure" or "aws sso login", or pass --profile' };
    const detail = failure.message.replace(/\.$/, '');
    return new UnreachableError({ ko: `AWS 자격 증명을 찾지 못했습니다(${detail}). ${hint.ko}.`, en: `No AWS credentials were found (${detail}); ${hint.en}.` }, { cause: error });
  }
  if (failure.kind === 'credentials') {
    const expired = /expired/i.test(failure.code) || /expired/i.test(failure.message);
    return new UnreachableError(
      expired
        ? { ko: `AWS 자격 증명이 만료되었습니다(${failure.code}). 자격 증명을 새로 받은 뒤(예: "aws sso login") 다시 실행하세요.`, en: `The AWS credentials have expired (${failure.code}); refresh them (e.g. "aws sso login") and run again.` }
        : { ko: `${where}이(가) AWS 자격 증명을 거부했습니다(${failure.code}). 액세스 키, --profile 또는 --role-arn 을 확인하세요.`, en: `${where} rejected the AWS credentials (${failure.code}); check the access key, --profile or --role-arn.` },
      { cause: error },
    );
  }
  if (failure.kind === 'unreachable') {
    return new UnreachableError({ ko: `${where}에 연결할 수 없습니다(${failure.code}). 엔드포인트와 네트워크를 확인하세요.`, en: `Cannot reach ${where} (${failure.code}); check the endpoint and your network.` }, { cause: error });
  }
  if (failure.kind === 'access-denied') {
    return new UnreachableError(
      { ko: `${where}이(가) 자격 증명을 거부했습니다(${failure.code}: ${failure.message}). --role-arn 과 그 신뢰 정책을 확인하세요.`, en: `${where} refused the credentials (${failure.code}: ${failure.message}); check --role-arn and its trust policy.` },
      { cause: error },
    );
  }
  return new UnreachableError({ ko: `${where}에서 AWS 신원을 확인하지 못했습니다(${failure.code}: ${failure.message}).`, en: `Could not confirm the AWS identity at ${where} (${failure.code}: ${failure.message}).` }, { cause: error });
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
