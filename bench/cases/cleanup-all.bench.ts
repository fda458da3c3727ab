// `npm run bench -- --only cleanup-all`: what `cleanup --all --older-than-expiry --yes`
// (cleanup/all-expired.ts, the janitor's code) costs on the emulator, for one expired
// deployment and for a class of 30, each beside one deployment that has not expired (which
// must be kept). Deployments are the `partial` scenario (no Redis: moto never finishes
// deleting a replication group), in the default account, expired an hour ago. Measured
// in-process on one session: wall time, emulator CPU and AWS calls, the listing (dry run) and
// the deletion; the class with the default concurrency (4 deployments at a time) and with 1,
// to show what bounded concurrency buys on a one-process emulator.
import { mapLimit } from '../../contract/bounded';
import { sessionFor } from '../../checks/aws/session';
import { emulatorCredentials } from '../../sandbox/emulator/emulator';
import { createScenario } from '../../sandbox/scenarios/index';
import { cleanAllExpired, DEFAULT_ALL_CONCURRENCY, type AllExpiredResult } from '../../cleanup/all-expired';
import { BENCH_REGION, startBenchEmulator, type BenchEmulator } from '../lib/emulator';
import { timed, sum } from '../lib/summary';
import { round } from '../stats';
import type { BenchCase, BenchTarget } from '../types';

const CLASS_SIZE = 30;
const CREATE_WORKERS = 4;
/** Emulated deletions finish at once: poll fast, retry a dependency briefly. */
const FAST = { pollIntervalMs: 200, timeoutMs: 60_000, dependencyRetry: { intervalMs: 200, forMs: 5_000 } };

interface Measured {
  listMs: number;
  deleteMs: number;
  emulatorCpuS: number;
  awsCalls: number;
  deleted: number;
  kept: number;
  failed: number;
}

async function createClass(emulator: BenchEmulator, prefix: string, size: number): Promise<void> {
  const past = new Date(Date.now() - 3600_000).toISOString();
  const target = { endpoint: emulator.endpoint, region: BENCH_REGION };
  await mapLimit(
    Array.from({ length: size }, (_, i) => `${prefix}${i + 1}`),
    CREATE_WORKERS,
    (student) => createScenario('partial', { ...target, student, expiresAt: past }),
  );
  await createScenario('partial', { ...target, student: `${prefix}keep` });
}

async function measure(emulator: BenchEmulator, concurrency: number): Promise<Measured> {
  const session = sessionFor({ endpoint: emulator.endpoint, region: BENCH_REGION, credentials: emulatorCredentials() }, 'bench-cleanup-all');
  try {
    const cpu0 = emulator.cpuSeconds();
    const list = await timed(() => cleanAllExpired(session, { lang: 'en', concurrency, ...FAST }));
    const calls0 = sum(Object.values(session.recorder.counts()));
    const deletion = await timed(() => cleanAllExpired(session, { lang: 'en', yes: true, concurrency, ...FAST }));
    const result: AllExpiredResult = deletion.value;
    const count = (status: string) => result.record.deployments.filter((d) => d.status === status).length;
    return {
      listMs: round(list.ms, 0),
      deleteMs: round(deletion.ms, 0),
      emulatorCpuS: round(emulator.cpuSeconds() - cpu0, 1),
      awsCalls: sum(Object.values(session.recorder.counts())) - calls0,
      deleted: count('deleted'),
      kept: count('kept'),
      failed: count('failed'),
    };
  } finally {
    session.destroy();
  }
}

async function run() {
  const emulator = await startBenchEmulator();
  try {
    // Warm the emulator (moto loads each service on first use) so the single run is not the cold one.
    await createClass(emulator, 'warm', 1);
    await measure(emulator, DEFAULT_ALL_CONCURRENCY);

    // Each measurement in an emptied account: the class is the account's only content.
    await emulator.reset();
    await createClass(emulator, 'one', 1);
    const one = await measure(emulator, DEFAULT_ALL_CONCURRENCY);
    await emulator.reset();
    await createClass(emulator, 'cls', CLASS_SIZE);
    const thirty = await measure(emulator, DEFAULT_ALL_CONCURRENCY);
    await emulator.reset();
    await createClass(emulator, 'seq', CLASS_SIZE);
    const thirtyOneAtATime = await measure(emulator, 1);

    const results = {
      oneDeployment: one,
      thirtyDeployments: { ...thirty, perDeploymentMs: round(thirty.deleteMs / CLASS_SIZE, 0), timesOne: round(thirty.deleteMs / one.deleteMs, 1) },
      thirtyOneAtATime: { ...thirtyOneAtATime, speedupOfConcurrency: round(thirtyOneAtATime.deleteMs / thirty.deleteMs, 2) },
      emulatorPeakRssMiB: round(emulator.peakRssMiB(), 0),
    };
    const targets: BenchTarget[] = [
      {
        name: `cleanup --all --yes over ${CLASS_SIZE} expired deployments: every one deleted, the one not expired kept`,
        target: `${CLASS_SIZE} deleted, 1 kept, 0 failed`,
        actual: `${thirty.deleted} deleted, ${thirty.kept} kept, ${thirty.failed} failed`,
        met: thirty.deleted === CLASS_SIZE && thirty.kept === 1 && thirty.failed === 0 && one.deleted === 1 && one.kept === 1,
      },
      {
        // Each deployment's discovery reads the region's lists (every deployment's resources),
        // so the work grows with the square of the class; concurrency has to win that back.
        name: `${CLASS_SIZE} deployments cost at most ${CLASS_SIZE} times one (the class is cleaned ${DEFAULT_ALL_CONCURRENCY} at a time)`,
        target: `<= ${CLASS_SIZE}x one`,
        actual: `${results.thirtyDeployments.timesOne}x one`,
        met: results.thirtyDeployments.timesOne <= CLASS_SIZE,
      },
    ];
    const notes = [
      'In-process on one AWS session, against the local emulator (one Python process: its CPU bounds what concurrency buys). listMs: the dry run (discovery of every expired deployment); deleteMs: the run with --yes; awsCalls: the calls of the run with --yes.',
      'The emulator is reset before each measurement, so each class is alone in the account. Every deployment\'s discovery (collectWithSession) lists the whole region (one call per operation, then the deployment\'s part), so its cost grows with the account: cleaning N deployments costs about N x N region listings. The listing figure shows it too.',
      'On AWS the time is CloudFormation\'s and RDS\'s deletion time (minutes per deployment), not the harness\'s: these figures are the harness\'s own cost.',
    ];
    return { results, targets, notes };
  } finally {
    await emulator.stop();
  }
}

const benchCase: BenchCase = {
  name: 'cleanup-all',
  description: 'cleanup --all --older-than-expiry --yes on the emulator: one expired deployment vs a class of 30 (4 at a time, and 1 at a time), each beside one not expired',
  run,
};
export default benchCase;
