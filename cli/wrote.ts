// The line a command prints for each file it wrote, in the command's language.
import type { Language } from '../contract/errors';

export function wroteLine(file: string, lang: Language): string {
  return lang === 'ko' ? `${file} 저장함` : `wrote ${file}`;
}
