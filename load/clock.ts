// One clock for the whole drill: epoch milliseconds with sub-millisecond resolution.
// performance.now() is monotonic; anchoring it to timeOrigin gives wall-clock times
// we can print and compare with AWS event dates.

/** Epoch milliseconds (fractional), monotonic within this process. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export function isoAt(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}

/** Resolves after `ms`, or at once (without throwing) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function roundMs(ms: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(ms * f) / f;
}
