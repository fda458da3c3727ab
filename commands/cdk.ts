// `cloudmart deploy` / `cloudmart destroy`: the reference stacks of one student through the
// CDK CLI (the aws-cdk devDependency, run with this Node.js). cdkInvocation() builds the
// command line (pure, tested); runCdk() checks the credentials, builds the workload bundle
// and runs it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnreachableError, UsageError, type Language } from '../contract/errors';
import { awsSdk } from '../checks/aws/sdk';
import { emulatorCredentials } from '../sandbox/emulator/emulator';
import { assertCdkCredentials, cdkCredentialFailure } from './cdk-credentials';
import { defaultExpiry, DrillSourceCidr, PROFILES, REGION, STUDENT_ID_RULE, StudentId, STACK_SUFFIXES, stackNames, type ProfileName } from '../stacks/config';
import { buildWorkloadBundle } from '../stacks/workload/bundle';

/** Where `cdk bootstrap` records its template version (the default qualifier hnb659fds). */
const BOOTSTRAP_VERSION_PARAMETER = '/cdk-bootstrap/hnb659fds/version';

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
  /** With drillEndpoints: the ALB forwards /drill/* only from this IPv4 CIDR (context drillSourceCidr). */
  drillSourceCidr?: string;
  /** deploy: no approval prompt for security changes; destroy: no confirmation prompt. */
  yes?: boolean;
  now?: Date;
  /**
   * An AWS-compatible endpoint (the local emulator): the CDK CLI sends every call there
   * (AWS_ENDPOINT_URL, the SDK's documented endpoint override) with the emulator's credentials.
   */
  endpoint?: string;
  /** The cloud assembly directory (default cdk.json's cdk.out): two deployments at once need one each. */
  assemblyDir?: string;
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
  if (options.drillSourceCidr !== undefined && (!DrillSourceCidr.safeParse(options.drillSourceCidr).success || !options.drillEndpoints)) {
    throw new UsageError({
      ko: `--drill-source-cidr ${options.drillSourceCidr} 은(는) 쓸 수 없습니다: --drill-endpoints와 함께 203.0.113.7/32 같은 IPv4 CIDR을 쓰세요.`,
      en: `Invalid --drill-source-cidr ${options.drillSourceCidr}: give an IPv4 CIDR such as 203.0.113.7/32, together with --drill-endpoints.`,
    });
  }
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
    ...(options.drillSourceCidr ? [['drillSourceCidr', options.drillSourceCidr]] : []),
    ...(options.alarmEmail ? [['alarmEmail', options.alarmEmail]] : []),
  ].flatMap(([key, value]) => ['--context', `${key}=${value}`]);
  const common = ['--no-notices', ...(options.awsProfile ? ['--profile', options.awsProfile] : [])];
  // An emulated account is throwaway: nobody needs to approve or confirm what happens in it.
  const yes = options.yes || options.endpoint !== undefined;
  const actionArgs =
    options.action === 'deploy'
      ? ['deploy', ...stacks, '--require-approval', yes ? 'never' : 'broadening', '--outputs-file', path.join(options.assemblyDir ?? 'cdk.out', 'outputs.json')]
      : options.action === 'destroy'
        ? ['destroy', ...stacks, ...(yes ? ['--force'] : [])]
        : ['bootstrap'];
  return {
    command: process.execPath,
    args: [cdkCliPath(), ...actionArgs, ...context, ...common, ...(options.assemblyDir ? ['--output', options.assemblyDir] : [])],
    cwd: PROJECT_ROOT,
    env: { CDK_DISABLE_CLI_TELEMETRY: 'true', ...(options.endpoint ? emulatorEnvironment(options.endpoint) : {}) },
    stacks,
  };
}

