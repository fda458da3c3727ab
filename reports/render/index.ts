// The renderers by format, and the files of one student's report.
import path from 'node:path';
import { UsageError } from '../../contract/errors';
import type { Report } from '../../contract/report';
import { csvRenderer } from './csv';
import { htmlRenderer } from './html';
import type { Lang } from './i18n';
import { jsonRenderer } from './json';
import { junitRenderer } from './junit';
import { markdownRenderer } from './markdown';
import { REPORT_FORMATS, type Renderer, type ReportFormat } from './renderer';

export const RENDERERS: Record<ReportFormat, Renderer> = {
  html: htmlRenderer,
  md: markdownRenderer,
  junit: junitRenderer,
  json: jsonRenderer,
  csv: csvRenderer,
};

/** Parses a --format list (md,html,json,junit,csv); unknown names are a UsageError. */
export function parseFormats(list: string | undefined): ReportFormat[] {
  if (!list) return [...REPORT_FORMATS];
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(REPORT_FORMATS as readonly string[]).includes(n));
  if (unknown.length || names.length === 0) {
    throw new UsageError(`Unknown report format ${unknown.join(', ') || '(none)'}: choose from ${REPORT_FORMATS.join(', ')}.`);
  }
  return [...new Set(names)] as ReportFormat[];
}

export interface RenderedFile {
  path: string;
  content: string;
}

/** Every requested format of one report, as files under `dir` (the caller writes them). */
export function renderReportFiles(report: Report, options: { dir: string; formats?: readonly ReportFormat[]; lang: Lang; timeZone?: string }): RenderedFile[] {
  return (options.formats ?? REPORT_FORMATS).map((format) => {
    const renderer = RENDERERS[format];
    const content = renderer.render(report, { lang: options.lang, ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
    return { path: path.join(options.dir, renderer.fileName), content };
  });
}

export type { Renderer, ReportFormat, RenderOptions } from './renderer';
export { REPORT_FORMATS } from './renderer';
