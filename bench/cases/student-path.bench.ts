// `npm run bench -- --only student-path` (issue 15): the student's whole local path, through
// the CLI as a student runs it, into a fresh emulator: `deploy` (the CDK CLI: bootstrap, the
// workload bundle asset, change sets; the six stacks of the default profile), `verify` of
// what it deployed, `destroy --yes`. For each: wall time, CPU time and peak memory of the
// process tree (GNU time: the largest single process of the tree, i.e. the CLI or the CDK CLI
// it runs), and the emulator's own CPU and peak memory over the whole path.
// Target: deploy + verify + destroy under 2 minutes on a 2-core machine.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checksFailedByDesign } from '../../stacks/profiles';
import { emulatorCredentialEnv, startBenchEmulator } from '../lib/emulator';
import { measureProcess, round, type ProcessMeasure } from '../stats';
import type { BenchCase, BenchOutcome } from '../types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin/cloudmart.js');
const STUDENT = 'bench';
const PROFILE = 'default';
const TARGET_TOTAL_MS = 120_000;

interface Step {
  wallMs: number;
  cpuMs: number;
  peakRssMiB: number;
}

function step(m: ProcessMeasure): Step {
  return { wallMs: round(m.wallMs, 0), cpuMs: round(m.cpuMs, 0), peakRssMiB: round(m.peakRssMiB, 1) };
}

/** `node bin/cloudmart.js ...args` under GNU time. */
function cli(args: string[], env: Record<string, string>): Promise<ProcessMeasure> {
  return measureProcess(process.execPath, [CLI, ...args], env);
}

function failedStep(name: string, m: ProcessMeasure): Error {
  return new Error(`cloudmart ${name} exited ${m.exitCode}: ${(m.stderr || m.stdout).slice(-2000)}`);
}

async function run(): Promise<BenchOutcome> {
  const emulator = await startBenchEmulator();
  const work = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-bench-student-path-'));
  // A user's environment: the emulator's credentials as exported keys, a HOME of its own.
  const env = { ...emulatorCredentialEnv(), HOME: work };
  try {
    const common = ['--endpoint', emulator.endpoint, '--student', STUDENT, '--lang', 'en'];
    const deploy = await cli(['deploy', ...common, '--deployment-profile', PROFILE, '--out', path.join(work, 'cdk.out')], env);
    if (deploy.exitCode !== 0) throw failedStep('deploy', deploy);

    const reportDir = path.join(work, 'report');
    const verify = await cli(['verify', ...common, '--format', 'json', '--out', reportDir], env);
    // verify exits 1 when a check fails: the default profile fails nat.per-az by design.
    if (verify.exitCode !== 0 && verify.exitCode !== 1) throw failedStep('verify', verify);
    const report = JSON.parse(readFileSync(path.join(reportDir, 'report.json'), 'utf8')) as { score: { percent: number }; checks: { id: string; status: string }[] };
    const notPassing = report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}=${c.status}`);
    const expected = checksFailedByDesign(PROFILE).map((id) => `${id}=fail`);
    if (JSON.stringify([...notPassing].sort()) !== JSON.stringify([...expected].sort())) {
      throw new Error(`verify of the deployed ${PROFILE} profile did not fail exactly ${expected.join(', ')}: ${notPassing.join(', ')}`);
    }

    const destroy = await cli(['destroy', ...common, '--deployment-profile', PROFILE, '--yes', '--out', path.join(work, 'cdk.out')], env);
    if (destroy.exitCode !== 0) throw failedStep('destroy', destroy);

    const totalMs = deploy.wallMs + verify.wallMs + destroy.wallMs;
    return {
      results: {
        profile: PROFILE,
        deploy: step(deploy),
        verify: { ...step(verify), scorePercent: report.score.percent },
        destroy: step(destroy),
        totalWallMs: round(totalMs, 0),
        emulator: { startMs: round(emulator.startMs, 0), cpuSeconds: round(emulator.cpuSeconds(), 1), peakRssMiB: round(emulator.peakRssMiB(), 1) },
      },
      targets: [{ name: 'deploy + verify + destroy (wall)', target: `< ${TARGET_TOTAL_MS / 1000} s`, actual: `${round(totalMs / 1000, 1)} s`, met: totalMs < TARGET_TOTAL_MS }],
      notes: [
        `node bin/cloudmart.js deploy | verify | destroy --yes --endpoint <fresh emulator> --student ${STUDENT} --deployment-profile ${PROFILE}, one run each, in order; the emulator's start is excluded from the total.`,
        'peakRssMiB of a step: GNU time %M of the CLI process tree, i.e. the largest single process in it (the CLI, the CDK CLI it spawns or a vitest worker), not their sum.',
        'emulator: CPU seconds and peak RSS (VmHWM, supervisor + worker summed) of the emulator over the whole path.',
        `verify must fail exactly what the ${PROFILE} profile gives up by design (${checksFailedByDesign(PROFILE).join(', ') || 'nothing'}), or the case fails.`,
      ],
    };
  } finally {
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

const studentPath: BenchCase = {
  name: 'student-path',
  description: "the student's local path through the CLI: deploy of the six stacks into a fresh emulator, verify, destroy --yes",
  run,
};

export default studentPath;
