// The class's files from finished reports: every graded student's report in their own folder
// (<out>/<student>/) and the class report beside them (class.html, grades.csv, class.json).
// Pure: grading (collect -> check -> score) is commands/grade-class.ts; this only renders.
import path from 'node:path';
import type { Report } from '../../contract/report';
import type { Lang } from '../render/i18n';
import { renderReportFiles, type RenderedFile, type ReportFormat } from '../render/index';
import { CLASS_RENDERERS } from './class-renderers';
import { buildClassReport, type ClassReport, type StudentError, type StudentResult } from './class-report';
import type { Roster, RosterEntry } from './roster';

/** One roster row after grading: their scored report, or why they have none. */
export type GradedStudent = { entry: RosterEntry; ok: true; value: Report } | { entry: RosterEntry; ok: false; error: StudentError };

export interface RenderClassOptions {
  roster: Roster;
  outDir: string;
  lang: Lang;
  formats?: readonly ReportFormat[];
  /** IANA zone the reports' times are shown in (default Asia/Seoul). */
  timeZone?: string;
}

export interface RenderedClass {
  files: RenderedFile[];
  classReport: ClassReport;
}

/** Every student's files, then the class report, in roster order. */
export function renderClass(students: readonly GradedStudent[], options: RenderClassOptions, generatedAt: Date): RenderedClass {
  const files: RenderedFile[] = [];
  const withHtml = !options.formats || options.formats.includes('html');
  const timeZone = options.timeZone ? { timeZone: options.timeZone } : {};
  const results: StudentResult[] = students.map((s) => {
    if (!s.ok) return { student: s.entry.student, name: s.entry.name, error: s.error };
    files.push(...renderReportFiles(s.value, { dir: path.join(options.outDir, s.entry.student), formats: options.formats, lang: options.lang, ...timeZone }));
    return { student: s.entry.student, name: s.entry.name, report: s.value, ...(withHtml ? { reportHref: `${s.entry.student}/report.html` } : {}) };
  });
  const classReport = buildClassReport(results, {
    rosterProblems: options.roster.problems,
    ignoredColumns: options.roster.ignoredColumns,
    generatedAt: generatedAt.toISOString(),
  });
  for (const renderer of CLASS_RENDERERS) {
    files.push({ path: path.join(options.outDir, renderer.fileName), content: renderer.render(classReport, { lang: options.lang, ...timeZone }) });
  }
  return { files, classReport };
}
