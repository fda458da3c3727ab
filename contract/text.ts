// Text a student reads, in both languages of the course (Bilingual): built with `text(ko, en)`,
// or `same(value)` for what has no language (ids, ARNs, AWS's own messages). Every folder that
// words sentences (checks, cleanup, commands) builds them the same way; `--lang` picks one.
import type { Bilingual } from './report';

/** A line in Korean and English. */
export function text(ko: string, en: string): Bilingual {
  return { ko, en };
}

/** Language-neutral text (ids, ARNs, API values): the same in both languages. */
export function same(value: string): Bilingual {
  return { ko: value, en: value };
}

/** Plain text from code that words no Korean (an id, an SDK message) is the same in both. */
export function asText(value: string | Bilingual): Bilingual {
  return typeof value === 'string' ? same(value) : value;
}

/** Joins lines per language. */
export function joinText(parts: readonly Bilingual[], separator = '; '): Bilingual {
  return { ko: parts.map((p) => p.ko).join(separator), en: parts.map((p) => p.en).join(separator) };
}
