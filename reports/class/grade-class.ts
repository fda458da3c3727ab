// `grade` as a thin composition: for every roster entry, run verify (passed in, with that
// student's credentials) with bounded concurrency; optionally turn what every student's verify
// returned into check runs in one go (checkAll: one vitest run for the class); score each run
// with the one rubric and waiver file of the class, add history from the previous report.json,
// render every student's report into their own folder and the class report beside them.
// Returns the files; the CLI writes them. One failing account is an error row, never the end
// of the class.
import path from 'node:path';
import { UsageError } from '../../contract/errors';
import type { CheckRun, Report } from '../../contract/report';
import type { Lang } from '../render/i18n';
import { renderReportFiles, type RenderedFile, type ReportFormat } from '../render/index';
import type { Rubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';
import type { WaiverSet } from '../waivers/apply';
import { CLASS_RENDERERS } from './class-renderers';
import { buildClassReport, type ClassReport, type StudentResult } from './class-report';
import { classify, gradeAll, type GradeAllOptions, type StudentOutcome } from './grade-all';
import { readPreviousReport, withHistory } from './history';
import type { Roster, RosterEntry } from './roster';

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
  onDone?: GradeAllOptions<RosterEntry>['onDone'];
  now?: () => Date;
}

export interface GradeClassResult {
  files: RenderedFile[];
  classReport: ClassReport;
  outcomes: StudentOutcome<RosterEntry, Report>[];
}

export async function gradeClass<V = CheckRun>(input: GradeClassInput<V>): Promise<GradeClassResult> {
  const now = input.now ?? (() => new Date());
  const verified = await gradeAll(input.roster.entries, input.verify, {
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
  return renderClass(outcomes, input, now());
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

/** Renders what gradeAll produced: every student's files, then the class report. Pure. */
export function renderClass(
  outcomes: StudentOutcome<RosterEntry, Report>[],
  options: { roster: Roster; outDir: string; lang: Lang; formats?: readonly ReportFormat[]; timeZone?: string },
  generatedAt: Date,
): GradeClassResult {
  const files: RenderedFile[] = [];
  const withHtml = !options.formats || options.formats.includes('html');
  const results: StudentResult[] = outcomes.map((o) => {
    if (!o.ok) return { student: o.entry.student, name: o.entry.name, error: o.error };
    files.push(...renderReportFiles(o.value, { dir: path.join(options.outDir, o.entry.student), formats: options.formats, lang: options.lang, ...(options.timeZone ? { timeZone: options.timeZone } : {}) }));
    return { student: o.entry.student, name: o.entry.name, report: o.value, ...(withHtml ? { reportHref: `${o.entry.student}/report.html` } : {}) };
  });
  const classReport = buildClassReport(results, {
    rosterProblems: options.roster.problems,
    ignoredColumns: options.roster.ignoredColumns,
    generatedAt: generatedAt.toISOString(),
  });
  for (const renderer of CLASS_RENDERERS) {
    files.push({ path: path.join(options.outDir, renderer.fileName), content: renderer.render(classReport, { lang: options.lang, ...(options.timeZone ? { timeZone: options.timeZone } : {}) }) });
  }
  return { files, classReport, outcomes };
}
