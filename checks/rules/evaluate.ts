// Evaluating checks: the one place that turns a check's result into a complete CheckOutcome
// (catalog metadata + status + evidence). The live suites and evaluateChecks both call
// evaluateCheck, so a vitest run and a plain call can never disagree.
import type { CheckOutcome } from '../../contract/report';
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from '../config';
import type { Inventory } from '../inventory/types';
import { CHECKS } from './index';
import { missingDatasets, NotCollectedError } from './lib/collected';
import { joinText } from './lib/text';
import type { Check, CheckRemediation, CheckResult } from './types';

function outcome(check: Check, result: CheckResult, remediation: CheckRemediation = check.remediation): CheckOutcome {
  return {
    id: check.id,
    category: check.category,
    severity: check.severity,
    title: check.title,
    status: result.status,
    summary: result.summary,
    resources: result.resources,
    ...(result.evidence ? { evidence: result.evidence } : {}),
    ...(result.notes && result.notes.length ? { notes: result.notes } : {}),
    remediation,
    refs: check.refs,
  };
}

/** The fix worded for this deployment, or the catalogue's when the check has none or its data is missing. */
function remediationOf(check: Check, inventory: Inventory, config: CheckConfig): CheckRemediation {
  if (!check.remediationFor) return check.remediation;
  try {
    return check.remediationFor(inventory, config);
  } catch (error) {
    if (error instanceof NotCollectedError) return check.remediation;
    throw error;
  }
}

/**
 * One check against one inventory. A needed dataset that was not collected, or data the check
 * cannot find, gives `error` with the collector's reason; so does a crash of the check itself.
 * Never `pass` without the data.
 */
export function evaluateCheck(check: Check, inventory: Inventory, config: CheckConfig = DEFAULT_CHECK_CONFIG): CheckOutcome {
  const missing = missingDatasets(inventory, check.datasets);
  if (missing.length) return outcome(check, { status: 'error', summary: joinText(missing), resources: [] });
  try {
    return outcome(check, check.evaluate(inventory, config), remediationOf(check, inventory, config));
  } catch (error) {
    if (error instanceof NotCollectedError) return outcome(check, { status: 'error', summary: error.text, resources: [] });
    const message = error instanceof Error ? error.message : String(error);
    return outcome(check, {
      status: 'error',
      summary: { ko: `검사가 인벤토리를 평가하지 못했습니다: ${message}`, en: `The check could not evaluate the inventory: ${message}` },
      resources: [],
    });
  }
}

/** Every check of the catalog, in catalog order. Pure: no vitest, no I/O. */
export function evaluateChecks(inventory: Inventory, config: CheckConfig = DEFAULT_CHECK_CONFIG): CheckOutcome[] {
  return CHECKS.map((check) => evaluateCheck(check, inventory, config));
}
