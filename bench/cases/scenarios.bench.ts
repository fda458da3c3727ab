// `npm run bench -- --only scenarios`: what creating emulated deployments costs, i.e. the
// part of `verify --target local` and of the class test (grade --target local) that is not
// verify itself. sandbox/scenarios createScenario, through the AWS SDK into the emulator:
// - cold: a fresh emulator, then the reference deployment at once (what verify --target
//   local does: start, create, verify); the emulator's start time alone too;
// - warm: the emulator already served a deployment; the reference deployment of a new
//   student in the same (default) account, and in a fresh account (AssumeRole first);
// - a class: 30 reference deployments in fresh accounts with 4 workers (as grade --target
//   local deploys a roster) and all at once, then the class-30 roster's scenarios (mixed)
//   with 4 workers;
// - the whole `node bin/cloudmart.js verify --target local` process, for scale.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_REGION, emulatorCredentialEnv, startBenchEmulator, withEnv, type BenchEmulator } from '../lib/emulator';
import { medianOf, spread, timed } from '../lib/summary';
import { measureProcess, round } from '../stats';
import type { BenchCase, BenchTarget } from '../types';

const HERE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(HERE), '../..');
const TMP = path.join(ROOT, 'bench/tmp/scenarios');
const CLI = path.join(ROOT, 'bin/cloudmart.js');
const CLASS_ROSTER = path.join(ROOT, 'fixtures/rosters/class-30.csv');

const COLD_RUNS = 3;
const WARM_RUNS = 5;
const CLASS_SIZE = 30;
const CLASS_WORKERS = 4; // commands/grade.ts deployScenarios
const CLI_LOCAL_RUNS = 2;

/** Account ids no other part of this case uses: 2000000000NN warm fresh accounts, 3000000000NN the concurrent class. */
const account = (prefix: string, n: number) => `${prefix}${String(n).padStart(10, '0')}`;

async function create(emulator: BenchEmulator, scenario: string, student: string, accountId?: string): Promise<{ ms: number; emulatorCpuS: number }> {
  const { createScenario } = await import('../../sandbox/scenarios/index');
  const cpu0 = emulator.cpuSeconds();
  const t = await timed(() => createScenario(scenario, { endpoint: emulator.endpoint, region: BENCH_REGION, student, ...(accountId ? { accountId } : {}) }));
  return { ms: t.ms, emulatorCpuS: emulator.cpuSeconds() - cpu0 };
}

