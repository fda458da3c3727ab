// How a drill's result reaches the report (commands/drill-report.ts drillReport), with
// DrillResult fixtures: it joins report.json of the same student (replacing an earlier drill
// of the same kind) and the high-availability score is recomputed; without a report.json it
// makes a report of the drill alone; a report of another student is never overwritten.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Report } from '../../contract/report';
import { rdsFailoverDrill, sampleRun, scaleOutDrill } from '../../fixtures/reports/sample-runs';
import { defaultRubric, scoreRun } from '../../reports/index';
import { drillReport } from '../drill-report';
import { loadGradingInputs } from '../grading-inputs';
import { DEFAULT_LOCAL_STUDENT } from '../local-deployment';
import { statusMap, tempDirs } from './support';

const tempDir = tempDirs('cloudmart-drill-report-');
const grading = loadGradingInputs({});
const target = { student: DEFAULT_LOCAL_STUDENT, region: 'local' };

/** An out folder holding the report.json `verify` wrote for `student`, with the given failing checks. */
function outWithReport(
  student: string,
  statuses: Record<string, 'fail'> = {},
  drills?: ReturnType<typeof rdsFailoverDrill>[],
  emulated?: false,
): { out: string; report: Report } {
  const out = tempDir();
  const report = scoreRun(sampleRun({ student, statuses, ...(drills ? { drills } : {}), ...(emulated === false ? { emulated } : {}) }), { rubric: defaultRubric() });
  writeFileSync(path.join(out, 'report.json'), JSON.stringify(report, null, 2));
  return { out, report };
}

const ha = (report: Report) => report.score.categories.find((c) => c.id === 'high-availability')!;
const jsonOf = (files: { path: string; content: string }[], out: string) => Report.parse(JSON.parse(files.find((f) => f.path === path.join(out, 'report.json'))!.content));

describe('drillReport: a drill joins the report of the same student', () => {
  it('adds a passing rds-failover drill to report.json: a drill check in high-availability, the score recomputed', () => {
    const { out, report: before } = outWithReport(DEFAULT_LOCAL_STUDENT, { 'rds.multi-az': 'fail' });
    const drill = rdsFailoverDrill({ writeGapMs: 20_000 });
    const { report, files, note } = drillReport({ drill, out, lang: 'en', grading, target });

    expect(note).toBe(`${path.join(out, 'report.json')}: drill.rds-failover added to the report of ${DEFAULT_LOCAL_STUDENT} and the score recomputed.`);
    expect(report.drills).toEqual([drill]);
    expect(jsonOf(files, out)).toEqual(report);
    expect(files.map((f) => path.basename(f.path)).sort()).toEqual(['junit.xml', 'report.csv', 'report.html', 'report.json', 'report.md']);
    // The checks keep their statuses; the drill is one more check, worth the rubric's 10 points.
    expect({ ...statusMap(report), 'drill.rds-failover': undefined }).toEqual({ ...statusMap(before), 'drill.rds-failover': undefined });
    expect(report.checks.find((c) => c.id === 'drill.rds-failover')).toMatchObject({ category: 'high-availability', status: 'pass', points: 10, maxPoints: 10 });
    expect(ha(report).maxPoints).toBe(ha(before).maxPoints + 10);
    expect(ha(report).points).toBe(ha(before).points + 10);
    expect(ha(report).percent).toBeGreaterThan(ha(before).percent);
    expect(report.score.percent).toBeGreaterThan(before.score.percent);
    // The other categories do not move.
    for (const c of report.score.categories.filter((x) => x.id !== 'high-availability')) {
      expect(c).toEqual(before.score.categories.find((x) => x.id === c.id));
    }
    // The same target, now stamped: the report holds a simulated drill.
    expect(report.target).toEqual({ ...before.target, stamps: [{ kind: 'simulated' }] });
    expect(files.find((f) => f.path.endsWith('report.md'))!.content).toContain('SIMULATED · simulated drills');
  });

  it('says when waived checks of the earlier report lose their waiver (report.json is not trusted to carry waivers)', () => {
    const { out, report: base } = outWithReport(DEFAULT_LOCAL_STUDENT, { 'nat.per-az': 'fail' });
    // As verify --waivers would have written it: nat.per-az waived by a signed file.
    const waivedReport: Report = {
      ...base,
      checks: base.checks.map((c) =>
        c.id === 'nat.per-az' ? { ...c, status: 'waived', originalStatus: 'fail', waiver: { reason: 'budget', approver: 'Kim', expires: '2099-01-01' } } : c,
      ),
    };
    writeFileSync(path.join(out, 'report.json'), JSON.stringify(waivedReport));
    const { report, note } = drillReport({ drill: rdsFailoverDrill({ writeGapMs: 20_000 }), out, lang: 'en', grading, target });
    expect(report.checks.find((c) => c.id === 'nat.per-az')!.status).toBe('fail');
    expect(note).toContain('1 waived check(s) of the earlier report are scored without their waivers now');
  });

  it('a failed drill costs its points in high-availability', () => {
    const { out, report: before } = outWithReport(DEFAULT_LOCAL_STUDENT);
    const { report } = drillReport({ drill: rdsFailoverDrill({ writeGapMs: 150_000 }), out, lang: 'en', grading, target });
    expect(report.checks.find((c) => c.id === 'drill.rds-failover')).toMatchObject({ status: 'fail', points: 0, maxPoints: 10 });
    expect(ha(report).maxPoints).toBe(ha(before).maxPoints + 10);
    expect(ha(report).points).toBe(ha(before).points);
    expect(report.score.percent).toBeLessThan(before.score.percent);
  });

  it('replaces an earlier drill of the same kind and keeps drills of other kinds', () => {
    const earlierFailover = rdsFailoverDrill({ writeGapMs: 150_000 });
    const { out } = outWithReport(DEFAULT_LOCAL_STUDENT, {}, [earlierFailover, scaleOutDrill('pass')]);
    const again = rdsFailoverDrill({ writeGapMs: 30_000 });
    const { report } = drillReport({ drill: again, out, lang: 'en', grading, target });
    expect(report.drills!.map((d) => [d.kind, d.status])).toEqual([
      ['scale-out', 'pass'],
      ['rds-failover', 'pass'],
    ]);
    expect(report.drills).toContainEqual(again);
    expect(report.checks.filter((c) => c.id.startsWith('drill.')).map((c) => [c.id, c.status]).sort()).toEqual([
      ['drill.rds-failover', 'pass'],
      ['drill.scale-out', 'pass'],
    ]);
  });
});

