// What an AWS SDK error means for a run. Only credential and endpoint failures end the
// run (UnreachableError, exit 3); any other failed call becomes "not collected" with a
// one-sentence reason, so the checks that need the data say `error`.

export type AwsFailureKind = 'credentials' | 'unreachable' | 'access-denied' | 'throttled' | 'unsupported' | 'other';

export interface AwsFailure {
  kind: AwsFailureKind;
  /** The AWS error code or Node error code, e.g. "AccessDenied", "ECONNREFUSED". */
  code: string;
  message: string;
}

const CREDENTIAL_CODES = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'AuthFailure',
  'InvalidToken',
  'TokenRefreshRequired',
  'RequestExpired',
  'CredentialsProviderError',
]);

const ACCESS_DENIED_CODES = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'UnauthorizedAccess', 'Forbidden']);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

const THROTTLING_CODES = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'RequestLimitExceeded', 'SlowDown', 'TooManyRequestsException', 'RequestThrottled', 'RequestThrottledException']);

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

export function classifyAwsError(error: unknown): AwsFailure {
  const e = (error ?? {}) as SdkErrorLike;
  const nodeCode = typeof e.code === 'string' ? e.code : undefined;
  const causeCode = typeof (e.cause as SdkErrorLike | undefined)?.code === 'string' ? (e.cause as SdkErrorLike).code : undefined;
  const code = e.Code ?? e.name ?? nodeCode ?? 'Error';
  const message = oneLine(e.message ?? String(error));
  if (CREDENTIAL_CODES.has(code) || CREDENTIAL_CODES.has(e.name ?? '')) return { kind: 'credentials', code, message };
  if (ACCESS_DENIED_CODES.has(code)) return { kind: 'access-denied', code, message };
  if (THROTTLING_CODES.has(code)) return { kind: 'throttled', code, message };
  const network = [nodeCode, causeCode].find((c) => c && NETWORK_CODES.has(c));
  if (network) return { kind: 'unreachable', code: network, message };
  if (e.name === 'TimeoutError') return { kind: 'unreachable', code: 'TimeoutError', message };
  const status = e.$metadata?.httpStatusCode ?? (e as { $response?: { statusCode?: number } }).$response?.statusCode;
  if (e.name === 'SyntaxError' || /Deserialization error/i.test(message) || code === 'UnknownError' || (code === 'NotFound' && status === 404)) {
    // Not an AWS error document: an endpoint that does not offer this API (or a proxy page).
    return { kind: 'unsupported', code: status ? `HTTP ${status}` : code, message };
  }
  return { kind: 'other', code, message };
}

/** One sentence for "not collected: <reason>". */
export function failureReason(failure: AwsFailure, operation: string): string {
  switch (failure.kind) {
    case 'access-denied':
      return `${failure.code}: the credentials are not allowed to call ${operation} (the read-only policy checks/iam/verify-policy.json grants it).`;
    case 'throttled':
      return `${failure.code}: AWS kept throttling ${operation} after every retry; run verify again in a minute.`;
    case 'unsupported':
      return `${operation} is not available at this endpoint (${failure.code}, not an AWS answer).`;
    default:
      return `${failure.code}: ${truncate(failure.message, 240)}`;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  const clean = text.endsWith('.') ? text : `${text}.`;
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
