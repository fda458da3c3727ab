import type { Command } from 'commander';
import { DEFAULT_LOCAL_STUDENT, DEFAULT_REGION } from '../../commands/defaults';
import type { EmulatorOptions } from '../../commands/emulator';
import { EMULATOR_ACCOUNT_ID } from '../../sandbox/emulator/emulator';
import { option, optionsFor, withOptions } from '../options/define';
import type { Language } from '../../contract/errors';
import { languageOptions } from '../options/groups';
import { flag, number, text } from '../options/values';

const EMULATOR_OPTIONS = optionsFor<EmulatorOptions & { lang: Language; stop?: boolean }>()({
  port: option('--port <n>', 'port to listen on (default: a free port)', number({ min: 0, max: 65_535, whole: true }), { default: '0' }),
  scenario: option('--scenario <name>', 'create this emulated deployment in it first (reference, a defect, partial, console, neighbour)', text()),
  student: option('--student <id>', 'whose deployment --scenario creates', text(), { default: DEFAULT_LOCAL_STUDENT }),
  region: option('--region <region>', 'region of the --scenario deployment', text(), { default: DEFAULT_REGION }),
  verbose: option('--verbose', 'print every request the emulator serves', flag()),
  stop: option('--stop', 'stop the background emulator that `deploy --target local` started (its deployments are gone)', flag()),
  ...languageOptions,
});

export function registerEmulator(program: Command): void {
  const command = program
    .command('emulator')
    .description('start the local AWS emulator (moto with our gap patches) on 127.0.0.1 in the foreground');
  withOptions(command, EMULATOR_OPTIONS, async ({ lang, stop, ...options }) => {
    if (stop) {
      const { stopBackgroundEmulator } = await import('../../sandbox/emulator/background');
      const stopped = await stopBackgroundEmulator();
      const said = stopped
        ? { ko: '백그라운드 로컬 에뮬레이터를 멈췄습니다(그 안의 배포도 사라졌습니다).', en: 'Stopped the background local emulator (its deployments are gone).' }
        : { ko: '실행 중인 백그라운드 로컬 에뮬레이터가 없습니다.', en: 'No background local emulator is running.' };
      process.stdout.write(`${said[lang]}\n`);
      return;
    }
    const { runEmulator } = await import('../../commands/emulator');
    const { emulator, created } = await runEmulator(options);
    const student = created?.student ?? '<ID>';
    const verifyLine = `AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x npm run verify -- --endpoint ${emulator.endpoint} --student ${student}`;
    const resetLine = `curl -X POST ${emulator.endpoint}/moto-api/reset`;
    const lines =
      lang === 'ko'
        ? [
            `로컬 AWS 에뮬레이터가 ${emulator.endpoint}에서 기다립니다(계정 ${EMULATOR_ACCOUNT_ID}, 자격 증명은 아무것이나).`,
            ...(created ? [`  ${created.region}에 학생 ${created.student}의 시나리오 "${options.scenario}"를 만들었습니다`] : []),
            `  검사하려면:  ${verifyLine}`,
            `  초기화하려면: ${resetLine}`,
            '끝내려면 Ctrl-C 를 누르세요.',
          ]
        : [
            `Local AWS emulator listening on ${emulator.endpoint} (account ${EMULATOR_ACCOUNT_ID}, any credentials).`,
            ...(created ? [`  created scenario "${options.scenario}" for student ${created.student} in ${created.region}`] : []),
            `  verify against it:  ${verifyLine}`,
            `  reset it:           ${resetLine}`,
            'Press Ctrl-C to stop.',
          ];
    process.stdout.write(`${lines.join('\n')}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await emulator.stop();
  });
}
