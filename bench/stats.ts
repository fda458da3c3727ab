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
  /**
   * User + system CPU time of the process and its threads (GNU time %U + %S), ms. On a shared
   * machine wall time swings with the load; CPU time tells the process's own work from waiting.
   */
  cpuMs: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in a child process under GNU time (Debian package `time`, installed by
 * .ci/run) and returns its wall time, CPU time and peak resident memory.
 */
export function measureProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessMeasure> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-bench-'));
  const timeFile = path.join(dir, 'time.txt');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'BENCH_TIME %M %U %S', '-o', timeFile, command, ...args], {
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
      // GNU time writes "Command exited with non-zero status N" before its format line.
      const line = readFileSync(timeFile, 'utf8').split('\n').find((l) => l.startsWith('BENCH_TIME ')) ?? '';
      rmSync(dir, { recursive: true, force: true });
      const [kib, user, sys] = line.split(' ').slice(1).map(Number);
      resolve({ wallMs, peakRssMiB: (kib ?? NaN) / 1024, cpuMs: ((user ?? NaN) + (sys ?? NaN)) * 1000, exitCode: code ?? -1, stdout, stderr });
    });
  });
}
