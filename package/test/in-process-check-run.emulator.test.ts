// The package runs the checks in-process (package/in-process-check-run.ts) where the repository
// runs them as vitest live suites (checks/run-check-suites.ts). Proof that both give the same
// runs: every scenario of sandbox/scenarios/, created in the emulator and collected through the
// real discovery and collectors, checked both ways; the CheckRuns (times aside) and the
// progress lines a student reads must be identical, for one deployment (verify) and for a
// whole class in one run (grade).
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInventory } from '../../checks/collect';
import type { Inventory } from '../../checks/inventory/types';
import * as liveSuites from '../../checks/run-check-suites';
import type { CheckRun, Target } from '../../contract/report';
import { startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createScenario, emulatedAccountCredentials, listScenarios } from '../../sandbox/scenarios/index';
import * as inProcess from '../in-process-check-run';

const REGION = 'ap-northeast-2';
const ACCOUNT_BASE = 610000000000;

let emulator: RunningEmulator;
const collected: { scenario: string; inventory: Inventory; target: Target }[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.stop();
});

/** A run without its clock: the only part the two ways may not share. */
function untimed(run: CheckRun): Omit<CheckRun, 'startedAt' | 'finishedAt'> {
  const { startedAt: _s, finishedAt: _f, ...rest } = run;
  return rest;
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}

describe('every scenario, collected from the emulator', () => {
  listScenarios().forEach((scenario, index) => {
    it(`${scenario.name}: created and collected`, async () => {
      const accountId = String(ACCOUNT_BASE + index);
      const student = `ip${index}`;
      await createScenario(scenario.name, { endpoint: emulator.endpoint, region: REGION, student, accountId });
      const credentials = await emulatedAccountCredentials({ endpoint: emulator.endpoint, region: REGION, accountId });
      const inventory = await collectInventory({ student, region: REGION, endpoint: emulator.endpoint, credentials });
      collected.push({ scenario: scenario.name, inventory, target: { kind: 'aws', region: REGION, accountId, student, endpoint: emulator.endpoint } });
    });
  });
});

describe('in-process and vitest live suites give identical runs', () => {
  it('on every scenario at once, as grade runs a class', async () => {
    expect(collected).toHaveLength(listScenarios().length);
    const inputs = collected.map(({ inventory, target }) => ({ inventory, target }));
    const live = capture();
    const plain = capture();
    const liveRuns = await liveSuites.runCheckSuitesForMany(inputs, { progress: live.stream, lang: 'en' });
    const plainRuns = await inProcess.runCheckSuitesForMany(inputs, { progress: plain.stream, lang: 'en' });
    expect(plainRuns.map(untimed)).toEqual(liveRuns.map(untimed));
    expect(plain.text()).toBe(live.text());
    // Not a comparison of two empty runs: the scenarios fail checks, and fail different ones.
    const failing = new Set(plainRuns.map((run) => run.checks.filter((c) => c.status !== 'pass').map((c) => c.id).join(',')));
    expect(failing.size).toBeGreaterThan(collected.length / 2);
  });

  it('on one deployment, as verify runs it, with the Korean progress lines', async () => {
    // A vitest run per deployment costs seconds: one scenario for each status a check can end
    // with (every scenario was compared above, in the class run).
    const kinds = (inventory: Inventory) => [...new Set(inProcess.evaluateChecks(inventory).map((o) => o.status))].sort().join(',');
    const oneOfEachKind = [...new Map(collected.map((c) => [kinds(c.inventory), c])).values()];
    expect(oneOfEachKind.length).toBeGreaterThan(1);
    for (const { scenario, inventory, target } of oneOfEachKind) {
      const live = capture();
      const plain = capture();
      const liveRun = await liveSuites.runCheckSuites({ inventory, target, progress: live.stream, lang: 'ko' });
      const plainRun = await inProcess.runCheckSuites({ inventory, target, progress: plain.stream, lang: 'ko' });
      expect(untimed(plainRun), scenario).toEqual(untimed(liveRun));
      expect(plain.text(), scenario).toBe(live.text());
    }
  }, 300_000);

  it('refuses two deployments under one key, as the live run does', async () => {
    const { inventory, target } = collected[0]!;
    const twice = [{ inventory, target }, { inventory, target }];
    await expect(liveSuites.runCheckSuitesForMany(twice, { progress: false })).rejects.toThrow(/share the key/);
    await expect(inProcess.runCheckSuitesForMany(twice, { progress: false })).rejects.toThrow(/share the key/);
  });
});
