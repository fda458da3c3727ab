import type { Command } from 'commander';
import { UsageError } from '../../contract/errors';
import { writeFilesAtomically } from '../files';
import { runAction } from '../run-command';
import { DEFAULT_REGION, DEFAULT_OUT_DIR } from '../../commands/defaults';
import { timeZoneOption } from '../time-zone';

interface GradeFlags {
  roster: string;
  target: string;
  region: string;
  out: string;
  format?: string;
  lang: string;
  timeZone: string;
  concurrency: string;
  rubric?: string;
  waivers?: string;
  waiverKey?: string;
  quiet?: boolean;
}

export function registerGrade(program: Command): void {
  program
    .command('grade')
    .description('instructor: verify every student of a roster, then a class report')
    .requiredOption('--roster <file>', 'roster CSV: student_id, name, and profile / role_arn [+ external_id] / region')
    .option('--target <aws|local>', 'aws, or local: every row deployed in an emulated account first', 'aws')
    .option('--region <region>', 'default region (a roster row may override it)', DEFAULT_REGION)
    .option('--out <dir>', 'each student in <dir>/<student>/, the class report in <dir>', DEFAULT_OUT_DIR)
    .option('--format <list>', 'student report formats: md,html,json,junit,csv (default all)')
    .option('--lang <ko|en>', 'report language', 'ko')
    .addOption(timeZoneOption())
    .option('--concurrency <n>', 'students graded at once', '8')
    .option('--rubric <file>', 'rubric file (default reports/rubric/default.yaml)')
    .option('--waivers <file>', 'instructor-signed waiver file')
    .option('--waiver-key <file>', "the instructor's public key for --waivers")
    .option('--quiet', 'no progress lines')
    .action((flags: GradeFlags) =>
      runAction(async () => {
        const { grade } = await import('../../commands/grade');
        const { concurrencyFrom } = await import('../../commands/grade-each-student');
        const { parseFormats } = await import('../../commands/verify');
        if (flags.target !== 'aws' && flags.target !== 'local') throw new UsageError({ ko: `--target 은 aws 또는 local 이어야 합니다("${flags.target}"은(는) 안 됩니다).`, en: `--target must be aws or local, not "${flags.target}".` });
        if (flags.lang !== 'ko' && flags.lang !== 'en') throw new UsageError({ ko: `--lang 은 ko 또는 en 이어야 합니다("${flags.lang}"은(는) 안 됩니다).`, en: `--lang must be ko or en, not "${flags.lang}".` });
        const concurrency = concurrencyFrom(flags.concurrency);
        const result = await grade({
          rosterPath: flags.roster,
          target: flags.target,
          region: flags.region,
          out: flags.out,
          formats: parseFormats(flags.format),
          lang: flags.lang,
          timeZone: flags.timeZone,
          concurrency,
          rubricPath: flags.rubric,
          waiversPath: flags.waivers,
          waiverKeyPath: flags.waiverKey,
          progress: flags.quiet ? false : process.stdout,
        });
        writeFilesAtomically(result.files);
        const graded = result.classReport.students.filter((s) => s.status === 'graded').length;
        process.stdout.write(`\ngraded ${graded} of ${result.classReport.students.length} student(s); class report: ${flags.out}/class.html, grade book: ${flags.out}/grades.csv\n`);
        for (const problem of result.problems) process.stdout.write(`  not graded or skipped: ${problem}\n`);
        return result.exitCode;
      }),
    );
}
