// The emulated class of thirty the class benchmarks grade (grade, grade-watch):
// fixtures/rosters/class-30.csv, each row's scenario deployed in the emulated account its role
// ARN names, four at a time as grade --target local deploys a roster.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RosterEntry } from '../../reports/index';
import { BENCH_REGION } from './emulator';

export const CLASS_ROSTER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/rosters/class-30.csv');
export const DEPLOY_WORKERS = 4;

/** The roster's header and its 30 rows (comments dropped), to write rosters of the first n. */
export function rosterRows(): { header: string; rows: string[] } {
  const lines = readFileSync(CLASS_ROSTER, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  return { header: lines[0]!, rows: lines.slice(1) };
}

/** Deploys every entry's scenario in its own emulated account; returns the wall time. */
export async function deployClass(entries: readonly RosterEntry[], endpoint: string): Promise<number> {
  const { createScenario } = await import('../../sandbox/scenarios/index');
  const queue = [...entries];
  const started = performance.now();
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      await createScenario(entry.scenario ?? 'reference', {
        endpoint,
        region: entry.region ?? BENCH_REGION,
        student: entry.student,
        accountId: entry.roleArn!.split(':')[4]!,
      });
    }
  };
  await Promise.all(Array.from({ length: DEPLOY_WORKERS }, worker));
  return performance.now() - started;
}
