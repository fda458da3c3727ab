// `npm run bench -- --only grade-watch` (issue 17): one round of `grade --watch` for the 30
// emulated students of fixtures/rosters/class-30.csv vs one `grade` run of the same class.
//
// Setup (untimed): one emulator, the 30 rows deployed in their own emulated accounts
// (bench/lib/class-30.ts), one untimed grade() so vitest and moto are warm.
// Measured, interleaved, RUNS each:
// - grade(): what `grade --endpoint` runs (target aws at the emulator's endpoint, each student
//   reached by AssumeRole into their account, concurrency 8): options, roster, rubric, collect,
//   one check run, score, render;
// - one watch round: gradeRound on a class prepared once (prepareClass), then the board's own
//   work: cost so far per student, the board model, and the rows and status the server pushes.
// A round re-reads every deployment in full (commands/grade-watch.ts says why), so it costs about
// one grade run: the target is that it costs no more.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Inventory } from '../../contract/inventory';
import { deployClass, rosterRows } from '../lib/class-30';
import { BENCH_REGION, emulatorCredentialEnv, startBenchEmulator, withEnv } from '../lib/emulator';
import { medianOf, spread, timed } from '../lib/summary';
import { round } from '../stats';
import type { BenchCase, BenchTarget } from '../types';

const HERE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(HERE), '../..');
const TMP = path.join(ROOT, 'bench/tmp/grade-watch');
const RUNS = 3;
/** A round may cost a little more than a grade run before it counts as slower (a shared 2-core machine varies by +-10%). */
const MAX_RATIO = 1.1;

async function run() {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const restoreEnv = withEnv(emulatorCredentialEnv());
  const emulator = await startBenchEmulator();
  try {
    const { parseRoster } = await import('../../reports/index');
    const { grade, prepareClass, gradeRound } = await import('../../commands/grade');
    const { roundStudents } = await import('../../commands/grade-watch');
    const { applyRound, initialBoard } = await import('../../reports/class/board/board-model');
    const { renderBoardParts } = await import('../../reports/class/board/board-html');
    const endpoint = emulator.endpoint;

    const { header, rows } = rosterRows();
    const rosterPath = path.join(TMP, 'roster-30.csv');
    writeFileSync(rosterPath, [header, ...rows].join('\n') + '\n');
    const roster = parseRoster(readFileSync(rosterPath, 'utf8'), 'roster-30.csv');
    if (roster.entries.length !== 30) throw new Error(`class-30.csv gave ${roster.entries.length} students`);
    const deployMs = await deployClass(roster.entries, endpoint);

    const options = { rosterPath, target: 'aws' as const, endpoint, region: BENCH_REGION, lang: 'ko' as const, out: path.join(TMP, 'out'), progress: false as const };
    const gradeOnce = async () => {
      const t = await timed(() => grade(options));
      if (t.value.classReport.summary.graded !== 30) throw new Error(`grade graded ${t.value.classReport.summary.graded} of 30: ${t.value.problems.slice(0, 3).join('; ')}`);
      return t.ms;
    };
    await gradeOnce(); // warm-up

    const prepared = await prepareClass(options);
    let board = initialBoard(prepared.roster.entries, { source: 'endpoint', startedAt: new Date(), endsAt: new Date(Date.now() + 50 * 60_000) });
    const watchRound = async () => {
      const inventories = new Map<string, Inventory>();
      const graded = await timed(() => gradeRound(prepared, { quiet: true, onInventory: (student, inventory) => inventories.set(student, inventory) }));
      const boardWork = await timed(() => {
        const at = new Date();
        board = applyRound(board, roundStudents(graded.value, inventories, at), at);
        return JSON.stringify(renderBoardParts(board, { lang: 'ko', now: at }));
      });
      const graded30 = board.rows.filter((r) => r.status === 'graded').length;
      if (graded30 !== 30) throw new Error(`the round graded ${graded30} of 30`);
      return { ms: graded.ms + boardWork.ms, gradeRoundMs: graded.ms, boardMs: boardWork.ms, updateBytes: Buffer.byteLength(boardWork.value) };
    };

    const grades: number[] = [];
    const rounds: Awaited<ReturnType<typeof watchRound>>[] = [];
    try {
      await watchRound(); // the prepared check run and the first round's vitest start, untimed like grade's warm-up
      for (let i = 0; i < RUNS; i++) {
        grades.push(await gradeOnce());
        rounds.push(await watchRound());
      }
    } finally {
      await prepared.close();
    }

    const gradeMedian = medianOf(grades, (v) => v);
    const roundMedian = medianOf(rounds, (r) => r.ms);
    const ratio = round(roundMedian / gradeMedian, 2);
    const results = {
      students: 30,
      concurrency: 8,
      setup: { emulatorStartMs: round(emulator.startMs, 0), deploy30AccountsMs: round(deployMs, 0) },
      gradeRunMs: spread(grades),
      watchRound: {
        totalMs: spread(rounds.map((r) => r.ms)),
        gradeRoundMs: spread(rounds.map((r) => r.gradeRoundMs)),
        boardMs: spread(rounds.map((r) => r.boardMs), 1),
        updateKiB: round(rounds[0]!.updateBytes / 1024, 1),
      },
      ratioRoundToGrade: ratio,
    };
    const targets: BenchTarget[] = [
      {
        name: 'one grade --watch round of 30 emulated students vs one grade run (in-process, concurrency 8)',
        target: `<= ${MAX_RATIO.toFixed(2)}x`,
        actual: `${ratio}x (${roundMedian} ms vs ${gradeMedian} ms; the board's own work ${medianOf(rounds, (r) => r.boardMs, 1)} ms)`,
        met: ratio <= MAX_RATIO,
      },
    ];
    const notes = [
      `Medians of ${RUNS} runs each, interleaved, after one untimed grade() and one untimed round. Target aws at the running emulator's endpoint, each student reached by AssumeRole into their own account.`,
      'A round is a full grade of the class: the describe APIs have no "changed since" filter and the AWS change feeds (CloudTrail, Config, EventBridge) need a set-up in every student account and arrive minutes late, so a round re-reads every deployment. What a round saves over a grade run is only the roster, rubric and option checks (read once by prepareClass).',
      'boardMs: cost so far for every student, the board model and the rendered rows and status one server-sent event carries (updateKiB).',
    ];
    return { results, targets, notes };
  } finally {
    await emulator.stop();
    restoreEnv();
  }
}

const benchCase: BenchCase = {
  name: 'grade-watch',
  description: 'one grade --watch round of 30 emulated students (with the board) vs one grade run of the same class',
  run,
};
export default benchCase;
