// Which credentials a run uses: given ones (the emulator, class grading), or the standard
// AWS chain (environment, --profile incl. SSO, instance role), optionally assuming a role
// (--role-arn, with an external id for cross-account grading). Every client of a run
// shares one provider, so a role is assumed once, not once per client.
import type { STSClientConfig } from '@aws-sdk/client-sts';
import { awsSdk } from './sdk';

const { fromNodeProviderChain, fromTemporaryCredentials } = awsSdk('@aws-sdk/credential-providers');

/** What the SDK clients accept as `credentials`. */
export type CredentialsInput = NonNullable<STSClientConfig['credentials']>;
type ProviderFn = Extract<CredentialsInput, (...args: never[]) => unknown>;
type Identity = Awaited<ReturnType<ProviderFn>>;

export interface CredentialOptions {
  region: string;
  endpoint?: string;
  credentials?: CredentialsInput;
  profile?: string;
  roleArn?: string;
  externalId?: string;
  roleSessionName?: string;
}

export function resolveCredentials(options: CredentialOptions): () => Promise<Identity> {
  const base: CredentialsInput =
    options.credentials ?? fromNodeProviderChain(options.profile ? { profile: options.profile } : {});
  if (!options.roleArn) return shared(base);
  const assumed = fromTemporaryCredentials({
    masterCredentials: base,
    params: {
      RoleArn: options.roleArn,
      RoleSessionName: (options.roleSessionName ?? 'cloudmart-harness').replace(/[^\w+=,.@-]/g, '-').slice(0, 64),
      DurationSeconds: 3600,
      ...(options.externalId ? { ExternalId: options.externalId } : {}),
    },
    clientConfig: { region: options.region, ...(options.endpoint ? { endpoint: options.endpoint } : {}) },
  });
  return shared(assumed);
}

const REFRESH_BEFORE_MS = 5 * 60_000;

/** One provider for every client: resolves once, refreshes shortly before expiry. */
function shared(input: CredentialsInput): () => Promise<Identity> {
  const provider: () => Promise<Identity> =
    typeof input === 'function' ? () => (input as ProviderFn)() : async () => input as Identity;
  let current: Identity | undefined;
  let pending: Promise<Identity> | undefined;
  return async () => {
    const expires = current?.expiration?.getTime();
    if (current && (expires === undefined || expires - Date.now() > REFRESH_BEFORE_MS)) return { ...current };
    pending ??= provider().then(
      (identity) => {
        current = identity;
        pending = undefined;
        return identity;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return { ...(await pending) };
  };
}
