// `npm run bench -- --only check-suites`: what running the checks as vitest live suites
// costs over evaluating them directly. On the reference inventory of fixtures/inventories
// (no AWS, no emulator), in fresh child processes:
// - checks/run-check-suites.ts runCheckSuites: the first run in a process (vite's server, the worker
//   thread, the suite files and the check catalog loaded) and the runs after it;
// - the pure evaluateChecks (the same evaluateCheck per check, no vitest), first and warm;
// - how vitest is loaded: as bin/cloudmart.js does for verify and grade (vitest/node imported
//   before tsx's loader is registered), with tsx registered first, and under `node --import
//   tsx` (the `tsx` command, which the bench runner and `npm run api` use: worker threads
//   inherit the loader);
// - loading vitest/node alone in a fresh Node, with and without tsx's loader;
// - what-if: one Vitest instance kept for several runs (vitest.provide + runTestSpecifications),
//   as a class grade could run its students, against a new instance per run (runCheckSuites);
//   and one run for a whole class (runCheckSuitesForMany, what grade() does), 1 vs 30 students.
import { fileURLToPath } from 'node:url';
import type { Inventory } from '../../contract/inventory';
import { bootTimes, childArgs, reportFromChild, runChild } from '../lib/child';
import { medianOf, spread, timed } from '../lib/summary';
import { measureProcess, median, round } from '../stats';
import type { BenchCase, BenchTarget } from '../types';

const HERE = fileURLToPath(import.meta.url);
const CHILD_RUNS = 3;
const SUITE_RUNS_PER_PROCESS = 4;
const EVALUATE_RUNS = 50;
const REUSE_RUNS = 6;
const VITEST_IMPORT_RUNS = 5;
const LOADINGS = ['cli', 'tsx-first', 'node-import-tsx'] as const;

interface SuitesChildReport {
  boot: ReturnType<typeof bootTimes>;
  importRunnerMs: number;
  evaluateFirstMs: number;
  evaluateWarmMs: number;
  suiteRunsMs: number[];
  statusesAgree: boolean;
  checks: number;
  reuse?: { runsMs: number[]; statusesAgree: boolean; error?: string };
  /** One vitest run for N students (runCheckSuitesForMany), N = 1 and 30 copies of the inventory. */
  classRun?: { students1Ms: number; students30Ms: number; statusesAgree: boolean };
}

/** The child: runs on the reference inventory, in one fresh process. */
async function suitesChild(withReuse: boolean): Promise<void> {
  const imported = await timed(() => Promise.all([import('../../checks/run-check-suites'), import('../../fixtures/inventories/reference'), import('../../fixtures/inventories/variants')]));
  const [{ runCheckSuites, evaluateChecks }, { referenceInventory, ACCOUNT, REGION, STUDENT }, { withoutRedis }] = imported.value;
  const inventory = referenceInventory() as unknown as Inventory;
  const target = { kind: 'aws' as const, region: REGION, accountId: ACCOUNT, student: STUDENT };

  const first = await timed(() => evaluateChecks(inventory));
  const warm: number[] = [];
  for (let i = 0; i < EVALUATE_RUNS; i++) warm.push((await timed(() => evaluateChecks(inventory))).ms);
  const expected = first.value.map((o) => `${o.id}=${o.status}`).join(',');

  const suiteRunsMs: number[] = [];
  let statusesAgree = true;
  for (let i = 0; i < SUITE_RUNS_PER_PROCESS; i++) {
    const t = await timed(() => runCheckSuites({ inventory, target, progress: false }));
    suiteRunsMs.push(round(t.ms, 1));
    statusesAgree &&= t.value.checks.map((o) => `${o.id}=${o.status}`).join(',') === expected;
  }

  const report: SuitesChildReport = {
    boot: bootTimes(),
    importRunnerMs: round(imported.ms, 0),
    evaluateFirstMs: round(first.ms, 2),
    evaluateWarmMs: round(median(warm), 3),
    suiteRunsMs,
    statusesAgree,
    checks: first.value.length,
  };
  if (withReuse) {
    report.reuse = await reusedInstance([inventory, withoutRedis() as unknown as Inventory], evaluateChecks);
    const classOf = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ inventory, target: { ...target, student: `s${String(i + 1).padStart(2, '0')}` } }));
    const { runCheckSuitesForMany } = await import('../../checks/run-check-suites');
    const one = await timed(() => runCheckSuitesForMany(classOf(1), { progress: false }));
    const thirty = await timed(() => runCheckSuitesForMany(classOf(30), { progress: false }));
    const agree = [...one.value, ...thirty.value].every((r) => r.checks.map((o) => `${o.id}=${o.status}`).join(',') === expected);
    report.classRun = { students1Ms: round(one.ms, 1), students30Ms: round(thirty.ms, 1), statusesAgree: agree };
  }
  reportFromChild(report);
  process.exit(0);
}

