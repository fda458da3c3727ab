// Numbers and durations in the sentences of a drill (phases, notes, criteria), in both
// languages.
import type { Bilingual } from '../../contract/report';

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function seconds(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? 'n/a' : `${round(ms / 1000, 1)} s`;
}

/** The same duration for Korean sentences ("12.5초"). */
export function secondsKo(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '없음' : `${round(ms / 1000, 1)}초`;
}

/** Text that reads the same in both languages (ids, numbers, AWS event names). */
export function same(text: string): Bilingual {
  return { ko: text, en: text };
}
