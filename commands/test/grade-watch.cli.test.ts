// `cloudmart grade --watch` from the command line (issue 17, part 2): it says the board's
// address and one line per round, writes the files `grade` writes as each round ends, and stops
// at Ctrl-C (SIGINT) between rounds or at the end of the challenge (--start + --duration), after
// a last round at the end even when preparing the class took longer than the time left. Each
// run starts its own emulator with --target local, as it does for an instructor.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, EMULATOR_ENV, ROOT, runCli, tempDirs, userEnv } from './support';

const ROSTER = `student_id,name,role_arn,scenario
c01,Kim,arn:aws:iam::500000000001:role/OrganizationAccountAccessRole,rds-single-az
c02,Lee,arn:aws:iam::500000000002:role/OrganizationAccountAccessRole,no-dashboard
`;
const tempDir = tempDirs('cloudmart-watch-cli-');

function roster(): string {
  const file = path.join(tempDir(), 'roster.csv');
  writeFileSync(file, ROSTER);
  return file;
}

function expectClassFiles(out: string) {
  for (const file of ['class.html', 'grades.csv', 'class.json']) expect(existsSync(path.join(out, file)), file).toBe(true);
  for (const student of ['c01', 'c02']) expect(existsSync(path.join(out, student, 'report.html')), student).toBe(true);
}

describe('grade --watch from the command line', { timeout: 180_000 }, () => {
  it('Ctrl-C between rounds: says the board and the rounds, and leaves the last round’s files (written as each round ends)', async () => {
    const out = path.join(tempDir(), 'class');
    const child = spawn(process.execPath, [CLI, 'grade', '--roster', roster(), '--target', 'local', '--watch', '--serve', '--interval', '600', '--out', out, '--lang', 'en'], {
      cwd: ROOT,
      env: userEnv(EMULATOR_ENV),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no round within 150 s\n${stdout}\n${stderr}`)), 150_000);
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (/^round 1: /m.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // Written when the round ended, before any Ctrl-C.
    expectClassFiles(out);
    child.kill('SIGINT');
    const code = await closed;
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toMatch(/^board: http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(stdout).toMatch(/^round 1: 2 graded, 0 error\(s\), mean \d+(\.\d)?%$/m);
    expect(stdout).toContain(`graded 2 of 2 student(s); class report: ${out}/class.html`);
    expect(stderr).toContain(`Stopping: the files of the last finished round are in ${out}`);
    expectClassFiles(out);
  });

  it('ends by itself at the end of the challenge (--start + --duration) and writes the files', async () => {
    const out = path.join(tempDir(), 'class');
    // Started 49.7 minutes ago: about 20 s of the 50 are left, less than starting the emulator takes.
    const start = new Date(Date.now() - 49.7 * 60_000).toISOString();
    const run = await runCli(['grade', '--roster', roster(), '--target', 'local', '--watch', '--interval', '5', '--start', start, '--out', out, '--lang', 'en'], { timeoutMs: 170_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^round 1: /m);
    expect(run.stdout).not.toContain('board:');
    expectClassFiles(out);
  });
});
