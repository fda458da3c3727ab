// report.csv: one row per check (RFC 4180, CRLF line ends), for spreadsheets. Header names
// are English and stable; titles and remediation follow --lang.
import type { Report } from '../../contract/report';
import { csvRow } from './escape';
import type { Renderer } from './renderer';

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
] as const;

export const csvRenderer: Renderer = {
  format: 'csv',
  fileName: 'report.csv',
  render(report, { lang }) {
    const rows = report.checks.map((c) =>
      csvRow([
        report.target.student,
        c.id,
        c.category,
        c.severity,
        c.status,
        c.originalStatus ?? '',
        c.points,
        c.maxPoints,
        c.title?.[lang] ?? '',
        c.summary ?? '',
        c.resources
          .filter((r) => r.status === 'fail')
          .map((r) => `${r.id}: ${r.detail}`)
          .join('; '),
        c.waiver?.reason ?? '',
        c.waiver?.approver ?? '',
        c.waiver?.expires ?? '',
        c.remediation[lang],
        c.scoredAs?.reason ?? (c.partialCredit ? `partial credit ${Math.round(c.partialCredit.share * 100)}%: ${c.partialCredit.basis}` : ''),
      ]),
    );
    return [csvRow(CHECK_CSV_HEADER), ...rows].join('\r\n') + '\r\n';
  },
};
