// Bench children: a case file that also runs as a child process of its own (a fresh Node,
// started like the CLI starts, see launch.mjs), measured from outside with GNU time and
// reporting its inside timings as one JSON line on standard output.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureProcess, type ProcessMeasure } from '../stats';

const LAUNCHER = fileURLToPath(new URL('./launch.mjs', import.meta.url));

/** The start-up steps launch.mjs timed (ms). */
export interface BootTimes {
  nodeBootMs: number;
  preloadVitest: boolean;
  vitestImportMs: number;
  tsxRegisterMs: number;
  readyMs: number;
}

export function bootTimes(): BootTimes | undefined {
  return (globalThis as { benchBoot?: BootTimes }).benchBoot;
}

/** The child's arguments after `--child` when this process is the child of `caseFile`; undefined otherwise. */
export function childArgs(caseFile: string): string[] | undefined {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== caseFile || process.argv[2] !== '--child') return undefined;
  return process.argv.slice(3);
}

/** Prints the child's figures: the last line of its standard output is what runChild reads. */
export function reportFromChild(data: unknown): void {
  process.stdout.write(`\n${JSON.stringify(data)}\n`);
}

export interface ChildRun<T> extends ProcessMeasure {
  data: T;
}

/**
 * Runs `caseFile --child ...args` in a fresh Node started like the CLI (vitest before tsx;
 * see `loading` for the other ways), under GNU time: process wall and CPU time, peak RSS, and the JSON
 * the child printed last.
 */
export async function runChild<T>(
  caseFile: string,
  args: readonly string[],
  options: {
    env?: NodeJS.ProcessEnv;
    /** How tsx and vitest load: as bin/cloudmart.js (default), tsx registered first, or `node --import tsx` (the tsx command). */
    loading?: 'cli' | 'tsx-first' | 'node-import-tsx';
  } = {},
): Promise<ChildRun<T>> {
  const loading = options.loading ?? 'cli';
  const nodeArgs = loading === 'node-import-tsx' ? ['--import', 'tsx'] : [];
  const measured = await measureProcess(process.execPath, [...nodeArgs, LAUNCHER, caseFile, '--child', ...args], {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    BENCH_PRELOAD_VITEST: loading === 'cli' ? '1' : '0',
    BENCH_TSX_PRELOADED: loading === 'node-import-tsx' ? '1' : '0',
    ...options.env,
  });
  const last = measured.stdout.trim().split('\n').pop() ?? '';
  if (measured.exitCode !== 0 || !last.startsWith('{')) {
    throw new Error(`bench child ${path.basename(caseFile)} ${args.join(' ')} exited ${measured.exitCode}: ${(measured.stderr || measured.stdout).slice(-1500)}`);
  }
  return { ...measured, data: JSON.parse(last) as T };
}
