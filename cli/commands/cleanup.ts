import type { Command } from 'commander';
import type { CleanupOptions } from '../../commands/cleanup';
import { option, optionsFor, withOptions } from '../options/define';
import { accountOptions, deploymentOptions, languageOptions } from '../options/groups';
import { flag, mapped, number, text } from '../options/values';

const CLEANUP_OPTIONS = optionsFor<CleanupOptions>()({
  ...deploymentOptions,
  student: option('--student <id>', 'the student whose deployment to clean up', text(), { required: true }),
  ...accountOptions,
  yes: option('--yes', 'really delete (without it, cleanup only lists); turns off deletion protection on the stacks’ own DB instances first', flag()),
  olderThanExpiry: option('--older-than-expiry', 'only what carries a cloudmart:expires-at that has passed', flag()),
  ...languageOptions,
  dependencyRetry: option(
    '--dependency-wait-minutes <n>',
    'how long to retry a resource something else still uses (AWS frees network interfaces minutes late)',
    mapped(number({ min: 0 }), (minutes) => ({ intervalMs: Math.min(30_000, (minutes * 60_000) / 10), forMs: minutes * 60_000 })),
    { default: '20' },
  ),
});

export function registerCleanup(program: Command): void {
  const command = program
    .command('cleanup')
    .description("list a deployment's resources with their cloudmart:expires-at; with --yes, delete its stacks (in dependency order), then the resources tagged cloudmart:student=<ID>, then show what is left");
  withOptions(command, CLEANUP_OPTIONS, async (options) => {
    // Ctrl-C: stop waiting and report what was deleted and what is left; a second Ctrl-C ends at once.
    const interrupt = new AbortController();
    const onSigint = () => {
      if (interrupt.signal.aborted) process.exit(130);
      process.stderr.write(options.lang === 'ko' ? '\n  중단합니다: 지운 것과 남은 것을 정리해 보여 줍니다(한 번 더 누르면 바로 끝냅니다)...\n' : '\n  Stopping: listing what was deleted and what is left (press Ctrl-C again to quit at once)...\n');
      interrupt.abort();
    };
    process.on('SIGINT', onSigint);
    const { cleanup } = await import('../../commands/cleanup');
    const result = await cleanup({ ...options, signal: interrupt.signal, onProgress: (message) => process.stderr.write(`  ${message}\n`) });
    process.off('SIGINT', onSigint);
    process.stdout.write(`${result.text}\n`);
    return result.exitCode;
  });
}
