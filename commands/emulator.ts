// `emulator`: the local AWS emulator in the foreground, optionally with a scenario
// deployment already created in it (to try verify, drills or cleanup by hand).
import { assertRegionName } from '../checks/aws/region';
import { startEmulator, type RunningEmulator } from '../sandbox/emulator/emulator';
import { assertScenarioName, createScenario, type CreatedScenario } from '../sandbox/scenarios/index';
import { DEFAULT_LOCAL_STUDENT, DEFAULT_REGION } from './defaults';

export interface EmulatorOptions {
  port?: number;
  verbose?: boolean;
  /** Create this scenario (e.g. reference) for `student` once the emulator listens. */
  scenario?: string;
  student?: string;
  region?: string;
}

export async function runEmulator(options: EmulatorOptions): Promise<{ emulator: RunningEmulator; created?: CreatedScenario }> {
  if (options.scenario) assertScenarioName(options.scenario);
  // Checked before the emulator starts: moto answers a malformed region with an HTML error page.
  assertRegionName(options.region ?? DEFAULT_REGION);
  const emulator = await startEmulator({ port: options.port ?? 0, verbose: options.verbose ?? false });
  if (!options.scenario) return { emulator };
  try {
    const created = await createScenario(options.scenario, {
      endpoint: emulator.endpoint,
      region: options.region ?? DEFAULT_REGION,
      student: options.student ?? DEFAULT_LOCAL_STUDENT,
    });
    return { emulator, created };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}
