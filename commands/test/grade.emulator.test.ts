// Issue 5's acceptance test: `grade --target local` on a roster of 30 students, each in
// their own emulated account (reached by assuming a role, as on AWS), reference and defect
// scenarios mixed, plus a malformed row and an account that cannot be reached. Every graded
// student's report has exactly its scenario's status map; the bad row is reported by line
// and skipped; the unreachable account is an error row that does not stop the class; the
// class report is written and escapes a hostile name. (Re-grading and history:
// grade.history.cli.test.ts, on a smaller roster, through the command line.)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../cli/files';
import { startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { SCENARIOS } from '../../sandbox/scenarios/index';
import { ClassReport } from '../../reports/class/class-report';
import { parseRoster } from '../../reports/index';
import { grade, type GradeResult } from '../grade';
import { readReport, statusMap, tempDirs } from './support';

const ROSTER = path.join(import.meta.dirname, 'rosters/class-30-problems.csv');
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const tempDir = tempDirs('cloudmart-grade-');

let emulator: RunningEmulator;
let out: string;
let first: GradeResult;
let firstClass: ClassReport;

/** The roster as the test reads it: student -> scenario, for the graded rows. */
const roster = parseRoster(readFileSync(ROSTER, 'utf8'), 'class-30-problems.csv');
const deployed = roster.entries.filter((e) => !e.profile);

function gradeInto(dir: string): Promise<GradeResult> {
  return grade({ rosterPath: ROSTER, target: 'local', endpoint: emulator.endpoint, out: dir, lang: 'en', progress: false });
}

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // The profile of s32 must not exist anywhere: an empty AWS config for this process.
  const home = tempDir();
  process.env.AWS_CONFIG_FILE = path.join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(home, 'credentials');
  emulator = await startEmulator();
  out = path.join(tempDir(), 'class');
  first = await gradeInto(out);
  writeFilesAtomically(first.files);
  firstClass = ClassReport.parse(JSON.parse(readFileSync(path.join(out, 'class.json'), 'utf8')));
}, 300_000);

afterAll(async () => {
  await emulator?.stop();
});

describe('grade --target local, 30 students in 30 emulated accounts', () => {
  it('the roster is what the test needs: 30 deployable students, 10 scenarios, one unreachable profile, one malformed row', () => {
    expect(deployed).toHaveLength(30);
    expect(new Set(deployed.map((e) => e.roleArn!.split(':')[4])).size).toBe(30);
    expect(new Set(deployed.map((e) => e.scenario)).size).toBeGreaterThanOrEqual(10);
    for (const e of deployed) expect(SCENARIOS[e.scenario!], e.scenario).toBeDefined();
    expect(roster.entries.filter((e) => e.profile).map((e) => e.student)).toEqual(['s32']);
    expect(roster.problems).toMatchObject([{ line: 35, reason: 'has 7 fields, the header has 6 (an unquoted comma in a name?)' }]);
  });

  it('gives every graded student exactly the status map of their scenario', () => {
    for (const entry of deployed) {
      const report = readReport(path.join(out, entry.student, 'report.json'));
      expect(report.target, entry.student).toMatchObject({ kind: 'local', emulated: true, student: entry.student, accountId: entry.roleArn!.split(':')[4], scenario: entry.scenario });
      expect(statusMap(report), `${entry.student} (${entry.scenario})`).toEqual(SCENARIOS[entry.scenario!]!.expected);
    }
  });

  it('writes every student’s reports in their own folder and the class report beside them', () => {
    for (const entry of deployed) {
      for (const file of ['report.json', 'report.html', 'report.md', 'junit.xml', 'report.csv']) {
        expect(existsSync(path.join(out, entry.student, file)), `${entry.student}/${file}`).toBe(true);
      }
    }
    for (const file of ['class.html', 'grades.csv', 'class.json']) expect(existsSync(path.join(out, file)), file).toBe(true);
    // Nothing for the students that were not graded.
    expect(existsSync(path.join(out, 's31'))).toBe(false);
    expect(existsSync(path.join(out, 's32'))).toBe(false);
  });

  it('reports the malformed row by its line and skips it; the unreachable account is an error row; the class goes on', () => {
    expect(first.exitCode).toBe(1);
    expect(first.problems).toEqual([
      'roster line 35: has 7 fields, the header has 6 (an unquoted comma in a name?)',
      expect.stringMatching(/^s32: No AWS credentials were found for the profile "no-such-profile" \(/),
    ]);
    expect(firstClass.rosterProblems).toEqual([
      { line: 35, reason: 'has 7 fields, the header has 6 (an unquoted comma in a name?)', reasonKo: '필드가 7개인데 머리글은 6개입니다 (이름에 따옴표로 감싸지 않은 쉼표가 있나요?)' },
    ]);
    expect(firstClass.summary).toMatchObject({ students: 31, graded: 30, notGraded: 1 });
    const ghost = firstClass.students.find((s) => s.student === 's32')!;
    expect(ghost).toMatchObject({ status: 'error', name: 'Ghost Account', error: { kind: 'unreachable' } });
    expect(firstClass.students.filter((s) => s.status === 'graded')).toHaveLength(30);
    // Roster order, the error row in its place.
    expect(firstClass.students.map((s) => s.student)).toEqual(roster.entries.map((e) => e.student));

    const rows = parse(readFileSync(path.join(out, 'grades.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(31);
    expect(rows.find((r) => r.student_id === 's32')).toMatchObject({ status: 'error', total_percent: '', error: expect.stringMatching(/^unreachable: No AWS credentials were found for the profile "no-such-profile"/) });
    const reference = rows.find((r) => r.student_id === 's01')!;
    expect(reference).toMatchObject({ status: 'graded', total_percent: '100', failed_checks: '0' });
    const single = rows.find((r) => r.student_id === 's02')!;
    expect(Number(single.total_percent)).toBeLessThan(100);
    expect(single.failed_checks).toBe('1');
  });

  it('shows the class which checks it missed: pass rates across the class', () => {
    const multiAz = firstClass.checks.find((c) => c.id === 'rds.multi-az')!;
    const singleAz = deployed.filter((e) => e.scenario === 'rds-single-az').length;
    expect(multiAz).toMatchObject({ pass: 30 - singleAz, fail: singleAz, error: 0 });
    expect(firstClass.checks.find((c) => c.id === 'vpc.multi-az-subnets')).toMatchObject({ pass: 30, passRate: 100 });
  });

  it('escapes a hostile student name in the class HTML', () => {
    const html = readFileSync(path.join(out, 'class.html'), 'utf8');
    expect(firstClass.students.find((s) => s.student === 's07')!.name).toBe(HOSTILE_NAME);
    expect(html).not.toContain(HOSTILE_NAME);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
