// `cloudmart emulator --scenario reference --student kim`: the emulator in the foreground with
// a deployment already created in it. It prints the endpoint; `verify --endpoint <it>
// --student kim`, run the way the printed hint says, finds and grades the deployment; Ctrl-C
// (SIGINT) stops the emulator and the command exits 0.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { LIVE_CHECK_IDS } from '../../sandbox/scenarios/index';
import { CLI, expectOneSentence, readReport, ROOT, runCli, tempDirs, userEnv } from './support';

const tempDir = tempDirs('cloudmart-emulator-cli-');
type Child = ChildProcessByStdio<null, Readable, Readable>;
let child: Child | undefined;

afterAll(() => {
  // Only if a test failed before stopping it: never leave the emulator behind.
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Resolves with stdout once `marker` was printed; rejects if the process ends first. */
function waitFor(proc: Child, marker: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no "${marker}" within ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(marker)) {
        clearTimeout(timer);
        resolve(stdout);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator command exited (${code}) before "${marker}":\n${stdout}\n${stderr}`));
    });
  });
}

function exitOf(proc: Child): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve({ code: proc.exitCode, signal: proc.signalCode });
    else proc.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

function listens(endpoint: string): Promise<boolean> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('cloudmart emulator', { timeout: 150_000 }, () => {
  it('prints an endpoint where verify finds the scenario deployment, and exits 0 on Ctrl-C', async () => {
    const emulator = spawn(process.execPath, [CLI, 'emulator', '--scenario', 'reference', '--student', 'kim', '--lang', 'en'], { cwd: ROOT, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child = emulator;
    const stdout = await waitFor(emulator, 'Press Ctrl-C to stop.', 90_000);
    const endpoint = /^Local AWS emulator listening on (http:\/\/127\.0\.0\.1:\d+) \(account 123456789012, any credentials\)\.$/m.exec(stdout)?.[1];
    expect(endpoint, stdout).toBeDefined();
    expect(stdout).toContain('created scenario "reference" for student kim in ap-northeast-2');
    expect(stdout).toContain(`AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x npm run verify -- --endpoint ${endpoint} --student kim`);

    // As the hint says: any credentials, the printed endpoint, the student.
    const out = path.join(tempDir(), 'out');
    const verify = await runCli(['verify', '--endpoint', endpoint!, '--student', 'kim', '--out', out, '--quiet'], {
      env: userEnv({ AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' }),
    });
    expect(verify.stderr).toBe('');
    expect(verify.code, verify.stdout).toBe(0);
    const report = readReport(path.join(out, 'report.json'));
    // An endpoint that is not AWS is stamped with it (issue 13 item 2), never a plain target aws.
    expect(report.target).toEqual({ kind: 'aws', region: 'ap-northeast-2', accountId: '123456789012', student: 'kim', endpoint, stamps: [{ kind: 'endpoint', endpoint }] });
    expect(report.checks).toHaveLength(LIVE_CHECK_IDS.length);
    expect(report.checks.every((c) => c.status === 'pass')).toBe(true);

    emulator.kill('SIGINT');
    expect(await exitOf(emulator)).toEqual({ code: 0, signal: null });
    expect(await listens(endpoint!)).toBe(false);
  });

  it('refuses an unknown scenario before starting anything (exit 2, one sentence)', async () => {
    const run = await runCli(['emulator', '--scenario', 'no-such-thing']);
    expect(expectOneSentence(run, 2)).toMatch(/^Unknown scenario "no-such-thing"\. Known scenarios: reference, console, partial, neighbour, rds-single-az, /);
    expect(run.stdout).toBe('');
  });
});
