// gradeEachStudent is the unit under test; the verify functions here are the simplest tasks
// that exercise its contract (bound, isolation, order, timeout), not stand-ins for AWS.
import { describe, expect, it } from 'vitest';
import { UnreachableError, UsageError } from '../../contract/errors';
import { concurrencyFrom, DEFAULT_CONCURRENCY, gradeEachStudent } from '../grade-each-student';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const students = (n: number) => Array.from({ length: n }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);

function tracker() {
  let running = 0;
  let peak = 0;
  return {
    get peak() {
      return peak;
    },
    async run<T>(fn: () => Promise<T>): Promise<T> {
      running++;
      peak = Math.max(peak, running);
      try {
        return await fn();
      } finally {
        running--;
      }
    },
  };
}

describe('gradeEachStudent', () => {
  it('runs at most 8 students at once by default, and all of them', async () => {
    const t = tracker();
    const results = await gradeEachStudent(students(30), (s) => t.run(async () => (await sleep(5), s.toUpperCase())));
    expect(DEFAULT_CONCURRENCY).toBe(8);
    expect(t.peak).toBe(8);
    expect(results.map((r) => (r.ok ? r.value : null))).toEqual(students(30).map((s) => s.toUpperCase()));
  });

  it('honours another bound', async () => {
    const t = tracker();
    await gradeEachStudent(students(10), () => t.run(() => sleep(5)), { concurrency: 3 });
    expect(t.peak).toBe(3);
    // A bound the command did not check (grade checks the user's with concurrencyFrom) is a bug, not a hang or holes.
    await expect(gradeEachStudent(students(2), async () => 1, { concurrency: 0 })).rejects.toThrow(RangeError);
  });

  it('turns one failing account into an error row and grades the rest, in roster order', async () => {
    const done: string[] = [];
    let releaseFirst!: () => void;
    const firstMayFinish = new Promise<void>((resolve) => (releaseFirst = resolve));
    const results = await gradeEachStudent(
      students(6),
      async (s) => {
        // s01 finishes only after the other five: the results must still be in roster order.
        if (s === 's01') await firstMayFinish;
        if (s === 's02') throw new UnreachableError('The credentials for s02 were rejected (ExpiredToken).');
        if (s === 's04') throw new UsageError('No CloudMart deployment found for s04.');
        if (s === 's05') throw new TypeError('boom');
        if (s === 's06') return JSON.parse('{'); // a synchronous-style crash inside the task
        return `${s} ok`;
      },
      {
        concurrency: 2,
        onDone: (o) => {
          done.push(o.entry);
          if (done.length === 5) releaseFirst();
        },
      },
    );
    expect(results.map((r) => r.entry)).toEqual(students(6));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual(['ok', 'unreachable', 'ok', 'usage', 'internal', 'internal']);
    expect(results[1]).toMatchObject({ ok: false, error: { message: 'The credentials for s02 were rejected (ExpiredToken).' } });
    expect(results[4]).toMatchObject({ ok: false, error: { message: 'internal error: boom' } });
    expect(done).toHaveLength(6);
    expect(done.at(-1)).toBe('s01');
  });

  it('catches a task that throws before returning a promise', async () => {
    const results = await gradeEachStudent(['a'], () => {
      throw new UsageError('bad roster entry');
    });
    expect(results[0]).toMatchObject({ ok: false, error: { kind: 'usage', message: 'bad roster entry' } });
  });

  it('stops waiting for a student who hangs, aborts their signal, and frees the slot', async () => {
    let aborted: unknown;
    const results = await gradeEachStudent(
      ['hangs', 'fine'],
      (s, signal) =>
        s === 'hangs'
          ? new Promise((_, reject) => signal.addEventListener('abort', () => ((aborted = signal.reason), reject(signal.reason))))
          : Promise.resolve('done'),
      { concurrency: 1, timeoutMs: 30 },
    );
    expect(results[0]).toMatchObject({ ok: false, error: { kind: 'timeout', message: 'grading took longer than 30 ms and was stopped' } });
    expect(aborted).toBeInstanceOf(Error);
    expect(results[1]).toMatchObject({ ok: true, value: 'done' });
  });
});

describe('concurrencyFrom', () => {
  it("takes the command line's text or a number, and refuses anything but a whole number of at least 1 in one sentence", () => {
    expect(concurrencyFrom('3')).toBe(3);
    expect(concurrencyFrom(' 12 ')).toBe(12);
    expect(concurrencyFrom(1)).toBe(1);
    for (const bad of ['0', '', ' ', '1.5', 'two', '-1', 0, 1.5, Number.NaN]) {
      let error: unknown;
      try {
        concurrencyFrom(bad);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).in('en')).toBe(`--concurrency must be a whole number of at least 1, not "${bad}".`);
      expect((error as UsageError).in('ko')).toBe(`--concurrency 는 1 이상의 정수여야 합니다("${bad}"은(는) 안 됩니다).`);
    }
  });
});
