// report.csv: one row per check (RFC 4180, CRLF line ends), for spreadsheets. It starts with a
// UTF-8 byte order mark: Excel in a Korean locale reads a file without one in the local code
// page and shows the Korean as garbage. The header row follows --lang (the English one is
// stable for scripts: --lang en); ids and statuses are the report.json values in both.
import type { Report } from '../../contract/report';
import { blockedSentence, blockersOf, shownStatus } from './blocked';
import { csvRow } from './escape';
import { detailOf, say, t, type Lang } from './i18n';
import type { Renderer } from './renderer';
import { fixOf } from './remediation';
import { stampTexts, targetLabel } from './stamps';

export const UTF8_BOM = '\ufeff';

export const CHECK_CSV_HEADER = [
  'student',
  'check_id',
  'category',
  'severity',
  'status',
  'original_status',
  'points',
  'max_points',
  'title',
  'summary',
  'failing_resources',
  'waiver_reason',
  'waiver_approver',
  'waiver_expires',
  'remediation',
  'scoring_note',
  'blocked_by',
  'target',
  // Added by issue 13 at the end, so scripts that read columns by position keep working.
  'remediation_warning',
  'remediation_console',
] as const;

/** The same columns for a Korean reader, in the same order. */
export const CHECK_CSV_HEADER_KO: Record<(typeof CHECK_CSV_HEADER)[number], string> = {
  student: '학생',
  check_id: '검사 ID',
  category: '영역',
  severity: '심각도',
  status: '상태',
  original_status: '원래 상태',
  points: '획득 점수',
  max_points: '만점',
  title: '검사',
  summary: '요약',
  failing_resources: '실패한 리소스',
  waiver_reason: '면제 이유',
  waiver_approver: '면제 승인자',
  waiver_expires: '면제 만료',
  remediation: '고치는 방법',
  scoring_note: '채점 메모',
  blocked_by: '막은 검사',
  target: '대상',
  remediation_warning: '고치기 전에 알아 둘 것',
  remediation_console: 'AWS 콘솔에서 고치는 방법',
};

export function csvHeader(lang: Lang): string[] {
  return lang === 'ko' ? CHECK_CSV_HEADER.map((k) => CHECK_CSV_HEADER_KO[k]) : [...CHECK_CSV_HEADER];
}

export const csvRenderer: Renderer = {
  format: 'csv',
  fileName: 'report.csv',
  render(report: Report, { lang, timeZone }) {
    // Every row says what was graded: a spreadsheet row copied elsewhere keeps its stamps.
    const stamps = stampTexts(report, lang, timeZone).map((s) => s.label);
    const target = `${targetLabel(report.target, lang)}${stamps.length ? ` [${stamps.join('; ')}]` : ''}`;
    const rows = report.checks.map((c) => {
      const status = shownStatus(c);
      const fix = fixOf(lang, c.remediation);
      return csvRow([
        report.target.student,
        c.id,
        c.category,
        c.severity,
        status,
        c.originalStatus ?? '',
        c.points,
        c.maxPoints,
        c.title?.[lang] ?? '',
        say(lang, c.summary),
        c.resources
          .filter((r) => r.status === 'fail')
          .map((r) => `${r.id}: ${detailOf(lang, r)}`)
          .join('; '),
        c.waiver?.reason ?? '',
        c.waiver?.approver ?? '',
        c.waiver?.expires ?? '',
        fix.text,
        status === 'blocked'
          ? blockedSentence(lang, c)
          : c.partialCredit
            ? `${t(lang, 'partialCredit')} ${Math.round(c.partialCredit.share * 100)}%: ${c.partialCredit.basis}`
            : '',
        blockersOf(c).join(' '),
        target,
        fix.warning ?? '',
        fix.console ?? '',
      ]);
    });
    return UTF8_BOM + [csvRow(csvHeader(lang)), ...rows].join('\r\n') + '\r\n';
  },
};
