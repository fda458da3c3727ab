// `cloudmart grade` from the command line: a roster graded twice into the same --out keeps
// history (each report lists the earlier score with its date, the class report shows the
// previous percent), and bad flags end with exit 2 and one sentence before anything starts.
// Each `grade --target local` starts its own emulator, as it does for an instructor.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { ClassReport } from '../../reports/class/class-report';
import { formatTime } from '../../reports/render/time';
import { grade } from '../grade';
import { SCENARIOS } from '../../sandbox/scenarios/index';
import { expectOneSentence, readReport, runCli, statusMap, tempDirs } from './support';

const ROSTER = path.join(import.meta.dirname, 'rosters/class-3.csv');
const SCENARIO_OF: Record<string, string> = { h01: 'reference', h02: 'rds-single-az', h03: 'no-dashboard' };
const tempDir = tempDirs('cloudmart-grade-history-');

const readClass = (out: string) => ClassReport.parse(JSON.parse(readFileSync(path.join(out, 'class.json'), 'utf8')));

describe('grade from the command line', { timeout: 120_000 }, () => {
  it('re-grading the same roster into the same --out keeps history', async () => {
    const out = path.join(tempDir(), 'class');
    const args = ['grade', '--roster', ROSTER, '--target', 'local', '--out', out, '--lang', 'en', '--concurrency', '2'];

    const first = await runCli(args, { timeoutMs: 115_000 });
    expect(first.stderr).toBe('');
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout).toContain(`graded 3 of 3 student(s); class report: ${out}/class.html, grade book: ${out}/grades.csv`);
    const firstReports = Object.fromEntries(Object.keys(SCENARIO_OF).map((s) => [s, readReport(path.join(out, s, 'report.json'))]));
    for (const [student, scenario] of Object.entries(SCENARIO_OF)) {
      expect(statusMap(firstReports[student]!), student).toEqual(SCENARIOS[scenario]!.expected);
      expect(firstReports[student]!.history).toBeUndefined();
    }
    expect(readClass(out).students.map((s) => s.name)).toEqual(['김민수', 'Lee, Jiwoo', 'Park Seoyeon']);

    const second = await runCli(args, { timeoutMs: 115_000 });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    for (const student of Object.keys(SCENARIO_OF)) {
      const before = firstReports[student]!;
      const after = readReport(path.join(out, student, 'report.json'));
      expect(after.history, student).toEqual([{ at: before.finishedAt, percent: before.score.percent, points: before.score.points, maxPoints: before.score.maxPoints }]);
      expect(Date.parse(after.finishedAt)).toBeGreaterThan(Date.parse(before.finishedAt));
      expect(statusMap(after)).toEqual(statusMap(before));
      const markdown = readFileSync(path.join(out, student, 'report.md'), 'utf8').replace(/\\/g, '');
      // The earlier score with its date in grade's default zone, Asia/Seoul (the score rounded to one decimal for reading).
      expect(markdown).toContain(`### Earlier scores\n\n- ${formatTime(before.finishedAt)}: ${Math.round(before.score.percent * 10) / 10}%`);
    }
    const again = readClass(out);
    for (const row of again.students) expect(row.previousPercent, row.student).toBe(firstReports[row.student]!.score.percent);
  }, 240_000);

  describe.concurrent('bad input: exit 2 and one sentence, before any emulator or AWS call', () => {
    it('a roster that does not exist', async () => {
      const missing = path.join(tempDir(), 'nope.csv');
      const run = await runCli(['grade', '--roster', missing, '--target', 'local', '--lang', 'en', '--out', tempDir()]);
      expect(expectOneSentence(run, 2)).toBe(`Cannot read the roster ${missing}: ENOENT: no such file or directory, open '${missing}'.`);
      expect(run.stdout).toBe('');
    });

    it('--concurrency that is not a whole number of at least 1 (0 used to mean the default, 8)', async () => {
      const run = await runCli(['grade', '--roster', ROSTER, '--target', 'local', '--concurrency', '0', '--lang', 'en', '--out', tempDir()]);
      expect(expectOneSentence(run, 2)).toBe('--concurrency must be a whole number of at least 1, not "0".');
      const korean = await runCli(['grade', '--roster', ROSTER, '--target', 'local', '--concurrency', '1.5', '--out', tempDir()]);
      expect(expectOneSentence(korean, 2)).toBe('--concurrency 는 1 이상의 정수여야 합니다("1.5"은(는) 안 됩니다).');
    });

    it('a roster in which no row can be graded, and a bad concurrency (programmatic)', async () => {
      const roster = path.join(tempDir(), 'bad.csv');
      writeFileSync(roster, 'student_id,name,role_arn\n../etc,Path,\ns02,Bad Role,arn:aws:iam::12345:role/x\n');
      await expect(grade({ rosterPath: roster, target: 'local', lang: 'en', progress: false })).rejects.toThrow(
        new UsageError({
          ko: `명단 ${roster} 에 채점할 수 있는 학생이 없습니다(형식이 잘못된 줄 2개).`,
          en: `The roster ${roster} has no student that can be graded (2 malformed row(s)).`,
        }),
      );
      for (const concurrency of [0, 1.5, Number.NaN]) {
        await expect(grade({ rosterPath: ROSTER, target: 'local', lang: 'en', progress: false, concurrency })).rejects.toThrow(
          // The same sentence as the command line's (one check: concurrencyFrom).
          new UsageError({
            ko: `--concurrency 는 1 이상의 정수여야 합니다("${concurrency}"은(는) 안 됩니다).`,
            en: `--concurrency must be a whole number of at least 1, not "${concurrency}".`,
          }),
        );
      }
    });

    it('a malformed --region', async () => {
      const run = await runCli(['grade', '--roster', ROSTER, '--target', 'local', '--region', 'korea', '--lang', 'en', '--out', tempDir()]);
      expect(expectOneSentence(run, 2)).toBe('"korea" is not an AWS region name (they look like ap-northeast-2); pass --region with the region you deployed to.');
      expect(run.stdout).not.toContain('starting the local AWS emulator');
    });
  });
});
