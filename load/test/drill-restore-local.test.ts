// `drill restore --target local --yes`: a real point-in-time restore on 127.0.0.1 (the
// rehearsal's primary archives its WAL, the base backup is taken while the drill writes
// through the API, the restore is a new PostgreSQL server), whose RTO and RPO land in
// report.json drills[] with the verdict. And the refusals: no --yes, nothing created.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drillAndReport } from '../../commands/drill-report';
import { Report } from '../../contract/report';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-restore-drill-'));

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('drill restore on the local rehearsal', () => {
  it('restores to the latest restorable time, measures RTO and RPO, deletes the restored server, and writes them into report.json', async () => {
    const out = path.join(OUT, 'latest');
    const { drill, files } = await drillAndReport({ kind: 'restore', target: 'local', yes: true, out, lang: 'en', formats: ['json'], options: { probeIntervalMs: 50 } });
    if (drill.status !== 'pass') console.log(JSON.stringify({ criteria: drill.verdict.criteria, notes: drill.notes, timeline: drill.timeline }, null, 1));
    expect(drill.kind).toBe('restore');
    expect(drill.id).toBe('drill.restore');
    expect(drill.status).toBe('pass');
    expect(drill.metrics.rtoMs).toBeGreaterThan(0);
    expect(drill.metrics.rpoMs).toBe(0);
    expect(drill.metrics.missingWrites).toBe(0);
    expect(drill.metrics.acknowledgedWrites).toBeGreaterThan(10);
    expect(drill.notes.join(' ')).toMatch(/real PostgreSQL point-in-time recovery/);
    expect(drill.notes.join(' ')).toMatch(/deleted without a final snapshot/);
    expect(drill.timeline.map((e) => e.message).join('\n')).toMatch(/local:pg_basebackup[\s\S]*local:RestoreDBInstanceToPointInTime[\s\S]*local:DeleteDBInstance/);
    const report = Report.parse(JSON.parse(files.find((f) => f.path.endsWith('report.json'))!.content));
    const inReport = report.drills?.find((d) => d.kind === 'restore');
    expect(inReport?.metrics).toMatchObject({ rtoMs: drill.metrics.rtoMs, rpoMs: 0 });
    expect(report.checks.find((c) => c.id === 'drill.restore')?.status).toBe('pass');
  }, 180_000);

  it('--from snapshot restores the base backup alone: the writes after it are reported missing, and a tight RPO limit fails', async () => {
    // The base backup is taken half-way through 4 s of writes: about 2 s of acknowledged writes come after it.
    const { drill } = await drillAndReport({ kind: 'restore', target: 'local', yes: true, out: path.join(OUT, 'snapshot'), lang: 'en', formats: ['json'], options: { probeIntervalMs: 50, baselineMs: 4000, restoreFrom: 'snapshot', rpoLimitMs: 1000 } });
    expect(drill.status).toBe('fail');
    expect(drill.metrics.missingWrites).toBeGreaterThan(5);
    expect(drill.metrics.rpoMs).toBeGreaterThan(1000);
    const rpo = drill.verdict.criteria.find((c) => c.name.includes('(RPO)'))!;
    expect(rpo.pass).toBe(false);
    expect(rpo.actual).toMatch(/acknowledged writes missing/);
    expect(drill.timeline.map((e) => e.message).join('\n')).toMatch(/local:RestoreDBInstanceFromDBSnapshot/);
  }, 180_000);

  it('refuses to start without --yes, in one sentence with exit 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/main.ts'), 'drill', 'restore', '--target', 'local', '--lang', 'en'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('cloudmart: The restore drill restores the database into a temporary instance (which costs money) and deletes it afterwards (on the local rehearsal); add --yes to run it.\n');
  }, 60_000);

  it('refuses --restore-time that is not an ISO moment, and with a snapshot', () => {
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/main.ts'), 'drill', 'restore', '--yes', '--target', 'local', '--lang', 'en', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const notIso = cli(['--restore-time', 'yesterday']);
    expect(notIso.status).toBe(2);
    expect(notIso.stderr).toMatch(/--restore-time must be an ISO 8601 moment/);
    const withSnapshot = cli(['--from', 'snapshot', '--restore-time', '2026-01-01T00:00:00Z']);
    expect(withSnapshot.status).toBe(2);
    expect(withSnapshot.stderr).toBe('cloudmart: --restore-time only goes with a point-in-time restore (restore --from point-in-time).\n');
  }, 60_000);
});
