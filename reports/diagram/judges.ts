// Which checks judge each thing the diagram draws, and the status that gives it: the one place
// that maps "resource -> checks that judge it -> data-status". A resource is judged by the
// evidence lines those checks wrote about it (by id or ARN); a check that could not read its
// data makes it `error`; nothing judging it at all is `error` too, never a silent pass.
import type { CheckEntry, Report } from '../../contract/report';
import { blockersOf, shownStatus } from '../render/blocked';

export type DiagramStatus = 'pass' | 'fail' | 'error' | 'missing';

/** What the diagram draws, by the role it plays in the seed's picture. */
export type ElementKind =
  | 'vpc'
  | 'alb'
  | 'nat'
  | 'asg'
  | 'instance'
  | 'db'
  | 'cache'
  | 'distribution'
  | 'bucket'
  | 'dashboard'
  | 'alarms'
  | 'backup'
  | 'alarm-badge'
  | 'backup-badge'
  | 'path-internet-alb'
  | 'path-alb-app'
  | 'path-app-db'
  | 'path-app-cache';

/** The checks (checks.md ids) that judge each kind of element, most telling first. */
export const JUDGES: Record<ElementKind, readonly string[]> = {
  vpc: ['vpc.multi-az-subnets', 'vpc.private-tiers'],
  alb: ['alb.internet-facing', 'alb.multi-az', 'wiring.targets-healthy'],
  nat: ['nat.per-az'],
  asg: ['asg.behind-alb', 'asg.multi-az', 'asg.scaling-policy', 'asg.group-metrics', 'vpc.private-tiers'],
  instance: ['vpc.private-tiers'],
  db: ['rds.postgres-present', 'rds.multi-az', 'rds.not-public', 'rds.encrypted', 'rds.backup-retention', 'rds.deletion-protection', 'rds.enhanced-monitoring', 'vpc.private-tiers'],
  cache: ['elasticache.redis-present', 'elasticache.automatic-failover', 'elasticache.encryption', 'elasticache.snapshots', 'vpc.private-tiers'],
  distribution: ['frontend.s3-cloudfront', 'cloudfront.https-only', 'cloudfront.origin-access-control'],
  bucket: ['s3.block-public-access', 'frontend.s3-cloudfront'],
  dashboard: ['dashboard.present'],
  alarms: ['alarms.coverage', 'alarms.actions'],
  backup: ['backup.plan-covers-rds'],
  'alarm-badge': ['alarms.coverage'],
  'backup-badge': ['backup.plan-covers-rds'],
  'path-internet-alb': ['sg.alb-ingress'],
  'path-alb-app': ['sg.app-from-alb-only'],
  'path-app-db': ['sg.db-from-app-only'],
  'path-app-cache': ['sg.cache-from-app-only'],
};

/** The checks that say a tier is missing (the dashed slot is red when they failed). */
export const PRESENCE: Partial<Record<ElementKind, string>> = {
  alb: 'alb.internet-facing',
  asg: 'asg.behind-alb',
  db: 'rds.postgres-present',
  cache: 'elasticache.redis-present',
  distribution: 'frontend.s3-cloudfront',
  bucket: 'frontend.s3-cloudfront',
  dashboard: 'dashboard.present',
  alarms: 'alarms.coverage',
  backup: 'backup.plan-covers-rds',
};

export interface Judgement {
  status: DiagramStatus;
  /** The checks that judged it (in JUDGES order). */
  checks: string[];
  /** The first check that failed (or could not read its data): the label and the link. */
  culprit?: CheckEntry;
}

/** Worst first: a failure is what a student must see, then a check that could not judge. */
const RANK: Record<DiagramStatus, number> = { fail: 3, error: 2, missing: 1, pass: 0 };

function worse(a: DiagramStatus, b: DiagramStatus): boolean {
  return RANK[a] > RANK[b];
}

const BY_ID = new WeakMap<Report, Map<string, CheckEntry>>();

/** The report's checks by id, built once per report (a diagram asks for every element; a scored report is not changed afterwards). */
function checksById(report: Report): Map<string, CheckEntry> {
  let byId = BY_ID.get(report);
  if (!byId) {
    byId = new Map(report.checks.map((c) => [c.id, c]));
    BY_ID.set(report, byId);
  }
  return byId;
}

/**
 * The status of one drawn resource (`ids`: the names the checks' evidence may use for it) from
 * the checks that judge its kind. Per check: its evidence lines about the resource decide; a
 * check that errored or was blocked speaks for everything it judges; a waived check passes.
 */
export function judge(report: Report, kind: ElementKind, ids: readonly string[]): Judgement {
  const wanted = new Set(ids.filter(Boolean));
  const byId = checksById(report);
  let status: DiagramStatus | undefined;
  let culprit: CheckEntry | undefined;
  const checks: string[] = [];
  for (const id of JUDGES[kind]) {
    const check = byId.get(id);
    if (!check) continue;
    const verdict = verdictOf(check, wanted);
    if (!verdict) continue;
    checks.push(id);
    if (status === undefined || worse(verdict, status)) {
      status = verdict;
      if (verdict !== 'pass') culprit = check;
    }
  }
  // No check in this report judged it: say so, never pass it.
  if (status === undefined) return { status: 'error', checks };
  return { status, checks, ...(culprit ? { culprit } : {}) };
}

function verdictOf(check: CheckEntry, wanted: ReadonlySet<string>): DiagramStatus | undefined {
  const status = shownStatus(check);
  if (status === 'waived') return 'pass';
  if (status === 'error') return 'error';
  if (status === 'blocked') return 'fail';
  if (status === 'not-applicable') return undefined;
  const lines = check.resources.filter((r) => wanted.has(r.id) || (r.arn !== undefined && wanted.has(r.arn)));
  if (lines.length) return lines.some((r) => r.status === 'fail') ? 'fail' : 'pass';
  // The check passed without naming it (it judged the tier as a whole): it passes here too.
  // A failed check that names other resources says nothing about this one.
  return status === 'pass' ? 'pass' : check.resources.length === 0 ? 'fail' : undefined;
}

/**
 * A dashed slot for what is not there: `missing`, and its check (red when the check failed).
 * `check` is the one whose failure means the slot should be filled (e.g. rds.multi-az for a standby).
 */
export function judgeMissing(report: Report, check: string | undefined): Judgement {
  const entry = check ? report.checks.find((c) => c.id === check) : undefined;
  if (!entry) return { status: 'missing', checks: [] };
  const shown = shownStatus(entry);
  const failed = shown === 'fail' || shown === 'blocked' || shown === 'error';
  return { status: 'missing', checks: [entry.id], ...(failed ? { culprit: entry } : {}) };
}

/** A path (security-group arrow) is judged by its check as a whole: not-applicable or blocked means there is nothing to connect to (blocked: red, for the missing tier). */
export function judgePath(report: Report, kind: ElementKind): Judgement {
  const id = JUDGES[kind][0]!;
  const check = report.checks.find((c) => c.id === id);
  if (!check) return { status: 'error', checks: [] };
  const shown = shownStatus(check);
  if (shown === 'not-applicable') return { status: 'missing', checks: [id] };
  // Blocked: the tier it leads to is missing; the check that found it missing is the one to fix.
  if (shown === 'blocked') {
    const blocker = report.checks.find((c) => c.id === blockersOf(check)[0]);
    return { status: 'missing', checks: [id], culprit: blocker ?? check };
  }
  if (shown === 'pass' || shown === 'waived') return { status: 'pass', checks: [id] };
  return { status: shown === 'error' ? 'error' : 'fail', checks: [id], culprit: check };
}
