// measureProcess (bench/stats.ts) plus the CPU time the process used. On a shared machine
// wall time swings with the load; user + system CPU time says how much work the process
// itself did, so a lead comparing two runs can tell work from waiting.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProcessMeasure } from '../stats';

export interface ProcessCpuMeasure extends ProcessMeasure {
  /** User + system CPU time of the process and its threads (GNU time %U + %S), ms. */
  cpuMs: number;
}

/** Runs a command under GNU time: wall time, CPU time and peak resident memory. */
export function measureProcessCpu(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessCpuMeasure> {
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
