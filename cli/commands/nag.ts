// `cloudmart nag --template FILE`
import type { Command } from 'commander';
import { DEFAULT_NAG_OUT } from '../../commands/defaults';
import type { NagOptions } from '../../commands/nag';
import { writeFilesAtomically } from '../files';
import { option, optionsFor, withOptions } from '../options/define';
import { languageOptions } from '../options/groups';
import { text } from '../options/values';

const NAG_OPTIONS = optionsFor<NagOptions & { lang?: string }>()({
  template: option('--template <file>', 'the CloudFormation template to check', text(), { required: true }),
  out: option('--out <file>', 'where to write the findings as JSON', text(), { default: DEFAULT_NAG_OUT }),
  ...languageOptions,
});

export function registerNag(program: Command): void {
  const command = program
    .command('nag')
    .description('run the cdk-nag packs (AwsSolutions and the CloudMart pack) on any CloudFormation template, JSON or YAML');
  withOptions(command, NAG_OPTIONS, async ({ lang, ...options }) => {
    const { formatNagResult, nag } = await import('../../commands/nag');
    const result = nag(options);
    writeFilesAtomically(result.files);
    process.stdout.write(formatNagResult(result, lang));
    return result.exitCode;
  });
}
