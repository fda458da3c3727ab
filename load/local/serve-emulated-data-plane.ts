// `npx tsx load/local/serve-emulated-data-plane.ts --student me [--endpoint URL]`: keeps a
// real data plane (emulated-data-plane.ts) running behind the names of a deployment in the
// local emulator (default: the background one `deploy --target local` started), and prints
// the drill command with the CLOUDMART_RESOLVE that reaches it. Run the drill in another
// terminal; Ctrl-C here stops the API processes, PostgreSQL and Redis.
import { AwsSession } from '../../checks/aws/session';
import { collectWithSession } from '../../checks/collect';
import { UsageError } from '../../contract/errors';
import { findBackgroundEmulator } from '../../sandbox/emulator/background';
import { emulatorCredentials } from '../../sandbox/emulator/emulator';
import { fromInventory } from '../targets/deployment';
import { workloadLauncher } from './api-process';
import { startEmulatedDataPlane } from './emulated-data-plane';
import { sandboxRehearsalServers, trackedServers } from './rehearsal-servers';

const REGION = 'ap-northeast-2';

const lang: 'ko' | 'en' = process.argv[process.argv.indexOf('--lang') + 1] === 'en' && process.argv.includes('--lang') ? 'en' : 'ko';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const student = argument('--student');
  if (!student) throw new UsageError({ ko: '데이터 평면을 붙일 학생을 지정하세요: --student 학번.', en: 'Name the student whose emulated deployment to serve: --student ID.' });
  const endpoint = argument('--endpoint') ?? (await findBackgroundEmulator())?.endpoint;
  if (!endpoint) throw new UsageError({ ko: '백그라운드 에뮬레이터가 실행 중이 아닙니다. 먼저 `npm run deploy -- --target local --student 학번`을 실행하거나 --endpoint URL을 주세요.', en: 'No background emulator is running: run `npm run deploy -- --target local --student ID` first, or pass --endpoint URL.' });
  const credentials = emulatorCredentials();
  const session = new AwsSession({ region: REGION, endpoint, credentials });
  const { deployment } = fromInventory(await collectWithSession(session, { student, region: REGION }));
  if (!deployment.appUrl) throw new UsageError({ ko: `에뮬레이터(${endpoint})에서 ALB가 있는 ${student}의 배포를 찾지 못했습니다.`, en: `No deployment of ${student} with an ALB was found in the emulator at ${endpoint}.` });
  const servers = trackedServers(sandboxRehearsalServers());
  process.once('exit', () => servers.killAllSync());
  const plane = await startEmulatedDataPlane({ session, student, deployment: { ...deployment, appUrl: deployment.appUrl }, servers: servers.servers, launcher: workloadLauncher() });
  const ready = { ko: `${student}의 데이터 평면 준비 완료(${plane.balancer.url} 뒤에 API 프로세스 ${plane.instances().size}개). 다른 터미널에서:`, en: `Data plane of ${student} ready (${plane.instances().size} API processes behind ${plane.balancer.url}). In another terminal:` };
  process.stdout.write(
    `${ready[lang]}\n\n` +
      `CLOUDMART_RESOLVE='${plane.resolve}' AWS_ACCESS_KEY_ID=${credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey} ` +
      `npm run drill -- rds-failover --yes --endpoint ${endpoint} --student ${student}\n\n${lang === 'ko' ? '여기서 Ctrl-C를 누르면 멈춥니다.' : 'Ctrl-C here stops it.'}\n`,
  );
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  await plane.stop();
  await servers.destroyAll();
  session.destroy();
}

main().catch((error: unknown) => {
  const message = error instanceof UsageError ? (error.sentence?.[lang] ?? error.message) : error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
