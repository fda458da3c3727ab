// `cloudmart deploy` / `cloudmart destroy`: the reference stacks of one student through the
// CDK CLI (the aws-cdk devDependency, run with this Node.js). cdkInvocation() builds the
// command line (pure, tested); runCdk() builds the workload bundle and runs it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../contract/errors';
import { defaultExpiry, PROFILES, StudentId, STACK_SUFFIXES, stackNames, type ProfileName } from '../stacks/config';
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
  throw new UsageError('The CDK CLI (devDependency aws-cdk) is not installed: run npm ci in the project directory.');
}

export function cdkInvocation(options: CdkOptions): CdkInvocation {
  const student = StudentId.safeParse(options.student);
  if (!student.success) throw new UsageError(`Invalid --student ${JSON.stringify(options.student)}: ${student.error.issues[0]!.message}.`);
  const profile = options.profile ?? 'default';
  if (!PROFILES.includes(profile)) throw new UsageError(`Invalid profile ${profile}: use one of ${PROFILES.join(', ')}.`);
  const expiresAt = options.expiresAt ?? defaultExpiry(options.now ?? new Date());
  if (Number.isNaN(Date.parse(expiresAt))) throw new UsageError(`Invalid --expires-at ${expiresAt}: use an ISO-8601 time such as 2026-05-29T09:00:00Z.`);
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

export type RunCdkOptions = Omit<CdkOptions, 'workloadBundleDir'> & { workloadBundleDir?: string; bootstrap?: boolean };

/** Builds the workload bundle, then runs the CDK CLI (bootstrap first when asked). Returns its exit code. */
export async function runCdk(options: RunCdkOptions): Promise<number> {
  // Validate the options (student, profile, expiry, CDK CLI present) before building anything.
  cdkInvocation({ ...options, workloadBundleDir: options.workloadBundleDir ?? PROJECT_ROOT });
  const workloadBundleDir = options.workloadBundleDir ?? (await buildWorkloadBundle());
  const withBundle = { ...options, workloadBundleDir };
  const main = cdkInvocation(withBundle);
  if (options.bootstrap && options.action === 'deploy') {
    const code = await spawnInvocation(cdkInvocation({ ...withBundle, action: 'bootstrap' }));
    if (code !== 0) return code;
  }
  return spawnInvocation(main);
}

function spawnInvocation(invocation: CdkInvocation): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(invocation.command, invocation.args, {
      cwd: invocation.cwd,
      env: { ...process.env, ...invocation.env },
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
