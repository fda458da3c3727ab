// `npm run bench -- --only verify` (issue 4): how long a full verify of the emulated
// `reference` deployment takes with the emulator already running, how many AWS calls it
// sends, and how both change from 1 to 3 deployments in one account.
//
// The emulator starts once (untimed), the reference deployment of s01 is created in it and
// one untimed verify warms it (moto builds each service's app on its first request). Then:
// - in-process: commands/verify.ts verify() against --endpoint (target aws, the emulator's
//   credentials through the standard chain), whole, and phase by phase as verify composes
//   them (collect: checks/collect.ts, suites: checks/run-check-suites.ts runCheckSuites, score+render:
//   reports/), medians of RUNS;
// - the CLI as a user runs it: `node bin/cloudmart.js verify --endpoint ...` (what
//   `npm run verify` runs) in a fresh process: Node, tsx, vitest and the whole CLI load
//   every time. THE TARGET (< 3 s, "excluding emulator start") APPLIES TO THIS process wall
//   time: nothing but the emulator's start is excluded from what the user waits for;
// - a cold child started like the CLI that times each start-up step, the first verify
//   phase by phase, and the loading of the CLI's other commands (what a lazily-loading CLI
//   would save), plus `npm run verify` and a CPU profile of one CLI run;
// - AWS calls per run (Inventory.calls), by operation, per check, and with one check
//   evaluated instead of all (collection does not depend on the checks);
// - 3 reference deployments (s01, s02, s03) in the same account, verifying s01.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Inventory } from '../../contract/inventory';
import { bootTimes, childArgs, reportFromChild, runChild } from '../lib/child';
import { summarizeProfiles } from '../lib/cpu-profile';
import { BENCH_REGION, emulatorCredentialEnv, startBenchEmulator, withEnv } from '../lib/emulator';
import { medianOf, spread, sum, timed } from '../lib/summary';
import { measureProcess, round } from '../stats';
import type { BenchCase, BenchTarget } from '../types';

const HERE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(HERE), '../..');
const TMP = path.join(ROOT, 'bench/tmp/verify');
const CLI = path.join(ROOT, 'bin/cloudmart.js');

const STUDENT = 's01';
const NEIGHBOURS = ['s02', 's03'];
const RUNS = 7;
const CLI_RUNS = 5;
const COLD_RUNS = 3;
const NPM_RUNS = 3;
const SDK_IMPORT_RUNS = 3;
const TARGET_MS = 3000;

/** The SDK clients the collectors use (checks/aws/services.ts without cleanup's sns, secrets manager and ssm). */
const COLLECTOR_SDK_PACKAGES = [
  '@aws-sdk/client-sts',
  '@aws-sdk/client-cloudformation',
  '@aws-sdk/client-resource-groups-tagging-api',
  '@aws-sdk/client-ec2',
  '@aws-sdk/client-elastic-load-balancing-v2',
  '@aws-sdk/client-auto-scaling',
  '@aws-sdk/client-rds',
  '@aws-sdk/client-elasticache',
  '@aws-sdk/client-cloudfront',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-cloudwatch',
  '@aws-sdk/client-cloudwatch-logs',
  '@aws-sdk/client-backup',
  '@aws-sdk/client-iam',
] as const;

/** What cli/main.ts loads for its other commands (the imports of cli/commands/*.ts besides verify). */
const OTHER_COMMAND_MODULES = [
  ['cdk, synth (aws-cdk-lib, cdk-nag, esbuild)', ['../../commands/cdk', '../../commands/synth']],
  ['cleanup', ['../../commands/cleanup']],
  ['drill (load/)', ['../../commands/drill', '../../commands/drill-report']],
  ['emulator', ['../../commands/emulator']],
  ['grade', ['../../commands/grade']],
  ['nag', ['../../commands/nag']],
  ['waivers', ['../../commands/waivers']],
] as const;

interface Phases {
  inputsMs: number;
  collectMs: number;
  suitesMs: number;
  scoreRenderMs: number;
  totalMs: number;
  calls: Record<string, number>;
  checks: number;
  notPassed: string[];
}

