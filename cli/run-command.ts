// Turns what a command returns or throws into an exit code and at most one clear sentence,
// in the command's language (--lang, default ko: main.ts sets it before every action).
import { ExitCode, HarnessError, type Language } from '../contract/errors';

let commandLanguage: Language = 'ko';

/** The language of the command being run; a value other than ko or en leaves the default (the command rejects it). */
export function setCommandLanguage(lang: unknown): void {
  if (lang === 'ko' || lang === 'en') commandLanguage = lang;
}

export function currentLanguage(): Language {
  return commandLanguage;
}

export async function runAction(action: () => Promise<number | void>): Promise<never> {
  let code: number;
  try {
    code = (await action()) ?? ExitCode.ok;
  } catch (error) {
    code = reportError(error, commandLanguage);
  }
  // Let stdout drain before exiting (large summaries piped to a file).
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

/** Writes the one sentence of an error to stderr and returns the exit code it stands for. */
export function reportError(error: unknown, lang: Language = commandLanguage): number {
  if (error instanceof HarnessError) {
    process.stderr.write(`cloudmart: ${oneLine(error.in(lang))}\n`);
    if (process.env.CLOUDMART_DEBUG && error.cause) console.error(error.cause);
    return error.exitCode;
  }
  const message = oneLine(error instanceof Error ? error.message : String(error));
  process.stderr.write(
    lang === 'ko'
      ? // "internal error" stays in English too: it is what a bug report quotes and what the tests look for.
        `cloudmart: 내부 오류(internal error): ${message} (자세한 내용은 CLOUDMART_DEBUG=1 로 다시 실행하고, 이 문제를 알려 주세요).\n`
      : `cloudmart: internal error: ${message} (set CLOUDMART_DEBUG=1 for details, and please report it).\n`,
  );
  if (process.env.CLOUDMART_DEBUG) console.error(error);
  return ExitCode.checksFailed;
}

/** One line, whatever the error carried (a CDK or SDK message can hold several). */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