function classRows(): { student: string; scenario: string; accountId: string }[] {
  return readFileSync(CLASS_ROSTER, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .slice(1)
    .map((line) => {
      const [student, , roleArn, , scenario] = line.split(',');
      return { student: student!, scenario: scenario || 'reference', accountId: roleArn!.split(':')[4]! };
    });
}

/** Deploying a class of CLASS_SIZE accounts: wall time, emulator CPU, the deployments that failed. */
interface ClassRun {
  wallMs: number;
  emulatorCpuS: number;
  failures: string[];
}

/** A class run as results.json reports it; with `oneAfterAnotherMs`, its speed-up over deploying one account after another. */
function summarizeClassRun(run: ClassRun, oneAfterAnotherMs?: number) {
  return {
    wallMs: round(run.wallMs, 0),
    perAccountMs: round(run.wallMs / CLASS_SIZE, 0),
    emulatorCpuS: round(run.emulatorCpuS, 1),
    ...(oneAfterAnotherMs === undefined ? {} : { speedupOverOneAfterAnother: round(oneAfterAnotherMs / run.wallMs, 2) }),
    failures: run.failures.length,
    firstFailure: run.failures[0],
  };
}

async function run() {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const env = emulatorCredentialEnv();
  const restoreEnv = withEnv(env);
  try {
    // 1. Cold: a fresh emulator each time, then the reference deployment.
    const cold: { startMs: number; firstCreateMs: number }[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const emulator = await startBenchEmulator();
      try {
        const first = await create(emulator, 'reference', 'student01');
        cold.push({ startMs: emulator.startMs, firstCreateMs: first.ms });
      } finally {
        await emulator.stop();
      }
    }

    // 2-3. One emulator, warmed by a first deployment.
    const emulator = await startBenchEmulator();
    let warmSameAccount: { ms: number; emulatorCpuS: number }[] = [];
    let warmFreshAccount: { ms: number; emulatorCpuS: number }[] = [];
    let concurrent: ClassRun;
    let referenceWorkers: ClassRun;
    let classWorkers: ClassRun;
    let emulatorPeakRssMiB = NaN;
    try {
      await create(emulator, 'reference', 'warm0');
      warmSameAccount = [];
      warmFreshAccount = [];
      for (let i = 1; i <= WARM_RUNS; i++) {
        warmSameAccount.push(await create(emulator, 'reference', `warm${i}`));
        warmFreshAccount.push(await create(emulator, 'reference', `fresh${i}`, account('20', i)));
      }

      const settle = async (tasks: (() => Promise<unknown>)[], workers: number) => {
        const failures: string[] = [];
        const queue = [...tasks];
        const cpu0 = emulator.cpuSeconds();
        const t = await timed(() =>
          Promise.all(
            Array.from({ length: workers }, async () => {
              for (let task = queue.shift(); task; task = queue.shift()) {
                await task().catch((error: unknown) => failures.push(error instanceof Error ? error.message : String(error)));
              }
            }),
          ),
        );
        return { wallMs: t.ms, emulatorCpuS: emulator.cpuSeconds() - cpu0, failures };
      };
      const { createScenario } = await import('../../sandbox/scenarios/index');
      const deploy = (scenario: string, student: string, accountId: string) => () =>
        createScenario(scenario, { endpoint: emulator.endpoint, region: BENCH_REGION, student, accountId });
      // The same 30 reference deployments (fresh accounts each) with 4 workers, then all at once.
      referenceWorkers = await settle(
        Array.from({ length: CLASS_SIZE }, (_, i) => deploy('reference', `w${i + 1}`, account('31', i + 1))),
        CLASS_WORKERS,
      );
      concurrent = await settle(
        Array.from({ length: CLASS_SIZE }, (_, i) => deploy('reference', `c${i + 1}`, account('30', i + 1))),
        CLASS_SIZE,
      );
      const rows = classRows();
      classWorkers = await settle(
        rows.map((r) => deploy(r.scenario, r.student, r.accountId)),
        CLASS_WORKERS,
      );
      if (rows.length !== CLASS_SIZE) throw new Error(`class-30.csv has ${rows.length} rows`);
      emulatorPeakRssMiB = emulator.peakRssMiB();
    } finally {
      await emulator.stop();
    }

    // 4. The whole `verify --target local` as a user runs it.
    const cliLocal: { wallMs: number; cpuMs: number; peakRssMiB: number }[] = [];
    for (let i = 0; i < CLI_LOCAL_RUNS; i++) {
      const m = await measureProcess(process.execPath, [CLI, 'verify', '--target', 'local', '--out', path.join(TMP, 'out'), '--quiet'], env);
      if (m.exitCode !== 0) throw new Error(`verify --target local exited ${m.exitCode}: ${(m.stderr || m.stdout).slice(-800)}`);
      cliLocal.push({ wallMs: m.wallMs, cpuMs: m.cpuMs, peakRssMiB: m.peakRssMiB });
    }

    const freshMedian = medianOf(warmFreshAccount, (s) => s.ms);
    const results = {
      cold: {
        emulatorStartMs: spread(cold.map((c) => c.startMs)),
        firstReferenceCreateMs: spread(cold.map((c) => c.firstCreateMs)),
        startPlusCreateMs: medianOf(cold, (c) => c.startMs + c.firstCreateMs),
      },
      warm: {
        referenceSameAccountMs: spread(warmSameAccount.map((s) => s.ms)),
        referenceSameAccountEmulatorCpuS: medianOf(warmSameAccount, (s) => s.emulatorCpuS, 2),
        referenceFreshAccountMs: spread(warmFreshAccount.map((s) => s.ms)),
        referenceFreshAccountEmulatorCpuS: medianOf(warmFreshAccount, (s) => s.emulatorCpuS, 2),
      },
      class: {
        reference30AccountsWith4Workers: summarizeClassRun(referenceWorkers, freshMedian * CLASS_SIZE),
        reference30AccountsAllAtOnce: summarizeClassRun(concurrent, freshMedian * CLASS_SIZE),
        class30RosterWith4Workers: summarizeClassRun(classWorkers),
        emulatorPeakRssMiB: round(emulatorPeakRssMiB, 0),
      },
      cliVerifyTargetLocal: {
        wallMs: spread(cliLocal.map((c) => c.wallMs)),
        cpuMs: spread(cliLocal.map((c) => c.cpuMs)),
        peakRssMiB: medianOf(cliLocal, (c) => c.peakRssMiB, 1),
      },
    };
    const failures = concurrent.failures.length + referenceWorkers.failures.length + classWorkers.failures.length;
    const targets: BenchTarget[] = [
      {
        name: `${CLASS_SIZE} deployments created at once, and 2 x ${CLASS_SIZE} with ${CLASS_WORKERS} workers, without a failure`,
        target: '0 failures',
        actual: `${failures} failures`,
        met: failures === 0,
      },
    ];
    const notes = [
      `cold: medians of ${COLD_RUNS} fresh emulators (startEmulator, install check included; its services warm in the background after READY, so the first deployment competes with that).`,
      `warm: medians of ${WARM_RUNS} reference deployments of new students after one deployment warmed the emulator; fresh account = a new 12-digit account each time, reached with STS AssumeRole like a member account.`,
      'class: on the same warm emulator (which by then holds the earlier deployments), in this order: 30 reference deployments in fresh accounts with 4 workers, the same all at once, then the class-30 roster (reference and defect scenarios mixed) with 4 workers as grade --target local deploys it. speedupOverOneAfterAnother = 30 x the warm fresh-account median / the wall time. The emulator is one Python process: its CPU seconds bound how much concurrency helps.',
      'cliVerifyTargetLocal: `node bin/cloudmart.js verify --target local --quiet`: emulator start, reference deployment, verify, report files, emulator stop, as the README\'s first command runs it.',
      'No speed target is set for scenario creation; the target checks that concurrent creation works.',
    ];
    return { results, targets, notes };
  } finally {
    restoreEnv();
  }
}

const benchCase: BenchCase = {
  name: 'scenarios',
  description: 'creating emulated deployments: cold (fresh emulator), warm in the same or a fresh account, 30 accounts at once and with 4 workers; verify --target local end to end',
  run,
};
export default benchCase;
