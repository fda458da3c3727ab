// `cloudmart nag --template FILE`
import type { Command } from 'commander';
import { writeFilesAtomically } from '../files';
import { languageOption } from '../language';
import { runAction } from '../run-command';
import { DEFAULT_NAG_OUT } from '../../commands/defaults';

export function registerNag(program: Command): void {
  program
    .command('nag')
    .description('run the cdk-nag packs (AwsSolutions and the CloudMart pack) on any CloudFormation template, JSON or YAML')
    .requiredOption('--template <file>', 'the CloudFormation template to check')
    .option('--out <file>', 'where to write the findings as JSON', DEFAULT_NAG_OUT)
    .addOption(languageOption())
    .action((options: { template: string; out: string; lang: 'ko' | 'en' }) =>
      runAction(async () => {
        const { formatNagResult, nag } = await import('../../commands/nag');
        const result = nag({ template: options.template, out: options.out });
        writeFilesAtomically(result.files);
        process.stdout.write(formatNagResult(result, options.lang));
        return result.exitCode;
      }),
    );
}
