// Bench `synth`: wall time and peak memory of synthesizing the reference app (production
// profile) (a) plain, (b) with the cdk-nag gate, (c) with the gate and aws-cdk-lib's
// built-in CloudFormation validation. Each run is a fresh child process (this file with
// --child), measured with measureProcess; the figures are medians of RUNS runs, the runs of
// the three variants interleaved so machine noise spreads evenly.
// Target: the gate adds at most 30% to the plain synth's wall time.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureProcess, median, round } from '../stats';
import type { BenchCase } from '../types';

const RUNS = 5;
const TARGET_RATIO = 1.3;
const VARIANTS = {
  plain: { nag: false, builtinValidation: false },
  nag: { nag: true, builtinValidation: false },
  'nag+cfn-validation': { nag: true, builtinValidation: true },
} as const;
type Variant = keyof typeof VARIANTS;

const HERE = fileURLToPath(import.meta.url);

/** The child: synthesize once and print the in-process time of building and synthesizing the app. */
async function child(variant: Variant, bundleDir: string): Promise<void> {
  const started = performance.now();
  const { buildReferenceApp } = await import('../../stacks/app');
  const imported = performance.now();
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-bench-synth-'));
  const { app } = buildReferenceApp({
    student: 'bench',
    profile: 'production',
    expiresAt: '2026-01-01T00:00:00Z',
    workloadBundleDir: bundleDir,
    outdir,
    throwOnFindings: false,
    ...VARIANTS[variant],
  });
  app.synth();
  const done = performance.now();
  rmSync(outdir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ importMs: imported - started, synthMs: done - imported }) + '\n');
}

async function run(): Promise<{ results: Record<string, unknown>; targets: { name: string; target: string; actual: string; met: boolean }[]; notes: string[] }> {
  const { buildWorkloadBundle } = await import('../../stacks/workload/bundle');
  const bundleDir = await buildWorkloadBundle(mkdtempSync(path.join(os.tmpdir(), 'cloudmart-bench-bundle-')));
  const samples: Record<Variant, { wallMs: number; peakRssMiB: number; synthMs: number }[]> = { plain: [], nag: [], 'nag+cfn-validation': [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const variant of Object.keys(VARIANTS) as Variant[]) {
        const measured = await measureProcess(process.execPath, ['--import', 'tsx', HERE, '--child', variant, bundleDir]);
        if (measured.exitCode !== 0) throw new Error(`synth (${variant}) exited ${measured.exitCode}: ${measured.stderr.slice(-500)}`);
        const inner = JSON.parse(measured.stdout.trim().split('\n').pop()!) as { synthMs: number };
        samples[variant].push({ wallMs: measured.wallMs, peakRssMiB: measured.peakRssMiB, synthMs: inner.synthMs });
      }
    }
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }
  const summary = Object.fromEntries(
    (Object.keys(VARIANTS) as Variant[]).map((variant) => [
      variant,
      {
        wallMs: round(median(samples[variant].map((s) => s.wallMs)), 0),
        synthMs: round(median(samples[variant].map((s) => s.synthMs)), 0),
        peakRssMiB: round(median(samples[variant].map((s) => s.peakRssMiB)), 1),
        runs: samples[variant].map((s) => ({ wallMs: round(s.wallMs, 0), synthMs: round(s.synthMs, 0), peakRssMiB: round(s.peakRssMiB, 1) })),
      },
    ]),
  ) as unknown as Record<Variant, { wallMs: number; synthMs: number; peakRssMiB: number }>;
  const ratio = (a: number, b: number) => round(a / b, 3);
  const ratios = {
    'nag/plain': { wallMs: ratio(summary.nag.wallMs, summary.plain.wallMs), synthMs: ratio(summary.nag.synthMs, summary.plain.synthMs), peakRssMiB: ratio(summary.nag.peakRssMiB, summary.plain.peakRssMiB) },
    'nag+cfn-validation/plain': {
      wallMs: ratio(summary['nag+cfn-validation'].wallMs, summary.plain.wallMs),
      synthMs: ratio(summary['nag+cfn-validation'].synthMs, summary.plain.synthMs),
      peakRssMiB: ratio(summary['nag+cfn-validation'].peakRssMiB, summary.plain.peakRssMiB),
    },
  };
  const wallRatio = ratios['nag/plain'].wallMs;
  return {
    results: { runsPerVariant: RUNS, profile: 'production', ...summary, ratios },
    targets: [{ name: 'cdk-nag wall time over plain synth', target: `<= ${TARGET_RATIO.toFixed(2)}`, actual: wallRatio.toFixed(3), met: wallRatio <= TARGET_RATIO }],
    notes: [
      'wallMs: the whole child process (Node start, tsx, loading aws-cdk-lib, building and synthesizing the app), as a user waits for it; synthMs: building and synthesizing the app only, measured inside the child.',
      'The workload bundle is built once before the runs and reused (its asset staging is part of every synth).',
    ],
  };
}

const benchCase: BenchCase = {
  name: 'synth',
  description: 'synth of the reference app: plain, with cdk-nag, with cdk-nag and built-in CloudFormation validation',
  run,
};
export default benchCase;

if (process.argv[1] && path.resolve(process.argv[1]) === HERE && process.argv[2] === '--child') {
  await child(process.argv[3] as Variant, process.argv[4]!);
}
