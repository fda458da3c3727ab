// grades.csv for the grade book: one row per student of the roster (graded or not),
// RFC 4180 with CRLF, formula-injection guarded. Percentages have one decimal.
import { csvRow } from '../render/escape';
import type { ClassRenderer } from './class-renderers';

export const GRADEBOOK_HEADER = [
  'student_id',
  'name',
  'status',
  'total_percent',
  'points',
  'max_points',
  'architecture_percent',
  'high_availability_percent',
  'security_percent',
  'monitoring_percent',
  'failed_checks',
  'errored_checks',
  'waived_checks',
  'error',
] as const;

const one = (n: number | null | undefined) => (n === null || n === undefined ? '' : Math.round(n * 10) / 10);

export const classCsvRenderer: ClassRenderer = {
  format: 'csv',
  fileName: 'grades.csv',
  render(report) {
    const rows = report.students.map((s) =>
      csvRow([
        s.student,
        s.name,
        s.status,
        one(s.percent),
        one(s.points),
        s.maxPoints ?? '',
        one(s.categories?.architecture),
        one(s.categories?.['high-availability']),
        one(s.categories?.security),
        one(s.categories?.monitoring),
        s.failed ?? '',
        s.errored ?? '',
        s.waived ?? '',
        s.error ? `${s.error.kind}: ${s.error.message}` : '',
      ]),
    );
    return [csvRow(GRADEBOOK_HEADER), ...rows].join('\r\n') + '\r\n';
  },
};
