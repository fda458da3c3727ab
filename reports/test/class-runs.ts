// A class of 30 (fixtures/rosters/class-30.csv) and the check run each student would get:
// shared by the class report's tests here and grade's flow tests in commands/test/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CheckRun } from '../../contract/report';
import { sampleRun } from '../../fixtures/reports/sample-runs';
import type { ClassReport } from '../class/class-report';
import { parseRoster, type RosterEntry } from '../class/roster';

export const roster = parseRoster(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/rosters/class-30.csv'), 'utf8'));

// What each emulated scenario of the roster breaks (a subset of sandbox/scenarios' defects).
export const BREAKS: Record<string, string[]> = {
  reference: [],
  'rds-single-az': ['rds.multi-az'],
  'db-open-to-internet': ['sg.db-from-app-only'],
  'redis-no-failover': ['elasticache.automatic-failover'],
  'alarm-without-action': ['alarms.actions'],
  'public-bucket': ['s3.block-public-access', 'cloudfront.origin-access-control'],
  imdsv1: ['ec2.imdsv2'],
  'shared-nat': ['nat.per-az'],
  'no-dashboard': ['dashboard.present'],
  'log-group-no-retention': ['logs.retention'],
};

export function runFor(entry: RosterEntry, finishedAt = '2026-11-26T05:03:20.000Z'): CheckRun {
  const statuses = Object.fromEntries((BREAKS[entry.scenario ?? 'reference'] ?? []).map((id) => [id, 'fail' as const]));
  return { ...sampleRun({ student: entry.student, accountId: entry.roleArn!.split(':')[4], statuses }), finishedAt };
}

/**
 * What grading this class must leave, however it was graded: each graded row with its own
 * failures and report link, reports for every graded student (none for s07, whose account is
 * unreachable), the three class files, and the rubric named.
 */
export function expectClassOfThirty(classReport: ClassReport, files: readonly { path: string }[], rubric: { name: string; digest: string }): void {
  for (const row of classReport.students.filter((s) => s.status === 'graded')) {
    const entry = roster.entries.find((e) => e.student === row.student)!;
    expect(row.failed).toBe(BREAKS[entry.scenario!]!.length);
    expect(row.reportHref).toBe(`${row.student}/report.html`);
  }
  const paths = files.map((f) => f.path);
  expect(paths).toContain('out/class/s01/report.html');
  expect(paths).toContain('out/class/s30/report.json');
  expect(paths.filter((p) => p.startsWith('out/class/s07/'))).toEqual([]);
  expect(paths).toEqual(expect.arrayContaining(['out/class/class.html', 'out/class/grades.csv', 'out/class/class.json']));
  expect(files.filter((f) => f.path.endsWith('/report.html'))).toHaveLength(28);
  expect(classReport.rubric).toEqual({ name: rubric.name, digest: rubric.digest });
}
