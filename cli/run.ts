// Turns what a command returns or throws into an exit code and at most one clear sentence.
import { ExitCode, HarnessError } from '../contract/errors';

export async function runAction(action: () => Promise<number | void>): Promise<never> {
  let code: number;
  try {
    code = (await action()) ?? ExitCode.ok;
  } catch (error) {
    code = reportError(error);
  }
  // Let stdout drain before exiting (large summaries piped to a file).
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

function reportError(error: unknown): number {
  if (error instanceof HarnessError) {
    process.stderr.write(`cloudmart: ${error.message}\n`);
    if (process.env.CLOUDMART_DEBUG && error.cause) console.error(error.cause);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`cloudmart: internal error: ${message} (set CLOUDMART_DEBUG=1 for details, and please report it).\n`);
  if (process.env.CLOUDMART_DEBUG) console.error(error);
  return ExitCode.checksFailed;
}
