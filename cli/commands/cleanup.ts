import type { Command } from 'commander';
import { runAction } from '../run';
import { DEFAULT_REGION } from '../../commands/defaults';

export function registerCleanup(program: Command): void {
  program
    .command('cleanup')
    .description("list a deployment's resources with their cloudmart:expires-at; with --yes, delete its stacks, then the resources tagged cloudmart:student=<ID>")
    .requiredOption('--student <id>', 'the student whose deployment to clean up')
    .option('--stack-prefix <prefix>', 'stack name prefix (default: CloudMart-<student>-)')
    .option('--region <region>', 'AWS region', DEFAULT_REGION)
    .option('--profile <name>', 'AWS profile (SSO profiles included)')
    .option('--role-arn <arn>', 'assume this role first')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--endpoint <url>', 'any AWS-compatible endpoint (e.g. the local emulator)')
    .option('--yes', 'really delete (without it, cleanup only lists)')
    .option('--older-than-expiry', 'only what carries a cloudmart:expires-at that has passed')
    .action((options: { student: string; stackPrefix?: string; region: string; profile?: string; roleArn?: string; externalId?: string; endpoint?: string; yes?: boolean; olderThanExpiry?: boolean }) =>
      runAction(async () => {
        const { cleanup } = await import('../../commands/cleanup');
        const result = await cleanup({
          student: options.student,
          region: options.region,
          ...(options.stackPrefix ? { stackPrefix: options.stackPrefix } : {}),
          ...(options.profile ? { profile: options.profile } : {}),
          ...(options.roleArn ? { roleArn: options.roleArn } : {}),
          ...(options.externalId ? { externalId: options.externalId } : {}),
          ...(options.endpoint ? { endpoint: options.endpoint } : {}),
          yes: options.yes ?? false,
          olderThanExpiry: options.olderThanExpiry ?? false,
          onProgress: (message) => process.stderr.write(`  ${message}\n`),
        });
        process.stdout.write(`${result.text}\n`);
        return result.exitCode;
      }),
    );
}
