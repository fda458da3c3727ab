// Puts a drill's result into the student's report: when <out>/report.json is the report of
// the same student, the drill joins (or replaces the same kind in) its drills[] and the
// report is scored and rendered again; otherwise a report of the drills alone is made, so a
// rehearsal still ends with a page whose timeline shows the outage and the verdict.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Report, type CheckOutcome, type CheckRun, type DrillResult } from '../contract/report';
import { renderReportFiles, scoreRun, type Lang, type ReportFormat } from '../reports/index';
import { drillCommand, type DrillCommandOptions } from './drill';
import { CHECK_IDS } from '../checks/rules/index';
import { loadGradingInputs, type GradingInputOptions, type GradingInputs } from './grading-inputs';
import { DEFAULT_LOCAL_STUDENT, DEFAULT_REGION } from './defaults';

export interface DrillAndReportOptions extends DrillCommandOptions, GradingInputOptions {
  out: string;
  lang: Lang;
  formats?: readonly ReportFormat[];
}

/**
 * `drill` as the CLI runs it: the rubric and waivers are read first (a typo fails before
 * anything is changed), then the drill runs, then its result goes into the report.
 */
export async function drillAndReport(options: DrillAndReportOptions): Promise<{ drill: DrillResult; files: { path: string; content: string }[]; note: string }> {
  const grading = loadGradingInputs(options);
  const drill = await drillCommand(options);
  const target = {
    // The local rehearsal's student is verify --target local's, so the two meet in one report.
    student: options.student ?? (drill.target === 'local' ? DEFAULT_LOCAL_STUDENT : 'unknown'),
    region: drill.target === 'local' ? 'local' : (options.region ?? DEFAULT_REGION),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
  const drillFile = { path: path.join(options.out, `drill-${drill.kind}.json`), content: JSON.stringify(drill, null, 2) + '\n' };
  try {
    const { files, note } = drillReport({ drill, out: options.out, lang: options.lang, grading, target, ...(options.formats ? { formats: options.formats } : {}) });
    return { drill, files: [drillFile, ...files], note };
  } catch (error) {
    // The drill happened and cannot be run again for free: its result is kept whatever the report does.
    return { drill, files: [drillFile], note: `The drill's result was not merged into the report: ${(error as Error).message}` };
  }
}

export interface DrillReportOptions {
  drill: DrillResult;
  out: string;
  lang: Lang;
  formats?: readonly ReportFormat[];
  grading: GradingInputs;
  /** Who the drill was for; used when there is no report to join. */
  target: { student: string; region: string; accountId?: string; endpoint?: string };
}

export interface DrillReport {
  report: Report;
  files: { path: string; content: string }[];
  /** What happened to report.json, in one sentence. */
  note: string;
}

export function drillReport(options: DrillReportOptions): DrillReport {
  const reportFile = path.join(options.out, 'report.json');
  const found = readExisting(reportFile);
  if (found.unreadable) {
    // Not ours to replace: a half-written file, another tool's, another schema version.
    return {
      report: scoreRun(drillsOnlyRun(options), { rubric: options.grading.rubric, knownCheckIds: CHECK_IDS }),
      files: [],
      note: `${reportFile} is not a report this tool can read (${found.unreadable}): left as it is (use --out for another folder).`,
    };
  }
  const existing = found.report;
  let run: CheckRun;
  let note: string;
  if (existing && existing.target.student === options.target.student) {
    run = runOf(existing);
    run.drills = [...(existing.drills ?? []).filter((d) => d.kind !== options.drill.kind), options.drill];
    note = `${reportFile}: ${options.drill.id} added to the report of ${existing.target.student} and the score recomputed.${rescoringWarnings(existing, options.grading)}`;
  } else if (existing) {
    // Never overwrite another student's report with a drill.
    return {
      report: scoreRun(drillsOnlyRun(options), { rubric: options.grading.rubric, knownCheckIds: CHECK_IDS }),
      files: [],
      note: `${reportFile} belongs to ${existing.target.student}, not ${options.target.student}: left as it is (use --out for another folder).`,
    };
  } else {
    run = drillsOnlyRun(options);
    note = `${reportFile}: a report of the drill alone (run verify into the same --out folder to grade the checks too).`;
  }
  const report = scoreRun(run, {
    rubric: options.grading.rubric,
    knownCheckIds: CHECK_IDS,
    ...(options.grading.waivers ? { waivers: options.grading.waivers } : {}),
  });
  const files = renderReportFiles(report, { dir: options.out, lang: options.lang, ...(options.formats ? { formats: options.formats } : {}) });
  return { report, files, note };
}

/**
 * What re-scoring changes beyond the drill. Waivers are never carried over from report.json
 * (anyone can edit that file; only a signed waiver file counts), so they must be given again.
 */
function rescoringWarnings(existing: Report, grading: GradingInputs): string {
  const warnings: string[] = [];
  const waived = existing.checks.filter((c) => c.status === 'waived').length;
  if (waived > 0 && !grading.waivers) {
    warnings.push(` ${waived} waived check(s) of the earlier report are scored without their waivers now: pass --waivers (and --waiver-key) again to keep them.`);
  }
  if (existing.rubric && existing.rubric.digest !== grading.rubric.digest) {
    warnings.push(` The earlier report was scored with rubric ${existing.rubric.name} (${existing.rubric.digest}); it is now scored with ${grading.rubric.source} (${grading.rubric.digest}): pass --rubric to keep the earlier one.`);
  }
  return warnings.join('');
}

/** The report.json already in the folder: none, a report, or a file that cannot be read as one (and why). */
function readExisting(file: string): { report?: Report; unreadable?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { unreadable: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { unreadable: 'not JSON' };
  }
  const parsed = Report.safeParse(json);
  return parsed.success ? { report: parsed.data } : { unreadable: 'not a report.json of this schema' };
}

/** The check run a report was scored from: statuses before waivers, no points, no drill checks. */
function runOf(report: Report): CheckRun {
  const checks: CheckOutcome[] = report.checks
    .filter((c) => !c.id.startsWith('drill.'))
    .map(({ points: _p, maxPoints: _m, waiver: _w, originalStatus, partialCredit: _c, scoredAs: _s, ...rest }) => ({
      ...rest,
      status: (originalStatus ?? rest.status) as CheckOutcome['status'],
    }));
  return {
    target: report.target,
    startedAt: report.startedAt,
    finishedAt: new Date().toISOString(),
    checks,
    discovery: report.discovery,
    nag: report.nag,
  };
}

function drillsOnlyRun(options: DrillReportOptions): CheckRun {
  const { drill, target } = options;
  return {
    target: {
      kind: drill.target,
      region: target.region,
      accountId: target.accountId ?? (drill.target === 'local' ? 'local' : 'unknown'),
      student: target.student,
      ...(drill.target === 'local' ? { emulated: true } : {}),
      ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    },
    startedAt: drill.startedAt,
    finishedAt: drill.finishedAt,
    checks: [],
    discovery: undefined,
    nag: undefined,
    drills: [drill],
  };
}
