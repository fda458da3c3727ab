// `npm run bench -- --only grade` (issue 5): wall time and peak memory of grading 1, 10 and
// 30 emulated students. Target: 30 students take at most 3 times as long as one.
//
// Setup (untimed): one emulator; the 30 rows of fixtures/rosters/class-30.csv each deployed
// (their scenario: reference or a defect) in the emulated account their role ARN names,
// through createScenario's accountId option. Rosters of the first 1, 10 and 30 rows.
// Measured:
// - in-process: commands/grade.ts grade() with `target: 'aws'` and the running emulator's
//   endpoint: each student is reached by assuming the role of their row, as on AWS (with
//   `target: 'local'` grade() would deploy the scenarios again inside the timing). Default
//   concurrency (8). One untimed class run first, then the sizes interleaved, RUNS each;
//   the emulator's CPU time per run says how busy the one Python process was;
// - peak memory: the same grade() in a fresh child process per size (started like the CLI),
//   under GNU time;
// - why (30 students): collection alone at concurrency 8 and 30, the live suites alone one
//   after another (as grade() serializes them), and a what-if: the same class graded with
//   the checks evaluated by the pure evaluateChecks instead of a vitest run per student.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckRun } from '../../contract/report';
import type { Inventory } from '../../contract/inventory';
import type { RosterEntry } from '../../reports/index';
import { childArgs, reportFromChild, runChild } from '../lib/child';
import { runCheckSuitesForMany } from '../../checks/run-check-suites';
import { DEPLOY_WORKERS, deployClass, rosterRows } from '../lib/class-30';
import { BENCH_REGION, emulatorCredentialEnv, startBenchEmulator, withEnv, type BenchEmulator } from '../lib/emulator';
import { medianOf, spread, timed } from '../lib/summary';
import { round } from '../stats';
import type { BenchCase, BenchTarget } from '../types';

const HERE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(HERE), '../..');
const TMP = path.join(ROOT, 'bench/tmp/grade');
const SIZES = [1, 10, 30] as const;
const RUNS = 3;
/** The target's runs per size: a fresh process varies by +-10% on a shared 2-core machine, so more than RUNS. */
const PROCESS_RUNS = 5;
const MAX_RATIO = 3;

/** grade() as `cloudmart grade --endpoint` would run it: read-only, files returned, not written. */
async function gradeRoster(rosterPath: string, endpoint: string) {
  const { grade } = await import('../../commands/grade');
  const result = await grade({ rosterPath, target: 'aws', endpoint, region: BENCH_REGION, lang: 'ko', out: path.join(TMP, 'out'), progress: false });
  const graded = result.classReport.summary.graded;
  return { graded, problems: result.problems, files: result.files.length };
}

// The child: one grade() in a fresh process, for its peak memory.
async function gradeChild(rosterPath: string, endpoint: string): Promise<void> {
  const t = await timed(() => gradeRoster(rosterPath, endpoint));
  reportFromChild({ gradeMs: round(t.ms, 0), ...t.value });
  process.exit(0);
}

interface Sample {
  ms: number;
  emulatorCpuS: number;
  benchProcessCpuS: number;
}

async function measureGrade(rosterPath: string, endpoint: string, emulator: BenchEmulator, expected: number): Promise<Sample> {
  const cpu0 = emulator.cpuSeconds();
  const own0 = process.cpuUsage();
  const t = await timed(() => gradeRoster(rosterPath, endpoint));
  if (t.value.graded !== expected) throw new Error(`grade graded ${t.value.graded} of ${expected} students: ${t.value.problems.slice(0, 3).join('; ')}`);
  const own = process.cpuUsage(own0);
  return { ms: t.ms, emulatorCpuS: emulator.cpuSeconds() - cpu0, benchProcessCpuS: (own.user + own.system) / 1e6 };
}

