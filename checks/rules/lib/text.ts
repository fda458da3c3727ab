// Text a student reads, in both languages of the course (contract Bilingual). Checks word
// every summary, evidence line and note with `text(ko, en)`; `--lang` picks one when rendered.
import type { Bilingual } from '../../../contract/report';

export type { Bilingual };

/** A line in Korean and English. */
export function text(ko: string, en: string): Bilingual {
  return { ko, en };
}

/** Language-neutral text (ids, ARNs, API values): the same in both languages. */
export function same(value: string): Bilingual {
  return { ko: value, en: value };
}

/** An English-only string from code that has not been converted yet is English in both. */
export function asText(value: string | Bilingual): Bilingual {
  return typeof value === 'string' ? same(value) : value;
}

/** Joins lines per language. */
export function joinText(parts: readonly Bilingual[], separator = '; '): Bilingual {
  return { ko: parts.map((p) => p.ko).join(separator), en: parts.map((p) => p.en).join(separator) };
}

/** "a, b and 3 more" / "a, b 외 3개" for summaries. */
export function idList(items: readonly { id: string }[] | readonly string[], max = 3): Bilingual {
  const ids = items.map((i) => (typeof i === 'string' ? i : i.id));
  if (ids.length <= max) return same(ids.join(', '));
  const shown = ids.slice(0, max).join(', ');
  return { ko: `${shown} 외 ${ids.length - max}개`, en: `${shown} and ${ids.length - max} more` };
}
