// The class report's formats behind one interface, like the student renderers: data in,
// string out; the CLI writes the files.
import type { Lang } from '../render/i18n';
import { classCsvRenderer } from './class-csv';
import { classHtmlRenderer } from './class-html';
import { classJsonRenderer } from './class-json';
import type { ClassReport } from './class-report';

export interface ClassRenderer {
  format: 'html' | 'csv' | 'json';
  fileName: string;
  /** timeZone: IANA zone for the times shown (default Asia/Seoul). */
  render(report: ClassReport, options: { lang: Lang; timeZone?: string }): string;
}

export const CLASS_RENDERERS: readonly ClassRenderer[] = [classHtmlRenderer, classCsvRenderer, classJsonRenderer];
