// A deployment of the reference stacks (or a defect of them) in the emulator, with a real
// data plane behind its names (load/local/emulated-data-plane.ts), and `drill` run on it
// through the AWS code path (commands/drill.ts -> targets/aws.ts), as a student runs it
// with --endpoint. CLOUDMART_RESOLVE is set only while the drill runs.
import { AwsSession } from '../../../checks/aws/session';
import { collectWithSession } from '../../../checks/collect';
import { drillCommand, type DrillCommandOptions } from '../../../commands/drill';
import type { DrillKind, DrillResult } from '../../../contract/report';
import { emulatorCredentials } from '../../../sandbox/emulator/emulator';
import { createScenario } from '../../../sandbox/scenarios';
import { workloadLauncher } from '../../local/api-process';
import { startEmulatedDataPlane, type EmulatedDataPlane } from '../../local/emulated-data-plane';
import { sandboxRehearsalServers, trackedServers } from '../../local/rehearsal-servers';
import { fromInventory, type DrillDeployment } from '../../targets/deployment';

export const REGION = 'ap-northeast-2';

export interface EmulatedDrillBed {
  student: string;
  deployment: DrillDeployment;
  plane: EmulatedDataPlane;
  session: AwsSession;
  drill(kind: DrillKind, options: DrillCommandOptions['options']): Promise<DrillResult>;
  stop(): Promise<void>;
}

export async function emulatedDrillBed(endpoint: string, scenario: string, student: string): Promise<EmulatedDrillBed> {
  const credentials = emulatorCredentials();
  await createScenario(scenario, { endpoint, region: REGION, student });
  const session = new AwsSession({ region: REGION, endpoint, credentials });
  const { deployment } = fromInventory(await collectWithSession(session, { student, region: REGION }));
  const servers = trackedServers(sandboxRehearsalServers());
  let plane: EmulatedDataPlane;
  try {
    plane = await startEmulatedDataPlane({
      session,
      student,
      deployment: { appUrl: deployment.appUrl!, ...deployment },
      servers: servers.servers,
      // No reconnect back-off: the write gap is the outage the emulator made, not the API's patience.
      launcher: workloadLauncher({ env: { DB_RECONNECT_BACKOFF_MAX_MS: '0' } }),
    });
  } catch (error) {
    await servers.destroyAll();
    session.destroy();
    throw error;
  }
  return {
    student,
    deployment,
    plane,
    session,
    async drill(kind, options) {
      const saved = { resolve: process.env.CLOUDMART_RESOLVE, key: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
      process.env.CLOUDMART_RESOLVE = plane.resolve;
      process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
      try {
        return await drillCommand({ kind, yes: true, target: 'aws', endpoint, region: REGION, student, ...(options ? { options } : {}), notes: plane.notes });
      } finally {
        for (const [name, value] of [['CLOUDMART_RESOLVE', saved.resolve], ['AWS_ACCESS_KEY_ID', saved.key], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }
    },
    async stop() {
      await plane.stop();
      await servers.destroyAll();
      session.destroy();
    },
  };
}
