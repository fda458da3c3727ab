// `cloudmart synth`, `cloudmart deploy`, `cloudmart destroy`.
import type { Command } from 'commander';
import type { RunCdkOptions } from '../../commands/cdk';
import { PROFILES } from '../../commands/option-checks';
import type { SynthOptions } from '../../commands/synth';
import type { JanitorDeployOptions } from '../../commands/janitor-deploy';
import { JANITOR_MODES } from '../../contract/janitor';
import { ExitCode, type Language } from '../../contract/errors';
import { option, optionsFor, withOptions } from '../options/define';
import { accountOptions, languageOptions } from '../options/groups';
import { flag, number, oneOf, text } from '../options/values';

const deploymentProfile = option(
  '--deployment-profile <name>',
  'lab (deletion protection off, destroyable in the lab), default (one NAT) or production (one NAT per AZ)',
  oneOf(PROFILES),
  { default: 'default' },
);
const expiresAt = option('--expires-at <iso>', 'cleanup tag cloudmart:expires-at (default: now + 2 hours)', text());

const SYNTH_OPTIONS = optionsFor<SynthOptions & { lang?: Language }>()({
  student: option('--student <id>', 'student ID used in the stack names and tags', text(), { default: 'demo' }),
  profile: deploymentProfile,
  expiresAt,
  outdir: option('--out <dir>', 'cloud assembly directory', text(), { default: 'cdk.out' }),
  builtinValidation: option('--no-cfn-validation', "skip aws-cdk-lib's built-in CloudFormation schema validation (faster)", flag()),
  minutes: option('--minutes <n>', 'lab duration for the cost estimate', number({ above: 0 }), { default: '50' }),
  budgetUsd: option('--budget <usd>', 'budget for the cost estimate', number({ above: 0 }), { default: '0.8' }),
  ...languageOptions,
});

const CDK_OPTIONS = optionsFor<RunCdkOptions & { lang?: Language }>()({
  student: option('--student <id>', 'student ID: the stacks are CloudMart-<id>-*', text(), { required: true }),
  profile: deploymentProfile,
  awsProfile: option('--aws-profile <name>', 'AWS CLI profile for the credentials', text()),
  target: option(
    '--target <aws|local>',
    'aws, or local: the local AWS emulator in the background (deploy starts it; no AWS account needed)',
    oneOf(['aws', 'local']),
    { default: 'aws' },
  ),
  endpoint: accountOptions.endpoint,
  assemblyDir: option('--out <dir>', 'cloud assembly directory (default cdk.out)', text()),
  ...languageOptions,
});

const DEPLOY_OPTIONS = optionsFor<Omit<RunCdkOptions, 'student'> & { student?: string } & JanitorDeployOptions & { lang?: Language }>()({
  ...CDK_OPTIONS,
  student: option('--student <id>', 'student ID: the stacks are CloudMart-<id>-* (or --janitor)', text()),
  janitor: option('--janitor', 'deploy the class janitor instead: deletes expired deployments by tag every few minutes (stacks/janitor/)', flag()),
  janitorMode: option('--janitor-mode <mode>', 'with --janitor: dry-run (default: reports only) or delete', oneOf(JANITOR_MODES)),
  janitorRateMinutes: option('--janitor-rate-minutes <n>', 'with --janitor: minutes between runs (default 15)', number({ min: 1, max: 1440, whole: true })),
  janitorEmail: option('--janitor-email <address>', "with --janitor: subscribe this address to the janitor's reports", text()),
  yes: option('--yes', 'do not ask before IAM or security group changes', flag()),
  expiresAt,
  alarmEmail: option('--alarm-email <address>', 'subscribe this address to the alarm topic', text()),
  drillEndpoints: option('--drill-endpoints', "turn on the API's drill endpoints (class drills)", flag()),
  drillSourceCidr: option('--drill-source-cidr <cidr>', 'with --drill-endpoints: the ALB forwards /drill/* only from this IPv4 CIDR (e.g. your address/32); others get 404', text()),
  bootstrap: option('--bootstrap', 'run `cdk bootstrap` for the account and region first (once per account)', flag()),
});

const DESTROY_OPTIONS = optionsFor<RunCdkOptions & { lang?: Language }>()({
  ...CDK_OPTIONS,
  yes: option('--yes', 'do not ask for confirmation (needed without a terminal); also turns off the DB deletion protection first and deletes what the stacks keep (buckets, log groups, secrets, final snapshots)', flag()),
});

export function registerCdkCommands(program: Command): void {
  const synthCommand = program
    .command('synth')
    .description('synthesize the reference stacks with the cdk-nag gate and print the lab cost estimate (no AWS credentials needed)');
  withOptions(synthCommand, SYNTH_OPTIONS, async ({ lang, ...options }) => {
    const { formatSynthSummary, synth } = await import('../../commands/synth');
    const result = await synth(options);
    process.stdout.write(formatSynthSummary(result, lang));
    return result.ok ? ExitCode.ok : ExitCode.checksFailed;
  });

  const deploy = program
    .command('deploy')
    .description('deploy the reference stacks of one student to ap-northeast-2 through the CDK CLI (AWS credentials, or --target local)');
  withOptions(deploy, DEPLOY_OPTIONS, async ({ janitor, janitorMode, janitorRateMinutes, janitorEmail, student, ...options }) => {
    const { assertJanitorOptions, runJanitorDeploy } = await import('../../commands/janitor-deploy');
    assertJanitorOptions({ ...options, student, janitor, janitorMode, janitorRateMinutes });
    if (janitor) return runJanitorDeploy({ ...options, janitorMode, janitorRateMinutes, janitorEmail });
    return (await import('../../commands/cdk')).runCdk({ action: 'deploy', ...options, student: student! });
  });

  const destroy = program.command('destroy').description('delete the reference stacks of one student through the CDK CLI (AWS credentials, or --target local)');
  withOptions(destroy, DESTROY_OPTIONS, async (options) => (await import('../../commands/cdk')).runCdk({ action: 'destroy', ...options }));
}
