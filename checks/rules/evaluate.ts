// Evaluating checks: the one place that turns a check's result into a complete CheckOutcome
// (catalog metadata + status + evidence). The live suites and evaluateChecks both call
// evaluateCheck, so a vitest run and a plain call can never disagree.
import type { Bilingual, CheckOutcome } from '../../contract/report';
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from '../config';
import type { Inventory } from '../inventory/types';
import { CHECKS } from './index';
import { missingDatasets, NotCollectedError } from './lib/collected';
import type { Check, CheckResult } from './types';

/** Until every check words its texts in both languages: an English-only text stays English in both. */
function bilingual(text: string | Bilingual): Bilingual {
  return typeof text === 'string' ? { ko: text, en: text } : text;
}

function outcome(check: Check, result: CheckResult): CheckOutcome {
  return {
    id: check.id,
    category: check.category,
    severity: check.severity,
    title: check.title,
    status: result.status,
    summary: bilingual(result.summary),
    resources: result.resources,
    ...(result.evidence ? { evidence: result.evidence } : {}),
    ...(result.notes && result.notes.length ? { notes: result.notes.map(bilingual) } : {}),
    remediation: check.remediation,
    refs: check.refs,
  };
}

/**
 * One check against one inventory. A needed dataset that was not collected, or data the check
 * cannot find, gives `error` with the collector's reason; so does a crash of the check itself.
 * Never `pass` without the data.
 */
export function evaluateCheck(check: Check, inventory: Inventory, config: CheckConfig = DEFAULT_CHECK_CONFIG): CheckOutcome {
  const missing = missingDatasets(inventory, check.datasets);
  if (missing.length) return outcome(check, { status: 'error', summary: missing.join('; '), resources: [] });
  try {
    return outcome(check, check.evaluate(inventory, config));
  } catch (error) {
    if (error instanceof NotCollectedError) return outcome(check, { status: 'error', summary: error.message, resources: [] });
    const message = error instanceof Error ? error.message : String(error);
    return outcome(check, { status: 'error', summary: `The check could not evaluate the inventory: ${message}`, resources: [] });
  }
}

/** Every check of the catalog, in catalog order. Pure: no vitest, no I/O. */
export function evaluateChecks(inventory: Inventory, config: CheckConfig = DEFAULT_CHECK_CONFIG): CheckOutcome[] {
  return CHECKS.map((check) => evaluateCheck(check, inventory, config));
}
