// `cloudmart deploy --janitor`: deploys the class janitor (stacks/janitor/) to the account of
// the credentials through the CDK CLI, with its own app entry (stacks/janitor/main.ts) and
// cloud assembly directory (cdk.out/janitor), so it never touches a student's stacks.
// janitorInvocation() builds the command line (pure, tested); runJanitorDeploy() checks the
// credentials, bundles the handler (cleanup/janitor/bundle.ts) and runs it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../contract/errors';
import { DEFAULT_JANITOR_MODE, JANITOR_MODES, type JanitorMode } from '../contract/janitor';
import { buildJanitorBundle } from '../cleanup/janitor/bundle';
import { DEFAULT_JANITOR_RATE_MINUTES, JANITOR_STACK_NAME } from '../stacks/janitor/janitor-stack';
import { assertCdkCredentials } from './cdk-credentials';
import { cdkCliPath, spawnInvocation, type CdkInvocation } from './cdk';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const JANITOR_ASSEMBLY_DIR = path.join('cdk.out', 'janitor');

/** The deploy options that only the janitor reads. */
export interface JanitorDeployOptions {
  /** Deploy the janitor instead of a student's stacks. */
  janitor?: boolean;
  /** dry-run (default): report what has expired; delete: delete it. */
  janitorMode?: JanitorMode;
  /** Minutes between runs (default 15). */
  janitorRateMinutes?: number;
  /** Subscribe this address to the janitor's report topic. */
  janitorEmail?: string;
}

export interface JanitorDeployRun extends JanitorDeployOptions {
  bundleDir: string;
  awsProfile?: string;
  /** No approval prompt for the IAM changes. */
  yes?: boolean;
  lang?: 'ko' | 'en';
  bootstrap?: boolean;
}

/**
 * What `deploy` was given besides --janitor that the janitor cannot take (a student's
 * options, the emulator: Lambda and EventBridge Scheduler run only in AWS): one sentence.
 */
export function assertJanitorOptions(options: { janitor?: boolean; student?: string; target?: string; endpoint?: string; janitorMode?: string; janitorRateMinutes?: number }): void {
  if (!options.janitor) {
    if (options.janitorMode !== undefined || options.janitorRateMinutes !== undefined) {
      throw new UsageError({ ko: '--janitor-mode 와 --janitor-rate-minutes 는 --janitor 와 함께만 씁니다.', en: '--janitor-mode and --janitor-rate-minutes go with --janitor only.' });
    }
    if (!options.student) throw new UsageError({ ko: 'deploy 에 --student <ID> 를 주세요(반 전체의 janitor 는 --janitor).', en: 'deploy needs --student <id> (or --janitor for the class janitor).' });
    return;
  }
  if (options.student) {
    throw new UsageError({ ko: '--janitor 는 반 전체를 정리하는 janitor 를 배포합니다: --student 를 빼세요.', en: '--janitor deploys the class janitor, not a student’s stacks: leave out --student.' });
  }
  if (options.target === 'local' || options.endpoint) {
    throw new UsageError({
      ko: 'janitor 는 AWS Lambda와 EventBridge Scheduler에서 돌아가므로 AWS에만 배포합니다: --target local 과 --endpoint 를 빼세요(에뮬레이터에서는 npm run cleanup -- --all --older-than-expiry 로 같은 정리를 돌릴 수 있습니다).',
      en: 'The janitor runs on AWS Lambda and EventBridge Scheduler, so it deploys to AWS only: drop --target local and --endpoint (on the emulator, npm run cleanup -- --all --older-than-expiry runs the same cleanup).',
    });
  }
  if (options.janitorMode !== undefined && !(JANITOR_MODES as readonly string[]).includes(options.janitorMode)) {
    throw new UsageError({ ko: `--janitor-mode ${options.janitorMode} 은(는) 없습니다: dry-run 또는 delete 를 쓰세요.`, en: `Invalid --janitor-mode ${options.janitorMode}: use dry-run or delete.` });
  }
}

export function janitorInvocation(options: JanitorDeployRun): CdkInvocation {
  const mode = options.janitorMode ?? DEFAULT_JANITOR_MODE;
  const rate = options.janitorRateMinutes ?? DEFAULT_JANITOR_RATE_MINUTES;
  const context = [
    ['janitorBundleDir', path.resolve(options.bundleDir)],
    ['janitorMode', mode],
    ['janitorRateMinutes', String(rate)],
    ['janitorLang', options.lang ?? 'ko'],
    ...(options.janitorEmail ? [['janitorEmail', options.janitorEmail]] : []),
  ].flatMap(([key, value]) => ['--context', `${key}=${value}`]);
  return {
    command: process.execPath,
    args: [
      cdkCliPath(),
      'deploy',
      JANITOR_STACK_NAME,
      '--app',
      'npx tsx stacks/janitor/main.ts',
      '--output',
      JANITOR_ASSEMBLY_DIR,
      '--require-approval',
      options.yes ? 'never' : 'broadening',
      ...context,
      '--no-notices',
      ...(options.awsProfile ? ['--profile', options.awsProfile] : []),
    ],
    cwd: PROJECT_ROOT,
    env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
    stacks: [JANITOR_STACK_NAME],
  };
}

/** Checks the credentials, bundles the handler, then deploys the janitor stack. Returns the CDK CLI's exit code. */
export async function runJanitorDeploy(options: Omit<JanitorDeployRun, 'bundleDir'> & { student?: string; target?: string; endpoint?: string }): Promise<number> {
  assertJanitorOptions({ ...options, janitor: true });
  await assertCdkCredentials(options.awsProfile);
  const bundleDir = await buildJanitorBundle();
  const run = { ...options, bundleDir };
  if (options.bootstrap) {
    const invocation = janitorInvocation(run);
    const code = await spawnInvocation({ ...invocation, args: [cdkCliPath(), 'bootstrap', '--no-notices', ...(options.awsProfile ? ['--profile', options.awsProfile] : [])] }, options.awsProfile);
    if (code !== 0) return code;
  }
  return spawnInvocation(janitorInvocation(run), options.awsProfile);
}
