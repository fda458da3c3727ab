// `--target local`: the local AWS emulator with a scenario deployment created in it, for as
// long as a callback runs. The emulator is test and rehearsal infrastructure: what runs
// inside the callback talks to it like to AWS, with only the endpoint differing.
import { awsSdk } from '../checks/aws/sdk';
import type { Bilingual } from '../contract/report';
import { stackPrefix } from '../stacks/config';
import { EMULATOR_ACCOUNT_ID, emulatorCredentials, startEmulator } from '../sandbox/emulator/emulator';
import { createScenario, type CreatedScenario } from '../sandbox/scenarios/index';

import { DEFAULT_LOCAL_STUDENT, DEFAULT_SCENARIO } from './defaults';

export { DEFAULT_LOCAL_STUDENT, DEFAULT_SCENARIO };

export interface LocalDeployment extends CreatedScenario {
  endpoint: string;
  /** The scenario created for this run; undefined for stacks deployed by `deploy --target local`. */
  scenario?: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The background emulator's endpoint when it holds a stack of `student` (CloudMart-<student>-*), else undefined. */
async function deployedInBackground(student: string, region: string): Promise<string | undefined> {
  const { findBackgroundEmulator } = await import('../sandbox/emulator/background');
  const background = await findBackgroundEmulator();
  if (!background) return undefined;
  const { CloudFormationClient, ListStacksCommand } = awsSdk('@aws-sdk/client-cloudformation');
  const cloudformation = new CloudFormationClient({ endpoint: background.endpoint, region, credentials: emulatorCredentials() });
  try {
    const listed = await cloudformation.send(new ListStacksCommand({}));
    const live = (listed.StackSummaries ?? []).filter((s) => s.StackName?.startsWith(stackPrefix(student)) && s.StackStatus !== 'DELETE_COMPLETE');
    return live.length > 0 ? background.endpoint : undefined;
  } finally {
    cloudformation.destroy();
  }
}

export async function withLocalDeployment<T>(
  options: { scenario?: string; student?: string; region: string; onProgress?: (message: Bilingual) => void },
  use: (deployment: LocalDeployment) => Promise<T>,
): Promise<T> {
  const student = options.student ?? DEFAULT_LOCAL_STUDENT;
  if (options.scenario === undefined) {
    // What `npm run deploy -- --target local` put in the background emulator comes first:
    // that is the student's own deployment, not a scenario made for this run.
    const deployed = await deployedInBackground(student, options.region);
    if (deployed) {
      options.onProgress?.({
        ko: `백그라운드 로컬 에뮬레이터(${deployed})에 배포된 ${student}의 스택을 씁니다`,
        en: `using the stacks of ${student} deployed in the background local emulator (${deployed})`,
      });
      return use({ student, stackPrefix: stackPrefix(student), region: options.region, accountId: EMULATOR_ACCOUNT_ID, endpoint: deployed, credentials: emulatorCredentials() });
    }
  }
  const scenario = options.scenario ?? DEFAULT_SCENARIO;
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
