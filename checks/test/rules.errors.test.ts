// `error` cases for every check: a dataset the check needs that was not collected makes it
// `error` with the collector's reason (never pass, never fail); a dataset it does not declare
// cannot change its status (so the declarations are complete); optional datasets only add notes.
import { describe, expect, it } from 'vitest';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { derive } from '../../fixtures/inventories/sdk';
import type { Inventory } from '../inventory/types';
import { evaluateCheck, evaluateChecks } from '../rules/evaluate';
import { CHECKS } from '../rules/index';
import type { DatasetPath } from '../rules/types';

const SERVICES = ['ec2', 'elbv2', 'autoscaling', 'rds', 'elasticache', 'cloudfront', 's3', 'cloudwatch', 'logs', 'backup', 'iam'] as const;
const ALL_DATASETS: DatasetPath[] = SERVICES.flatMap((service) =>
  Object.keys((referenceInventory() as unknown as Record<string, Record<string, unknown>>)[service]!).map((name) => `${service}.${name}` as DatasetPath),
);

function withoutDataset(path: DatasetPath): Inventory {
  return derive(referenceInventory() as Inventory, (inv) => {
    const [service, name] = path.split('.') as [string, string];
    (inv as unknown as Record<string, Record<string, unknown>>)[service]![name] = {
      status: 'not-collected',
      operation: `test:${path}`,
      reason: `AccessDenied: not authorized to read ${path}`,
    };
  });
}

/** Checks whose `error` case is not a missing dataset, with the test that covers it. */
const OWN_ERROR_CASES: Record<string, string> = {
  'tags.cleanup': 'rules.architecture.test.ts: tags of an always-taggable resource could not be read',
};

describe('error when a needed dataset was not collected', () => {
  it('knows every dataset of the inventory model', () => {
    expect(ALL_DATASETS).toHaveLength(30);
  });

  for (const check of CHECKS) {
    describe(check.id, () => {
      if (check.datasets.length === 0) {
        it('has its own error case', () => expect(OWN_ERROR_CASES[check.id]).toBeDefined());
        return;
      }
      it.each(check.datasets.map((d) => [d]))('is an error, with the reason, without %s', (path) => {
        const outcome = evaluateCheck(check, withoutDataset(path));
        expect(outcome.status).toBe('error');
        expect(outcome.summary?.en).toBe(`test:${path} was not collected: AccessDenied: not authorized to read ${path}`);
        expect(outcome.resources).toEqual([]);
      });
      it('is not changed by a dataset it does not declare', () => {
        const declared = new Set<string>([...check.datasets, ...(check.optionalDatasets ?? [])]);
        const changed = ALL_DATASETS.filter((path) => !declared.has(path)).filter((path) => evaluateCheck(check, withoutDataset(path)).status !== 'pass');
        expect(changed).toEqual([]);
      });
      for (const optional of check.optionalDatasets ?? []) {
        it(`still passes without the optional ${optional}, with a note`, () => {
          const outcome = evaluateCheck(check, withoutDataset(optional));
          expect(outcome.status).toBe('pass');
          expect(outcome.notes?.map((n) => n.en).join(' ')).toContain(`test:${optional}`);
        });
      }
    });
  }
});

describe('a check that crashes on unexpected data', () => {
  it('is an error that says so, and the other checks still run', () => {
    const broken = derive(referenceInventory() as Inventory, (inv) => {
      (inv.rds.instances as { status: 'collected'; data: unknown }).data = [null];
    });
    const outcomes = evaluateChecks(broken);
    const multiAz = outcomes.find((o) => o.id === 'rds.multi-az')!;
    expect(multiAz.status).toBe('error');
    expect(multiAz.summary?.en).toMatch(/^The check could not evaluate the inventory: /);
    expect(outcomes.find((o) => o.id === 'elasticache.automatic-failover')!.status).toBe('pass');
    expect(outcomes).toHaveLength(CHECKS.length);
  });
});
