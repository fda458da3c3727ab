// Puts a drill's result into the student's report: when <out>/report.json is the report of
// the same student, the drill joins (or replaces the same kind in) its drills[] and the
// report is scored and rendered again; otherwise a report of the drills alone is made, so a
// rehearsal still ends with a page whose timeline shows the outage and the verdict.
// A simulated drill (the local rehearsal) never scores into a report that is not local: a
// rehearsal on 127.0.0.1 proves nothing about the student's AWS deployment.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Report, type CheckOutcome, type CheckRun, type DrillResult, type Stamp } from '../contract/report';
import { assertTimeZone, DEFAULT_TIME_ZONE, renderReportFiles, scoreRun, type Lang, type ReportFormat } from '../reports/index';
import { drillCommand, type DrillCommandOptions } from './drill';
import { CHECK_IDS } from '../checks/rules/index';
import { loadGradingInputs, type GradingInputOptions, type GradingInputs } from './grading-inputs';
import { DEFAULT_LOCAL_STUDENT, DEFAULT_REGION } from './defaults';

export interface DrillAndReportOptions extends DrillCommandOptions, GradingInputOptions {
  out: string;
  lang: Lang;
  /** IANA zone the report's times are shown in (default Asia/Seoul). */
  timeZone?: string;
  formats?: readonly ReportFormat[];
}

/**
 * `drill` as the CLI runs it: the rubric and waivers are read first (a typo fails before
 * anything is changed), then the drill runs, then its result goes into the report.
 */
export async function drillAndReport(options: DrillAndReportOptions): Promise<{ drill: DrillResult; files: { path: string; content: string }[]; note: string }> {
  // Before the drill: a mistyped zone must not cost a failover.
  const timeZone = assertTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
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
    const { files, note } = drillReport({
      drill,
      out: options.out,
      lang: options.lang,
      grading,
      target,
      ...(options.formats ? { formats: options.formats } : {}),
      timeZone,
    });
    return { drill, files: [drillFile, ...files], note };
  } catch (error) {
    // The drill happened and cannot be run again for free: its result is kept whatever the report does.
    const why = (error as Error).message;
    return { drill, files: [drillFile], note: options.lang === 'ko' ? `훈련 결과를 보고서에 합치지 못했습니다: ${why}` : `The drill's result was not merged into the report: ${why}` };
  }
}

export interface DrillReportOptions {
  drill: DrillResult;
  out: string;
  lang: Lang;
  timeZone?: string;
  formats?: readonly ReportFormat[];
  grading: GradingInputs;
  /** Who the drill was for; used when there is no report to join. */
  target: { student: string; region: string; accountId?: string; endpoint?: string };
}

export interface DrillReport {
  report: Report;
  files: { path: string; content: string }[];
  /** What happened to report.json, in one sentence (in the report's language). */
  note: string;
}

const SIMULATED: Stamp = { kind: 'simulated' };

