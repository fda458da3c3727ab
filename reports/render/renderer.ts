// One interface for every report format (the vitest reporters' model): data in, string out.
// Renderers are pure; only the CLI writes their output to files.
import type { Report } from '../../contract/report';
import type { Lang } from './i18n';

export const REPORT_FORMATS = ['html', 'md', 'junit', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  lang: Lang;
  /** IANA zone the report's times are shown in (default Asia/Seoul, named beside each time). */
  timeZone?: string;
}

export interface Renderer {
  format: ReportFormat;
  /** The file name the output is meant for, e.g. report.html. */
  fileName: string;
  render(report: Report, options: RenderOptions): string;
}
