// `cloudmart deploy` / `cloudmart destroy`: the reference stacks of one student through the
// CDK CLI (the aws-cdk devDependency, run with this Node.js). cdkInvocation() builds the
// command line (pure, tested); runCdk() checks the credentials, builds the workload bundle
// and runs it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../contract/errors';
import { assertCdkCredentials, cdkCredentialFailure } from './cdk-credentials';
import { defaultExpiry, PROFILES, STUDENT_ID_RULE, StudentId, STACK_SUFFIXES, stackNames, type ProfileName } from '../stacks/config';
import { buildWorkloadBundle } from '../stacks/workload/bundle';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type CdkAction = 'deploy' | 'destroy' | 'bootstrap';

export interface CdkOptions {
  action: CdkAction;
  student: string;
  profile?: ProfileName;
  /** ISO-8601 time after which cleanup may delete the deployment (default: now + the lab lifetime). */
  expiresAt?: string;
  workloadBundleDir: string;
  /** AWS CLI profile for the CDK CLI's credentials. */
  awsProfile?: string;
  alarmEmail?: string;
  drillEndpoints?: boolean;
  /** deploy: no approval prompt for security changes; destroy: no confirmation prompt. */
  yes?: boolean;
  now?: Date;
}

export interface CdkInvocation {
  command: string;
  args: string[];
  cwd: string;
  /** Added to the environment of the CDK CLI. */
  env: Record<string, string>;
  stacks: string[];
}

/** The CDK CLI binary of the aws-cdk devDependency. */
export function cdkCliPath(): string {
  try {
    const pkg = createRequire(import.meta.url).resolve('aws-cdk/package.json');
    const bin = path.join(path.dirname(pkg), 'bin', 'cdk');
    if (existsSync(bin)) return bin;
  } catch {
    // fall through
  }
  throw new UsageError({
    ko: 'CDK CLI(개발 의존성 aws-cdk)가 설치되어 있지 않습니다. 프로젝트 폴더에서 npm ci 를 실행하세요.',
    en: 'The CDK CLI (devDependency aws-cdk) is not installed: run npm ci in the project directory.',
  });
}

export function cdkInvocation(options: CdkOptions): CdkInvocation {
  const student = StudentId.safeParse(options.student);
  if (!student.success) {
    throw new UsageError({
      ko: `--student ${JSON.stringify(options.student)} 은(는) 쓸 수 없습니다: ${STUDENT_ID_RULE.ko}.`,
      en: `Invalid --student ${JSON.stringify(options.student)}: ${STUDENT_ID_RULE.en}.`,
    });
  }
  const profile = options.profile ?? 'default';
  if (!PROFILES.includes(profile)) throw new UsageError({ ko: `프로필 ${profile} 은(는) 없습니다: ${PROFILES.join(', ')} 중 하나를 쓰세요.`, en: `Invalid profile ${profile}: use one of ${PROFILES.join(', ')}.` });
  const expiresAt = options.expiresAt ?? defaultExpiry(options.now ?? new Date());
  if (Number.isNaN(Date.parse(expiresAt))) {
    throw new UsageError({
      ko: `--expires-at ${expiresAt} 은(는) 시각이 아닙니다: 2026-05-29T09:00:00Z 같은 ISO-8601 시각을 쓰세요.`,
      en: `Invalid --expires-at ${expiresAt}: use an ISO-8601 time such as 2026-05-29T09:00:00Z.`,
    });
  }
  const names = stackNames(student.data);
  const stacks = STACK_SUFFIXES.map((suffix) => names[suffix]);
  const context = [
    ['student', student.data],
    ['profile', profile],
    ['expiresAt', expiresAt],
    ['workloadBundleDir', path.resolve(options.workloadBundleDir)],
    ...(options.drillEndpoints ? [['drillEndpoints', 'true']] : []),
    ...(options.alarmEmail ? [['alarmEmail', options.alarmEmail]] : []),
  ].flatMap(([key, value]) => ['--context', `${key}=${value}`]);
  const common = ['--no-notices', ...(options.awsProfile ? ['--profile', options.awsProfile] : [])];
  const actionArgs =
    options.action === 'deploy'
      ? ['deploy', ...stacks, '--require-approval', options.yes ? 'never' : 'broadening', '--outputs-file', 'cdk.out/outputs.json']
      : options.action === 'destroy'
        ? ['destroy', ...stacks, ...(options.yes ? ['--force'] : [])]
        : ['bootstrap'];
  return {
    command: process.execPath,
    args: [cdkCliPath(), ...actionArgs, ...context, ...common],
    cwd: PROJECT_ROOT,
    env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
    stacks,
  };
}

export type RunCdkOptions = Omit<CdkOptions, 'workloadBundleDir'> & {
  workloadBundleDir?: string;
  bootstrap?: boolean;
  /** Whether someone can answer the CDK CLI's prompts (default: stdin is a terminal). */
  interactive?: boolean;
};

/** Checks the options and credentials, builds the workload bundle, then runs the CDK CLI (bootstrap first when asked). Returns its exit code. */
export async function runCdk(options: RunCdkOptions): Promise<number> {
  // Validate the options (student, profile, expiry, CDK CLI present) before building anything.
  cdkInvocation({ ...options, workloadBundleDir: options.workloadBundleDir ?? PROJECT_ROOT });
  const interactive = options.interactive ?? process.stdin.isTTY === true;
  if (options.action === 'destroy' && !options.yes && !interactive) {
    // The CDK CLI would ask "Are you sure?" where nobody can answer.
    throw new UsageError({
      ko: 'destroy 는 삭제 전에 확인을 묻는데, 지금은 답할 터미널이 없습니다. 정말 삭제하려면 --yes 를 붙여 다시 실행하세요.',
      en: 'destroy asks for confirmation before deleting, and there is no terminal to answer it; pass --yes to delete without asking.',
    });
  }
  await assertCdkCredentials(options.awsProfile);
  const workloadBundleDir = options.workloadBundleDir ?? (await buildWorkloadBundle());
  const withBundle = { ...options, workloadBundleDir };
  const main = cdkInvocation(withBundle);
  if (options.bootstrap && options.action === 'deploy') {
    const code = await spawnInvocation(cdkInvocation({ ...withBundle, action: 'bootstrap' }), options.awsProfile);
    if (code !== 0) return code;
  }
  return spawnInvocation(main, options.awsProfile);
}

/** The CDK CLI's stderr shown as it comes, its tail kept to name a credential failure (exit 3) in one sentence. */
const KEPT_OUTPUT_CHARS = 64 * 1024;

async function spawnInvocation(invocation: CdkInvocation, awsProfile: string | undefined): Promise<number> {
  let tail = '';
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(invocation.command, invocation.args, {
      cwd: invocation.cwd,
      env: { ...process.env, ...invocation.env },
      stdio: ['inherit', 'inherit', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
    });
    child.once('error', reject);
    child.once('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  if (code !== 0) {
    const credentials = cdkCredentialFailure(tail, awsProfile);
    if (credentials) throw credentials;
  }
  return code;
}
