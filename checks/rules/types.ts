// The shape of a check: catalogue metadata (id, category, severity, title, refs: taken by id
// from contract/check-catalogue.ts) and the check's own remediation and datasets, beside a pure
// evaluate function (cdk-nag's rules with metadata attached by id, Prowler's one check per
// folder). The runner (evaluate.ts) adds the metadata to what evaluate returns, so a check only
// says what it saw.
import type { Bilingual, Category, Refs, Remediation, ResourceEvidence, Severity } from '../../contract/report';
import type { CheckConfig } from '../config';
import type { Inventory } from '../inventory/types';

/** The inventory parts that are not datasets (always present). */
type NotADataset = 'schemaVersion' | 'collectedAt' | 'target' | 'discovery' | 'calls';
type ServiceKey = Exclude<keyof Inventory, NotADataset>;

/** A dataset of the inventory by path, e.g. "rds.instances" or "elbv2.targetHealth". */
export type DatasetPath = { [S in ServiceKey]: `${S}.${Extract<keyof Inventory[S], string>}` }[ServiceKey];

export type OutcomeStatus = 'pass' | 'fail' | 'error' | 'not-applicable';

/**
 * How to fix a check: CDK and console steps in both languages, and a warning when the fix
 * replaces or interrupts a resource. Every port, path and name in it is the deployment's own.
 */
export type CheckRemediation = Remediation;

export interface CheckMeta {
  /** The public check id of checks.md; also the file name (checks/rules/<id>.ts). */
  id: string;
  category: Category;
  severity: Severity;
  /** A requirement, so it reads right beside a failure mark ("... must not be publicly accessible"). */
  title: Bilingual;
  /** The catalogue's fix: generic, with no port, path or name of a deployment (remediationFor gives those). */
  remediation: CheckRemediation;
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
  /** One line: why the check has its status (the reason of an `error`, too). */
  summary: Bilingual;
  resources: ResourceEvidence[];
  evidence?: Record<string, unknown>;
  notes?: Bilingual[];
}

export interface Check extends CheckMeta {
  /** Pure: reads the inventory and the config (and static data such as the price table), never the network or the clock. */
  evaluate(inventory: Inventory, config: CheckConfig): CheckResult;
  /**
   * The fix for this deployment: its ports, paths, names and ids in the texts and the CDK
   * snippet. Pure like evaluate; data it cannot read (NotCollectedError) leaves the catalogue's
   * `remediation`. Checks without inventory to speak of have none.
   */
  remediationFor?(inventory: Inventory, config: CheckConfig): CheckRemediation;
}

/** Identity function that gives a check file its type (and keeps the literal readable). */
export function defineCheck(check: Check): Check {
  return check;
}
