// `cloudmart api` (`npm run api`): the CloudMart API on this machine with throwaway PostgreSQL
// and Redis (sandbox/local-api.ts), until Ctrl-C. Its errors end like every
// command's: one sentence in the --lang of the command, and the exit code.
import type { Command } from 'commander';
import { withOptions } from '../options/define';
import { languageOptions } from '../options/groups';

export function registerApi(program: Command): void {
  const command = program
    .command('api')
    .description('run the CloudMart API locally against throwaway PostgreSQL and Redis (or DATABASE_URL / REDIS_URL), until Ctrl-C');
  withOptions(command, languageOptions, async ({ lang }) => {
    const { startLocalApi } = await import('../../sandbox/local-api');
    const local = await startLocalApi();
    const ko = lang === 'ko';
    const throwaway = ko ? '  (임시 서버, 끝나면 삭제)' : '  (throwaway)';
    process.stderr.write(
      [
        '',
        `CloudMart API: ${local.api.url}   (${ko ? '해 보세요' : 'try'}: ${local.api.url}/products, ${local.api.url}/readyz)`,
        `  PostgreSQL: ${local.databaseUrl}${local.throwaway.postgres ? throwaway : ''}`,
        `  Redis:      ${local.redisUrl}${local.throwaway.redis ? throwaway : ''}`,
        ko ? '끝내려면 Ctrl-C 를 누르세요.' : 'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await local.stop();
  });
}
