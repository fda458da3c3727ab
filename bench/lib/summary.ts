// Small helpers shared by the verify, grade, check-suites and scenarios cases: timing a step
// and summarizing repeated samples (median with the spread, rounded for results.json).
import { median, round } from '../stats';

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Median, min and max of the samples, rounded to `digits`. */
export function spread(samples: readonly number[], digits = 0): Spread {
  return {
    median: round(median(samples), digits),
    min: round(Math.min(...samples), digits),
    max: round(Math.max(...samples), digits),
    runs: samples.length,
  };
}

/** Runs `fn` and returns its value with the milliseconds it took. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** The median of one numeric field across records. */
export function medianOf<T>(records: readonly T[], pick: (r: T) => number, digits = 0): number {
  return round(median(records.map(pick)), digits);
}

export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
