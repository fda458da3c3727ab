// Every sentence cleanup prints, in both languages of the course (--lang ko is the default).
// AWS's own messages (error codes, CloudFormation's reasons) stay as AWS wrote them.
import type { Bilingual } from '../contract/report';
import { text as say } from '../contract/text';

export type Said = Bilingual;
export type Lang = keyof Bilingual;

/** A sentence in Korean and English; verbatim: the same text in both (an AWS message, a resource id). */
export { text as say, same as verbatim } from '../contract/text';

/** "3 min 20 s" / "3분 20초". */
export function duration(ms: number): Said {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? say(`${m}분 ${s}초`, `${m} min ${s} s`) : say(`${s}초`, `${s} s`);
}
