// `cloudmart verify --target local`, the README's "main job on a fresh machine": it starts
// its own emulator, creates the scenario, grades it and writes every report format, stamped
// EMULATED. The reference passes everything (exit 0); a defect scenario fails exactly the
// checks its scenario says (exit 1). The two runs go side by side.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIVE_CHECK_IDS, SCENARIOS } from '../../sandbox/scenarios/index';
import { stampTexts } from '../../reports/index';
import { readReport, REGION, runCli, statusMap, tempDirs } from './support';

const tempDir = tempDirs('cloudmart-verify-local-');
const FILES = ['report.json', 'report.html', 'report.md', 'junit.xml', 'report.csv'];

describe.concurrent('verify --target local', { timeout: 150_000 }, () => {
  it('grades the reference scenario: exit 0, every format written, stamped EMULATED, every check passes', async () => {
    const out = path.join(tempDir(), 'out');
    const run = await runCli(['verify', '--target', 'local', '--out', out], { timeoutMs: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    for (const file of FILES) expect(existsSync(path.join(out, file)), file).toBe(true);
    // Progress, then the score table, then the files: in Korean, the default language (issue 13 item 4).
    expect(run.stdout).toContain('· 로컬 AWS 에뮬레이터를 시작합니다');
    expect(run.stdout).toContain('· 인벤토리를 수집합니다');
    expect(run.stdout).toMatch(/^아키텍처\s+✓+\s+10\/10 통과$/m);
    for (const file of FILES) expect(run.stdout).toContain(`${path.join(out, file)} 저장함`);
    expect(run.stdout).not.toMatch(/collecting|starting|creating|wrote|passed/);

    const report = readReport(path.join(out, 'report.json'));
    // The score table carries the EMULATED stamp as the console renders it (Korean, the default).
    const [emulated] = stampTexts(report, 'ko');
    expect(emulated!.label).toMatch(/^EMULATED/);
    expect(run.stdout).toContain(`[${emulated!.label}]`);
    expect(report.target).toMatchObject({ kind: 'local', emulated: true, scenario: 'reference', student: 'student01', region: REGION, accountId: '123456789012' });
    expect(report.target.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(report.checks.map((c) => c.id).sort()).toEqual([...LIVE_CHECK_IDS].sort());
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.score.percent).toBe(100);
    expect(report.discovery?.stacks).toEqual(expect.arrayContaining(['CloudMart-student01-Network']));

    // The stamp is in the formats people open, not only in the JSON.
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('data-testid="emulated"');
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('EMULATED');
    const junit = readFileSync(path.join(out, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(LIVE_CHECK_IDS.length);
    expect(junit).not.toContain('<failure');
    const csvLines = readFileSync(path.join(out, 'report.csv'), 'utf8').trim().split(/\r?\n/);
    expect(csvLines).toHaveLength(LIVE_CHECK_IDS.length + 1);
  });

  it('grades a defect scenario: exit 1 and exactly the scenario’s expected status map', async () => {
    const out = path.join(tempDir(), 'out');
    const run = await runCli(['verify', '--target', 'local', '--scenario', 'rds-single-az', '--out', out, '--quiet', '--lang', 'en'], { timeoutMs: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(1);
    const report = readReport(path.join(out, 'report.json'));
    expect(report.target).toMatchObject({ kind: 'local', emulated: true, scenario: 'rds-single-az' });
    expect(statusMap(report)).toEqual(SCENARIOS['rds-single-az']!.expected);
    const failed = report.checks.find((c) => c.id === 'rds.multi-az')!;
    expect(failed.points).toBe(0);
    // The reference stacks leave the DB identifier to CloudFormation, which names it after the
    // stack and logical ID (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html).
    expect(failed.resources).toEqual([
      expect.objectContaining({ type: 'AWS::RDS::DBInstance', id: expect.stringMatching(/^cloudmart-student01-data-/), status: 'fail', detail: 'single-AZ in ap-northeast-2a' }),
    ]);
    expect(report.score.percent).toBeLessThan(100);
    expect(readFileSync(path.join(out, 'junit.xml'), 'utf8').match(/<failure/g)).toHaveLength(1);
  });
});
