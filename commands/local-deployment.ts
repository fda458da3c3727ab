// `--target local`: the local AWS emulator with a scenario deployment created in it, for as
// long as a callback runs. The emulator is test and rehearsal infrastructure: what runs
// inside the callback talks to it like to AWS, with only the endpoint differing.
import type { Bilingual } from '../contract/report';
import { emulatorCredentials, startEmulator } from '../sandbox/emulator/emulator';
import { createScenario, type CreatedScenario } from '../sandbox/scenarios/index';

import { DEFAULT_LOCAL_STUDENT, DEFAULT_SCENARIO } from './defaults';

export { DEFAULT_LOCAL_STUDENT, DEFAULT_SCENARIO };

export interface LocalDeployment extends CreatedScenario {
  endpoint: string;
  scenario: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export async function withLocalDeployment<T>(
  options: { scenario?: string; student?: string; region: string; onProgress?: (message: Bilingual) => void },
  use: (deployment: LocalDeployment) => Promise<T>,
): Promise<T> {
  const scenario = options.scenario ?? DEFAULT_SCENARIO;
  const student = options.student ?? DEFAULT_LOCAL_STUDENT;
  options.onProgress?.({ ko: '로컬 AWS 에뮬레이터를 시작합니다', en: 'starting the local AWS emulator' });
  const emulator = await startEmulator();
  try {
    options.onProgress?.({
      ko: `에뮬레이터(${emulator.endpoint})에 ${student}의 "${scenario}" 배포를 만듭니다`,
      en: `creating the "${scenario}" deployment of ${student} in the emulator (${emulator.endpoint})`,
    });
    const created = await createScenario(scenario, { endpoint: emulator.endpoint, region: options.region, student });
    return await use({ ...created, endpoint: emulator.endpoint, scenario, credentials: emulatorCredentials() });
  } finally {
    await emulator.stop();
  }
}
