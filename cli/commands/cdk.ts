// `cloudmart synth`, `cloudmart deploy`, `cloudmart destroy`.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ExitCode } from '../../contract/errors';
import { languageOption } from '../language';
import { runAction } from '../run-command';

const PROFILE_CHOICES = ['lab', 'default', 'production'] as const;
type Profile = (typeof PROFILE_CHOICES)[number];

const profileOption = (fallback: Profile) =>
  new Option('--deployment-profile <name>', 'lab (deletion protection off, destroyable in the lab), default (one NAT) or production (one NAT per AZ)')
    .choices(PROFILE_CHOICES)
    .default(fallback);

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

export function registerCdkCommands(program: Command): void {
  program
    .command('synth')
    .description('synthesize the reference stacks with the cdk-nag gate and print the lab cost estimate (no AWS credentials needed)')
    .option('--student <id>', 'student ID used in the stack names and tags', 'demo')
    .addOption(profileOption('default'))
    .option('--expires-at <iso>', 'cleanup tag cloudmart:expires-at (default: now + 2 hours)')
    .option('--out <dir>', 'cloud assembly directory', 'cdk.out')
    .option('--no-cfn-validation', "skip aws-cdk-lib's built-in CloudFormation schema validation (faster)")
    .option('--minutes <n>', 'lab duration for the cost estimate', positiveNumber, 50)
    .option('--budget <usd>', 'budget for the cost estimate', positiveNumber, 0.8)
    .addOption(languageOption())
    .action((options: { student: string; deploymentProfile: Profile; expiresAt?: string; out: string; cfnValidation: boolean; minutes: number; budget: number; lang: 'ko' | 'en' }) =>
      runAction(async () => {
        const { formatSynthSummary, synth } = await import('../../commands/synth');
        const result = await synth({
          student: options.student,
          profile: options.deploymentProfile,
          ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
          outdir: options.out,
          builtinValidation: options.cfnValidation,
          minutes: options.minutes,
          budgetUsd: options.budget,
        });
        process.stdout.write(formatSynthSummary(result, options.lang));
        return result.ok ? ExitCode.ok : ExitCode.checksFailed;
      }),
    );

  for (const action of ['deploy', 'destroy'] as const) {
    const command = program
      .command(action)
      .description(
        action === 'deploy'
          ? 'deploy the reference stacks of one student to ap-northeast-2 through the CDK CLI (needs AWS credentials)'
          : 'delete the reference stacks of one student through the CDK CLI (needs AWS credentials)',
      )
      .requiredOption('--student <id>', 'student ID: the stacks are CloudMart-<id>-*')
      .addOption(profileOption('default'))
      .option('--aws-profile <name>', 'AWS CLI profile for the credentials')
      .option('--yes', action === 'deploy' ? 'do not ask before IAM or security group changes' : 'do not ask for confirmation (needed without a terminal)')
      .addOption(languageOption());
    if (action === 'deploy') {
      command
        .option('--expires-at <iso>', 'cleanup tag cloudmart:expires-at (default: now + 2 hours)')
        .option('--alarm-email <address>', 'subscribe this address to the alarm topic')
        .option('--drill-endpoints', "turn on the API's drill endpoints (class drills)")
        .option('--bootstrap', 'run `cdk bootstrap` for the account and region first (once per account)');
    }
    command.action(
      (options: { student: string; deploymentProfile: Profile; awsProfile?: string; yes?: boolean; expiresAt?: string; alarmEmail?: string; drillEndpoints?: boolean; bootstrap?: boolean }) =>
        runAction(async () =>
          (await import('../../commands/cdk')).runCdk({
            action,
            student: options.student,
            profile: options.deploymentProfile,
            ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
            ...(options.awsProfile ? { awsProfile: options.awsProfile } : {}),
            ...(options.alarmEmail ? { alarmEmail: options.alarmEmail } : {}),
            drillEndpoints: options.drillEndpoints ?? false,
            yes: options.yes ?? false,
            bootstrap: options.bootstrap ?? false,
          }),
        ),
    );
  }
}