/**
 * verify() of commands/verify.ts for `--target aws --endpoint`, step by step with the same
 * calls in the same order, so each step can be timed. Product modules load on first use
 * (dynamic imports), so the cold child can time their loading.
 */
async function phasedVerify(endpoint: string, student: string): Promise<Phases> {
  const [{ collectInventory }, { runCheckSuites, warmUpCheckSuites }, reports, { loadGradingInputs }] = await Promise.all([
    import('../../checks/collect'),
    import('../../checks/run-check-suites'),
    import('../../reports/index'),
    import('../../commands/grading-inputs'),
  ]);
  const started = performance.now();
  const inputs = await timed(() => loadGradingInputs({}));
  void warmUpCheckSuites();
  const collected = await timed(() => collectInventory({ student, region: BENCH_REGION, endpoint }));
  const inventory = collected.value;
  const target = { kind: 'aws' as const, region: BENCH_REGION, accountId: inventory.target.accountId, student, endpoint };
  const suites = await timed(() => runCheckSuites({ inventory, target, progress: false }));
  const rendered = await timed(() => {
    const report = reports.scoreRun(suites.value, { rubric: inputs.value.rubric });
    const files = reports.renderReportFiles(report, { dir: TMP, formats: reports.parseFormats(undefined), lang: 'ko' });
    const summary = reports.renderConsoleSummary(report, { lang: 'ko', color: false });
    return { report, files, summary };
  });
  return {
    inputsMs: inputs.ms,
    collectMs: collected.ms,
    suitesMs: suites.ms,
    scoreRenderMs: rendered.ms,
    totalMs: performance.now() - started,
    calls: inventory.calls,
    checks: suites.value.checks.length,
    notPassed: suites.value.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}=${c.status}`),
  };
}

async function wholeVerify(endpoint: string, student: string): Promise<{ ms: number; exitCode: number }> {
  const { verify, parseFormats } = await import('../../commands/verify');
  const { ms, value } = await timed(() =>
    verify({ target: 'aws', endpoint, student, region: BENCH_REGION, formats: parseFormats(undefined), lang: 'ko', out: TMP, progress: false }),
  );
  return { ms, exitCode: value.exitCode };
}

const totalCalls = (calls: Record<string, number>) => sum(Object.values(calls));

// ---------------------------------------------------------------------------------------
// The cold child: a fresh process started like bin/cloudmart.js (launch.mjs), loading what
// verify needs step by step, running verify once phase by phase, then loading the CLI's
// other commands (which the real CLI loads before it runs anything).

interface ColdChildReport {
  boot: ReturnType<typeof bootTimes>;
  loadMs: Record<string, number>;
  phases: Phases;
  /** ms since process start when the verify was done: a verify-only (lazily loading) CLI's wall time, before exit. */
  verifyDoneAtMs: number;
  otherCommandsLoadMs: Record<string, number>;
}

async function coldChild(endpoint: string): Promise<void> {
  const loadMs: Record<string, number> = {};
  const step = async (label: string, load: () => Promise<unknown>) => {
    const t = await timed(load);
    loadMs[label] = round(t.ms, 0);
  };
  await step('AWS SDK clients of the collectors (14 packages)', async () => {
    const { awsSdk } = await import('../../checks/aws/sdk');
    for (const pkg of COLLECTOR_SDK_PACKAGES) awsSdk(pkg);
  });
  await step('checks/ (collectors, discovery, the check catalog, runner)', () => Promise.all([import('../../checks/collect'), import('../../checks/run-check-suites')]));
  await step('reports/ (rubric, scoring, renderers)', () => Promise.all([import('../../reports/index'), import('../../commands/grading-inputs')]));
  await step('commands/verify.ts (its other imports: scenarios, emulator launcher)', () => import('../../commands/verify'));
  const phases = await phasedVerify(endpoint, STUDENT);
  const verifyDoneAtMs = performance.now();
  const otherCommandsLoadMs: Record<string, number> = {};
  for (const [label, modules] of OTHER_COMMAND_MODULES) {
    const t = await timed(() => Promise.all(modules.map((m) => import(m))));
    otherCommandsLoadMs[label] = round(t.ms, 0);
  }
  await import('commander');
  reportFromChild({ boot: bootTimes(), loadMs, phases, verifyDoneAtMs: round(verifyDoneAtMs, 0), otherCommandsLoadMs } satisfies ColdChildReport);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------

/** Loads the collectors' SDK clients in a fresh ESM process, with import() or with require() (checks/aws/sdk.ts). */
const sdkLoadScript = (how: 'import' | 'require') =>
  `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))});` +
  ` const t = performance.now(); for (const p of ${JSON.stringify(COLLECTOR_SDK_PACKAGES)}) ${how === 'import' ? 'await import(p)' : 'require(p)'};` +
  ` console.log(JSON.stringify({ ms: performance.now() - t }));`;

async function sdkLoadMs(how: 'import' | 'require'): Promise<number> {
  const measured = await measureProcess(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', sdkLoadScript(how)], {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  if (measured.exitCode !== 0) throw new Error(`importing the SDK clients failed: ${measured.stderr.slice(-500)}`);
  return (JSON.parse(measured.stdout.trim().split('\n').pop()!) as { ms: number }).ms;
}

function cliArgs(endpoint: string, outDir: string): string[] {
  return ['verify', '--target', 'aws', '--endpoint', endpoint, '--student', STUDENT, '--region', BENCH_REGION, '--out', outDir, '--quiet'];
}

function summarizePhases(samples: Phases[]) {
  return {
    totalMs: spread(samples.map((s) => s.totalMs)),
    collectMs: spread(samples.map((s) => s.collectMs)),
    suitesMs: spread(samples.map((s) => s.suitesMs)),
    scoreRenderMs: spread(samples.map((s) => s.scoreRenderMs), 1),
    rubricLoadMs: spread(samples.map((s) => s.inputsMs), 1),
  };
}

async function run() {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const env = emulatorCredentialEnv();
  const restoreEnv = withEnv(env);
  const emulator = await startBenchEmulator();
  try {
    const { createScenario } = await import('../../sandbox/scenarios/index');
    const { CHECKS } = await import('../../checks/rules/index');
    const { evaluateCheck, evaluateChecks } = await import('../../checks/run-check-suites');
    const { collectInventory } = await import('../../checks/collect');
    const endpoint = emulator.endpoint;

    const created = await timed(() => createScenario('reference', { endpoint, region: BENCH_REGION, student: STUDENT }));
    // Warm-up (untimed): moto builds each service on its first request; vitest loads once.
    const warm = await wholeVerify(endpoint, STUDENT);
    if (warm.exitCode !== 0) throw new Error(`the warm-up verify of the reference scenario did not pass (exit ${warm.exitCode})`);

    // 1. In-process, one deployment in the account.
    const whole1: number[] = [];
    const phases1: Phases[] = [];
    for (let i = 0; i < RUNS; i++) {
      whole1.push((await wholeVerify(endpoint, STUDENT)).ms);
      phases1.push(await phasedVerify(endpoint, STUDENT));
    }
    const notPassed = [...new Set(phases1.flatMap((p) => p.notPassed))];

    // 2. AWS calls: all checks vs one check. Collection takes no list of checks, so the
    //    calls cannot depend on them; measured anyway, on two separate collections.
    const collect = () => collectInventory({ student: STUDENT, region: BENCH_REGION, endpoint });
    const forOne: Inventory = await collect();
    const oneOutcome = evaluateCheck(CHECKS[0]!, forOne);
    const forAll: Inventory = await collect();
    const allOutcomes = evaluateChecks(forAll);
    const callsOne = totalCalls(forOne.calls);

    // Which requests the emulator answers slowest: one more warm collection with a session
    // of our own, whose call recorder keeps each request's start and end.
    const { AwsSession } = await import('../../checks/aws/session');
    const { collectWithSession } = await import('../../checks/collect');
    const session = new AwsSession({ region: BENCH_REGION, endpoint });
    const recorded = await timed(() => collectWithSession(session, { student: STUDENT, region: BENCH_REGION, endpoint })).finally(() => session.destroy());
    const latencies = session.recorder.calls.map((c) => ({ operation: c.operation, ms: round((c.endMs ?? NaN) - c.startMs, 1), startMs: c.startMs }));
    const slowestOperations = [...latencies].sort((a, b) => b.ms - a.ms).slice(0, 8);
    const lastEnd = Math.max(...session.recorder.calls.map((c) => c.endMs ?? 0));
    const callsAll = totalCalls(forAll.calls);
    const sameByOperation = JSON.stringify(forOne.calls) === JSON.stringify(forAll.calls);

    // 3. The CLI, as a user runs it: real CLI runs, cold children and npm runs interleaved.
    const cliOut = path.join(TMP, 'cli-out');
    const cli: { wallMs: number; cpuMs: number; peakRssMiB: number }[] = [];
    const cold: ColdChildReport[] = [];
    const coldWall: number[] = [];
    const coldCpu: number[] = [];
    const npm: number[] = [];
    for (let i = 0; i < Math.max(CLI_RUNS, COLD_RUNS, NPM_RUNS); i++) {
      if (i < CLI_RUNS) {
        const m = await measureProcess(process.execPath, [CLI, ...cliArgs(endpoint, cliOut)], env);
        if (m.exitCode !== 0) throw new Error(`the CLI verify exited ${m.exitCode}: ${(m.stderr || m.stdout).slice(-800)}`);
        cli.push({ wallMs: m.wallMs, cpuMs: m.cpuMs, peakRssMiB: m.peakRssMiB });
      }
      if (i < COLD_RUNS) {
        const child = await runChild<ColdChildReport>(HERE, ['cold', endpoint], { env });
        cold.push(child.data);
        coldWall.push(child.wallMs);
        coldCpu.push(child.cpuMs);
      }
      if (i < NPM_RUNS) {
        const m = await measureProcess('npm', ['run', '--silent', 'verify', '--', ...cliArgs(endpoint, cliOut).slice(1)], env);
        if (m.exitCode !== 0) throw new Error(`npm run verify exited ${m.exitCode}: ${(m.stderr || m.stdout).slice(-800)}`);
        npm.push(m.wallMs);
      }
    }

    // 4. Where a CLI run's CPU goes: one run under --cpu-prof (main thread, tsx's loader
    //    thread, the vitest worker), self time by package or project folder.
    const profDir = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-bench-verify-prof-'));
    let profile: unknown;
    try {
      const m = await measureProcess(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, CLI, ...cliArgs(endpoint, cliOut)], env);
      profile = { wallMs: round(m.wallMs, 0), threads: labelThreads(summarizeProfiles(profDir, ROOT)) };
    } catch (error) {
      profile = { error: error instanceof Error ? error.message : String(error) };
    } finally {
      rmSync(profDir, { recursive: true, force: true });
    }

    // 5. Why checks/aws/sdk.ts loads the SDK with require(): the 14 collector clients
    //    loaded each way in a fresh process (ESM import of CommonJS lexes every bundle).
    const sdkImport: number[] = [];
    const sdkRequire: number[] = [];
    for (let i = 0; i < SDK_IMPORT_RUNS; i++) {
      sdkImport.push(await sdkLoadMs('import'));
      sdkRequire.push(await sdkLoadMs('require'));
    }

    // 6. Three reference deployments in the same account; verify s01.
    const neighbours = await timed(async () => {
      for (const student of NEIGHBOURS) await createScenario('reference', { endpoint, region: BENCH_REGION, student });
    });
    await wholeVerify(endpoint, STUDENT); // warm the grown account
    const whole3: number[] = [];
    const phases3: Phases[] = [];
    for (let i = 0; i < RUNS; i++) {
      whole3.push((await wholeVerify(endpoint, STUDENT)).ms);
      phases3.push(await phasedVerify(endpoint, STUDENT));
    }
    const calls3 = phases3[0]!.calls;
    const calls1 = phases1[0]!.calls;
    const checks = phases1[0]!.checks;

    const cliMedian = medianOf(cli, (c) => c.wallMs);
    const inProcessMedian = medianOf(whole1, (v) => v);
    const coldPhases = cold.map((c) => c.phases);
    const otherLoad = (c: ColdChildReport) => sum(Object.values(c.otherCommandsLoadMs));
    const coldMedian = {
      nodeBootMs: medianOf(cold, (c) => c.boot?.nodeBootMs ?? NaN),
      vitestImportBeforeTsxMs: medianOf(cold, (c) => c.boot?.vitestImportMs ?? NaN),
      tsxRegisterMs: medianOf(cold, (c) => c.boot?.tsxRegisterMs ?? NaN),
      loadMs: Object.fromEntries(Object.keys(cold[0]!.loadMs).map((k) => [k, medianOf(cold, (c) => c.loadMs[k]!)])),
      firstVerify: summarizePhases(coldPhases),
      verifyDoneAtMs: medianOf(cold, (c) => c.verifyDoneAtMs),
      otherCommandsLoadMs: {
        total: medianOf(cold, otherLoad),
        ...Object.fromEntries(Object.keys(cold[0]!.otherCommandsLoadMs).map((k) => [k, medianOf(cold, (c) => c.otherCommandsLoadMs[k]!)])),
      },
      processWallMs: spread(coldWall),
      processCpuMs: spread(coldCpu),
    };

    const results = {
      emulator: { startMs: round(emulator.startMs, 0), createReferenceMs: round(created.ms, 0), cpuSecondsUsed: round(emulator.cpuSeconds(), 1), peakRssMiB: round(emulator.peakRssMiB(), 0) },
      oneDeployment: {
        inProcess: { verifyMs: spread(whole1), phases: summarizePhases(phases1) },
        cli: { wallMs: spread(cli.map((c) => c.wallMs)), cpuMs: spread(cli.map((c) => c.cpuMs)), peakRssMiB: spread(cli.map((c) => c.peakRssMiB), 1) },
        npmRunVerify: { wallMs: spread(npm) },
        coldChild: coldMedian,
        checksNotPassing: notPassed,
      },
      awsCalls: {
        total: totalCalls(calls1),
        byOperation: calls1,
        checks,
        callsPerCheck: round(totalCalls(calls1) / checks, 2),
        distinctOperations: Object.keys(calls1).length,
        withOneCheck: { check: CHECKS[0]!.id, status: oneOutcome.status, calls: callsOne },
        withAllChecks: { checks: allOutcomes.length, calls: callsAll },
        sameByOperation,
        oneCollectionTimeline: {
          collectMs: round(recorded.ms, 0),
          firstRequestAtMs: round(Math.min(...latencies.map((l) => l.startMs)), 0),
          lastAnswerAtMs: round(lastEnd, 0),
          sumOfRequestLatenciesMs: round(sum(latencies.map((l) => l.ms)), 0),
          slowestOperations,
        },
      },
      threeDeploymentsInOneAccount: {
        createTwoMoreMs: round(neighbours.ms, 0),
        inProcess: { verifyMs: spread(whole3), phases: summarizePhases(phases3) },
        awsCalls: { total: totalCalls(calls3), byOperation: calls3 },
        change: {
          verifyMsRatio: round(medianOf(whole3, (v) => v) / inProcessMedian, 2),
          collectMsRatio: round(medianOf(phases3, (p) => p.collectMs) / medianOf(phases1, (p) => p.collectMs), 2),
          callsDelta: totalCalls(calls3) - totalCalls(calls1),
          operationsThatGrew: Object.fromEntries(
            Object.entries(calls3).filter(([op, n]) => n !== (calls1[op] ?? 0)).map(([op, n]) => [op, `${calls1[op] ?? 0} -> ${n}`]),
          ),
        },
      },
      cpuProfileOfOneCliRun: profile,
      whatIf: {
        sdkClientsLoadMs: { esmImport: spread(sdkImport), require: spread(sdkRequire) },
        lazyCliLowerBoundMs: coldMedian.verifyDoneAtMs,
      },
    };

    const targets: BenchTarget[] = [
      {
        name: 'full verify of the reference scenario, CLI process wall (node bin/cloudmart.js verify --endpoint, emulator running)',
        target: `< ${TARGET_MS} ms`,
        actual: `${cliMedian} ms (in-process verify(): ${inProcessMedian} ms)`,
        met: cliMedian < TARGET_MS,
      },
      {
        name: 'AWS calls do not grow with the number of checks (1 check vs all)',
        target: 'equal',
        actual: `${callsOne} calls with 1 check, ${callsAll} with ${allOutcomes.length} checks (${round(callsAll / allOutcomes.length, 2)} calls/check)`,
        met: callsOne === callsAll && sameByOperation,
      },
    ];
    const notes = [
      'The target applies to the CLI process wall time (cli.wallMs): "excluding emulator start" excludes only that, so Node, tsx, vitest and module loading count. inProcess.verifyMs is the warm function time in a process that has already verified once.',
      `Emulator started once before timing; the reference deployment created and one verify run untimed before the runs. In-process medians of ${RUNS} runs, CLI of ${CLI_RUNS}, cold children of ${COLD_RUNS}, npm of ${NPM_RUNS}.`,
      'phases: collect = checks/collect.ts collectInventory; suites = checks/run-check-suites.ts runCheckSuites (vitest); scoreRender = scoreRun + renderReportFiles (all formats) + renderConsoleSummary; the same calls verify() makes, in the same order.',
      'coldChild: a fresh process started like bin/cloudmart.js (vitest/node imported before tsx registers), timing each load step, the first verify phase by phase, then the loading of the modules of the CLI\'s other commands. verifyDoneAtMs is the time since process start when that verify was done: about what a CLI that loads only the command it runs would take.',
      'cpuProfileOfOneCliRun: self time (ms) by where the code lives; (idle) on the main thread is mostly waiting for the emulator, tsx\'s loader thread and the vitest worker.',
      'awsCalls.oneCollectionTimeline: one warm collection with the call recorder\'s per-request times (ms since the session was created): the slowest requests as the emulator answered them, with the others in flight.',
      'awsCalls: the requests the SDK sent (call recorder at the initialize step: one per operation call and page, retries not counted).',
      'whatIf.lazyCliLowerBoundMs: coldChild.verifyDoneAtMs, i.e. a process that loaded only what verify needs, up to the end of verify (writing the files and exiting not included): a lower bound for a CLI that imports each command\'s modules only when that command runs.',
      'whatIf.sdkClientsLoadMs: the 14 collector SDK clients loaded in a fresh process with ESM import() vs require() (what checks/aws/sdk.ts does: import() of CommonJS makes Node lex each bundle for its export names).',
    ];
    return { results, targets, notes };
  } finally {
    await emulator.stop();
    restoreEnv();
  }
}

function labelThreads(summaries: ReturnType<typeof summarizeProfiles>) {
  return summaries.map((s, i) => {
    const has = (k: string) => k in s.selfMs;
    const thread = i === 0 ? 'main' : has('npm:vitest') || has('project:checks') ? 'vitest worker' : has('npm:tsx') ? "tsx's loader thread" : `thread ${i}`;
    return { thread, spanMs: s.spanMs, selfMs: s.selfMs };
  });
}

const benchCase: BenchCase = {
  name: 'verify',
  description: 'verify of the emulated reference deployment (emulator running): CLI and in-process wall time with its phases, AWS calls per run and per check, 1 vs 3 deployments in one account',
  run,
};
export default benchCase;

const args = childArgs(HERE);
if (args?.[0] === 'cold') await coldChild(args[1]!);
