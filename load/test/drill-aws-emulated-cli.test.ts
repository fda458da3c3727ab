// The README's path for a drill against the local deployment: the data plane served by
// load/local/serve-emulated-data-plane.ts behind an emulated deployment of the reference
// stacks, and `drill rds-failover --endpoint --student` (the CLI, AWS code path) run with
// the CLOUDMART_RESOLVE line it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createScenario } from '../../sandbox/scenarios';

const ROOT = path.resolve(import.meta.dirname, '../..');
let emulator: RunningEmulator;
let server: ChildProcess | undefined;
let out: string;
/** The CLOUDMART_RESOLVE the data plane printed. */
let printedResolve = '';

function run(command: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, command, { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ drillTimeScale: 0.05 });
  await createScenario('reference', { endpoint: emulator.endpoint, region: 'ap-northeast-2', student: 'me' });
  out = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-drill-cli-'));
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGINT');
    await new Promise((r) => server!.once('exit', r));
  }
  await emulator?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('drill against the local deployment from the command line', () => {
  it('serve-emulated-data-plane prints the drill command; run as printed, rds-failover passes through the ALB name', async () => {
    server = spawn(process.execPath, ['--import', 'tsx', 'load/local/serve-emulated-data-plane.ts', '--student', 'me', '--endpoint', emulator.endpoint, '--lang', 'en'], { cwd: ROOT });
    let printed = '';
    server.stdout!.on('data', (c: Buffer) => (printed += c.toString()));
    const deadline = Date.now() + 120_000;
    while (!/Ctrl-C here stops it/.test(printed)) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the data plane did not start: ${printed}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const resolve = /CLOUDMART_RESOLVE='([^']+)'/.exec(printed)![1]!;
    printedResolve = resolve;
    expect(resolve).toMatch(/elb\.amazonaws\.com:127\.0\.0\.1:\d+/);
    expect(printed).toContain(`npm run drill -- rds-failover --yes --endpoint ${emulator.endpoint} --student me`);
    const drill = await run(
      ['bin/cloudmart.js', 'drill', 'rds-failover', '--yes', '--endpoint', emulator.endpoint, '--student', 'me', '--probe-interval', '100', '--baseline', '1', '--settle', '1', '--out', out, '--lang', 'en', '--quiet'],
      { CLOUDMART_RESOLVE: resolve, AWS_ACCESS_KEY_ID: 'AKIAEMULATORTESTING1', AWS_SECRET_ACCESS_KEY: 'emulator-secret-access-key' },
    );
    expect(drill.stdout).toMatch(/^drill\.rds-failover PASS\n/);
    // What was not AWS: the control plane's endpoint, and where the names went.
    expect(drill.stdout).toContain(`note: The drill's AWS calls went to ${emulator.endpoint}, an endpoint that is not AWS`);
    expect(drill.stdout).toMatch(/note: Resolved through CLOUDMART_RESOLVE instead of DNS: \S+\.elb\.amazonaws\.com -> 127\.0\.0\.1:\d+, \S+\.rds\.amazonaws\.com -> 127\.0\.0\.1/);
    expect(drill.status).toBe(0);
  }, 240_000);

  it('with the data plane stopped nothing answers behind the ALB name and the drill does not pass', async () => {
    server?.kill('SIGINT');
    await new Promise((r) => (server!.exitCode !== null ? r(null) : server!.once('exit', r)));
    // The same names, now pointing at the stopped balancer's port: every request stays on 127.0.0.1.
    expect(printedResolve).not.toBe('');
    const drill = await run(
      ['bin/cloudmart.js', 'drill', 'rds-failover', '--yes', '--endpoint', emulator.endpoint, '--student', 'me', '--probe-interval', '100', '--baseline', '1', '--settle', '1', '--observe', '20', '--out', out, '--lang', 'en', '--quiet'],
      { CLOUDMART_RESOLVE: printedResolve, AWS_ACCESS_KEY_ID: 'AKIAEMULATORTESTING1', AWS_SECRET_ACCESS_KEY: 'emulator-secret-access-key' },
    );
    expect(drill.stdout).not.toMatch(/PASS/);
    expect(drill.status).not.toBe(0);
  }, 120_000);
});
