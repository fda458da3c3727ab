// Reading datasets: a dataset that was not collected stops the check with `error`
// (the runner catches NotCollectedError), so no check can pass or fail on missing data.
import type { Bilingual } from '../../../contract/report';
import type { Collected, Inventory } from '../../inventory/types';
import type { DatasetPath } from '../types';
import { asText } from './text';

/** "<operation> was not collected: <reason>" in both languages (the reason is the collector's or AWS's). */
export function notCollectedText(operation: string, reason: string | Bilingual): Bilingual {
  const why = asText(reason);
  return { ko: `${operation} 데이터를 수집하지 못했습니다: ${why.ko}`, en: `${operation} was not collected: ${why.en}` };
}

export class NotCollectedError extends Error {
  /** The message in both languages, for the check's summary. */
  readonly text: Bilingual;
  readonly reason: string;

  constructor(
    readonly operation: string,
    reason: string | Bilingual,
  ) {
    const line = notCollectedText(operation, reason);
    super(line.en);
    this.text = line;
    this.reason = asText(reason).en;
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
export function missingDatasets(inventory: Inventory, paths: readonly DatasetPath[]): Bilingual[] {
  const out: Bilingual[] = [];
  for (const path of paths) {
    const dataset = datasetAt(inventory, path);
    if (dataset.status !== 'collected') out.push(notCollectedText(dataset.operation, dataset.reason));
  }
  return out;
}
