// Small statistics and a process meter shared by bench cases.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface ProcessMeasure {
  wallMs: number;
  /** Peak resident memory of the process, MiB, as GNU time reports it (%M). */
  peakRssMiB: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in a child process under GNU time (Debian package `time`, installed by
 * .ci/run) and returns its wall time and peak resident memory.
 */
export function measureProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessMeasure> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-bench-'));
  const timeFile = path.join(dir, 'time.txt');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', timeFile, command, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const wallMs = performance.now() - started;
      const kib = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
      rmSync(dir, { recursive: true, force: true });
      resolve({ wallMs, peakRssMiB: kib / 1024, exitCode: code ?? -1, stdout, stderr });
    });
  });
}
