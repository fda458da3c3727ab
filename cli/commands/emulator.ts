import type { Command } from 'commander';
import { EMULATOR_ACCOUNT_ID } from '../../fixtures/emulator/emulator';
import { runAction } from '../run-command';
import { DEFAULT_REGION } from '../../commands/defaults';

export function registerEmulator(program: Command): void {
  program
    .command('emulator')
    .description('start the local AWS emulator (moto with our gap patches) on 127.0.0.1 in the foreground')
    .option('--port <n>', 'port to listen on (default: a free port)', '0')
    .option('--scenario <name>', 'create this emulated deployment in it first (reference, a defect, partial, console, neighbour)')
    .option('--student <id>', 'whose deployment --scenario creates', 'student01')
    .option('--region <region>', 'region of the --scenario deployment', DEFAULT_REGION)
    .option('--verbose', 'print every request the emulator serves')
    .action((options: { port: string; verbose?: boolean; scenario?: string; student: string; region: string }) =>
      runAction(async () => {
        const { runEmulator } = await import('../../commands/emulator');
        const { emulator, created } = await runEmulator({
          port: Number(options.port),
          verbose: options.verbose ?? false,
          student: options.student,
          region: options.region,
          ...(options.scenario ? { scenario: options.scenario } : {}),
        });
        const student = created?.student ?? '<ID>';
        process.stdout.write(
          [
            `Local AWS emulator listening on ${emulator.endpoint} (account ${EMULATOR_ACCOUNT_ID}, any credentials).`,
            ...(created ? [`  created scenario "${options.scenario}" for student ${created.student} in ${created.region}`] : []),
            `  verify against it:  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x npm run verify -- --endpoint ${emulator.endpoint} --student ${student}`,
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
