// Shared by the CloudMart k6 scripts: configuration from environment variables (k6 -e
// NAME=value), bounded like the harness's own drills, and the end-of-test summary that
// `cloudmart drill --import-k6 FILE` reads.
import { DRILL_TOKEN_HEADER } from '../../../stacks/workload/src/drill-token-header.ts';

/** The drill token header (-e DRILL_TOKEN=<the deployment's token>): /drill/* answers 404 without it. */
export function drillHeaders(): Record<string, string> {
  const token = __ENV.DRILL_TOKEN;
  return token ? { [DRILL_TOKEN_HEADER]: token } : {};
}

/** The shop's address: the ALB DNS name, e.g. -e BASE_URL=http://cloudmart-alb-123.ap-northeast-2.elb.amazonaws.com */
export function baseUrl(): string {
  const value = __ENV.BASE_URL;
  if (!value) throw new Error('Set BASE_URL (k6 run -e BASE_URL=http://<your ALB DNS name> ...).');
  return value.replace(/\/+$/, '');
}

/** A number from the environment, within [min, max] (the same hard caps as the harness). */
export function envNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = __ENV[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number.`);
  return Math.min(max, Math.max(min, value));
}

export type DrillKind = 'scale-out' | 'rds-failover' | 'redis-failover' | 'instance-loss';

/** What k6 passes to handleSummary(), as documented in "Custom summary" (k6 docs). */
export interface SummaryData {
  root_group: { name: string; path: string; groups: unknown[]; checks: { name: string; path: string; passes: number; fails: number }[] };
  options: Record<string, unknown>;
  state: { testRunDurationMs: number; isStdOutTTY?: boolean; isStdErrTTY?: boolean };
  metrics: Record<string, { type: string; contains: string; values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }>;
}

/**
 * The summary file for `cloudmart drill --import-k6`: k6's own summary data, unchanged,
 * plus a `cloudmart` block saying which drill it was and when it ran.
 */
export function summaryOutput(data: SummaryData, kind: DrillKind): Record<string, string> {
  const finishedAt = new Date();
  const startedAt = new Date(finishedAt.getTime() - data.state.testRunDurationMs);
  const file = __ENV.SUMMARY_OUT || `k6-${kind}-summary.json`;
  const document = { ...data, cloudmart: { kind, appUrl: __ENV.BASE_URL ?? '', startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString() } };
  const lines = [`CloudMart ${kind} (k6): summary written to ${file}; import it with: npm run drill -- --import-k6 ${file}`];
  for (const [metric, entry] of Object.entries(data.metrics)) {
    for (const [expression, threshold] of Object.entries(entry.thresholds ?? {})) {
      lines.push(`  ${threshold.ok ? 'ok  ' : 'FAIL'} ${metric} ${expression}`);
    }
  }
  return { [file]: JSON.stringify(document, null, 2), stdout: lines.join('\n') + '\n' };
}
