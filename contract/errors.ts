// Errors that end a command with a known exit code and one clear sentence.
// Every folder throws these; only the CLI turns them into an exit code. The sentence may
// be given in Korean and English ({ ko, en }); the CLI prints the one of the command's
// language, and `message` is always the English one (logs, tests, programmatic callers).
import type { Bilingual } from './report';

/** What a student reads: one sentence, in both languages where it has been translated. */
export type Sentence = string | Bilingual;
export type Language = keyof Bilingual;

/** Exit codes of interface.md: 0 pass, 1 a check failed or errored, 2 usage/config, 3 unreachable. */
export const ExitCode = {
  ok: 0,
  checksFailed: 1,
  usage: 2,
  unreachable: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class HarnessError extends Error {
  /** The sentence in both languages, when it was given in both. */
  readonly sentence: Bilingual | undefined;

  constructor(
    message: Sentence,
    readonly exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(typeof message === 'string' ? message : message.en, options);
    this.sentence = typeof message === 'string' ? undefined : message;
    this.name = new.target.name;
  }

  /** The sentence in `lang`; English where no translation was given. */
  in(lang: Language): string {
    return this.sentence?.[lang] ?? this.message;
  }
}

/** Bad usage or configuration: a wrong flag, a malformed file, no deployment found. Exit 2. */
export class UsageError extends HarnessError {
  constructor(message: Sentence, options?: { cause?: unknown }) {
    super(message, ExitCode.usage, options);
  }
}

/** No credentials, expired credentials, or an endpoint that cannot be reached. Exit 3. */
export class UnreachableError extends HarnessError {
  constructor(message: Sentence, options?: { cause?: unknown }) {
    super(message, ExitCode.unreachable, options);
  }
}
