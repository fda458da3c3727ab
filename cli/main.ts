// The `cloudmart` CLI: parse flags, call one programmatic function per command, write
// the files it returns and set the exit code. Nothing else lives here.
import { Command, CommanderError } from 'commander';
import { ExitCode } from '../contract/errors';
import { TOOL } from '../contract/version';
import { registerApi } from './commands/api';
import { registerCdkCommands } from './commands/cdk';
import { registerCleanup } from './commands/cleanup';
import { registerDrill } from './commands/drill';
import { registerEmulator } from './commands/emulator';
import { registerGrade } from './commands/grade';
import { registerNag } from './commands/nag';
import { registerVerify } from './commands/verify';
import { registerWaivers } from './commands/waivers';
import { commanderError, languageOfArgs } from './commander-errors';
import { setCommandLanguage } from './run-command';

const program = new Command('cloudmart')
  .description('Proves a CloudMart AWS deployment is production-grade.')
  .version(TOOL.version)
  .showHelpAfterError()
  // Parse errors as every other error: one `cloudmart:` line, Korean unless --lang en.
  .configureOutput({ outputError: (text, write) => write(commanderError(text, languageOfArgs(process.argv))) })
  .exitOverride()
  // Error sentences follow the command's --lang (ko when it has none or the default).
  .hook('preAction', (_program, action) => setCommandLanguage(action.opts().lang));

for (const register of [registerCdkCommands, registerNag, registerVerify, registerDrill, registerGrade, registerCleanup, registerEmulator, registerWaivers, registerApi]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end with code 0; every other parse error is bad usage (exit 2).
    process.exit(error.exitCode === 0 ? ExitCode.ok : ExitCode.usage);
  }
  throw error;
}
