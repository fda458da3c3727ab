// Shared helpers of the command tests: the real CLI as a child process (asynchronously, so
// an emulator or fault proxy in this process keeps answering it), the environment a user
// would run it in, temporary folders, and the "one sentence, no stack trace" rule.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { Report } from '../../contract/report';

// The SDK's notice about future Node versions is noise in test output (bin/cloudmart.js sets the same).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'bin/cloudmart.js');
export const REGION = 'ap-northeast-2';

/** Static credentials an emulator accepts, as a user would export them. */
export const EMULATOR_ENV = { AWS_ACCESS_KEY_ID: 'AKIAEMULATORTESTING1', AWS_SECRET_ACCESS_KEY: 'emulator-secret-access-key' } as const;

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The process environment without anything AWS or vitest put there (the parent is a vitest
 * worker; the CLI must run as it runs for a user), plus `extra`.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('AWS_') || key.startsWith('VITEST') || key === 'TEST' || key === 'NODE_ENV') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs `node bin/cloudmart.js ...args` to its end. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? userEnv(EMULATOR_ENV),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cloudmart ${args.join(' ')} did not finish within ${options.timeoutMs ?? 90_000} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 90_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * The CLI ended with `code` and said what is wrong in exactly one sentence on stderr: one
 * line, prefixed "cloudmart: ", ending with a full stop (or a question), no stack trace, no "internal error".
 * Returns the sentence without the prefix. With `progress`, the command's indented progress
 * lines may come before it.
 */
export function expectOneSentence(run: CliRun, code: number, options: { progress?: boolean } = {}): string {
  const context = `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
  expect(run.code, context).toBe(code);
  expect(run.stderr, context).not.toMatch(/^\s+at /m);
  // Commands that report progress on stderr (cleanup, drill) indent it by two spaces.
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '' && !(options.progress && /^ {2}\S/.test(l)));
  expect(lines, context).toHaveLength(1);
  const line = lines[0]!;
  expect(line, context).toMatch(/^cloudmart: \S.*[.?]$/);
  expect(line).not.toMatch(/internal error|\n\s+at |Error:/);
  return line.slice('cloudmart: '.length);
}

/** A fresh temporary folder, removed after the file's tests. */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** A report.json read back and validated against the contract. */
export function readReport(file: string): Report {
  return Report.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** check id -> status, for whole-map comparisons. */
export function statusMap(report: { checks: readonly { id: string; status: string }[] }): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}
