import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnreachableError, UsageError } from '../../contract/errors';
import type { CheckRun, Report } from '../../contract/report';
import { HOSTILE, sampleRun } from '../../fixtures/reports/sample-runs';
import { classCsvRenderer, GRADEBOOK_HEADER } from '../class/class-csv';
import { classHtmlRenderer } from '../class/class-html';
import { classJsonRenderer } from '../class/class-json';
import { buildClassReport, ClassReport } from '../class/class-report';
import { gradeClass } from '../class/grade-class';
import { readPreviousReport, withHistory } from '../class/history';
import { parseRoster, type RosterEntry } from '../class/roster';
import { defaultRubric, parseRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();
const roster = parseRoster(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/rosters/class-30.csv'), 'utf8'));

// What each emulated scenario of the roster breaks (a subset of fixtures/scenarios' defects).
const BREAKS: Record<string, string[]> = {
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

function runFor(entry: RosterEntry, finishedAt = '2026-11-26T05:03:20.000Z'): CheckRun {
  const statuses = Object.fromEntries((BREAKS[entry.scenario ?? 'reference'] ?? []).map((id) => [id, 'fail' as const]));
  return { ...sampleRun({ student: entry.student, accountId: entry.roleArn!.split(':')[4], statuses }), finishedAt };
}

describe('history', () => {
  const first = scoreRun({ ...sampleRun({ statuses: { 'rds.multi-az': 'fail' } }), finishedAt: '2026-11-20T05:00:00.000Z' }, { rubric });
  const second = scoreRun({ ...sampleRun({ statuses: { 'nat.per-az': 'fail' } }), finishedAt: '2026-11-23T05:00:00.000Z' }, { rubric });
  const third = scoreRun(sampleRun(), { rubric });

  it('re-grading lists the earlier scores with their dates, oldest first', () => {
    const withFirst = withHistory(first, second);
    const withBoth = withHistory(withFirst, third);
    expect(withBoth.history).toEqual([
      { at: '2026-11-20T05:00:00.000Z', percent: first.score.percent, points: first.score.points, maxPoints: 100 },
      { at: '2026-11-23T05:00:00.000Z', percent: second.score.percent, points: second.score.points, maxPoints: 100 },
    ]);
    expect(withHistory(undefined, third).history).toBeUndefined();
  });

  it('ignores a previous report of another student and the same grading twice', () => {
    const other = scoreRun(sampleRun({ student: 's99' }), { rubric });
    expect(withHistory(other, third).history).toBeUndefined();
    expect(withHistory(third, third).history).toBeUndefined();
  });

  it('reads a previous report.json, and says why one cannot be used', () => {
    expect(readPreviousReport(JSON.stringify(first)).report?.score.percent).toBe(first.score.percent);
    expect(readPreviousReport('{oops')).toEqual({ problem: 'the previous report.json is not JSON: history starts again' });
    expect(readPreviousReport('{"schemaVersion": 7}').problem).toMatch(/does not match the report schema/);
    expect(readPreviousReport(undefined)).toEqual({});
  });
});

describe('gradeClass', () => {
  async function gradeTheClass(previous?: Map<string, string>) {
    return gradeClass({
      roster,
      rubric,
      outDir: 'out/class',
      lang: 'ko',
      now: () => new Date('2026-11-26T06:00:00.000Z'),
      previousReport: (entry) => previous?.get(entry.student),
      verify: async (entry) => {
        if (entry.student === 's07') throw new UnreachableError('AssumeRole into 100000000007 was denied: the grader role is missing.');
        if (entry.student === 's13') throw new UsageError('No CloudMart deployment found for s13 (no stack CloudMart-s13-*).');
        return runFor(entry);
      },
    });
  }

  it('grades every student, makes unreachable or undeployed accounts error rows, and writes every file', async () => {
    const { files, classReport, outcomes } = await gradeTheClass();
    expect(outcomes).toHaveLength(30);
    expect(classReport.summary).toMatchObject({ students: 30, graded: 28, notGraded: 2 });
    const s07 = classReport.students.find((s) => s.student === 's07')!;
    expect(s07).toMatchObject({ status: 'error', error: { kind: 'unreachable', message: expect.stringContaining('AssumeRole') } });
    expect(classReport.students.find((s) => s.student === 's13')).toMatchObject({ status: 'error', error: { kind: 'usage' } });

    // Each graded row is that student's own score.
    for (const row of classReport.students.filter((s) => s.status === 'graded')) {
      const entry = roster.entries.find((e) => e.student === row.student)!;
      const expected = scoreRun(runFor(entry), { rubric, now: new Date('2026-11-26T06:00:00.000Z') });
      expect(row.percent).toBe(expected.score.percent);
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
  });

  it('with checkAll, turns the verified students into check runs in one call, in roster order', async () => {
    const calls: string[][] = [];
    const { classReport } = await gradeClass({
      roster,
      rubric,
      outDir: 'out/class',
      lang: 'ko',
      now: () => new Date('2026-11-26T06:00:00.000Z'),
      // verify returns only the entry (what the checks need); checkAll makes the runs of everyone at once.
      verify: async (entry) => {
        if (entry.student === 's07') throw new UnreachableError('AssumeRole into 100000000007 was denied.');
        return entry;
      },
      checkAll: async (entries) => {
        calls.push(entries.map((e) => e.student));
        return entries.map((e) => runFor(e));
      },
    });
    expect(calls).toEqual([roster.entries.filter((e) => e.student !== 's07').map((e) => e.student)]);
    expect(classReport.summary).toMatchObject({ students: 30, graded: 29, notGraded: 1 });
    const s02 = roster.entries.find((e) => e.student === 's02')!;
    expect(classReport.students.find((r) => r.student === 's02')!.percent).toBe(scoreRun(runFor(s02), { rubric, now: new Date('2026-11-26T06:00:00.000Z') }).score.percent);
  });

  it('makes every verified student an error row when checkAll fails, and loses no one', async () => {
    const { classReport } = await gradeClass({
      roster,
      rubric,
      outDir: 'out/class',
      lang: 'ko',
      verify: async (entry) => entry,
      checkAll: async () => {
        throw new Error('the live suites did not start');
      },
    });
    expect(classReport.summary).toMatchObject({ students: 30, graded: 0, notGraded: 30 });
    expect(classReport.students[0]).toMatchObject({ status: 'error', error: { kind: 'internal', message: expect.stringContaining('the live suites did not start') } });
  });

  it('ranks the checks the class missed first', async () => {
    const { classReport } = await gradeTheClass();
    const lowest = classReport.checks[0]!;
    const graded = classReport.summary.graded;
    expect(lowest.passRate).toBeLessThan(100);
    expect(lowest.pass + lowest.fail + lowest.error).toBe(graded);
    const rates = classReport.checks.map((c) => c.passRate ?? 101);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    const vpc = classReport.checks.find((c) => c.id === 'vpc.multi-az-subnets')!;
    expect(vpc).toMatchObject({ pass: graded, passRate: 100 });
  });

  it('keeps history when the same roster is graded again', async () => {
    const firstRound = await gradeTheClass();
    const previous = new Map(firstRound.files.filter((f) => f.path.endsWith('/report.json')).map((f) => [f.path.split('/')[2]!, f.content.replace(/2026-11-26T05:03:20.000Z/g, '2026-11-19T05:03:20.000Z')]));
    const second = await gradeTheClass(previous);
    const s01 = JSON.parse(second.files.find((f) => f.path === 'out/class/s01/report.json')!.content) as Report;
    expect(s01.history).toEqual([{ at: '2026-11-19T05:03:20.000Z', percent: 100, points: 100, maxPoints: 100 }]);
    expect(second.files.find((f) => f.path === 'out/class/s01/report.html')!.content).toContain('id="history"');
    expect(second.classReport.students[0]!.previousPercent).toBe(100);
  });

  it('writes a grade book CSV with one row per roster student, errors included', async () => {
    const { classReport } = await gradeTheClass();
    const rows = parseCsv(classCsvRenderer.render(classReport, { lang: 'ko' }), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...GRADEBOOK_HEADER]);
    expect(rows).toHaveLength(30);
    expect(rows.find((r) => r.student_id === 's01')).toMatchObject({ status: 'graded', total_percent: '100', security_percent: '100', error: '' });
    expect(rows.find((r) => r.student_id === 's02')).toMatchObject({ status: 'graded', failed_checks: '1' });
    expect(rows.find((r) => r.student_id === 's07')).toMatchObject({ status: 'error', total_percent: '', error: expect.stringMatching(/^unreachable: AssumeRole/) });
    expect(ClassReport.parse(JSON.parse(classJsonRenderer.render(classReport, { lang: 'ko' })))).toEqual(classReport);
  });

  it('flags a class graded with different rubrics', () => {
    const other = parseRubric('weights: { architecture: 40, high-availability: 20, security: 20, monitoring: 20 }\nseverityPoints: { critical: 10, high: 6, medium: 3, low: 1 }\n', 'other.yaml');
    const a = scoreRun(sampleRun({ student: 'a' }), { rubric });
    const b = scoreRun(sampleRun({ student: 'b' }), { rubric: other });
    const report = buildClassReport(
      [
        { student: 'a', name: 'A', report: a },
        { student: 'b', name: 'B', report: b },
      ],
      { generatedAt: '2026-11-26T06:00:00.000Z' },
    );
    expect(report.rubric).toBeUndefined();
    expect(report.rubricsMixed).toHaveLength(2);
    expect(classHtmlRenderer.render(report, { lang: 'en' })).toContain('Students were graded with different rubrics');
  });

  it('escapes names, errors and roster problems in the class HTML and guards the CSV', () => {
    const report = buildClassReport(
      [
        { student: 's1', name: HOSTILE.script, report: scoreRun(sampleRun({ student: 's1' }), { rubric }), reportHref: `../../${HOSTILE.attribute}/report.html` },
        { student: 's2', name: HOSTILE.formula, error: { kind: 'internal', message: HOSTILE.attribute } },
      ],
      { generatedAt: '2026-11-26T06:00:00.000Z', rosterProblems: [{ line: 3, reason: HOSTILE.singleQuote }] },
    );
    const html = classHtmlRenderer.render(report, { lang: 'en' });
    expect(html).not.toContain(HOSTILE.script);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('href="../');
    const rows = parseCsv(classCsvRenderer.render(report, { lang: 'en' }), { columns: true }) as Record<string, string>[];
    expect(rows[1]!.name).toBe(`'${HOSTILE.formula}`);
  });
});
