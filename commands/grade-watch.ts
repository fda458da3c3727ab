// `grade --watch`: grades the class again and again during the challenge and keeps a live
// board (reports/class/board/) of it; with --serve, the board is a page on 127.0.0.1 that the
// server updates by server-sent events. At Ctrl-C or the end of the challenge (--start +
// --duration), it returns the files of the last round that finished: class.html, grades.csv
// and every student's reports, exactly as `grade` writes them.
//
// One round is one `grade` of the class (commands/grade.ts gradeRound: the same bounded
// concurrency, timeouts and one check run), and rounds never overlap: the next starts one
// interval after the previous one started, or at once when a round took longer. A round
// re-reads every student's deployment in full: the describe APIs the collectors use have no
// "changed since" filter, and the AWS change feeds (CloudTrail, AWS Config, EventBridge) need
// a set-up in each student's account and deliver minutes late, longer than an interval
// (CloudTrail "typically delivers logs within an average of about 5 minutes of an API call":
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html). A student whose grading fails is an
// error row; a round that fails as a whole leaves the board as it was, marked stale.
import { UsageError } from '../contract/errors';
import type { Inventory } from '../contract/inventory';
import type { ClassReport } from '../reports/index';
import { LAB_DEFAULTS } from '../stacks/cost/estimator';
import { applyRound, failRound, initialBoard, type BoardSource, type BoardState, type RoundStudent } from '../reports/class/board/board-model';
import { renderBoardPage, renderBoardParts } from '../reports/class/board/board-html';
import { startBoardServer, type BoardServer } from './board-server';
import { costSoFar } from './cost-so-far';
import { gradeRound, prepareClass, previousReportOf, type GradeOptions, type GradeResult, type RoundResult } from './grade';
import { isAwsEndpoint } from './verify';
import type { WatchTiming } from './watch-options';

export const DEFAULT_WATCH_INTERVAL_MS = 60_000;

export interface WatchOptions extends WatchTiming {
  // intervalMs: from the start of one round to the start of the next (default 60 s); serve: the
  // board on 127.0.0.1; port: its port (default 0: any free port, the URL is said); start: when
  // the challenge started (default now); durationMinutes: its length (default 50).
  /** Ctrl-C: stop after (or during) the current round and return the last finished one. */
  signal?: AbortSignal;
  /** After every round (the CLI's progress line, tests). */
  onRound?: (board: BoardState) => void;
  /**
   * After every round that finished: its files (what `grade` writes). The CLI writes them at
   * once, so the class report on disk is the latest round's whatever ends the watch.
   */
  onFiles?: (files: GradeResult['files']) => void;
  /** --serve: the board's address, once it listens. */
  onListening?: (url: string) => void;
  now?: () => Date;
}

export type GradeWatchOptions = GradeOptions & WatchOptions;


export interface GradeWatchResult extends Omit<GradeResult, 'classReport'> {
  /** The last finished round's class; absent when no round finished (no file to write). */
  classReport?: ClassReport;
  board: BoardState;
}

