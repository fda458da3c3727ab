// mapLimit is the unit under test: the tasks are the simplest that show its bound and order.
import { describe, expect, it } from 'vitest';
import { mapLimit } from '../bounded';

describe('mapLimit', () => {
  it('keeps at most `limit` calls in flight and returns results in the order of the items', async () => {
    let running = 0;
    let peak = 0;
    const waiting: (() => void)[] = [];
    const pending = mapLimit([0, 1, 2, 3, 4, 5, 6], 3, async (item, index) => {
      running++;
      peak = Math.max(peak, running);
      // Each call waits until released, so only the bound holds the others back.
      await new Promise<void>((resolve) => waiting.push(resolve));
      running--;
      return `${item}@${index}`;
    });
    // Release the newest call first (finishing 2, 3, 4, 5, 6, 1, 0), so the order of
    // finishing differs from the order of the items.
    for (let released = 0; released < 7; released++) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(running).toBeLessThanOrEqual(3);
      waiting.pop()!();
    }
    expect(await pending).toEqual(['0@0', '1@1', '2@2', '3@3', '4@4', '5@5', '6@6']);
    expect(peak).toBe(3);
  });

  it('returns an empty list for no items, and refuses a limit that would start no call', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      await expect(mapLimit([1], limit, async (x) => x)).rejects.toThrow(RangeError);
    }
  });

  it('rejects with the first failure, as Promise.all does', async () => {
    await expect(mapLimit([1, 2, 3], 2, async (x) => (x === 2 ? Promise.reject(new Error('two')) : x))).rejects.toThrow('two');
  });
});
