// Runs one task per student with a bound on how many run at once, each isolated: a student
// whose account cannot be reached, who has no deployment, or whose run hangs becomes an
// error row, and the rest of the class is still graded. Results keep roster order.
import { HarnessError, UnreachableError, UsageError } from '../../contract/errors';

export const DEFAULT_CONCURRENCY = 8;
/** Long enough for a real account's verify (discovery + collectors), short enough that one hung account cannot hold the class. */
export const DEFAULT_STUDENT_TIMEOUT_MS = 10 * 60_000;

export type StudentErrorKind = 'unreachable' | 'usage' | 'timeout' | 'internal';

export type StudentOutcome<E, R> =
  | { entry: E; ok: true; value: R; ms: number }
  | { entry: E; ok: false; error: { kind: StudentErrorKind; message: string }; ms: number };

export interface GradeAllOptions<E> {
  concurrency?: number;
  timeoutMs?: number;
  /** Called as each student finishes (progress lines). */
  onDone?: (outcome: StudentOutcome<E, unknown>, done: number, total: number) => void;
}

/**
 * Calls `task` for every entry, at most `concurrency` at a time. The task gets an AbortSignal
 * that fires on timeout; a task that ignores it is no longer waited for (its row is an error)
 * though it may go on in the background until it settles.
 */
export async function gradeAll<E, R>(
  entries: readonly E[],
  task: (entry: E, signal: AbortSignal) => Promise<R>,
  options: GradeAllOptions<E> = {},
): Promise<StudentOutcome<E, R>[]> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a whole number of at least 1 (got ${concurrency}).`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_STUDENT_TIMEOUT_MS;
  const results: StudentOutcome<E, R>[] = new Array(entries.length);
  let next = 0;
  let done = 0;

  const runOne = async (entry: E): Promise<StudentOutcome<E, R>> => {
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
  };

  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      const outcome = await runOne(entries[i]!);
      results[i] = outcome;
      done++;
      options.onDone?.(outcome, done, entries.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, worker));
  return results;
}

class TimeoutError extends Error {}

/** What a student's error row says about an error: its kind and one line. */
export function classify(error: unknown): { kind: StudentErrorKind; message: string } {
  if (error instanceof TimeoutError) return { kind: 'timeout', message: error.message };
  if (error instanceof UnreachableError) return { kind: 'unreachable', message: error.message };
  if (error instanceof UsageError) return { kind: 'usage', message: error.message };
  if (error instanceof HarnessError) return { kind: 'internal', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `internal error: ${message.split('\n')[0]}` };
}
