import type { Command } from 'commander';
import { DEFAULT_OUT_DIR } from '../../commands/defaults';
import type { VerifyOptions } from '../../commands/verify';
import { writeFilesAtomically } from '../files';
import { shareLine, wroteLine } from '../wrote';
import { option, optionsFor, withOptions } from '../options/define';
import { accountOptions, deploymentOptions, gradingOptions, quietOption, reportOptions } from '../options/groups';
import { number, oneOf, text } from '../options/values';

const VERIFY_OPTIONS = optionsFor<VerifyOptions & { quiet?: boolean }>()({
  target: option('--target <aws|local>', 'aws, or local: the stacks `deploy --target local` put in the background emulator, else a scenario deployment created in a fresh one', oneOf(['aws', 'local']), { default: 'aws' }),
  ...accountOptions,
  ...deploymentOptions,
  scenario: option('--scenario <name>', '--target local: create this emulated deployment in a fresh emulator (default: the deployed stacks, else reference)', text()),
  ...reportOptions({ description: 'where the reports go', default: DEFAULT_OUT_DIR }),
  snapshotOut: option('--snapshot-out <file>', 'save the collected inventory', text()),
  fromSnapshot: option('--from-snapshot <file>', 'grade a saved inventory offline (no AWS call)', text()),
  minScore: option('--min-score <n>', 'exit 0 when the score is at least n percent', number({ min: 0, max: 100 })),
  ...gradingOptions,
  template: option('--template <file>', "also run cdk-nag on the deployment's CloudFormation template (JSON or YAML); its findings join the report", text()),
  ...quietOption,
});

export function registerVerify(program: Command): void {
  const command = program.command('verify').description('live checks of one deployment, then the graded report');
  withOptions(command, VERIFY_OPTIONS, async ({ quiet, ...options }) => {
    const { verify } = await import('../../commands/verify');
    const result = await verify({ ...options, progress: quiet ? false : process.stdout, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
    writeFilesAtomically(result.files);
    process.stdout.write(`\n${result.summary}\n`);
    for (const file of result.files) process.stdout.write(`${wroteLine(file.path, options.lang)}\n`);
    const share = shareLine(result.files.map((f) => f.path), result.report.target.student, options.lang);
    if (share) process.stdout.write(`${share}\n`);
    return result.exitCode;
  });
}
