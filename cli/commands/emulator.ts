import type { Command } from 'commander';
import { runAction } from '../run';
import { EMULATOR_ACCOUNT_ID, startEmulator } from '../../fixtures/emulator/emulator';

export function registerEmulator(program: Command): void {
  program
    .command('emulator')
    .description('start the local AWS emulator (moto with our gap patches) on 127.0.0.1 in the foreground')
    .option('--port <n>', 'port to listen on (default: a free port)', '0')
    .option('--verbose', 'print every request the emulator serves')
    .action((options: { port: string; verbose?: boolean }) =>
      runAction(async () => {
        const emulator = await startEmulator({ port: Number(options.port), verbose: options.verbose ?? false });
        process.stdout.write(
          [
            `Local AWS emulator listening on ${emulator.endpoint} (account ${EMULATOR_ACCOUNT_ID}, any credentials).`,
            `  verify against it:  npm run verify -- --endpoint ${emulator.endpoint} --student <ID>`,
            `  reset it:           curl -X POST ${emulator.endpoint}/moto-api/reset`,
            'Press Ctrl-C to stop.',
            '',
          ].join('\n'),
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await emulator.stop();
      }),
    );
}
