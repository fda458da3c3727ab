// `cloudmart deploy` / `destroy` keep their promise when something is missing: no
// credentials is exit 3 and one sentence (checked before the CDK CLI runs, and a credential
// failure the CDK CLI meets is translated the same way); `destroy` without a terminal and
// without --yes asks for --yes (exit 2) instead of a prompt nobody can answer.
import { describe, expect, it } from 'vitest';
import { cdkCredentialFailure } from '../cdk-credentials';
import { ExitCode, UnreachableError } from '../../contract/errors';
import { expectOneSentence, runCli, tempDirs, userEnv } from './support';

const tempDir = tempDirs('cloudmart-cdk-cli-');
/** A user with no AWS_* variables and no ~/.aws: the standard chain finds nothing. */
const noCredentials = () => userEnv({ HOME: tempDir() });
const HANGUL = /[\uac00-\ud7a3]/;

describe.concurrent('deploy and destroy without credentials', { timeout: 120_000 }, () => {
  // AWS SDKs and Tools Reference Guide, the credential provider chain: environment, shared files, then container/instance metadata (https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html).
  it('deploy: exit 3 and one Korean sentence before the CDK CLI runs (default --lang ko)', async () => {
    const run = await runCli(['deploy', '--student', 'kim'], { env: noCredentials() });
    const sentence = expectOneSentence(run, ExitCode.unreachable);
    expect(sentence).toMatch(/^AWS 자격 증명을 찾지 못했습니다\(.*\)\. "aws configure" 또는 "aws sso login"을 실행하거나 --profile 을 주세요\.$/);
    expect(run.stdout).toBe(''); // nothing of the CDK CLI
  });

  it('deploy --lang en: the same sentence in English', async () => {
    const run = await runCli(['deploy', '--student', 'kim', '--lang', 'en'], { env: noCredentials() });
    expect(expectOneSentence(run, ExitCode.unreachable)).toMatch(/^No AWS credentials were found \(.*\); run "aws configure" or "aws sso login", or pass --profile\.$/);
  });

  it('deploy --aws-profile with a profile that does not exist names the profile', async () => {
    const run = await runCli(['deploy', '--student', 'kim', '--aws-profile', 'no-such-profile'], { env: noCredentials() });
    const sentence = expectOneSentence(run, ExitCode.unreachable);
    expect(sentence).toMatch(/^프로필 "no-such-profile"에서 AWS 자격 증명을 찾지 못했습니다/);
  });

  it('destroy --yes: exit 3 and one sentence', async () => {
    const run = await runCli(['destroy', '--student', 'kim', '--yes'], { env: noCredentials() });
    expect(expectOneSentence(run, ExitCode.unreachable)).toMatch(/^AWS 자격 증명을 찾지 못했습니다/);
  });

  it('destroy without a terminal and without --yes: says to pass --yes, exit 2, before anything else', async () => {
    // runCli gives the CLI no terminal (stdin ignored), as a CI job or a pipe would.
    const run = await runCli(['destroy', '--student', 'kim'], { env: noCredentials() });
    const sentence = expectOneSentence(run, ExitCode.usage);
    expect(sentence).toMatch(HANGUL);
    expect(sentence).toContain('--yes');
    const english = await runCli(['destroy', '--student', 'kim', '--lang', 'en'], { env: noCredentials() });
    expect(expectOneSentence(english, ExitCode.usage)).toBe('destroy asks for confirmation before deleting, and there is no terminal to answer it; pass --yes to delete without asking.');
  });
});

describe('a credential failure inside the CDK CLI', () => {
  // The CDK CLI's own text (aws-cdk lib/index.js, fmtObtainCredentialsError and the "UnresolvedAccount" AuthenticationError).
  it('becomes one sentence with exit 3; any other failure is left to the CDK CLI', () => {
    const none = cdkCredentialFailure('CloudMart-kim-Network: building...\nNeed to perform AWS calls for account 123456789012, but no credentials have been configured\n', undefined);
    expect(none).toBeInstanceOf(UnreachableError);
    expect(none!.exitCode).toBe(ExitCode.unreachable);
    expect(none!.in('ko')).toMatch(/^CDK CLI가 쓸 수 있는 AWS 자격 증명이 없습니다/);
    expect(none!.in('en')).toMatch(/^The CDK CLI has no AWS credentials it can use \("Need to perform AWS calls for account 123456789012/);
    expect(cdkCredentialFailure('Unable to resolve AWS account to use. It must be either configured when you define your CDK Stack, or through the environment', undefined)).toBeInstanceOf(UnreachableError);
    const expired = cdkCredentialFailure('❌ CloudMart-kim-Data failed: ExpiredToken: The security token included in the request is expired', 'lab');
    expect(expired!.in('en')).toMatch(/they have expired; .* \(--aws-profile lab\)\.$/);
    expect(cdkCredentialFailure('❌ CloudMart-kim-Data failed: Resource handler returned message: "DB instance already exists"', undefined)).toBeUndefined();
  });
});
