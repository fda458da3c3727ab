// Text a student reads, in both languages of the course (contract Bilingual). Checks word
// every summary, evidence line and note with `text(ko, en)`; `--lang` picks one when rendered.
import type { Bilingual } from '../../../contract/report';
import { same } from '../../../contract/text';

export type { Bilingual };

export { asText, joinText, same, text } from '../../../contract/text';

/** "a, b and 3 more" / "a, b 외 3개" for summaries. */
export function idList(items: readonly { id: string }[] | readonly string[], max = 3): Bilingual {
  const ids = items.map((i) => (typeof i === 'string' ? i : i.id));
  if (ids.length <= max) return same(ids.join(', '));
  const shown = ids.slice(0, max).join(', ');
  return { ko: `${shown} 외 ${ids.length - max}개`, en: `${shown} and ${ids.length - max} more` };
}
