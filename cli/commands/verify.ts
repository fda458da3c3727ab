import type { Command } from 'commander';
import { UsageError } from '../../contract/errors';
import { writeFilesAtomically } from '../files';
import { runAction } from '../run-command';
import { DEFAULT_REGION, DEFAULT_OUT_DIR } from '../../commands/defaults';
import { timeZoneOption } from '../time-zone';

interface VerifyFlags {
  target: string;
  region: string;
  profile?: string;
  roleArn?: string;
  externalId?: string;
  endpoint?: string;
  student?: string;
  stackPrefix?: string;
  scenario?: string;
  out: string;
  format?: string;
  lang: string;
  timeZone: string;
  snapshotOut?: string;
  fromSnapshot?: string;
  minScore?: string;
  rubric?: string;
  waivers?: string;
  waiverKey?: string;
  template?: string;
  quiet?: boolean;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('live checks of one deployment, then the graded report')
    .option('--target <aws|local>', 'aws, or local: the local emulator with a scenario deployment created in it', 'aws')
    .option('--region <region>', 'AWS region', DEFAULT_REGION)
    .option('--profile <name>', 'AWS profile (standard credential chain otherwise)')
    .option('--role-arn <arn>', 'assume this role first')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--endpoint <url>', 'any AWS-compatible endpoint, e.g. an emulator already running')
    .option('--student <id>', 'whose deployment (stacks CloudMart-<id>-..., tag cloudmart:student=<id>)')
    .option('--stack-prefix <prefix>', 'stack name prefix (default CloudMart-<student>-)')
    .option('--scenario <name>', '--target local: the emulated deployment to create (default reference)')
    .option('--out <dir>', 'where the reports go', DEFAULT_OUT_DIR)
    .option('--format <list>', 'md,html,json,junit,csv (default all)')
    .option('--lang <ko|en>', 'report language', 'ko')
    .addOption(timeZoneOption())
    .option('--snapshot-out <file>', 'save the collected inventory')
    .option('--from-snapshot <file>', 'grade a saved inventory offline (no AWS call)')
    .option('--min-score <n>', 'exit 0 when the score is at least n percent')
    .option('--rubric <file>', 'rubric file (default reports/rubric/default.yaml)')
    .option('--waivers <file>', 'instructor-signed waiver file')
    .option('--waiver-key <file>', "the instructor's public key for --waivers")
    .option('--template <file>', "also run cdk-nag on the deployment's CloudFormation template (JSON or YAML); its findings join the report")
    .option('--quiet', 'no progress lines, only the summary')
    .action((flags: VerifyFlags) =>
      runAction(async () => {
        const { parseFormats, verify } = await import('../../commands/verify');
        if (flags.target !== 'aws' && flags.target !== 'local') throw new UsageError({ ko: `--target 은 aws 또는 local 이어야 합니다("${flags.target}"은(는) 안 됩니다).`, en: `--target must be aws or local, not "${flags.target}".` });
        if (flags.lang !== 'ko' && flags.lang !== 'en') throw new UsageError({ ko: `--lang 은 ko 또는 en 이어야 합니다("${flags.lang}"은(는) 안 됩니다).`, en: `--lang must be ko or en, not "${flags.lang}".` });
        // Number('') is 0 and Number('abc') is NaN: say what the user typed, and never take an empty value for 0.
        const minScore = flags.minScore === undefined ? undefined : Number(flags.minScore);
        if (minScore !== undefined && (flags.minScore!.trim() === '' || !Number.isFinite(minScore))) {
          throw new UsageError({ ko: `--min-score 는 0부터 100까지의 숫자여야 합니다("${flags.minScore}"은(는) 안 됩니다).`, en: `--min-score must be a number from 0 to 100, not "${flags.minScore}".` });
        }
        const result = await verify({
          target: flags.target,
          region: flags.region,
          profile: flags.profile,
          roleArn: flags.roleArn,
          externalId: flags.externalId,
          endpoint: flags.endpoint,
          student: flags.student,
          stackPrefix: flags.stackPrefix,
          scenario: flags.scenario,
          out: flags.out,
          formats: parseFormats(flags.format),
          lang: flags.lang,
          timeZone: flags.timeZone,
          snapshotOut: flags.snapshotOut,
          fromSnapshot: flags.fromSnapshot,
          minScore,
          rubricPath: flags.rubric,
          waiversPath: flags.waivers,
          waiverKeyPath: flags.waiverKey,
          template: flags.template,
          progress: flags.quiet ? false : process.stdout,
          color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        });
        writeFilesAtomically(result.files);
        process.stdout.write(`\n${result.summary}\n`);
        for (const file of result.files) process.stdout.write(`wrote ${file.path}\n`);
        return result.exitCode;
      }),
    );
}