export function drillReport(options: DrillReportOptions): DrillReport {
  const reportFile = path.join(options.out, 'report.json');
  const ko = options.lang === 'ko';
  const found = readExisting(reportFile);
  const leftAsItIs = (note: string): DrillReport => ({
    report: scoreRun(drillsOnlyRun(options), { rubric: options.grading.rubric, knownCheckIds: CHECK_IDS }),
    files: [],
    note,
  });
  if (found.unreadable) {
    // Not ours to replace: a half-written file, another tool's, another schema version.
    return leftAsItIs(
      ko
        ? `${reportFile} 은(는) 이 도구가 읽을 수 있는 보고서가 아니어서(${found.unreadable}) 그대로 두었습니다(다른 폴더는 --out 으로).`
        : `${reportFile} is not a report this tool can read (${found.unreadable}): left as it is (use --out for another folder).`,
    );
  }
  const existing = found.report;
  let run: CheckRun;
  let note: string;
  if (existing && options.drill.simulated && existing.target.kind !== 'local') {
    // A rehearsal's simulated failover must not raise the score of a real deployment.
    return leftAsItIs(
      ko
        ? `${reportFile} 은(는) 로컬이 아닌 배포(${existing.target.kind})의 보고서이므로, 시뮬레이션한 로컬 훈련 결과는 점수에 넣지 않고 그대로 두었습니다(리허설 보고서는 다른 --out 폴더에 만드세요).`
        : `${reportFile} is the report of a deployment that is not local (${existing.target.kind}): a simulated local drill never scores into it, so it was left as it is (use another --out folder for the rehearsal's report).`,
    );
  }
  if (existing && existing.target.student === options.target.student) {
    run = runOf(existing);
    run.drills = [...(existing.drills ?? []).filter((d) => d.kind !== options.drill.kind), options.drill];
    if (run.drills.some((d) => d.simulated)) run.target = withStamp(run.target, SIMULATED);
    const warnings = rescoringWarnings(existing, options.grading, options.lang);
    note = ko
      ? `${reportFile}: ${existing.target.student} 의 보고서에 ${options.drill.id} 를 더하고 점수를 다시 계산했습니다.${warnings}`
      : `${reportFile}: ${options.drill.id} added to the report of ${existing.target.student} and the score recomputed.${warnings}`;
  } else if (existing) {
    // Never overwrite another student's report with a drill.
    return leftAsItIs(
      ko
        ? `${reportFile} 은(는) ${options.target.student} 가 아니라 ${existing.target.student} 의 보고서여서 그대로 두었습니다(다른 폴더는 --out 으로).`
        : `${reportFile} belongs to ${existing.target.student}, not ${options.target.student}: left as it is (use --out for another folder).`,
    );
  } else {
    run = drillsOnlyRun(options);
    note = ko
      ? `${reportFile}: 훈련만 담은 보고서입니다(검사까지 채점하려면 같은 --out 폴더로 verify 를 실행하세요).`
      : `${reportFile}: a report of the drill alone (run verify into the same --out folder to grade the checks too).`;
  }
  const report = scoreRun(run, {
    rubric: options.grading.rubric,
    knownCheckIds: CHECK_IDS,
    ...(options.grading.waivers ? { waivers: options.grading.waivers } : {}),
  });
  const files = renderReportFiles(report, {
    dir: options.out,
    lang: options.lang,
    ...(options.formats ? { formats: options.formats } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  return { report, files, note };
}

function withStamp(target: CheckRun['target'], stamp: Stamp): CheckRun['target'] {
  const stamps = target.stamps ?? [];
  return stamps.some((s) => s.kind === stamp.kind) ? target : { ...target, stamps: [...stamps, stamp] };
}

/**
 * What re-scoring changes beyond the drill. Waivers are never carried over from report.json
 * (anyone can edit that file; only a signed waiver file counts), so they must be given again.
 */
function rescoringWarnings(existing: Report, grading: GradingInputs, lang: Lang): string {
  const warnings: string[] = [];
  const waived = existing.checks.filter((c) => c.status === 'waived').length;
  if (waived > 0 && !grading.waivers) {
    warnings.push(
      lang === 'ko'
        ? ` 이전 보고서에서 면제된 검사 ${waived}개는 이제 면제 없이 채점됩니다. 유지하려면 --waivers(와 --waiver-key)를 다시 주세요.`
        : ` ${waived} waived check(s) of the earlier report are scored without their waivers now: pass --waivers (and --waiver-key) again to keep them.`,
    );
  }
  if (existing.rubric && existing.rubric.digest !== grading.rubric.digest) {
    warnings.push(
      lang === 'ko'
        ? ` 이전 보고서는 채점 기준 ${existing.rubric.name} (${existing.rubric.digest})로, 지금은 ${grading.rubric.source} (${grading.rubric.digest})로 채점했습니다. 이전 기준을 쓰려면 --rubric 을 주세요.`
        : ` The earlier report was scored with rubric ${existing.rubric.name} (${existing.rubric.digest}); it is now scored with ${grading.rubric.source} (${grading.rubric.digest}): pass --rubric to keep the earlier one.`,
    );
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
    .map(({ points: _p, maxPoints: _m, waiver: _w, originalStatus, partialCredit: _c, scoredAs: _s, blockedBy: _b, ...rest }) => ({
      ...rest,
      // A blocked check was not-applicable before scoring: scoring finds its blocker again.
      status: (rest.status === 'blocked' ? 'not-applicable' : (originalStatus ?? rest.status)) as CheckOutcome['status'],
    }));
  return {
    target: report.target,
    startedAt: report.startedAt,
    finishedAt: new Date().toISOString(),
    checks,
    discovery: report.discovery,
    nag: report.nag,
    // The placement too, so the rescored report still draws the deployment diagram.
    deployment: report.deployment,
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
      ...(drill.simulated ? { stamps: [SIMULATED] } : {}),
    },
    startedAt: drill.startedAt,
    finishedAt: drill.finishedAt,
    checks: [],
    discovery: undefined,
    nag: undefined,
    drills: [drill],
  };
}
