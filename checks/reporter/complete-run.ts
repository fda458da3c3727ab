// What a CheckRun carries besides the checks' outcomes, added once the checks have run: where
// the deployment's resources live (the report's diagram). One place for both ways of running
// the checks: the vitest live suites (checks/run-check-suites.ts) and the CloudShell package's
// in-process run (package/in-process-check-run.ts).
import type { CheckRun } from '../../contract/report';
import { deploymentMapOf } from '../inventory/deployment-map';
import type { Inventory } from '../inventory/types';

export function completeRun(run: CheckRun, inventory: Inventory): CheckRun {
  return { ...run, deployment: deploymentMapOf(inventory) };
}