export async function gradeWatch(options: GradeWatchOptions): Promise<GradeWatchResult> {
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
  if (!(intervalMs > 0)) throw new UsageError({ ko: '--interval 은 0보다 큰 초 단위 숫자여야 합니다.', en: '--interval must be a number of seconds greater than 0.' });
  const startedAt = options.start ?? now();
  const minutes = options.durationMinutes ?? LAB_DEFAULTS.minutes;
  const endsAt = new Date(startedAt.getTime() + minutes * 60_000);
  if (endsAt <= now()) {
    throw new UsageError({
      ko: `챌린지가 이미 끝났습니다(${endsAt.toISOString()}): --start 와 --duration 을 확인하세요.`,
      en: `The challenge already ended (${endsAt.toISOString()}): check --start and --duration.`,
    });
  }

  const prepared = await prepareClass(options);
  // History is what the students had before the watch: rounds written during it are not "earlier gradings".
  const before = new Map(prepared.roster.entries.map((entry) => [entry.student, previousReportOf(options, entry)]));
  let board = initialBoard(prepared.roster.entries, { source: sourceOf(options), startedAt, endsAt });
  let server: BoardServer | undefined;
  let last: RoundResult | undefined;
  try {
    if (options.serve) {
      const render = { lang: options.lang, timeZone: prepared.timeZone };
      server = await startBoardServer({
        port: options.port ?? 0,
        page: () => renderBoardPage(board, { ...render, now: now() }),
        update: () => JSON.stringify(renderBoardParts(board, { ...render, now: now() })),
      });
      options.onListening?.(server.url);
    }
    await watchRounds({
      intervalMs,
      endsAt,
      now,
      ...(options.signal ? { signal: options.signal } : {}),
      round: async () => {
        const inventories = new Map<string, Inventory>();
        const result = await gradeRound(prepared, {
          quiet: true,
          previousReport: (entry) => before.get(entry.student),
          onInventory: (student, inventory) => inventories.set(student, inventory),
        });
        return { result, inventories };
      },
      onResult: ({ result, inventories }, at) => {
        last = result;
        board = applyRound(board, roundStudents(result, inventories, at), at);
        options.onFiles?.(result.files);
      },
      onFailure: (error, at) => {
        board = failRound(board, error instanceof Error ? error.message.split('\n')[0]! : String(error), at);
      },
      afterRound: () => {
        server?.publish();
        options.onRound?.(board);
      },
    });
  } finally {
    await server?.close();
    await prepared.close();
  }
  if (!last) {
    return { files: [], problems: [options.lang === 'ko' ? '끝난 채점 회차가 없어 파일을 쓰지 않았습니다.' : 'No round finished, so no file was written.'], exitCode: 1, board };
  }
  const { outcomes: _outcomes, ...result } = last as RoundResult;
  return { ...result, board };
}

/** What the board's label says the data came from. */
function sourceOf(options: GradeOptions): BoardSource {
  if (options.target === 'local') return 'emulator';
  return options.endpoint && !isAwsEndpoint(options.endpoint) ? 'endpoint' : 'aws';
}

/** A round's students as the board takes them: the scored report and the cost so far, or the error. */
export function roundStudents(result: Pick<RoundResult, 'outcomes'>, inventories: ReadonlyMap<string, Inventory>, at: Date): RoundStudent[] {
  return result.outcomes.map((o): RoundStudent => {
    const { student, name } = o.entry;
    if (!o.ok) return { student, name, error: o.error };
    const inventory = inventories.get(student);
    return { student, name, report: o.value, ...(inventory ? { cost: costSoFar(inventory, at) } : {}) };
  });
}

export interface WatchRounds<R> {
  round: () => Promise<R>;
  intervalMs: number;
  endsAt: Date;
  now: () => Date;
  signal?: AbortSignal;
  onResult: (result: R, at: Date) => void;
  /** The round failed as a whole (it threw). */
  onFailure: (error: unknown, at: Date) => void;
  afterRound?: () => void;
  /** Waits; resolves early when the signal aborts (tests pass a fake clock's wait). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Runs rounds one after another until the end or the signal: a round starts one interval
 * after the previous one started (at once when it took longer), never while one runs. The
 * last round is the one that starts at the end of the challenge, or the one still running
 * then (so the last files show the deployments as they were at the end); there is always at
 * least one. A round in flight when the signal aborts is not waited for: its result is dropped.
 */
export async function watchRounds<R>(loop: WatchRounds<R>): Promise<void> {
  const sleep = loop.sleep ?? abortableSleep;
  const end = loop.endsAt.getTime();
  while (!loop.signal?.aborted) {
    const started = loop.now().getTime();
    let outcome: { ok: true; value: R } | { ok: false; error: unknown } | 'aborted';
    try {
      const value = await untilAborted(loop.round(), loop.signal);
      outcome = value === ABORTED ? 'aborted' : { ok: true, value };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (outcome === 'aborted') return;
    if (outcome.ok) loop.onResult(outcome.value, loop.now());
    else loop.onFailure(outcome.error, loop.now());
    loop.afterRound?.();
    if (loop.now().getTime() >= end) return;
    const wait = Math.min(started + loop.intervalMs, end) - loop.now().getTime();
    if (wait > 0) await sleep(wait, loop.signal);
  }
}

const ABORTED = Symbol('aborted');

function untilAborted<R>(work: Promise<R>, signal: AbortSignal | undefined): Promise<R | typeof ABORTED> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.resolve(ABORTED);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => {});
      resolve(ABORTED);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