async function run() {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const env = emulatorCredentialEnv();
  const restoreEnv = withEnv(env);
  const emulator = await startBenchEmulator();
  try {
    const { parseRoster, defaultRubric } = await import('../../reports/index');
    const { gradeClass } = await import('../../commands/grade-class');
    const { gradeEachStudent } = await import('../../commands/grade-each-student');
    const { collectInventory } = await import('../../checks/collect');
    const { runCheckSuites, evaluateChecks } = await import('../../checks/run-check-suites');
    const { summarizeDiscovery } = await import('../../checks/reporter/build-run');
    const endpoint = emulator.endpoint;

    const { header, rows } = rosterRows();
    const rosters = Object.fromEntries(
      SIZES.map((n) => {
        const file = path.join(TMP, `roster-${n}.csv`);
        writeFileSync(file, [header, ...rows.slice(0, n)].join('\n') + '\n');
        return [n, file];
      }),
    ) as Record<(typeof SIZES)[number], string>;
    const roster30 = parseRoster(readFileSync(rosters[30], 'utf8'), 'roster-30.csv');
    if (roster30.entries.length !== 30) throw new Error(`class-30.csv gave ${roster30.entries.length} students`);

    const deployMs = await deployClass(roster30.entries, endpoint);
    // Warm-up (untimed): vitest loads once; moto builds each account's services on first use.
    await measureGrade(rosters[30], endpoint, emulator, 30);

    const samples: Record<number, Sample[]> = { 1: [], 10: [], 30: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const n of SIZES) samples[n]!.push(await measureGrade(rosters[n], endpoint, emulator, n));
    }

    // As an instructor runs it: grade() in a fresh process started like the CLI, PROCESS_RUNS times
    // per size (sizes interleaved), under GNU time for its wall time, CPU and peak memory.
    const processRuns: Record<number, { processWallMs: number; gradeMs: number; peakRssMiB: number; cpuMs: number }[]> = { 1: [], 10: [], 30: [] };
    for (let i = 0; i < PROCESS_RUNS; i++) {
      for (const n of SIZES) {
        const child = await runChild<{ gradeMs: number; graded: number }>(HERE, ['grade', rosters[n], endpoint], { env });
        if (child.data.graded !== n) throw new Error(`the child graded ${child.data.graded} of ${n}`);
        processRuns[n]!.push({ processWallMs: child.wallMs, gradeMs: child.data.gradeMs, peakRssMiB: child.peakRssMiB, cpuMs: child.cpuMs });
      }
    }
    const processMedian = (n: number) => medianOf(processRuns[n]!, (r) => r.processWallMs);
    const processRatio30 = round(processMedian(30) / processMedian(1), 2);

    // Why: the parts of grading 30, alone.
    const collectOptions = (e: RosterEntry) => ({ student: e.student, region: e.region ?? BENCH_REGION, endpoint, ...(e.roleArn ? { roleArn: e.roleArn } : {}) });
    const collectAll = async (concurrency: number, entries: readonly RosterEntry[] = roster30.entries) => {
      const cpu0 = emulator.cpuSeconds();
      const own0 = process.cpuUsage();
      const t = await timed(() => gradeEachStudent(entries, (e) => collectInventory(collectOptions(e)), { concurrency }));
      const own = process.cpuUsage(own0);
      const inventories = t.value.map((o) => {
        if (!o.ok) throw new Error(`collecting ${o.entry.student} failed: ${o.error.message}`);
        return o.value;
      });
      return { ms: t.ms, perStudentMs: t.value.map((o) => o.ms), emulatorCpuS: emulator.cpuSeconds() - cpu0, benchProcessCpuS: (own.user + own.system) / 1e6, inventories };
    };
    const collect8 = await collectAll(8);
    const collect30 = await collectAll(30);
    const targetOf = (inv: Inventory) => ({ kind: 'aws' as const, region: inv.target.region, accountId: inv.target.accountId, student: inv.target.student, endpoint });
    const suitesAlone = await timed(async () => {
      const each: number[] = [];
      for (const inventory of collect8.inventories) {
        const t = await timed(() => runCheckSuites({ inventory, target: targetOf(inventory), progress: false }));
        each.push(t.ms);
      }
      return each;
    });
    const evaluateAlone = await timed(() => {
      for (const inventory of collect8.inventories) evaluateChecks(inventory);
    });

    // What-if: grade the class with the pure evaluateChecks in place of a vitest run per
    // student (same collection, scoring, history and rendering through gradeClass).
    const rubric = defaultRubric();
    const gradeWithoutVitest = async (n: number) => {
      const roster = parseRoster(readFileSync(rosters[n as 1], 'utf8'), `roster-${n}.csv`);
      return timed(() =>
        gradeClass({
          roster,
          rubric,
          outDir: path.join(TMP, 'out'),
          lang: 'ko',
          verify: async (entry): Promise<CheckRun> => {
            const inventory = await collectInventory(collectOptions(entry));
            const startedAt = new Date().toISOString();
            return { target: targetOf(inventory), startedAt, finishedAt: new Date().toISOString(), checks: evaluateChecks(inventory), discovery: summarizeDiscovery(inventory.discovery) };
          },
        }),
      );
    };
    const noVitest: Record<number, number[]> = { 1: [], 30: [] };
    for (let i = 0; i < 2; i++) for (const n of [1, 30]) noVitest[n]!.push((await gradeWithoutVitest(n)).ms);

    // The parts of grade() measured apart: collect the class (gradeEachStudent, concurrency 8), then ONE
    // vitest run for every student (runCheckSuitesForMany), then score and render with gradeClass.
    const classPipeline = async (n: number) => {
      const roster = parseRoster(readFileSync(rosters[n as 1], 'utf8'), `roster-${n}.csv`);
      const collected = await collectAll(8, roster.entries);
      const suites = await timed(async () => {
        const runs = await runCheckSuitesForMany(collected.inventories.map((inventory) => ({ inventory, target: targetOf(inventory) })), { progress: false });
        return new Map(runs.map((run) => [run.target.student, run]));
      });
      const agree = collected.inventories.every((inventory) => {
        const run = suites.value.get(inventory.target.student)!;
        return JSON.stringify(run.checks.map((c) => c.status)) === JSON.stringify(evaluateChecks(inventory).map((c) => c.status));
      });
      const scored = await timed(() => gradeClass({ roster, rubric, outDir: path.join(TMP, 'out'), lang: 'ko', verify: async (entry) => suites.value.get(entry.student)! }));
      return { totalMs: collected.ms + suites.ms + scored.ms, collectMs: collected.ms, suiteRunMs: suites.ms, scoreRenderMs: scored.ms, agree };
    };
    const pipeline: Record<number, Awaited<ReturnType<typeof classPipeline>>[]> = { 1: [], 30: [] };
    for (let i = 0; i < 2; i++) for (const n of [1, 30]) pipeline[n]!.push(await classPipeline(n));
    const pipelineSummary = (n: number) => ({
      totalMs: spread(pipeline[n]!.map((p) => p.totalMs)),
      collectMs: medianOf(pipeline[n]!, (p) => p.collectMs),
      oneSuiteRunMs: medianOf(pipeline[n]!, (p) => p.suiteRunMs),
      scoreRenderMs: medianOf(pipeline[n]!, (p) => p.scoreRenderMs),
    });

    const med = (n: number) => medianOf(samples[n]!, (s) => s.ms);
    const ratio30 = round(med(30) / med(1), 2);
    const emulatorCpuPerStudent30 = round(medianOf(samples[30]!, (s) => s.emulatorCpuS) / 30, 3);
    const results = {
      concurrency: 8,
      setup: { emulatorStartMs: round(emulator.startMs, 0), deploy30AccountsMs: round(deployMs, 0), deployWorkers: DEPLOY_WORKERS },
      inProcess: Object.fromEntries(
        SIZES.map((n) => [
          `students${n}`,
          {
            gradeMs: spread(samples[n]!.map((s) => s.ms)),
            perStudentMs: round(med(n) / n, 0),
            emulatorCpuS: spread(samples[n]!.map((s) => s.emulatorCpuS), 2),
            benchProcessCpuS: spread(samples[n]!.map((s) => s.benchProcessCpuS), 2),
          },
        ]),
      ),
      ratios: { '10/1': round(med(10) / med(1), 2), '30/1': ratio30 },
      process: Object.fromEntries(
        SIZES.map((n) => [
          `students${n}`,
          {
            processWallMs: spread(processRuns[n]!.map((r) => r.processWallMs)),
            gradeMs: spread(processRuns[n]!.map((r) => r.gradeMs)),
            cpuMs: spread(processRuns[n]!.map((r) => r.cpuMs)),
            peakRssMiB: spread(processRuns[n]!.map((r) => r.peakRssMiB), 1),
          },
        ]),
      ),
      processRatios: { '10/1': round(processMedian(10) / processMedian(1), 2), '30/1': processRatio30 },
      emulator: { peakRssMiB: round(emulator.peakRssMiB(), 0), cpuSecondsPerStudentIn30: emulatorCpuPerStudent30 },
      why30: {
        collectOnlyConcurrency8: { wallMs: round(collect8.ms, 0), perStudentMs: spread(collect8.perStudentMs), emulatorCpuS: round(collect8.emulatorCpuS, 2), benchProcessCpuS: round(collect8.benchProcessCpuS, 2) },
        collectOnlyConcurrency30: { wallMs: round(collect30.ms, 0), perStudentMs: spread(collect30.perStudentMs), emulatorCpuS: round(collect30.emulatorCpuS, 2), benchProcessCpuS: round(collect30.benchProcessCpuS, 2) },
        liveSuitesOneAfterAnother: { wallMs: round(suitesAlone.ms, 0), perStudentMs: spread(suitesAlone.value) },
        evaluateChecksOneAfterAnother: { wallMs: round(evaluateAlone.ms, 1) },
        emulatorBoundFloorMs: round(emulatorCpuPerStudent30 * 30 * 1000, 0),
      },
      whatIf: {
        gradeWithEvaluateChecksInsteadOfVitest: {
          students1Ms: spread(noVitest[1]!),
          students30Ms: spread(noVitest[30]!),
          ratio30to1: round(medianOf(noVitest[30]!, (v) => v) / medianOf(noVitest[1]!, (v) => v), 2),
        },
        collectThenOneSuiteRunForTheClass: {
          students1: pipelineSummary(1),
          students30: pipelineSummary(30),
          ratio30to1: round(medianOf(pipeline[30]!, (p) => p.totalMs) / medianOf(pipeline[1]!, (p) => p.totalMs), 2),
          statusesAgreeWithEvaluateChecks: [...pipeline[1]!, ...pipeline[30]!].every((p) => p.agree),
        },
      },
    };
    const targets: BenchTarget[] = [
      {
        name: 'grading 30 emulated students vs 1 (wall time of the grade process, as an instructor runs it; concurrency 8)',
        target: `<= ${MAX_RATIO.toFixed(1)}x`,
        actual: `${processRatio30}x (${round(processMedian(30), 0)} ms vs ${round(processMedian(1), 0)} ms; grade() alone in-process: ${ratio30}x, ${med(30)} ms vs ${med(1)} ms)`,
        met: processRatio30 <= MAX_RATIO,
      },
    ];
    const notes = [
      `In-process figures: medians of ${RUNS} runs of grade() (target aws, endpoint of the running emulator, each student reached by AssumeRole into their own account), after one untimed class run. Sizes interleaved.`,
      `process (the target): grade() in a fresh process started like the CLI (vitest loaded before tsx), ${PROCESS_RUNS} runs per size (sizes interleaved), under GNU time: processWallMs includes start-up, gradeMs is the function alone, peakRssMiB the peak resident memory of the grading process (the emulator is a separate process: emulator.peakRssMiB). What an instructor waits for, measured like verify's target.`,
      `ratios (in-process grade() alone, after a warm-up) cannot reach 3x on the emulator: one student costs ~${round(med(1) / 100, 0) / 10} s of which little is fixed, and the emulator (one Python process) spends ~${emulatorCpuPerStudent30} CPU-s per student, so 30 students are bound near emulatorBoundFloorMs whatever the concurrency.`,
      'The emulator runs sandbox/emulator/speedups.py (shortcuts for work moto repeats per request; none changes a response) and holds no public AMI catalogue; the collectors ask tag:GetResources for 500 tags per page (one page per deployment instead of three).',
      'emulatorCpuS: CPU seconds the emulator (one Python process; moto serves requests on threads under the GIL, so at most about one core) used during a run. emulatorBoundFloorMs = its CPU per student x 30: no concurrency setting can grade 30 emulated students faster than that.',
      'why30: the parts of grading 30, each alone: collection through gradeEachStudent at concurrency 8 and 30, then runCheckSuites one inventory after another (what 30 separate vitest runs would cost; grade() makes one run for the class), then the pure evaluateChecks for comparison.',
      'whatIf.gradeWithEvaluateChecksInsteadOfVitest: gradeClass (same collection, scoring, history, rendering) with each student\'s CheckRun built from evaluateChecks rather than a vitest run: what the serialized vitest runs cost the class.',
      'whatIf.collectThenOneSuiteRunForTheClass: what grade() does, its parts timed apart: the class collected first (gradeEachStudent, concurrency 8), then the live suites of every student in ONE vitest run (runCheckSuitesForMany), then scored and rendered by gradeClass; its statuses are compared with evaluateChecks.',
      'On AWS, collection is spread over 30 real accounts; only the local part (vitest runs, scoring, rendering) is shared. The emulator concentrates every student in one Python process.',
    ];
    return { results, targets, notes };
  } finally {
    await emulator.stop();
    restoreEnv();
  }
}

const benchCase: BenchCase = {
  name: 'grade',
  description: 'grade of 1, 10 and 30 emulated students (each in its own account, emulator running): wall time, peak memory, where the time goes',
  run,
};
export default benchCase;

const args = childArgs(HERE);
if (args?.[0] === 'grade') await gradeChild(args[1]!, args[2]!);
