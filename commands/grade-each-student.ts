// Runs one task per student, a bounded number at a time (contract/bounded.ts), each isolated:
// a student whose account cannot be reached, who has no deployment, or whose run hangs
// becomes an error row, and the rest of the class is still graded. Results keep roster order.
import { mapLimit } from '../contract/bounded';
import { HarnessError, UnreachableError, UsageError } from '../contract/errors';
import type { StudentError } from '../reports/index';

export const DEFAULT_CONCURRENCY = 8;
/** Long enough for a real account's verify (discovery + collectors), short enough that one hung account cannot hold the class. */
export const DEFAULT_STUDENT_TIMEOUT_MS = 10 * 60_000;

export type StudentOutcome<E, R> = { entry: E; ok: true; value: R; ms: number } | { entry: E; ok: false; error: StudentError; ms: number };

export interface EachStudentOptions<E> {
  /** Students at once, default 8; the command checks the user's value first (concurrencyFrom). */
  concurrency?: number;
  timeoutMs?: number;
  /** Called as each student finishes (progress lines). */
  onDone?: (outcome: StudentOutcome<E, unknown>, done: number, total: number) => void;
}

/**
 * `--concurrency` as a number, from the command line's text or a programmatic caller's number:
 * the one check of it, with one sentence, made by grade before it deploys or collects anything.
 */
export function concurrencyFrom(value: string | number): number {
  const n = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError({
      ko: `--concurrency 는 1 이상의 정수여야 합니다("${value}"은(는) 안 됩니다).`,
      en: `--concurrency must be a whole number of at least 1, not "${value}".`,
    });
  }
  return n;
}

/**
 * Calls `task` for every entry, at most `concurrency` at a time. The task gets an AbortSignal
 * that fires on timeout; a task that ignores it is no longer waited for (its row is an error)
 * though it may go on in the background until it settles.
 */
export async function gradeEachStudent<E, R>(
  entries: readonly E[],
  task: (entry: E, signal: AbortSignal) => Promise<R>,
  options: EachStudentOptions<E> = {},
): Promise<StudentOutcome<E, R>[]> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_STUDENT_TIMEOUT_MS;
  let done = 0;
  return mapLimit(entries, concurrency, async (entry) => {
    const outcome = await withTimeout(entry, task, timeoutMs);
    done++;
    options.onDone?.(outcome, done, entries.length);
    return outcome;
  });
}

/** One student's task, stopped after timeoutMs; never rejects. */
async function withTimeout<E, R>(entry: E, task: (entry: E, signal: AbortSignal) => Promise<R>, timeoutMs: number): Promise<StudentOutcome<E, R>> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new TimeoutError(`grading took longer than ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`} and was stopped`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    // Promise.resolve().then: a task that throws synchronously is caught like one that rejects.
    const value = await Promise.race([Promise.resolve().then(() => task(entry, controller.signal)), timeout]);
    return { entry, ok: true, value, ms: performance.now() - started };
  } catch (error) {
    return { entry, ok: false, error: classify(error), ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

class TimeoutError extends Error {}

/** What a student's error row says about an error: its kind and one line. */
export function classify(error: unknown): StudentError {
  if (error instanceof TimeoutError) return { kind: 'timeout', message: error.message };
  if (error instanceof UnreachableError) return { kind: 'unreachable', message: error.message };
  if (error instanceof UsageError) return { kind: 'usage', message: error.message };
  if (error instanceof HarnessError) return { kind: 'internal', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `internal error: ${message.split('\n')[0]}` };
}