/**
 * What-if: one Vitest instance for several runs, each with a new inventory provided. The
 * options are those of runCheckSuites (liveSuitesVitestArgs in checks/run-check-suites.ts), the reporter a
 * minimal one that records each test's status; each run's statuses are compared with
 * evaluateChecks on the same inventory (reference and a variant without Redis, alternating),
 * so a run that kept the previous inventory would show.
 */
async function reusedInstance(
  inventories: Inventory[],
  evaluateChecks: (inventory: Inventory) => { id: string; status: string }[],
): Promise<{ runsMs: number[]; statusesAgree: boolean; error?: string }> {
  const [{ createVitest }, { liveSuitesVitestArgs }, { DEFAULT_CHECK_CONFIG }, { RUN_INPUT_KEY }] = await Promise.all([
    import('vitest/node'),
    import('../../checks/run-check-suites'),
    import('../../checks/config'),
    import('../../checks/suites/context'),
  ]);
  const seen = new Map<string, string>();
  const reporter = {
    onTestRunStart: () => seen.clear(),
    onTestCaseResult: (testCase: { name: string; meta(): { checkOutcome?: { status: string } } }) => {
      seen.set(testCase.name, testCase.meta().checkOutcome?.status ?? 'missing');
    },
  };
  const exitCode = process.exitCode;
  const input = (i: number) => ({ runs: [{ key: 's01', inventory: inventories[i % inventories.length]!, config: DEFAULT_CHECK_CONFIG }] });
  const runsMs: number[] = [];
  let statusesAgree = true;
  const check = (i: number) => {
    const expected = evaluateChecks(inventories[i % inventories.length]!);
    statusesAgree &&= expected.length === seen.size && expected.every((o) => seen.get(o.id) === o.status);
  };
  let vitest: Awaited<ReturnType<typeof createVitest>> | undefined;
  try {
    const created = await timed(() =>
      createVitest(...liveSuitesVitestArgs([reporter], { [RUN_INPUT_KEY]: input(0) })),
    );
    vitest = created.value;
    const firstRun = await timed(() => vitest!.start());
    runsMs.push(round(created.ms + firstRun.ms, 1));
    check(0);
    const specifications = await vitest.globTestSpecifications();
    for (let i = 1; i < REUSE_RUNS; i++) {
      vitest.provide(RUN_INPUT_KEY, input(i));
      const t = await timed(() => vitest!.runTestSpecifications(specifications, true));
      runsMs.push(round(t.ms, 1));
      check(i);
    }
    return { runsMs, statusesAgree };
  } catch (error) {
    return { runsMs, statusesAgree: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await vitest?.close();
    process.exitCode = exitCode;
  }
}

const IMPORT_VITEST = `const t = performance.now(); await import('vitest/node'); console.log(JSON.stringify({ ms: performance.now() - t }));`;

async function vitestImport(withTsx: boolean): Promise<{ importMs: number; processWallMs: number }> {
  const m = await measureProcess(process.execPath, [...(withTsx ? ['--import', 'tsx'] : []), '--input-type=module', '-e', IMPORT_VITEST], {});
  if (m.exitCode !== 0) throw new Error(`importing vitest/node failed: ${m.stderr.slice(-500)}`);
  return { importMs: (JSON.parse(m.stdout.trim().split('\n').pop()!) as { ms: number }).ms, processWallMs: m.wallMs };
}

async function run() {
  const children: Record<(typeof LOADINGS)[number], { report: SuitesChildReport; wallMs: number; peakRssMiB: number }[]> = { cli: [], 'tsx-first': [], 'node-import-tsx': [] };
  for (let i = 0; i < CHILD_RUNS; i++) {
    for (const loading of LOADINGS) {
      // The reuse what-if runs in the CLI-like children only.
      const child = await runChild<SuitesChildReport>(HERE, ['suites', loading === 'cli' ? 'reuse' : 'no-reuse'], { loading });
      children[loading].push({ report: child.data, wallMs: child.wallMs, peakRssMiB: child.peakRssMiB });
    }
  }
  const plain: { importMs: number; processWallMs: number }[] = [];
  const withTsx: { importMs: number; processWallMs: number }[] = [];
  for (let i = 0; i < VITEST_IMPORT_RUNS; i++) {
    plain.push(await vitestImport(false));
    withTsx.push(await vitestImport(true));
  }

  const summarizeLoading = (loading: (typeof LOADINGS)[number]) => {
    const rs = children[loading].map((c) => c.report);
    return {
      vitestImportBeforeTsxMs: loading === 'cli' ? medianOf(rs, (r) => r.boot?.vitestImportMs ?? NaN) : null,
      importRunnerAndChecksMs: medianOf(rs, (r) => r.importRunnerMs),
      suiteRunMs: Array.from({ length: SUITE_RUNS_PER_PROCESS }, (_, k) => medianOf(rs, (r) => r.suiteRunsMs[k]!)),
      evaluateChecksFirstMs: medianOf(rs, (r) => r.evaluateFirstMs, 2),
      evaluateChecksWarmMs: medianOf(rs, (r) => r.evaluateWarmMs, 3),
      statusesAgree: rs.every((r) => r.statusesAgree),
      processWallMs: spread(children[loading].map((c) => c.wallMs)),
      peakRssMiB: medianOf(children[loading], (c) => c.peakRssMiB, 1),
    };
  };
  const byLoading = { cli: summarizeLoading('cli'), 'tsx-first': summarizeLoading('tsx-first'), 'node-import-tsx': summarizeLoading('node-import-tsx') };

  const cliReports = children.cli.map((c) => c.report);
  const reuse = cliReports.map((r) => r.reuse!);
  const reuseRunsMs = Array.from({ length: REUSE_RUNS }, (_, k) => medianOf(reuse, (r) => r.runsMs[k] ?? NaN, 1));
  const cli = byLoading.cli;
  const firstRun = cli.suiteRunMs[0]!;
  const laterRun = median(cli.suiteRunMs.slice(1));
  const checks = cliReports[0]!.checks;
  const results = {
    checks,
    inventory: 'fixtures/inventories/reference.ts referenceInventory()',
    byLoading,
    overheadPerRunCli: {
      firstRunMs: firstRun,
      laterRunMs: round(laterRun, 1),
      evaluateChecksWarmMs: cli.evaluateChecksWarmMs,
      laterRunOverEvaluate: round(laterRun / cli.evaluateChecksWarmMs, 0),
      perCheckLaterRunMs: round(laterRun / checks, 2),
    },
    loadingVitestNodeAlone: {
      plainNode: { importMs: spread(plain.map((p) => p.importMs)), processWallMs: spread(plain.map((p) => p.processWallMs)) },
      nodeImportTsx: { importMs: spread(withTsx.map((p) => p.importMs)), processWallMs: spread(withTsx.map((p) => p.processWallMs)) },
    },
    whatIfReusedVitestInstance: {
      runsMs: reuseRunsMs,
      laterRunMs: round(median(reuseRunsMs.slice(1)), 1),
      statusesAgree: reuse.every((r) => r.statusesAgree),
      errors: reuse.flatMap((r) => (r.error ? [r.error] : [])),
    },
    whatIfOneRunForTheClass: {
      students1Ms: medianOf(cliReports, (r) => r.classRun!.students1Ms, 1),
      students30Ms: medianOf(cliReports, (r) => r.classRun!.students30Ms, 1),
      runCheckSuites30TimesMs: round(firstRun + 29 * laterRun, 0),
      statusesAgree: cliReports.every((r) => r.classRun!.statusesAgree),
    },
  };
  const agree = LOADINGS.every((l) => byLoading[l].statusesAgree);
  const targets: BenchTarget[] = [
    {
      name: 'live suites and evaluateChecks give the same statuses (every run, every way of loading)',
      target: 'equal',
      actual: agree ? 'equal' : 'DIFFERENT',
      met: agree,
    },
  ];
  const notes = [
    `Medians of ${CHILD_RUNS} fresh child processes per way of loading; in each, ${SUITE_RUNS_PER_PROCESS} runCheckSuites runs one after another (suiteRunMs[0] is the first run in the process) and evaluateChecks once cold then ${EVALUATE_RUNS} times warm.`,
    'byLoading.cli: vitest/node imported before tsx registers (bin/cloudmart.js for verify and grade); tsx-first: tsx registered first with its API; node-import-tsx: `node --import tsx`, as the tsx command runs (the bench runner itself: in-process figures of other cases were taken that way). importRunnerAndChecksMs: importing checks/run-check-suites.ts and the inventory fixtures after start-up.',
    'loadingVitestNodeAlone: `import("vitest/node")` in a fresh Node, plain vs with `--import tsx`.',
    `whatIfReusedVitestInstance: one Vitest instance (runCheckSuites' options) for ${REUSE_RUNS} runs, a new inventory provided before each (reference and one without Redis alternating); runsMs[0] includes creating the instance. statusesAgree compares every run with evaluateChecks on its inventory.`,
    'whatIfOneRunForTheClass: the live suites of 1 and of 30 students (copies of the reference inventory) in ONE vitest run (runCheckSuitesForMany: one describe per student, what grade() does), a fresh Vitest instance each, after the runs above; runCheckSuites30TimesMs = first run + 29 later runs, what 30 separate runs would cost.',
    'processWallMs of the cli children includes the what-ifs (they run only there), so it is not comparable with the other two ways of loading.',
    'No target was set for this overhead; the figures feed the verify and grade targets (runCheckSuites is most of an in-process verify, and grade runs it once per student, one at a time).',
  ];
  return { results, targets, notes };
}

const benchCase: BenchCase = {
  name: 'check-suites',
  description: 'overhead of the vitest live suites (runCheckSuites, first and later runs, ways of loading vitest) vs the pure evaluateChecks, on the reference inventory',
  run,
};
export default benchCase;

const args = childArgs(HERE);
if (args?.[0] === 'suites') await suitesChild(args[1] === 'reuse');
