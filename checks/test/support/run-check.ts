// What every rule test needs: the reference inventory, a variant of it, one check run the way
// verify runs it (evaluateCheck adds the catalogue metadata), and the failing evidence lines.
import type { CheckOutcome } from '../../../contract/report';
import { referenceInventory } from '../../../fixtures/inventories/reference';
import { derive } from '../../../fixtures/inventories/sdk';
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from '../../config';
import type { Inventory } from '../../inventory/types';
import { evaluateCheck } from '../../rules/evaluate';
import { checkById } from '../../rules/index';

export const reference = (): Inventory => referenceInventory();

export const variant = (mutate: (inv: Inventory) => void, base: Inventory = reference()): Inventory => derive(base, mutate);

export function run(id: string, inventory: Inventory, config: CheckConfig = DEFAULT_CHECK_CONFIG): CheckOutcome {
  const check = checkById(id);
  if (!check) throw new Error(`no check ${id}`);
  return evaluateCheck(check, inventory, config);
}

export const failing = (o: CheckOutcome) => o.resources.filter((r) => r.status === 'fail');
