// Small builders for what a check returns, so every check words its evidence the same way,
// in Korean and English (a plain string is English-only code not converted yet: see asText).
import type { Bilingual, ResourceEvidence } from '../../../contract/report';
import type { CheckResult } from '../types';
import { asText, idList } from './text';

export interface ResourceRef {
  arn?: string | undefined;
  type?: string | undefined;
}

/** One line of per-resource evidence: `detail` in English (interface.md), `detailKo` beside it. */
export function resource(ok: boolean, id: string, detail: string | Bilingual, ref: ResourceRef = {}): ResourceEvidence {
  const line = asText(detail);
  return {
    id,
    ...(ref.arn ? { arn: ref.arn } : {}),
    ...(ref.type ? { type: ref.type } : {}),
    status: ok ? 'pass' : 'fail',
    detail: line.en,
    detailKo: line.ko,
  };
}

/** The evidence line of a resource in both languages. */
export function detailOf(evidence: ResourceEvidence): Bilingual {
  return { ko: evidence.detailKo ?? evidence.detail, en: evidence.detail };
}

interface Extra {
  evidence?: Record<string, unknown> | undefined;
  notes?: (string | Bilingual)[] | undefined;
}

function extras(extra: Extra): Pick<CheckResult, 'evidence' | 'notes'> {
  return { ...(extra.evidence ? { evidence: extra.evidence } : {}), ...(extra.notes?.length ? { notes: extra.notes.map(asText) } : {}) };
}

export function notApplicable(summary: string | Bilingual, extra: Extra = {}): CheckResult {
  return { resources: [], ...extras(extra), status: 'not-applicable', summary: asText(summary) };
}

export function failed(summary: string | Bilingual, resources: ResourceEvidence[] = [], extra: Extra = {}): CheckResult {
  return { ...extras(extra), status: 'fail', summary: asText(summary), resources };
}

export function errored(summary: string | Bilingual, resources: ResourceEvidence[] = [], extra: Extra = {}): CheckResult {
  return { ...extras(extra), status: 'error', summary: asText(summary), resources };
}

/**
 * pass when there is at least one resource and every resource passes; fail otherwise.
 * `failSummary` gets the failing lines, to name them.
 */
export function judge(
  resources: ResourceEvidence[],
  passSummary: string | Bilingual,
  failSummary: (failing: ResourceEvidence[]) => string | Bilingual,
  extra: Extra = {},
): CheckResult {
  const failing = resources.filter((r) => r.status === 'fail');
  const clean = extras(extra);
  if (resources.length > 0 && failing.length === 0) return { ...clean, status: 'pass', summary: asText(passSummary), resources };
  return { ...clean, status: 'fail', summary: asText(failSummary(failing)), resources };
}

/** The failing lines' details, for a one-line summary: "db-1: not Multi-AZ; db-2: ...". */
export function failingText(failing: ResourceEvidence[], max = 2): Bilingual {
  const shown = failing.slice(0, max);
  const more = failing.length - max;
  return {
    ko: [...shown.map((r) => `${r.id}: ${detailOf(r).ko}`), ...(more > 0 ? [`외 ${more}개`] : [])].join('; '),
    en: [...shown.map((r) => `${r.id}: ${r.detail}`), ...(more > 0 ? [`${more} more`] : [])].join('; '),
  };
}

/** English only, for checks not yet converted to failingText. */
export function failingDetails(failing: ResourceEvidence[], max = 2): string {
  return failingText(failing, max).en;
}

/** English only, for checks not yet converted to idList. */
export function listIds(items: { id: string }[] | string[], max = 3): string {
  return idList(items, max).en;
}