describe('drillReport without a report to join', () => {
  it('makes a report of the drill alone when there is no report.json', () => {
    const out = tempDir();
    const drill = rdsFailoverDrill();
    const { report, files, note } = drillReport({ drill, out, lang: 'en', grading, target });
    expect(note).toBe(`${path.join(out, 'report.json')}: a report of the drill alone (run verify into the same --out folder to grade the checks too).`);
    expect(report.checks.map((c) => c.id)).toEqual(['drill.rds-failover']);
    expect(report.drills).toEqual([drill]);
    expect(report.target).toMatchObject({ kind: 'local', emulated: true, student: DEFAULT_LOCAL_STUDENT, region: 'local' });
    // Only high-availability has something to score: the total is that category alone.
    expect(report.score.categories.filter((c) => c.maxPoints > 0).map((c) => c.id)).toEqual(['high-availability']);
    expect(jsonOf(files, out)).toEqual(report);
  });

  it('leaves a report.json it cannot read as it is (half-written, another schema), without a crash', () => {
    for (const [content, why] of [
      ['{"schemaVersion": 1, "half": ', 'not JSON'],
      ['{"schemaVersion": 2, "checks": []}', 'not a report.json of this schema'],
    ] as const) {
      const out = tempDir();
      writeFileSync(path.join(out, 'report.json'), content);
      const { files, note, report } = drillReport({ drill: rdsFailoverDrill(), out, lang: 'en', grading, target });
      expect(files).toEqual([]);
      expect(note).toBe(`${path.join(out, 'report.json')} is not a report this tool can read (${why}): left as it is (use --out for another folder).`);
      expect(report.checks.map((c) => c.id)).toEqual(['drill.rds-failover']);
      expect(readFileSync(path.join(out, 'report.json'), 'utf8')).toBe(content);
    }
  });

  it('never overwrites the report of another student', () => {
    const { out } = outWithReport('kim-minsu', { 'rds.multi-az': 'fail' });
    const onDisk = readFileSync(path.join(out, 'report.json'), 'utf8');
    const { files, note, report } = drillReport({ drill: rdsFailoverDrill(), out, lang: 'en', grading, target });
    expect(files).toEqual([]);
    expect(note).toBe(`${path.join(out, 'report.json')} belongs to kim-minsu, not ${DEFAULT_LOCAL_STUDENT}: left as it is (use --out for another folder).`);
    expect(report.target.student).toBe(DEFAULT_LOCAL_STUDENT);
    expect(readFileSync(path.join(out, 'report.json'), 'utf8')).toBe(onDisk);
  });
});

describe('drillReport: a simulated drill never scores into a report that is not local (issue 13 item 2)', () => {
  it('leaves the AWS report of the same student as it is, with one sentence, and still returns the drill', () => {
    // As `verify --student kim` wrote it (target aws), then `drill rds-failover --target local --yes --student kim`.
    const { out, report: real } = outWithReport('kim', { 'rds.multi-az': 'fail' }, undefined, false);
    expect(real.target.kind).toBe('aws');
    const onDisk = readFileSync(path.join(out, 'report.json'), 'utf8');
    const drill = rdsFailoverDrill({ writeGapMs: 20_000 });
    expect(drill.simulated).toBe(true);
    const { files, note, report } = drillReport({ drill, out, lang: 'en', grading, target: { student: 'kim', region: 'local' } });
    expect(files).toEqual([]);
    expect(note).toBe(
      `${path.join(out, 'report.json')} is the report of a deployment that is not local (aws): a simulated local drill never scores into it, so it was left as it is (use another --out folder for the rehearsal's report).`,
    );
    expect(readFileSync(path.join(out, 'report.json'), 'utf8')).toBe(onDisk);
    // What it would have made is a drills-only report, stamped simulated: never the real score.
    expect(report.checks.map((c) => c.id)).toEqual(['drill.rds-failover']);
    expect(report.target).toMatchObject({ kind: 'local', stamps: [{ kind: 'simulated' }] });
    const ko = drillReport({ drill, out, lang: 'ko', grading, target: { student: 'kim', region: 'local' } });
    expect(ko.note).toContain('시뮬레이션한 로컬 훈련 결과는 점수에 넣지 않고 그대로 두었습니다');
  });

  it('a drills-only report of a rehearsal is stamped simulated', () => {
    const out = tempDir();
    const { report, files } = drillReport({ drill: rdsFailoverDrill(), out, lang: 'ko', grading, target });
    expect(report.target.stamps).toEqual([{ kind: 'simulated' }]);
    expect(files.find((f) => f.path.endsWith('report.html'))!.content).toContain('SIMULATED · 시뮬레이션 훈련');
  });
});
