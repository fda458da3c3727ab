import type { Command } from 'commander';
import { DEFAULT_OUT_DIR, DEFAULT_REGION } from '../../commands/defaults';
import type { GradeOptions } from '../../commands/grade';
import { concurrencyFrom, DEFAULT_CONCURRENCY } from '../../commands/option-checks';
import { writeFilesAtomically } from '../files';
import { option, optionsFor, withOptions } from '../options/define';
import { gradingOptions, reportOptions } from '../options/groups';
import { checkedBy, flag, oneOf, text } from '../options/values';

const GRADE_OPTIONS = optionsFor<GradeOptions & { quiet?: boolean }>()({
  rosterPath: option('--roster <file>', 'roster CSV: student_id, name, and profile / role_arn [+ external_id] / region', text(), { required: true }),
  target: option('--target <aws|local>', 'aws, or local: every row deployed in an emulated account first', oneOf(['aws', 'local']), { default: 'aws' }),
  region: option('--region <region>', 'default region (a roster row may override it)', text(), { default: DEFAULT_REGION }),
  ...reportOptions({ description: 'each student in <dir>/<student>/, the class report in <dir>', default: DEFAULT_OUT_DIR }),
  concurrency: option('--concurrency <n>', 'students graded at once', checkedBy((value) => (value === undefined ? undefined : concurrencyFrom(value))), { default: String(DEFAULT_CONCURRENCY) }),
  ...gradingOptions,
  quiet: option('--quiet', 'no progress lines', flag()),
});

export function registerGrade(program: Command): void {
  const command = program.command('grade').description('instructor: verify every student of a roster, then a class report');
  withOptions(command, GRADE_OPTIONS, async ({ quiet, ...options }) => {
    const { grade } = await import('../../commands/grade');
    const result = await grade({ ...options, progress: quiet ? false : process.stdout });
    writeFilesAtomically(result.files);
    const graded = result.classReport.students.filter((s) => s.status === 'graded').length;
    const students = result.classReport.students.length;
    process.stdout.write(
      options.lang === 'ko'
        ? `\n학생 ${students}명 중 ${graded}명 채점함; 반 보고서: ${options.out}/class.html, 성적표: ${options.out}/grades.csv\n`
        : `\ngraded ${graded} of ${students} student(s); class report: ${options.out}/class.html, grade book: ${options.out}/grades.csv\n`,
    );
    for (const problem of result.problems) process.stdout.write(`  ${options.lang === 'ko' ? '채점 못 했거나 건너뜀' : 'not graded or skipped'}: ${problem}\n`);
    return result.exitCode;
  });
}
