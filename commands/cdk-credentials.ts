// `deploy` and `destroy` need AWS credentials; the CDK CLI, without them, prints pages of
// its own text and exits 1. So the credentials are checked first, the way verify checks
// them (one sentence, exit 3), and a credential failure the CDK CLI still meets (a token
// that expires during a long deploy) is turned into the same kind of sentence.
import { resolveCredentials } from '../checks/aws/credentials';
import { credentialFailure, sessionFor } from '../checks/aws/session';
import { UnreachableError } from '../contract/errors';
import { REGION } from '../stacks/config';

/** Missing, unreadable, expired or refused credentials: an UnreachableError (exit 3) before the CDK CLI starts. */
export async function assertCdkCredentials(awsProfile: string | undefined): Promise<void> {
  const where = `AWS (${REGION})`;
  // Resolve them here first: "none found" needs no network, and must not read as "AWS unreachable".
  try {
    await resolveCredentials({ region: REGION, ...(awsProfile ? { profile: awsProfile } : {}) })();
  } catch (error) {
    throw credentialFailure(error, where, false, awsProfile);
  }
  // Then ask AWS who they are: expired and rejected keys are found here.
  const session = sessionFor({ region: REGION, ...(awsProfile ? { profile: awsProfile } : {}) }, 'cloudmart-cdk');
  try {
    await session.identity();
  } finally {
    session.destroy();
  }
}

// What the CDK CLI (aws-cdk, its SDK) prints when it has no usable credentials.
const CDK_CREDENTIAL_FAILURES = [
  /Need to perform AWS calls for account \S+, but no credentials have been configured/,
  /Unable to resolve AWS account to use/,
  /Could not load credentials from any providers/,
  /\b(ExpiredToken|ExpiredTokenException|InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch)\b/,
  /The security token included in the request is (expired|invalid)/,
];

/** The sentence for a CDK CLI run that failed on credentials, or undefined when its output shows another failure. */
export function cdkCredentialFailure(output: string, awsProfile: string | undefined): UnreachableError | undefined {
  const line = output.split('\n').find((l) => CDK_CREDENTIAL_FAILURES.some((pattern) => pattern.test(l)));
  if (!line) return undefined;
  const expired = /expired/i.test(line);
  const profile = awsProfile ? ` --aws-profile ${awsProfile}` : '';
  return new UnreachableError(
    expired
      ? {
          ko: `CDK CLI가 AWS 자격 증명을 쓰지 못했습니다: 자격 증명이 만료되었습니다. 새로 받은 뒤(예: "aws sso login") 다시 실행하세요${profile ? ` (${profile.trim()})` : ''}.`,
          en: `The CDK CLI could not use the AWS credentials: they have expired; refresh them (e.g. "aws sso login") and run again${profile ? ` (${profile.trim()})` : ''}.`,
        }
      : {
          ko: `CDK CLI가 쓸 수 있는 AWS 자격 증명이 없습니다("${line.trim().slice(0, 160)}"). "aws configure" 또는 "aws sso login"을 실행하거나 --aws-profile 을 주세요.`,
          en: `The CDK CLI has no AWS credentials it can use ("${line.trim().slice(0, 160)}"); run "aws configure" or "aws sso login", or pass --aws-profile.`,
        },
  );
}
