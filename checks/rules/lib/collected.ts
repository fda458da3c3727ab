// Reading datasets: a dataset that was not collected stops the check with `error`
// (the runner catches NotCollectedError), so no check can pass or fail on missing data.
import type { Collected, Inventory } from '../../inventory/types';
import type { DatasetPath } from '../types';

export class NotCollectedError extends Error {
  constructor(
    readonly operation: string,
    readonly reason: string,
  ) {
    super(`${operation} was not collected: ${reason}`);
    this.name = 'NotCollectedError';
  }
}

/** The data of a collected dataset; throws NotCollectedError otherwise. */
export function read<T>(dataset: Collected<T>): T {
  if (dataset.status === 'collected') return dataset.data;
  throw new NotCollectedError(dataset.operation, dataset.reason);
}

/** The data, or undefined when not collected (for datasets that only add notes). */
export function readOptional<T>(dataset: Collected<T>): T | undefined {
  return dataset.status === 'collected' ? dataset.data : undefined;
}

/** The dataset at a path such as "rds.instances". */
export function datasetAt(inventory: Inventory, path: DatasetPath): Collected<unknown> {
  const [service, name] = path.split('.') as [keyof Inventory, string];
  const group = inventory[service] as unknown as Record<string, Collected<unknown> | undefined> | undefined;
  const dataset = group?.[name];
  if (!dataset) {
    // An inventory from an older or foreign snapshot: say so instead of crashing.
    return { status: 'not-collected', operation: path, reason: `the inventory has no "${path}" dataset` };
  }
  return dataset;
}

/** The not-collected datasets among `paths`, as "operation: reason" lines. */
export function missingDatasets(inventory: Inventory, paths: readonly DatasetPath[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    const dataset = datasetAt(inventory, path);
    if (dataset.status !== 'collected') out.push(`${dataset.operation} was not collected: ${dataset.reason}`);
  }
  return out;
}
