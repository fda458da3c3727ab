import type { Command } from 'commander';
import { UsageError } from '../../contract/errors';
import { runAction } from '../run-command';
import { DEFAULT_REGION } from '../../commands/defaults';

interface CleanupFlags {
  student: string;
  stackPrefix?: string;
  region: string;
  profile?: string;
  roleArn?: string;
  externalId?: string;
  endpoint?: string;
  yes?: boolean;
  olderThanExpiry?: boolean;
  lang: string;
  dependencyWaitMinutes: string;
}

export function registerCleanup(program: Command): void {
  program
    .command('cleanup')
    .description("list a deployment's resources with their cloudmart:expires-at; with --yes, delete its stacks (in dependency order), then the resources tagged cloudmart:student=<ID>, then show what is left")
    .requiredOption('--student <id>', 'the student whose deployment to clean up')
    .option('--stack-prefix <prefix>', 'stack name prefix (default: CloudMart-<student>-)')
    .option('--region <region>', 'AWS region', DEFAULT_REGION)
    .option('--profile <name>', 'AWS profile (SSO profiles included)')
    .option('--role-arn <arn>', 'assume this role first')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--endpoint <url>', 'any AWS-compatible endpoint (e.g. the local emulator)')
    .option('--yes', 'really delete (without it, cleanup only lists); turns off deletion protection on the stacks’ own DB instances first')
    .option('--older-than-expiry', 'only what carries a cloudmart:expires-at that has passed')
    .option('--lang <ko|en>', 'output language', 'ko')
    .option('--dependency-wait-minutes <n>', 'how long to retry a resource something else still uses (AWS frees network interfaces minutes late)', '20')
    .action((flags: CleanupFlags) =>
      runAction(async () => {
        if (flags.lang !== 'ko' && flags.lang !== 'en') throw new UsageError(`--lang must be ko or en, not "${flags.lang}".`);
        const lang = flags.lang;
        const minutes = Number(flags.dependencyWaitMinutes);
        if (!Number.isFinite(minutes) || minutes < 0) {
          throw new UsageError({
            ko: `--dependency-wait-minutes는 0 이상의 분 단위 숫자여야 합니다("${flags.dependencyWaitMinutes}"가 아님).`,
            en: `--dependency-wait-minutes must be a number of minutes, 0 or more (not "${flags.dependencyWaitMinutes}").`,
          });
        }
        // Ctrl-C: stop waiting and report what was deleted and what is left; a second Ctrl-C ends at once.
        const interrupt = new AbortController();
        const onSigint = () => {
          if (interrupt.signal.aborted) process.exit(130);
          process.stderr.write(lang === 'ko' ? '\n  중단합니다: 지운 것과 남은 것을 정리해 보여 줍니다(한 번 더 누르면 바로 끝냅니다)...\n' : '\n  Stopping: listing what was deleted and what is left (press Ctrl-C again to quit at once)...\n');
          interrupt.abort();
        };
        process.on('SIGINT', onSigint);
        const { cleanup } = await import('../../commands/cleanup');
        const result = await cleanup({
          student: flags.student,
          region: flags.region,
          ...(flags.stackPrefix ? { stackPrefix: flags.stackPrefix } : {}),
          ...(flags.profile ? { profile: flags.profile } : {}),
          ...(flags.roleArn ? { roleArn: flags.roleArn } : {}),
          ...(flags.externalId ? { externalId: flags.externalId } : {}),
          ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
          yes: flags.yes ?? false,
          olderThanExpiry: flags.olderThanExpiry ?? false,
          lang,
          dependencyRetry: { intervalMs: Math.min(30_000, (minutes * 60_000) / 10), forMs: minutes * 60_000 },
          signal: interrupt.signal,
          onProgress: (message) => process.stderr.write(`  ${message}\n`),
        });
        process.off('SIGINT', onSigint);
        process.stdout.write(`${result.text}\n`);
        return result.exitCode;
      }),
    );
}
