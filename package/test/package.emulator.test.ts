// Issue 16: the CloudShell package. Built and packed from this checkout, installed from the
// tarball into an empty folder with `npm install --offline` and an empty cache (nothing may be
// fetched), then run as a student runs it in CloudShell: `cloudmart verify --student <id>`,
// credentials from the default chain served by a stand-in of the container credentials
// endpoint (package/test/support/container-credentials.ts), the deployment in the emulator.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createScenario } from '../../sandbox/scenarios/index';
import { startContainerCredentials, type ContainerCredentials } from './support/container-credentials';
import { buildAndInstall, type InstalledPackage } from '../install-offline';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REGION = 'ap-northeast-2';
const TOKEN = 'Bearer cloudshell-session-token';

let installed: InstalledPackage;
let emulator: RunningEmulator;
let endpoint: ContainerCredentials;
let home: string;

/** The CloudShell environment: no access keys, no AWS config, credentials only from the container endpoint. */
function cloudShellEnv(token: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_REGION: REGION,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.url,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
    // The chain's last link asks the EC2 instance metadata service (169.254.169.254): not on a test machine.
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Runs a command without blocking this process (the credentials stand-in answers from it). */
async function run(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { ...options, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

beforeAll(async () => {
  home = mkdtempSync(path.join(os.tmpdir(), 'cloudshell-home-'));
  [installed, emulator] = await Promise.all([buildAndInstall(), startEmulator()]);
  await createScenario('reference', { endpoint: emulator.endpoint, region: REGION, student: 's01' });
  endpoint = await startContainerCredentials({ token: TOKEN, credentials: emulatorCredentials() });
}, 300_000);

afterAll(async () => {
  await endpoint?.stop();
  await emulator?.stop();
  installed?.remove();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('the package', () => {
  it('holds the bundle only: bin cloudmart, no dependencies, no install scripts', () => {
    const manifest = JSON.parse(readFileSync(path.join(installed.prefix, 'node_modules/cloudmart-harness/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.bin).toEqual({ cloudmart: 'bin/cloudmart.js' });
    expect(manifest).not.toHaveProperty('dependencies');
    expect(manifest).not.toHaveProperty('scripts');
    expect(path.basename(installed.tarball)).toBe(`cloudmart-harness-${manifest.version}.tgz`);
    // The empty folder now holds the package and nothing it would have fetched.
    expect(readdirSync(path.join(installed.prefix, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['cloudmart-harness']);
    expect(installed.installLog).toMatch(/added 1 package/);
    // The tarball held the bundle, the files it reads beside itself and its package.json: nothing of the repository.
    const files = readdirSync(path.join(installed.prefix, 'node_modules/cloudmart-harness'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(path.join(installed.prefix, 'node_modules/cloudmart-harness'), path.join(entry.parentPath, entry.name)));
    expect(files.sort()).toEqual(['bin/cloudmart.js', ...installed.assets, 'package.json'].sort());
  });

  it('copies beside the bundle every file the sources read beside themselves', () => {
    const bundle = readFileSync(path.join(installed.staging, 'bin/cloudmart.js'), 'utf8');
    const read = [...bundle.matchAll(/new URL\("(\.{1,2}\/[^"]+)",import\.meta\.url\)/g)].map((m) => m[1]!);
    expect(read.length).toBeGreaterThan(0);
    for (const relative of read) expect(existsSync(path.resolve(installed.staging, 'bin', relative)), relative).toBe(true);
  });

  it('leaves vitest and aws-cdk-lib out', () => {
    const bundle = readFileSync(path.join(installed.staging, 'bin/cloudmart.js'), 'utf8');
    expect(bundle).not.toContain('createVitest');
    expect(bundle).not.toContain('CfnResource');
  });
});

// The SDK GETs AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN as the Authorization header: https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
describe('cloudmart verify from the installed package, with container credentials (CloudShell)', () => {
  it('grades the emulated reference deployment; reports land in the current folder', async () => {
    const cwd = mkdtempSync(path.join(home, 'verify-'));
    const result = await run(installed.cloudmart, ['verify', '--student', 's01', '--endpoint', emulator.endpoint, '--format', 'json,md', '--lang', 'en'], { cwd, env: cloudShellEnv(TOKEN) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(cwd, 'reports/out/report.json'), 'utf8')) as { score: { percent: number }; checks: { status: string }[] };
    expect(report.score.percent).toBe(100);
    expect(report.checks.length).toBeGreaterThan(30);
    expect(result.stdout).toContain('wrote reports/out/report.md');
    // No browser in CloudShell: the path, and one line to hand the report in.
    expect(result.stdout).toContain('to share it with your instructor: aws s3 cp reports/out/report.md s3://<the bucket your instructor names>/s01/');
    // The credentials came from the endpoint, asked for with the session's token.
    expect(endpoint.authorizations.length).toBeGreaterThan(0);
    expect(new Set(endpoint.authorizations)).toEqual(new Set([TOKEN]));
  });

  it('a token the endpoint refuses: exit 3 and one sentence naming the container endpoint', async () => {
    const cwd = mkdtempSync(path.join(home, 'refused-'));
    const result = await run(installed.cloudmart, ['verify', '--student', 's01', '--endpoint', emulator.endpoint, '--lang', 'en'], { cwd, env: cloudShellEnv('Bearer expired-session') });
    expect(result.code).toBe(3);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cloudmart: No AWS credentials were found .*container credentials endpoint \(AWS_CONTAINER_CREDENTIALS_FULL_URI/);
    expect(existsSync(path.join(cwd, 'reports'))).toBe(false);
  });

  it('says so in Korean by default', async () => {
    const cwd = mkdtempSync(path.join(home, 'refused-ko-'));
    const result = await run(installed.cloudmart, ['verify', '--student', 's01', '--endpoint', emulator.endpoint], { cwd, env: cloudShellEnv('Bearer expired-session') });
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('컨테이너 자격 증명 엔드포인트');
  });
});

describe('what stays in the repository', () => {
  const cases: [string, string[], RegExp][] = [
    ['synth', ['synth', '--lang', 'en'], /^cloudmart: synth, nag, deploy and destroy need the AWS CDK, so they run only from the repository/],
    ['nag', ['nag', '--template', 'template.json', '--lang', 'en'], /need the AWS CDK/],
    ['deploy', ['deploy', '--student', 's01', '--lang', 'en'], /need the AWS CDK/],
    ['destroy', ['destroy', '--student', 's01', '--lang', 'en'], /need the AWS CDK/],
    ['verify --template', ['verify', '--student', 's01', '--template', 'template.json', '--lang', 'en'], /^cloudmart: verify --template needs cdk-nag/],
    ['verify --target local', ['verify', '--target', 'local', '--lang', 'en'], /^cloudmart: the local emulator and servers .* run only from the repository/],
    ['grade --target local', ['grade', '--target', 'local', '--roster', path.join(ROOT, 'fixtures/rosters/example.csv'), '--lang', 'en'], /local emulator and servers/],
    ['drill --target local', ['drill', 'scale-out', '--target', 'local', '--yes', '--lang', 'en'], /local emulator and servers/],
    ['emulator', ['emulator', '--lang', 'en'], /local emulator and servers/],
    ['api', ['api', '--lang', 'en'], /local emulator and servers/],
  ];
  for (const [name, args, sentence] of cases) {
    it(`${name}: one sentence, exit 2`, async () => {
      const cwd = mkdtempSync(path.join(home, 'repository-only-'));
      const result = await run(installed.cloudmart, args, { cwd, env: { PATH: process.env.PATH, HOME: home } });
      // Only the sentence: grade prints its phase lines (starting the emulator) on standard output.
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(sentence);
      expect(result.code).toBe(2);
    });
  }
});
