// Commander's own parse errors (an unknown option, a missing option or value, an unknown
// command) in the language of the command line: Korean unless it says --lang en. Commander
// reports them before any action runs, so the language comes from the raw arguments. Option
// values are checked after parsing, by their declaration (cli/options/define.ts).
import type { Language } from '../contract/errors';

/** --lang en / --lang=en anywhere on the command line; ko otherwise (the default). */
export function languageOfArgs(argv: readonly string[]): Language {
  const at = argv.indexOf('--lang');
  const value = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return value === 'en' ? 'en' : 'ko';
}

const MESSAGES_KO: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^unknown option '([^']+)'$/, (m) => `알 수 없는 옵션 ${m[1]} 입니다.`],
  [/^required option '([^']+)' not specified$/, (m) => `필수 옵션 ${m[1]} 이(가) 없습니다.`],
  [/^option '([^']+)' argument missing$/, (m) => `옵션 ${m[1]} 에 값이 없습니다.`],
  [/^unknown command '([^']+)'$/, (m) => `알 수 없는 명령 ${m[1]} 입니다.`],
  [/^missing required argument '([^']+)'$/, (m) => `필요한 인수 ${m[1]} 이(가) 없습니다.`],
  [/^too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (m) => `인수가 너무 많습니다(${m[2]}개를 받아야 하는데 ${m[3]}개를 받음).`],
];

/**
 * Commander's error text ("error: unknown option '--x'\n(Did you mean --y?)\n") as one
 * `cloudmart: ` line, in Korean when `lang` is ko and the message is one we know.
 */
export function commanderError(text: string, lang: Language): string {
  const [first = '', ...rest] = text.trim().replace(/^error: /, '').split('\n');
  const suggestion = rest.join(' ').trim().match(/^\(Did you mean (?:one of )?(.+)\?\)$/)?.[1];
  if (lang === 'ko') {
    for (const [pattern, render] of MESSAGES_KO) {
      const match = first.match(pattern);
      if (match) return `cloudmart: ${render(match)}${suggestion ? ` ${suggestion} 을(를) 쓰려던 것인가요?` : ''}\n`;
    }
  }
  return `cloudmart: ${[first, ...rest].join(' ').trim()}\n`;
}