export type RunCdkOptions = Omit<CdkOptions, 'workloadBundleDir'> & {
  workloadBundleDir?: string;
  /** aws (default), or local: the background emulator (started by deploy when not running). */
  target?: 'aws' | 'local';
  /** Language of the lines this command prints itself (the CDK CLI's own output is English). */
  lang?: Language;
  bootstrap?: boolean;
  /** Whether someone can answer the CDK CLI's prompts (default: stdin is a terminal). */
  interactive?: boolean;
};

/** What the CDK CLI's SDK needs to talk to the emulator at `endpoint` in the course's region. */
function emulatorEnvironment(endpoint: string): Record<string, string> {
  const credentials = emulatorCredentials();
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    // A profile or session token of the user's own would otherwise win over these.
    AWS_PROFILE: '',
    AWS_SESSION_TOKEN: '',
  };
}

/** Whether the CDK bootstrap stack's version parameter exists in the account behind `endpoint`. */
async function bootstrapped(endpoint: string): Promise<boolean> {
  const { SSMClient, GetParameterCommand } = awsSdk('@aws-sdk/client-ssm');
  const ssm = new SSMClient({ endpoint, region: REGION, credentials: emulatorCredentials() });
  try {
    await ssm.send(new GetParameterCommand({ Name: BOOTSTRAP_VERSION_PARAMETER }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ParameterNotFound') return false;
    throw new UnreachableError({
      ko: `${endpoint} 의 에뮬레이터에 연결할 수 없습니다: ${(error as Error).message}`,
      en: `Cannot reach the emulator at ${endpoint}: ${(error as Error).message}`,
    });
  } finally {
    ssm.destroy();
  }
}

/**
 * `--target local`: deploy starts the background emulator when it is not running (and says
 * so); destroy needs it running, since a stopped emulator holds nothing to destroy.
 */
async function localEndpoint(action: CdkAction, lang: Language): Promise<string> {
  const background = await import('../sandbox/emulator/background');
  if (action === 'destroy') {
    const found = await background.findBackgroundEmulator();
    if (!found) {
      throw new UsageError({
        ko: '실행 중인 로컬 에뮬레이터가 없어 지울 배포가 없습니다(에뮬레이터가 멈추면 그 안의 배포도 사라집니다).',
        en: 'No local emulator is running, so there is no local deployment to destroy (a stopped emulator keeps nothing).',
      });
    }
    return found.endpoint;
  }
  const emulator = await background.ensureBackgroundEmulator();
  const said = emulator.started
    ? {
        ko: `로컬 AWS 에뮬레이터를 백그라운드에서 시작했습니다: ${emulator.endpoint} (끝내려면 npm run emulator -- --stop)`,
        en: `local AWS emulator started in the background at ${emulator.endpoint} (npm run emulator -- --stop ends it)`,
      }
    : { ko: `이미 실행 중인 로컬 AWS 에뮬레이터를 씁니다: ${emulator.endpoint}`, en: `using the local AWS emulator already running at ${emulator.endpoint}` };
  process.stderr.write(`cloudmart: ${said[lang]}\n`);
  return emulator.endpoint;
}

/** Checks the options and credentials, builds the workload bundle, then runs the CDK CLI (bootstrap first when asked). Returns its exit code. */
export async function runCdk(given: RunCdkOptions): Promise<number> {
  // Validate the options (student, profile, expiry, CDK CLI present) before building anything.
  cdkInvocation({ ...given, workloadBundleDir: given.workloadBundleDir ?? PROJECT_ROOT });
  if (given.target === 'local' && (given.endpoint || given.awsProfile)) {
    throw new UsageError({
      ko: '--target local 은 백그라운드 로컬 에뮬레이터를 씁니다: --endpoint 와 --aws-profile 을 빼거나, --target aws 에 --endpoint 를 쓰세요.',
      en: '--target local uses the background local emulator: drop --endpoint and --aws-profile, or use --target aws with --endpoint.',
    });
  }
  const options = given.target === 'local' ? { ...given, endpoint: await localEndpoint(given.action, given.lang ?? 'ko') } : given;
  const interactive = options.interactive ?? process.stdin.isTTY === true;
  if (options.action === 'destroy' && !options.yes && !interactive) {
    // The CDK CLI would ask "Are you sure?" where nobody can answer.
    throw new UsageError({
      ko: 'destroy 는 삭제 전에 확인을 묻는데, 지금은 답할 터미널이 없습니다. 정말 삭제하려면 --yes 를 붙여 다시 실행하세요.',
      en: 'destroy asks for confirmation before deleting, and there is no terminal to answer it; pass --yes to delete without asking.',
    });
  }
  if (options.endpoint === undefined) await assertCdkCredentials(options.awsProfile);
  const workloadBundleDir = options.workloadBundleDir ?? (await buildWorkloadBundle());
  const withBundle = { ...options, workloadBundleDir };
  const main = cdkInvocation(withBundle);
  // An emulated account is bootstrapped the first time something is deployed into it.
  if (options.action === 'deploy' && (options.bootstrap || (options.endpoint !== undefined && !(await bootstrapped(options.endpoint))))) {
    const code = await spawnInvocation(cdkInvocation({ ...withBundle, action: 'bootstrap' }), options.awsProfile);
    if (code !== 0) return code;
  }
  const deleting = options.action === 'destroy' && (options.yes || options.endpoint !== undefined);
  const target = {
    student: options.student,
    ...(options.endpoint ? { endpoint: options.endpoint, credentials: emulatorCredentials() } : {}),
    ...(options.awsProfile ? { awsProfile: options.awsProfile } : {}),
  };
  const say = (lines: { ko: string; en: string }[]) => {
    for (const line of lines) process.stderr.write(`cloudmart: ${line[options.lang ?? 'ko']}\n`);
  };
  const protection = deleting ? await import('./destroy-protection') : undefined;
  const cacheGroups = protection ? await protection.deploymentCacheGroups(target) : [];
  if (protection) say(await protection.unprotectDeploymentDatabases(target));
  const code = await spawnInvocation(main, options.awsProfile);
  if (code !== 0 || !protection) return code;
  say(await protection.deleteCacheSnapshots(target, cacheGroups));
  return deleteWhatTheStacksKept(options);
}

/**
 * After `cdk destroy`: the default and production profiles keep data when their stacks go
 * (RETAIN buckets, log groups, secrets and backup vault; SNAPSHOT final DB and cache
 * snapshots). In a lab those still bill, so `destroy --yes` deletes them as `cleanup --yes`
 * does, and prints what it deleted and anything left.
 */
async function deleteWhatTheStacksKept(options: RunCdkOptions): Promise<number> {
  const { cleanup } = await import('./cleanup');
  const lang = options.lang ?? 'ko';
  process.stderr.write(
    `cloudmart: ${
      {
        ko: '스택은 지웠습니다. 이제 프로필의 삭제 정책이 남긴 리소스(버킷, 로그 그룹, 시크릿, 백업 볼트, 최종 스냅샷)를 cleanup --yes 처럼 지웁니다.',
        en: 'The stacks are gone; now deleting what the profile’s removal policies kept (buckets, log groups, secrets, backup vault, final snapshots), as cleanup --yes does.',
      }[lang]
    }\n`,
  );
  const result = await cleanup({
    student: options.student,
    region: REGION,
    ...(options.endpoint ? { endpoint: options.endpoint, credentials: emulatorCredentials() } : {}),
    ...(options.awsProfile ? { profile: options.awsProfile } : {}),
    yes: true,
    lang,
    onProgress: (message: string) => process.stderr.write(`  ${message}\n`),
  });
  process.stdout.write(`${result.text}\n`);
  return result.exitCode;
}

/** The CDK CLI's stderr shown as it comes, its tail kept to name a credential failure (exit 3) in one sentence. */
const KEPT_OUTPUT_CHARS = 64 * 1024;

export async function spawnInvocation(invocation: CdkInvocation, awsProfile: string | undefined): Promise<number> {
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
