// The one bounded-concurrency helper of the project: the collectors' per-resource calls,
// cleanup's deletions, grade's students and its emulated deployments all run through it.
// It lives in contract/ because checks/, cleanup/ and commands/ all need it, and contract/
// is the one folder every one of them may import (test/house-rules.test.ts).

/**
 * Runs fn over items with at most `limit` calls in flight, and returns the results in the
 * order of items (not the order they finished). A rejection rejects the whole call, as
 * Promise.all does: a caller that must survive one item's failure catches it inside fn.
 */
export async function mapLimit<I, O>(items: readonly I[], limit: number, fn: (item: I, index: number) => Promise<O>): Promise<O[]> {
  // A limit of 0 or NaN would start no worker and return holes: a caller's bug, said at once.
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`mapLimit needs a whole number limit of at least 1, not ${limit}`);
  const out = new Array<O>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return out;
}
