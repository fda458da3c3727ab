import type { Command } from 'commander';
import { DEFAULT_OUT_DIR, DEFAULT_REGION } from '../../commands/defaults';
import type { GradeOptions } from '../../commands/grade';
import type { WatchOptions } from '../../commands/grade-watch';
import { assertWatchOptions, startFrom } from '../../commands/watch-options';
import { concurrencyFrom, DEFAULT_CONCURRENCY } from '../../commands/option-checks';
import { writeFilesAtomically } from '../files';
import { option, optionsFor, withOptions } from '../options/define';
import { accountOptions, gradingOptions, reportOptions } from '../options/groups';
import { checkedBy, flag, mapped, number, oneOf, text } from '../options/values';

const GRADE_OPTIONS = optionsFor<GradeOptions & WatchOptions & { watch?: boolean; quiet?: boolean }>()({
  rosterPath: option('--roster <file>', 'roster CSV: student_id, name, and profile / role_arn [+ external_id] / region', text(), { required: true }),
  target: option('--target <aws|local>', 'aws, or local: every row deployed in an emulated account first', oneOf(['aws', 'local']), { default: 'aws' }),
  // The account options every command that talks to AWS takes; a roster row's own profile, role or region wins.
  ...accountOptions,
  region: option('--region <region>', 'default region (a roster row may override it)', text(), { default: DEFAULT_REGION }),
  ...reportOptions({ description: 'each student in <dir>/<student>/, the class report in <dir>', default: DEFAULT_OUT_DIR }),
  concurrency: option('--concurrency <n>', 'students graded at once', checkedBy((value) => (value === undefined ? undefined : concurrencyFrom(value))), { default: String(DEFAULT_CONCURRENCY) }),
  ...gradingOptions,
  watch: option('--watch', 'grade the class again every --interval until Ctrl-C or the end of the challenge, then write the files of the last round', flag()),
  intervalMs: option('--interval <seconds>', '--watch: seconds from the start of one round to the next (default 60)', mapped(number({ above: 0 }), (seconds) => seconds * 1000)),
  serve: option('--serve', '--watch: serve the live class board on 127.0.0.1', flag()),
  port: option('--port <n>', '--serve: port of the board (default: any free port)', number({ min: 0, max: 65535, whole: true })),
  start: option('--start <time>', '--watch: when the challenge started, ISO 8601 with offset (default: now)', checkedBy(startFrom)),
  durationMinutes: option('--duration <minutes>', '--watch: length of the challenge in minutes (default 50)', number({ above: 0 })),
  quiet: option('--quiet', 'no progress lines', flag()),
});

export function registerGrade(program: Command): void {
  const command = program.command('grade').description('instructor: verify every student of a roster, then a class report; --watch keeps a live class board');
  withOptions(command, GRADE_OPTIONS, async ({ quiet, watch, intervalMs, serve, port, start, durationMinutes, ...options }) => {
    const progress = quiet ? false : process.stdout;
    const watching = { intervalMs, serve, port, start, durationMinutes };
    assertWatchOptions({ watch, ...watching });
    const result = watch ? await watchClass(options, watching, progress) : await (await import('../../commands/grade')).grade({ ...options, progress });
    writeFilesAtomically(result.files);
    if (result.classReport) {
      const graded = result.classReport.students.filter((s) => s.status === 'graded').length;
      const students = result.classReport.students.length;
      process.stdout.write(
        options.lang === 'ko'
          ? `\n학생 ${students}명 중 ${graded}명 채점함; 반 보고서: ${options.out}/class.html, 성적표: ${options.out}/grades.csv\n`
          : `\ngraded ${graded} of ${students} student(s); class report: ${options.out}/class.html, grade book: ${options.out}/grades.csv\n`,
      );
    }
    for (const problem of result.problems) process.stdout.write(`  ${options.lang === 'ko' ? '채점 못 했거나 건너뜀' : 'not graded or skipped'}: ${problem}\n`);
    return result.exitCode;
  });
}

/**
 * --watch: rounds until Ctrl-C or the end. Every finished round's files are written at once, so
 * whenever the watch ends the class report on disk is the last finished round's: Ctrl-C between
 * rounds stops at once; during a round's check run, vitest's own Ctrl-C handler ends the process
 * (exit 130), with the previous round's files already written.
 */
async function watchClass(options: GradeOptions, watching: WatchOptions, progress: NodeJS.WritableStream | false) {
  const { gradeWatch } = await import('../../commands/grade-watch');
  const ko = options.lang === 'ko';
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(130);
    process.stderr.write(
      ko
        ? `\n  중단합니다: 마지막으로 끝난 회차의 파일이 ${options.out ?? ''}에 있습니다(한 번 더 누르면 바로 끝냅니다)...\n`
        : `\n  Stopping: the files of the last finished round are in ${options.out ?? ''} (press Ctrl-C again to quit at once)...\n`,
    );
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await gradeWatch({
      ...options,
      ...watching,
      progress,
      signal: interrupt.signal,
      onFiles: (files) => writeFilesAtomically(files),
      onListening: (url) => process.stdout.write(ko ? `현황판: ${url}\n` : `board: ${url}\n`),
      onRound: (board) => {
        if (!progress) return;
        const graded = board.rows.filter((r) => r.status === 'graded');
        const errors = board.rows.filter((r) => r.status === 'error').length;
        const mean = graded.length ? Math.round((10 * graded.reduce((s, r) => s + (r.percent ?? 0), 0)) / graded.length) / 10 : undefined;
        const stale = board.staleSince ? (ko ? ` (실패: ${board.staleReason})` : ` (failed: ${board.staleReason})`) : '';
        progress.write(
          ko
            ? `${board.rounds}회차: ${graded.length}명 채점, 오류 ${errors}명${mean === undefined ? '' : `, 평균 ${mean}%`}${stale}\n`
            : `round ${board.rounds}: ${graded.length} graded, ${errors} error(s)${mean === undefined ? '' : `, mean ${mean}%`}${stale}\n`,
        );
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}
