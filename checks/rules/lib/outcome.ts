// Small builders for what a check returns, so every check words its evidence the same way.
import type { ResourceEvidence } from '../../../contract/report';
import type { CheckResult } from '../types';

export interface ResourceRef {
  arn?: string | undefined;
  type?: string | undefined;
}

/** One line of per-resource evidence. */
export function resource(ok: boolean, id: string, detail: string, ref: ResourceRef = {}): ResourceEvidence {
  return {
    id,
    ...(ref.arn ? { arn: ref.arn } : {}),
    ...(ref.type ? { type: ref.type } : {}),
    status: ok ? 'pass' : 'fail',
    detail,
  };
}

export function notApplicable(summary: string, extra: Partial<CheckResult> = {}): CheckResult {
  return { resources: [], ...extra, status: 'not-applicable', summary };
}

export function failed(summary: string, resources: ResourceEvidence[] = [], extra: Partial<CheckResult> = {}): CheckResult {
  return { ...extra, status: 'fail', summary, resources };
}

export function errored(summary: string, resources: ResourceEvidence[] = [], extra: Partial<CheckResult> = {}): CheckResult {
  return { ...extra, status: 'error', summary, resources };
}

/**
 * pass when there is at least one resource and every resource passes; fail otherwise.
 * `failSummary` gets the failing lines, to name them.
 */
export function judge(
  resources: ResourceEvidence[],
  passSummary: string,
  failSummary: (failing: ResourceEvidence[]) => string,
  extra: Pick<CheckResult, 'evidence' | 'notes'> = {},
): CheckResult {
  const failing = resources.filter((r) => r.status === 'fail');
  const clean = { ...(extra.evidence ? { evidence: extra.evidence } : {}), ...(extra.notes?.length ? { notes: extra.notes } : {}) };
  if (resources.length > 0 && failing.length === 0) return { ...clean, status: 'pass', summary: passSummary, resources };
  return { ...clean, status: 'fail', summary: failSummary(failing), resources };
}

/** "a, b and 3 more" for summaries. */
export function listIds(items: { id: string }[] | string[], max = 3): string {
  const ids = items.map((i) => (typeof i === 'string' ? i : i.id));
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

/** The failing lines' details, for a one-line summary: "db-1: not Multi-AZ; db-2: ...". */
export function failingDetails(failing: ResourceEvidence[], max = 2): string {
  const parts = failing.slice(0, max).map((r) => `${r.id}: ${r.detail}`);
  if (failing.length > max) parts.push(`${failing.length - max} more`);
  return parts.join('; ');
}
