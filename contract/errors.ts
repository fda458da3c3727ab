// Errors that end a command with a known exit code and one clear sentence.
// Every folder throws these; only the CLI turns them into an exit code.

/** Exit codes of interface.md: 0 pass, 1 a check failed or errored, 2 usage/config, 3 unreachable. */
export const ExitCode = {
  ok: 0,
  checksFailed: 1,
  usage: 2,
  unreachable: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class HarnessError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad usage or configuration: a wrong flag, a malformed file, no deployment found. Exit 2. */
export class UsageError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.usage, options);
  }
}

/** No credentials, expired credentials, or an endpoint that cannot be reached. Exit 3. */
export class UnreachableError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.unreachable, options);
  }
}
