// grade --watch's rounds (issue 17, part 2): one round at a time, one interval from the start
// of one to the start of the next, a failed round reported and the next one still run, the end
// of the challenge and Ctrl-C honoured; and the watch options refused where they mean nothing.
// A fake clock: no test here waits for real time.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { watchRounds } from '../grade-watch';
import { assertWatchOptions, startFrom } from '../watch-options';

/** A clock that moves only when a round "takes" time or the loop sleeps. */
function fakeClock(startMs = Date.parse('2026-12-08T01:00:00Z')) {
  let nowMs = startMs;
  return {
    now: () => new Date(nowMs),
    advance: (ms: number) => {
      nowMs += ms;
    },
    sleep: async (ms: number) => {
      nowMs += ms;
    },
    get ms() {
      return nowMs - startMs;
    },
  };
}

describe('watch rounds', () => {
  it('starts a round every interval (from the start of the previous one), the last one at the end, never two at once', async () => {
    const clock = fakeClock();
    let running = 0;
    let most = 0;
    const starts: number[] = [];
    await watchRounds({
      intervalMs: 60_000,
      endsAt: new Date(clock.now().getTime() + 5 * 60_000),
      now: clock.now,
      sleep: clock.sleep,
      round: async () => {
        starts.push(clock.ms);
        running++;
        most = Math.max(most, running);
        await Promise.resolve();
        clock.advance(20_000); // the round takes 20 s
        running--;
        return 'ok';
      },
      onResult: () => {},
      onFailure: () => {
        throw new Error('no round fails here');
      },
    });
    expect(starts).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000]);
    expect(most).toBe(1);
  });

  it('starts the next round at once when a round took longer than the interval; the round running at the end is the last', async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    await watchRounds({
      intervalMs: 10_000,
      endsAt: new Date(clock.now().getTime() + 60_000),
      now: clock.now,
      sleep: clock.sleep,
      round: async () => {
        starts.push(clock.ms);
        clock.advance(25_000);
      },
      onResult: () => {},
      onFailure: () => {},
    });
    expect(starts).toEqual([0, 25_000, 50_000]);
  });

  it('reports a failed round and goes on with the next', async () => {
    const clock = fakeClock();
    const seen: string[] = [];
    let n = 0;
    await watchRounds({
      intervalMs: 1_000,
      endsAt: new Date(clock.now().getTime() + 3_000),
      now: clock.now,
      sleep: clock.sleep,
      round: async () => {
        n++;
        if (n === 2) throw new Error('vitest could not start');
        return n;
      },
      onResult: (value) => seen.push(`ok ${value}`),
      onFailure: (error) => seen.push(`failed: ${(error as Error).message}`),
      afterRound: () => seen.push('published'),
    });
    expect(seen).toEqual(['ok 1', 'published', 'failed: vitest could not start', 'published', 'ok 3', 'published', 'ok 4', 'published']);
  });

  it('stops at Ctrl-C without waiting for the round in flight, whose result is dropped', async () => {
    const clock = fakeClock();
    const interrupt = new AbortController();
    const results: number[] = [];
    let n = 0;
    let release: () => void = () => {};
    const done = watchRounds({
      intervalMs: 1_000,
      endsAt: new Date(clock.now().getTime() + 3_600_000),
      now: clock.now,
      sleep: clock.sleep,
      signal: interrupt.signal,
      round: async () => {
        n++;
        if (n === 1) return n;
        // The second round hangs until released.
        await new Promise<void>((resolve) => (release = resolve));
        return n;
      },
      onResult: (value) => results.push(value),
      onFailure: () => {},
    });
    await new Promise((resolve) => setImmediate(resolve));
    interrupt.abort();
    await done;
    release();
    expect(results).toEqual([1]);
    expect(n).toBe(2);
  });

  it('runs one round when the end passed while the class was being prepared', async () => {
    const clock = fakeClock();
    let rounds = 0;
    await watchRounds({ intervalMs: 1_000, endsAt: new Date(clock.now().getTime() - 5_000), now: clock.now, sleep: clock.sleep, round: async () => rounds++, onResult: () => {}, onFailure: () => {} });
    expect(rounds).toBe(1);
  });
});

describe('watch options', () => {
  it('takes --start as an ISO 8601 time with its offset', () => {
    expect(startFrom('2026-12-08T10:00:00+09:00')!.toISOString()).toBe('2026-12-08T01:00:00.000Z');
    expect(startFrom('2026-12-08T01:00Z')!.toISOString()).toBe('2026-12-08T01:00:00.000Z');
    expect(startFrom(undefined)).toBeUndefined();
  });

  it('refuses a --start without an offset or that is not a time, in one sentence', () => {
    for (const bad of ['10:00', '2026-12-08T10:00:00', 'tomorrow', '2026-13-40T99:00:00Z']) {
      expect(() => startFrom(bad), bad).toThrow(UsageError);
    }
    expect(() => startFrom('10:00')).toThrow('--start must be an ISO 8601 time with its offset (e.g. 2026-12-08T10:00:00+09:00), not "10:00".');
  });

  it('refuses the watch options without --watch and --port without --serve', () => {
    expect(() => assertWatchOptions({ serve: true })).toThrow('--serve only goes with --watch.');
    expect(() => assertWatchOptions({ intervalMs: 1000, durationMinutes: 5 })).toThrow('--interval, --duration only go with --watch.');
    expect(() => assertWatchOptions({ watch: true, port: 8080 })).toThrow('--port goes with --serve');
    expect(() => assertWatchOptions({ watch: true, serve: true, port: 8080, intervalMs: 1000 })).not.toThrow();
    expect(() => assertWatchOptions({})).not.toThrow();
  });
});
