// grade's flow for a class (collect -> check -> score, then reports/ renders): verify and
// checkAll here are the simplest stand-ins that return each student's check run.
import { describe, expect, it } from 'vitest';
import { UnreachableError, UsageError } from '../../contract/errors';
import type { Report } from '../../contract/report';
import { defaultRubric } from '../../reports/rubric/rubric';
import { scoreRun } from '../../reports/score/score-run';
import { expectClassOfThirty, roster, runFor } from '../../reports/test/class-runs';
import { gradeClass } from '../grade-class';

const rubric = defaultRubric();
const NOW = new Date('2026-11-26T06:00:00.000Z');

describe('gradeClass', () => {
  async function gradeTheClass(previous?: Map<string, string>) {
    return gradeClass({
      roster,
      rubric,
      outDir: 'out/class',
      lang: 'ko',
      now: () => NOW,
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
    expect(outcomes.map((o) => o.entry.student)).toEqual(roster.entries.map((e) => e.student));
    expect(classReport.summary).toMatchObject({ students: 30, graded: 28, notGraded: 2 });
    const s07 = classReport.students.find((s) => s.student === 's07')!;
    expect(s07).toMatchObject({ status: 'error', error: { kind: 'unreachable', message: expect.stringContaining('AssumeRole') } });
    expect(classReport.students.find((s) => s.student === 's13')).toMatchObject({ status: 'error', error: { kind: 'usage' } });

    // Each graded row is that student's own score.
    for (const row of classReport.students.filter((s) => s.status === 'graded')) {
      const entry = roster.entries.find((e) => e.student === row.student)!;
      expect(row.percent).toBe(scoreRun(runFor(entry), { rubric, now: NOW }).score.percent);
    }
    expectClassOfThirty(classReport, files, rubric);
  });

  it('with checkAll, turns the verified students into check runs in one call, in roster order', async () => {
    const calls: string[][] = [];
    const { classReport } = await gradeClass({
      roster,
      rubric,
      outDir: 'out/class',
      lang: 'ko',
      now: () => NOW,
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
    expect(classReport.students.find((r) => r.student === 's02')!.percent).toBe(scoreRun(runFor(s02), { rubric, now: NOW }).score.percent);
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

  it("makes a student an error row when verify returns another student's run", async () => {
    const { classReport } = await gradeClass({
      roster,
      rubric,
      outDir: 'out/class',
      lang: 'en',
      verify: async (entry) => runFor(entry.student === 's03' ? roster.entries[0]! : entry),
    });
    expect(classReport.students.find((s) => s.student === 's03')).toMatchObject({ status: 'error', error: { kind: 'usage', message: 'verify returned the run of student s01 for s03' } });
    expect(classReport.summary).toMatchObject({ graded: 29, notGraded: 1 });
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
});
