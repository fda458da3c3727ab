// The shape of a check: catalog metadata beside a pure evaluate function (cdk-nag's one
// rule per file, Prowler's metadata beside each check). The runner (evaluate.ts) adds the
// metadata to what evaluate returns, so a check only says what it saw.
import type { Bilingual, Category, Refs, Remediation, ResourceEvidence, Severity } from '../../contract/report';
import type { CheckConfig } from '../config';
import type { Inventory } from '../inventory/types';

/** The inventory parts that are not datasets (always present). */
type NotADataset = 'schemaVersion' | 'collectedAt' | 'target' | 'discovery' | 'calls';
type ServiceKey = Exclude<keyof Inventory, NotADataset>;

/** A dataset of the inventory by path, e.g. "rds.instances" or "elbv2.targetHealth". */
export type DatasetPath = { [S in ServiceKey]: `${S}.${Extract<keyof Inventory[S], string>}` }[ServiceKey];

export type OutcomeStatus = 'pass' | 'fail' | 'error' | 'not-applicable';

export interface CheckMeta {
  /** The public check id of checks.md; also the file name (checks/rules/<id>.ts). */
  id: string;
  category: Category;
  severity: Severity;
  title: Bilingual;
  remediation: Remediation;
  /** The same control in other tools, exactly as checks.md lists them. */
  refs: Refs;
  /** Datasets the check cannot decide without: any of them not collected makes the check `error`. */
  datasets: readonly DatasetPath[];
  /** Datasets that only add notes (e.g. recovery points): missing, they add a note, never an error. */
  optionalDatasets?: readonly DatasetPath[];
}

/** What evaluate returns: the status and the evidence, without the catalog metadata. */
export interface CheckResult {
  status: OutcomeStatus;
  /** One line: why the check has its status (the reason of an `error`, too). A plain string is English only: being replaced by { ko, en } everywhere. */
  summary: string | Bilingual;
  resources: ResourceEvidence[];
  evidence?: Record<string, unknown>;
  notes?: (string | Bilingual)[];
}

export interface Check extends CheckMeta {
  /** Pure: reads the inventory and the config (and static data such as the price table), never the network or the clock. */
  evaluate(inventory: Inventory, config: CheckConfig): CheckResult;
}

/** Identity function that gives a check file its type (and keeps the literal readable). */
export function defineCheck(check: Check): Check {
  return check;
}
