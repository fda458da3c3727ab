import type { Command } from 'commander';
import type { CleanupAllOptions, CleanupOptions } from '../../commands/cleanup';
import { writeFilesAtomically } from '../files';
import { wroteLine } from '../wrote';
import { option, optionsFor, withOptions } from '../options/define';
import { accountOptions, deploymentOptions, languageOptions } from '../options/groups';
import { flag, mapped, number, text } from '../options/values';

const CLEANUP_OPTIONS = optionsFor<Partial<CleanupOptions> & Omit<CleanupAllOptions, 'all'> & { all?: boolean }>()({
  ...deploymentOptions,
  student: option('--student <id>', 'the student whose deployment to clean up (or --all)', text()),
  all: option('--all', 'every CloudMart deployment of the account and region (found by the tag cloudmart:student); only with --older-than-expiry', flag()),
  concurrency: option('--concurrency <n>', 'with --all: deployments cleaned at once', number({ min: 1, max: 16, whole: true }), { default: '4' }),
  recordPath: option('--record <file>', 'with --all: where to write the JSON record of the run', text(), { default: 'cleanup-all.json' }),
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
    .description("list a deployment's resources with their cloudmart:expires-at; with --yes, delete its stacks (in dependency order), then the resources tagged cloudmart:student=<ID>, then show what is left; --all --older-than-expiry does it for every expired deployment of the account");
  withOptions(command, CLEANUP_OPTIONS, async (options) => {
    // Ctrl-C: stop waiting and report what was deleted and what is left; a second Ctrl-C ends at once.
    const interrupt = new AbortController();
    const onSigint = () => {
      if (interrupt.signal.aborted) process.exit(130);
      process.stderr.write(options.lang === 'ko' ? '\n  중단합니다: 지운 것과 남은 것을 정리해 보여 줍니다(한 번 더 누르면 바로 끝냅니다)...\n' : '\n  Stopping: listing what was deleted and what is left (press Ctrl-C again to quit at once)...\n');
      interrupt.abort();
    };
    process.on('SIGINT', onSigint);
    const { assertOneTarget, cleanup, cleanupAll } = await import('../../commands/cleanup');
    assertOneTarget(options);
    const onProgress = (message: string) => process.stderr.write(`  ${message}\n`);
    const { all, student, concurrency, recordPath, ...common } = options;
    try {
      if (all) {
        const result = await cleanupAll({ ...common, all: true, concurrency, recordPath, signal: interrupt.signal, onProgress });
        writeFilesAtomically(result.files);
        process.stdout.write(`${result.text}\n${result.files.map((f) => wroteLine(f.path, options.lang)).join('\n')}\n`);
        return result.exitCode;
      }
      const result = await cleanup({ ...common, student: student!, signal: interrupt.signal, onProgress });
      process.stdout.write(`${result.text}\n`);
      return result.exitCode;
    } finally {
      process.off('SIGINT', onSigint);
    }
  });
}
