// The README's rehearsal flow end to end: `verify --target local` into a folder, then
// `cloudmart drill rds-failover --target local --yes` into the same folder (no --student:
// both local defaults name the same student). One real drill (~10 s): the local rehearsal's
// PostgreSQL standby is promoted under traffic; its result joins report.json and the
// high-availability score changes. Without --yes the drill refuses to start (exit 2).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DrillResult, type Report } from '../../contract/report';
import { writeFilesAtomically } from '../../cli/files';
import { DEFAULT_LOCAL_STUDENT } from '../local-deployment';
import { verify } from '../verify';
import { expectOneSentence, readReport, runCli, statusMap, tempDirs } from './support';

const tempDir = tempDirs('cloudmart-drill-local-');
let out: string;
let verified: Report;

const ha = (report: Report) => report.score.categories.find((c) => c.id === 'high-availability')!;

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  out = tempDir();
  const result = await verify({ target: 'local', out, formats: ['json', 'html', 'md', 'junit', 'csv'], lang: 'en', progress: false });
  writeFilesAtomically(result.files);
  verified = result.report;
});

describe.concurrent('drill --target local after verify --target local', { timeout: 150_000 }, () => {
  it('rds-failover joins the verify report of the same student and changes the high-availability score', async () => {
    expect(verified.target.student).toBe(DEFAULT_LOCAL_STUDENT);
    const run = await runCli(['drill', 'rds-failover', '--target', 'local', '--yes', '--out', out, '--lang', 'en', '--quiet'], { timeoutMs: 120_000 });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^drill\.rds-failover PASS \(local rehearsal, simulated\)$/m);
    expect(run.stdout).toContain(`${path.join(out, 'report.json')}: drill.rds-failover added to the report of ${DEFAULT_LOCAL_STUDENT} and the score recomputed.`);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);

    const drill = DrillResult.parse(JSON.parse(readFileSync(path.join(out, 'drill-rds-failover.json'), 'utf8')));
    expect(drill).toMatchObject({ kind: 'rds-failover', target: 'local', simulated: true, status: 'pass' });
    expect(drill.metrics.lostWrites).toBe(0);

    const merged = readReport(path.join(out, 'report.json'));
    expect(merged.drills).toEqual([drill]);
    // The same target, now stamped: a simulated drill is in it (reports(13) honest stamps).
    expect(merged.target).toEqual({ ...verified.target, stamps: [...(verified.target.stamps ?? []), { kind: 'simulated' }] });
    const { 'drill.rds-failover': drillStatus, ...checks } = statusMap(merged);
    expect(drillStatus).toBe('pass');
    expect(checks).toEqual(statusMap(verified));
    expect(ha(merged).maxPoints).toBe(ha(verified).maxPoints + 10);
    expect(ha(merged).counts!.pass).toBe(ha(verified).counts!.pass + 1);
    // The rendered report shows the drill too.
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('drill.rds-failover');
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('drill.rds-failover');
  });

  it('refuses to start without --yes: exit 2, one sentence, nothing written', async () => {
    const empty = tempDir();
    const run = await runCli(['drill', 'rds-failover', '--target', 'local', '--out', empty, '--lang', 'en']);
    expect(expectOneSentence(run, 2)).toBe(
      'The rds-failover drill forces a failover of the RDS DB instance (RebootDBInstance with ForceFailover) (on the local rehearsal); add --yes to run it.',
    );
    // Korean by default (issue 13: error sentences in the command's language).
    const korean = await runCli(['drill', 'rds-failover', '--target', 'local', '--out', empty]);
    expect(expectOneSentence(korean, 2)).toBe('rds-failover 드릴은 RDS DB 인스턴스를 강제로 페일오버합니다(RebootDBInstance ForceFailover)(로컬 리허설에서). 실행하려면 --yes를 붙이세요.');
    expect(readdirSync(empty)).toEqual([]);
    expect(existsSync(path.join(out, 'drill-scale-out.json'))).toBe(false);
  });
});
