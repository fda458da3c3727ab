// `cloudmart deploy --janitor`: the CDK CLI command line it builds (pure): the janitor's own
// app entry and assembly directory, only the janitor stack, a dry run every 15 minutes unless
// told otherwise; and the options it refuses in one sentence (a student's, the emulator, a
// mode it does not know), before anything is built or any credential is read.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { assertJanitorOptions, JANITOR_ASSEMBLY_DIR, janitorInvocation } from '../janitor-deploy';
import { expectOneSentence, runCli } from './support';

const contextOf = (args: string[]) => Object.fromEntries(args.flatMap((a, i) => (args[i - 1] === '--context' ? [a.split(/=(.*)/s).slice(0, 2)] : [])));

describe('deploy --janitor', () => {
  it('deploys only the janitor stack, from its own app entry into its own assembly directory, as a dry run every 15 minutes by default', () => {
    const invocation = janitorInvocation({ bundleDir: 'cleanup/janitor/dist' });
    expect(invocation.stacks).toEqual(['CloudMart-Janitor']);
    const args = invocation.args.slice(1);
    expect(args.slice(0, 6)).toEqual(['deploy', 'CloudMart-Janitor', '--app', 'npx tsx stacks/janitor/main.ts', '--output', JANITOR_ASSEMBLY_DIR]);
    expect(args).toContain('broadening');
    expect(contextOf(args)).toEqual({ janitorBundleDir: path.resolve('cleanup/janitor/dist'), janitorMode: 'dry-run', janitorRateMinutes: '15', janitorLang: 'ko' });
  });

  it('passes delete mode, the rate, the language, the e-mail and the AWS profile when given', () => {
    const args = janitorInvocation({ bundleDir: '/b', janitorMode: 'delete', janitorRateMinutes: 30, lang: 'en', janitorEmail: 'ta@example.com', awsProfile: 'class', yes: true }).args;
    expect(contextOf(args)).toEqual({ janitorBundleDir: '/b', janitorMode: 'delete', janitorRateMinutes: '30', janitorLang: 'en', janitorEmail: 'ta@example.com' });
    expect(args.slice(-2)).toEqual(['--profile', 'class']);
    expect(args[args.indexOf('--require-approval') + 1]).toBe('never');
  });

  it('refuses what the janitor cannot take, in one sentence', () => {
    const refused = (options: Parameters<typeof assertJanitorOptions>[0]) => {
      try {
        assertJanitorOptions(options);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as UsageError).message;
      }
      return undefined;
    };
    expect(refused({ janitor: true, student: 'kim' })).toBe('--janitor deploys the class janitor, not a student’s stacks: leave out --student.');
    expect(refused({ janitor: true, target: 'local' })).toMatch(/^The janitor runs on AWS Lambda and EventBridge Scheduler, so it deploys to AWS only/);
    expect(refused({ janitor: true, janitorMode: 'nuke' })).toBe('Invalid --janitor-mode nuke: use dry-run or delete.');
    expect(refused({ janitorMode: 'delete', student: 'kim' })).toBe('--janitor-mode and --janitor-rate-minutes go with --janitor only.');
    expect(refused({})).toBe('deploy needs --student <id> (or --janitor for the class janitor).');
    expect(refused({ janitor: true })).toBeUndefined();
    expect(refused({ student: 'kim' })).toBeUndefined();
  });

  it('says so from the command line before reading any credential (exit 2, Korean by default)', async () => {
    expect(expectOneSentence(await runCli(['deploy']), 2)).toBe('deploy 에 --student <ID> 를 주세요(반 전체의 janitor 는 --janitor).');
    expect(expectOneSentence(await runCli(['deploy', '--janitor', '--target', 'local', '--lang', 'en']), 2)).toMatch(/^The janitor runs on AWS Lambda and EventBridge Scheduler/);
    expect(expectOneSentence(await runCli(['deploy', '--janitor', '--janitor-mode', 'nuke', '--lang', 'en']), 2)).toBe('--janitor-mode must be dry-run or delete, not "nuke".');
  }, 60_000);
});
