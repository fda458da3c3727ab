import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { HOSTILE, sampleRun } from '../../fixtures/reports/sample-runs';
import { classCsvRenderer, GRADEBOOK_HEADER } from '../class/class-csv';
import { classHtmlRenderer } from '../class/class-html';
import { classJsonRenderer } from '../class/class-json';
import { buildClassReport, ClassReport } from '../class/class-report';
import { readPreviousReport, withHistory } from '../class/history';
import { renderClass, type GradedStudent } from '../class/render-class';
import { defaultRubric, parseRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';
import { expectClassOfThirty, roster, runFor } from './class-runs';

const rubric = defaultRubric();
const NOW = new Date('2026-11-26T06:00:00.000Z');

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

// What commands/grade-class.ts hands over: every roster row scored, or why it could not be.
function gradedClass(): GradedStudent[] {
  return roster.entries.map((entry): GradedStudent => {
    if (entry.student === 's07') return { entry, ok: false, error: { kind: 'unreachable', message: 'AssumeRole into 100000000007 was denied: the grader role is missing.' } };
    if (entry.student === 's13') return { entry, ok: false, error: { kind: 'usage', message: 'No CloudMart deployment found for s13 (no stack CloudMart-s13-*).' } };
    return { entry, ok: true, value: scoreRun(runFor(entry), { rubric, now: NOW }) };
  });
}

describe('renderClass', () => {
  const render = (students = gradedClass(), formats?: ('html' | 'json')[]) => renderClass(students, { roster, outDir: 'out/class', lang: 'ko', ...(formats ? { formats } : {}) }, NOW);

  it("writes every graded student's files in their folder, error rows without files, and the class report beside them", () => {
    const { files, classReport } = render();
    expect(classReport.summary).toMatchObject({ students: 30, graded: 28, notGraded: 2 });
    expect(classReport.generatedAt).toBe(NOW.toISOString());
    expect(classReport.students.map((s) => s.student)).toEqual(roster.entries.map((e) => e.student));
    expect(classReport.students.find((s) => s.student === 's07')).toMatchObject({ status: 'error', error: { kind: 'unreachable', message: expect.stringContaining('AssumeRole') } });
    expect(classReport.students.find((s) => s.student === 's13')).toMatchObject({ status: 'error', error: { kind: 'usage' } });
    expectClassOfThirty(classReport, files, rubric);
  });

  it('links no student report when HTML was not asked for', () => {
    const { files, classReport } = render(gradedClass(), ['json']);
    expect(files.filter((f) => f.path.endsWith('/report.html'))).toEqual([]);
    expect(classReport.students.every((s) => s.reportHref === undefined)).toBe(true);
    expect(files.map((f) => f.path)).toContain('out/class/class.html');
  });

  it('shows the previous score a report carries in its history', () => {
    const students = gradedClass().map((s) =>
      s.ok && s.entry.student === 's01' ? { ...s, value: { ...s.value, history: [{ at: '2026-11-19T05:03:20.000Z', percent: 80, points: 80, maxPoints: 100 }] } } : s,
    );
    const { files, classReport } = render(students);
    expect(classReport.students[0]!.previousPercent).toBe(80);
    expect(files.find((f) => f.path === 'out/class/s01/report.html')!.content).toContain('id="history"');
  });

  it('ranks the checks the class missed first', () => {
    const { classReport } = render();
    const lowest = classReport.checks[0]!;
    const graded = classReport.summary.graded;
    expect(lowest.passRate).toBeLessThan(100);
    expect(lowest.pass + lowest.fail + lowest.error).toBe(graded);
    const rates = classReport.checks.map((c) => c.passRate ?? 101);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    const vpc = classReport.checks.find((c) => c.id === 'vpc.multi-az-subnets')!;
    expect(vpc).toMatchObject({ pass: graded, passRate: 100 });
  });

  it('writes a grade book CSV with one row per roster student, errors included', () => {
    const { classReport } = render();
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
