// Grading a class: collect -> check -> score, then hand the reports to reports/ to render.
// For every roster entry, `verify` (passed in, with that student's credentials) runs a bounded
// number at a time, each with a timeout (grade-each-student.ts); `checkAll`, when given, turns
// what every student's verify returned into check runs in one go (one vitest run for the
// class); each run is scored with the one rubric and waiver file of the class and gets its
// history from the previous report.json; reports/ renders every student's files and the class
// report. Returns the files; the CLI writes them. One failing account is an error row, never
// the end of the class.
import { UsageError } from '../contract/errors';
import type { CheckRun, Report } from '../contract/report';
import {
  readPreviousReport,
  renderClass,
  scoreRun,
  withHistory,
  type Lang,
  type RenderedClass,
  type ReportFormat,
  type Roster,
  type RosterEntry,
  type Rubric,
  type WaiverSet,
} from '../reports/index';
import { classify, gradeEachStudent, type EachStudentOptions, type StudentOutcome } from './grade-each-student';

export interface GradeClassInput<V = CheckRun> {
  roster: Roster;
  /**
   * One student's part of verify, reached with the entry's profile / role / region: the whole
   * CheckRun, or (with checkAll) what the checks need, e.g. the collected inventory.
   */
  verify: (entry: RosterEntry, signal: AbortSignal) => Promise<V>;
  /**
   * Turns every verified student's value into their CheckRun at once, in the same order (the
   * checks of the whole class in one run). Absent: verify already returns CheckRuns.
   */
  checkAll?: (values: V[]) => Promise<CheckRun[]>;
  rubric: Rubric;
  waivers?: WaiverSet;
  /** The text of the student's previous report.json, if there is one (history). */
  previousReport?: (entry: RosterEntry) => Promise<string | undefined> | string | undefined;
  outDir: string;
  /** IANA zone the reports' times are shown in (default Asia/Seoul). */
  timeZone?: string;
  lang: Lang;
  formats?: readonly ReportFormat[];
  concurrency?: number;
  timeoutMs?: number;
  onDone?: EachStudentOptions<RosterEntry>['onDone'];
  now?: () => Date;
}

export interface GradeClassResult extends RenderedClass {
  outcomes: StudentOutcome<RosterEntry, Report>[];
}

export async function gradeClass<V = CheckRun>(input: GradeClassInput<V>): Promise<GradeClassResult> {
  const now = input.now ?? (() => new Date());
  const verified = await gradeEachStudent(input.roster.entries, input.verify, {
    concurrency: input.concurrency,
    timeoutMs: input.timeoutMs,
    onDone: input.onDone,
  });

  const ok = verified.filter((o) => o.ok);
  let runs: CheckRun[] | undefined;
  let checkFailure: unknown;
  try {
    runs = input.checkAll ? await input.checkAll(ok.map((o) => o.value)) : ok.map((o) => o.value as unknown as CheckRun);
    if (runs.length !== ok.length) throw new Error(`checkAll returned ${runs.length} check runs for ${ok.length} students`);
  } catch (error) {
    // The class's checks could not run: every verified student becomes an error row, none is lost.
    checkFailure = error;
  }

  const outcomes: StudentOutcome<RosterEntry, Report>[] = [];
  let next = 0;
  for (const outcome of verified) {
    if (!outcome.ok) {
      outcomes.push(outcome);
      continue;
    }
    const run = runs?.[next++];
    try {
      if (!run) throw checkFailure;
      outcomes.push({ entry: outcome.entry, ok: true, value: await scoreStudent(outcome.entry, run, input, now()), ms: outcome.ms });
    } catch (error) {
      outcomes.push({ entry: outcome.entry, ok: false, error: classify(error), ms: outcome.ms });
    }
  }
  return { ...renderClass(outcomes, input, now()), outcomes };
}

/** One student's report: scored with the class's rubric and waivers, with the history of their previous report. */
async function scoreStudent<V>(entry: RosterEntry, run: CheckRun, input: GradeClassInput<V>, now: Date): Promise<Report> {
  if (run.target.student !== entry.student) {
    throw new UsageError(`verify returned the run of student ${run.target.student} for ${entry.student}`);
  }
  const report = scoreRun(run, { rubric: input.rubric, waivers: input.waivers, now });
  const previous = readPreviousReport(await input.previousReport?.(entry));
  return withHistory(previous.report, report);
}
