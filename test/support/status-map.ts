// The acceptance test of issue 4: every scenario, created in the emulator through the SDK and
// graded through the real pipeline (discovery + collectors + every check), produces exactly the
// full status map it declares: the reference passes everything, each defect fails exactly the
// checks it breaks and no others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInventory } from '../../checks/collect';
import { DEFAULT_CHECK_CONFIG } from '../../checks/config';
import { evaluateChecks } from '../../checks/run-check-suites';
import { startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createScenario, emulatedAccountCredentials, listScenarios, type ScenarioDefinition } from '../../sandbox/scenarios/index';

const REGION = 'ap-northeast-2';

export function statusMapSuite(title: string, pick: (scenarios: ScenarioDefinition[]) => ScenarioDefinition[], accountBase: number): void {
  describe(title, () => {
    let emulator: RunningEmulator;
    beforeAll(async () => {
      emulator = await startEmulator();
    });
    afterAll(async () => {
      await emulator?.stop();
    });

    pick(listScenarios()).forEach((scenario, index) => {
      it(`${scenario.name}: ${scenario.description.en}`, async () => {
        // Each scenario in its own emulated account: no reset, no neighbour but its own.
        const accountId = String(accountBase + index);
        // One student id in every account: the reference stacks are synthesized once per
        // student (and profile) and reused, so each template defect costs only its deployment.
        const student = 'st';
        await createScenario(scenario.name, { endpoint: emulator.endpoint, region: REGION, student, accountId });
        const credentials = await emulatedAccountCredentials({ endpoint: emulator.endpoint, region: REGION, accountId });
        const inventory = await collectInventory({ student, region: REGION, endpoint: emulator.endpoint, credentials });
        const actual = Object.fromEntries(evaluateChecks(inventory, DEFAULT_CHECK_CONFIG).map((o) => [o.id, o.status]));
        expect(actual).toEqual(scenario.expected);
      });
    });
  });
}
