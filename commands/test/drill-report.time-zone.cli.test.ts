// `drill --time-zone`: a drill's report shows its times in the zone asked for, like verify's
// and grade's (one declaration of the option, reportOptions in cli/options/groups.ts); Asia/Seoul by default; an
// unknown zone is one sentence (exit 2) before any drill runs. An imported k6 summary stands
// in for a drill: no AWS call, no traffic.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneSentence, ROOT, runCli, tempDirs } from './support';

const tempDir = tempDirs('cloudmart-drill-tz-');
const SUMMARY = path.join(ROOT, 'fixtures/k6-summaries/scale-out-pass.json');

function drillMarkdown(extra: string[]): Promise<{ md: string; code: number | null; stderr: string }> {
  const out = tempDir();
  return runCli(['drill', '--import-k6', SUMMARY, '--student', 'kim', '--out', out, '--format', 'md', ...extra]).then((run) => ({
    code: run.code,
    stderr: run.stderr,
    md: run.code === 0 ? readFileSync(path.join(out, 'report.md'), 'utf8') : '',
  }));
}

describe('drill --time-zone', { timeout: 60_000 }, () => {
  it('shows the report’s times in the zone asked for, with the zone named', async () => {
    const run = await drillMarkdown(['--time-zone', 'UTC', '--lang', 'en']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.md).toMatch(/Graded 2026-11-20 \d\d:\d\d:\d\d UTC \(UTC\+00:00\)/);
    expect(run.md).not.toContain('Asia/Seoul');
  });

  it('uses Asia/Seoul when no zone is given', async () => {
    const run = await drillMarkdown([]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.md).toMatch(/2026-11-20 \d\d:\d\d:\d\d Asia\/Seoul \(UTC\+09:00\)/);
  });

  it('refuses an unknown zone in one sentence (exit 2)', async () => {
    const out = tempDir();
    const run = await runCli(['drill', '--import-k6', SUMMARY, '--student', 'kim', '--out', out, '--time-zone', 'Mars/Olympus', '--lang', 'en']);
    expect(expectOneSentence(run, 2)).toBe('--time-zone must be an IANA time zone such as Asia/Seoul or UTC, not "Mars/Olympus".');
  });
});
