// Snapshots: `--snapshot-out` writes the inventory, `--from-snapshot` reads it back for an
// offline grade. The round-trip equals the live inventory; a wrong file is one sentence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { collectInventory } from '../collect';
import { createTestDeployment } from '../discovery/test/sdk-deployment';
import { loadSnapshot, saveSnapshot } from '../inventory/snapshot';
import type { Inventory } from '../inventory/types';

let emulator: RunningEmulator | undefined;
let live: Inventory;

beforeAll(async () => {
  emulator = await startEmulator();
  await createTestDeployment({ endpoint: emulator.endpoint, region: 'ap-northeast-2', credentials: emulatorCredentials() }, 'kim', { stack: true });
  live = await collectInventory({ student: 'kim', endpoint: emulator.endpoint, region: 'ap-northeast-2', credentials: emulatorCredentials() });
  // Everything below runs with no AWS endpoint at all: a snapshot needs none.
  await emulator.stop();
  emulator = undefined;
});

afterAll(async () => {
  await emulator?.stop();
});

function rejection(text: string): Error {
  try {
    loadSnapshot(text, 'kim.json');
  } catch (error) {
    return error as Error;
  }
  throw new Error('loadSnapshot accepted the file');
}

describe('inventory snapshots', () => {
  it('round-trips a live inventory to an equal value', () => {
    const text = saveSnapshot(live);
    const loaded = loadSnapshot(text, 'kim.json');
    expect(loaded).toStrictEqual(live);
    expect(saveSnapshot(loaded)).toBe(text);
    // Not-collected datasets survive too (the checks must still say error offline).
    const withFailure: Inventory = { ...live, rds: { instances: { status: 'not-collected', operation: 'rds:DescribeDBInstances', reason: 'AccessDenied: no.' } } };
    expect(loadSnapshot(saveSnapshot(withFailure), 'x.json').rds).toEqual(withFailure.rds);
  });

  it('rejects a file that is not JSON with one sentence naming it', () => {
    const error = rejection('{"schemaVersion": 1,');
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^kim\.json is not a JSON file \(.+\); pass a file written by verify --snapshot-out\.$/);
  });

  it('rejects another JSON document (a report.json), saying where it differs', () => {
    const error = rejection(JSON.stringify({ schemaVersion: 1, tool: { name: 'cloudmart-harness' }, checks: [] }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^kim\.json is not a CloudMart inventory snapshot \(collectedAt: .+\); pass a file written by verify --snapshot-out\.$/);
    expect(error.message).not.toContain('\n');
  });

  it('rejects a damaged dataset and an unknown schema version', () => {
    const damaged = JSON.parse(saveSnapshot(live)) as Record<string, Record<string, unknown>>;
    damaged.rds!.instances = { status: 'collected' };
    expect(rejection(JSON.stringify(damaged)).message).toContain('(rds.instances.data: ');
    const future = { ...JSON.parse(saveSnapshot(live)), schemaVersion: 2 };
    expect(rejection(JSON.stringify(future)).message).toContain('schema version 2, this tool reads version 1');
  });
});
