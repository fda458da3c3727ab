// The reference inventory passes every check; this is the base every rule test derives from.
import { describe, expect, it } from 'vitest';
import { referenceInventory } from '../../fixtures/inventories/reference';
import type { Inventory } from '../inventory/types';
import { evaluateChecks } from '../rules/evaluate';

describe('reference inventory', () => {
  it('passes every check of the catalog', () => {
    const inventory: Inventory = referenceInventory();
    const outcomes = evaluateChecks(inventory);
    const notPassing = outcomes.filter((o) => o.status !== 'pass').map((o) => `${o.id}: ${o.status}: ${o.summary?.en}`);
    expect(notPassing).toEqual([]);
    expect(outcomes).toHaveLength(39);
  });
});
