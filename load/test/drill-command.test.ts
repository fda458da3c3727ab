// The drill command end to end (commands/drill.ts and the CLI): it refuses to start
// without --yes, finds the deployment by discovery and acts on it (here in the
// emulator, with the shop stand-in as the ALB), imports k6 summaries, and writes
// reports/out/drill-<kind>.json only through the CLI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillCommand } from '../../commands/drill';
import { UsageError } from '../../contract/errors';
import { DrillResult } from '../../contract/report';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createEmulatorDeployment, REGION } from './support/emulator-deployment';
import { FAKE_SHOP_DB_SERVER, startFakeShop, type FakeShop } from './support/fake-shop';

const ROOT = path.resolve(import.meta.dirname, '../..');
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin/cloudmart.js'), 'drill', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });

/** Asynchronous: the shop stand-in lives in this process and must keep answering. */
function cliAsync(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/cloudmart.js'), 'drill', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

let emulator: RunningEmulator;
let shop: FakeShop;
let out: string;
const credentials = emulatorCredentials();
const awsEnv = { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey };

beforeAll(async () => {
  // Failovers take AWS's time at 1/50 of its pace (an RDS failover completes in 1.8 s).
  emulator = await startEmulator({ drillTimeScale: 0.02 });
  shop = await startFakeShop();
  await createEmulatorDeployment(emulator.endpoint, { student: 's01' });
  out = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-drill-out-'));
});

afterAll(async () => {
  await shop?.close();
  await emulator?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('drill command', () => {
  it('refuses to start without --yes: exit 2, one sentence, nothing written, nothing changed', async () => {
    await expect(drillCommand({ kind: 'instance-loss', target: 'aws' })).rejects.toThrow(UsageError);
    const result = cli(['instance-loss', '--endpoint', emulator.endpoint, '--student', 's01', '--out', out, '--lang', 'en'], awsEnv);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('cloudmart: The instance-loss drill terminates one instance of the Auto Scaling group; add --yes to run it.\n');
    // Korean by default.
    const korean = cli(['instance-loss', '--endpoint', emulator.endpoint, '--student', 's01', '--out', out], awsEnv);
    expect(korean.status).toBe(2);
    expect(korean.stderr).toBe('cloudmart: instance-loss 드릴은 Auto Scaling 그룹의 인스턴스 한 대를 종료합니다. 실행하려면 --yes를 붙이세요.\n');
    expect(existsSync(path.join(out, 'drill-instance-loss.json'))).toBe(false);
  });

  it('says which deployment to drill when it was not told', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, awsEnv);
    try {
      await expect(drillCommand({ kind: 'rds-failover', yes: true, target: 'aws', endpoint: emulator.endpoint, region: REGION })).rejects.toThrow(/^Say which deployment to drill: --student ID/);
    } finally {
      process.env = saved;
    }
  });

  it('finds the deployment by discovery and drills its own DB instance (CLI, emulator)', async () => {
    // The emulated DB endpoint has no DNS; CLOUDMART_RESOLVE gives it the address the fake shop's database reports.
    const resolve = { CLOUDMART_RESOLVE: `cloudmart-db.aaaaaaaaaa.${REGION}.rds.amazonaws.com:${FAKE_SHOP_DB_SERVER.address}` };
    const result = await cliAsync(['rds-failover', '--yes', '--endpoint', emulator.endpoint, '--student', 's01', '--url', shop.url, '--probe-interval', '50', '--baseline', '1', '--settle', '1', '--out', out, '--lang', 'en', '--quiet'], { ...awsEnv, ...resolve });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.stdout).toMatch(/^drill\.rds-failover PASS\n/);
    expect(result.status).toBe(0);
    const written = DrillResult.parse(JSON.parse(readFileSync(path.join(out, 'drill-rds-failover.json'), 'utf8')));
    expect(written).toMatchObject({ id: 'drill.rds-failover', status: 'pass', target: 'aws', simulated: false });
    expect(written.timeline.some((e) => e.kind === 'api-call' && e.message === 'rds:RebootDBInstance cloudmart-db')).toBe(true);
    expect(result.stderr).toMatch(/drilling http:\/\/127\.0\.0\.1:\d+, ASG cloudmart-asg, DB cloudmart-db, cache cloudmart-redis/);
  });

  it('speaks Korean with --lang ko: verdict, criteria, notes and the live progress (report.json keeps English beside the Korean)', async () => {
    const result = await cliAsync(['instance-loss', '--yes', '--endpoint', emulator.endpoint, '--student', 's01', '--url', shop.url, '--probe-interval', '50', '--baseline', '1', '--settle', '1', '--out', out, '--lang', 'ko'], awsEnv);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('drill.instance-loss PASS');
    expect(lines[1]).toMatch(/^ {2}인스턴스 손실 후 오류 /);
    expect(lines).toContain('  ok   종료된 인스턴스가 교체됨: ' + lines.find((l) => l.includes('종료된 인스턴스가 교체됨'))!.split(': ')[1]);
    const criteriaLines = lines.filter((l) => /^ {2}(ok {2}|FAIL) /.test(l));
    expect(criteriaLines).toHaveLength(3);
    for (const line of criteriaLines) expect(line).toMatch(/\(기대 /);
    expect(result.stdout).not.toMatch(/expected|user-visible|group back to desired/);
    expect(result.stdout).toMatch(/^ {2}결과: /m);
    // The live progress names the phase and what it waits for in Korean.
    expect(result.stderr).toMatch(/\[instance-loss\] +\d+ 초 {2}(기준 측정|회복 관찰)/);
    expect(result.stderr).toMatch(/\| 원하는 용량 \d+, 서비스 중 \d+, 정상 타깃 \d+/);
    expect(result.stderr).not.toMatch(/in service \d+, healthy targets/);
    const written = DrillResult.parse(JSON.parse(readFileSync(path.join(out, 'drill-instance-loss.json'), 'utf8')));
    expect(written.verdict.criteria.map((c) => [c.name, c.nameKo])).toEqual([
      ['user-visible errors stop within the limit', '사용자에게 보인 오류가 제한 시간 안에 멈춤'],
      ['group back to desired capacity with healthy targets', '그룹이 원하는 용량과 정상 타깃으로 회복'],
      ['the terminated instance was replaced', '종료된 인스턴스가 교체됨'],
    ]);
    expect(written.notesKo).toHaveLength(written.notes.length);
  });

  it('imports a k6 summary without --yes (nothing is changed) and writes it as the drill result', () => {
    const result = cli(['--import-k6', path.join(ROOT, 'fixtures/k6-summaries/rds-failover-gap-too-long.json'), '--out', out, '--lang', 'en']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^drill\.rds-failover FAIL \(imported from k6\)/);
    const written = DrillResult.parse(JSON.parse(readFileSync(path.join(out, 'drill-rds-failover.json'), 'utf8')));
    expect(written.source).toBe('k6');
    const broken = cli(['--import-k6', path.join(ROOT, 'package.json'), '--out', out, '--lang', 'en']);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toBe('cloudmart: The file is not a k6 summary: it has no "metrics" object.\n');
  });

  it('rejects bad flags with one sentence', () => {
    expect(cli(['rds-failover', '--yes', '--target', 'local', '--rate', 'fast', '--lang', 'en']).stderr).toBe('cloudmart: --rate must be a number from 1 to 1000, not "fast".\n');
    expect(cli(['meltdown', '--yes', '--lang', 'en']).stderr).toBe('cloudmart: Unknown drill "meltdown"; choose one of scale-out, rds-failover, redis-failover, instance-loss, restore.\n');
    expect(cli(['meltdown', '--yes']).stderr).toBe('cloudmart: 알 수 없는 드릴 "meltdown"입니다. scale-out, rds-failover, redis-failover, instance-loss, restore 중 하나를 고르세요.\n');
  });
});
