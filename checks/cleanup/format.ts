// The console text of `cleanup`: what belongs to the deployment, with its expiry, and
// what cleanup will do (or did) with each, and why.
import type { CleanupPlan, Expiry } from './plan';
import type { CleanupOutcome } from './run';

export function formatPlan(plan: CleanupPlan, now: Date): string {
  const lines = [`Deployment of ${plan.student} in ${plan.region} (account ${plan.accountId}): ${plan.stacks.length} stack(s), ${plan.resources.length} resource(s).`, ''];
  if (plan.stacks.length > 0) {
    lines.push('Stacks');
    for (const s of plan.stacks) lines.push(`  ${pad(s.action, 11)} ${pad(s.stack.name, 40)} ${pad(s.stack.status, 18)} ${expiry(s, now)}  (${s.reason})`);
    lines.push('');
  }
  lines.push('Resources');
  for (const r of [...plan.resources].sort((a, b) => order(a.action) - order(b.action) || a.resource.type.localeCompare(b.resource.type))) {
    lines.push(`  ${pad(r.action, 11)} ${pad(r.resource.type, 40)} ${pad(r.resource.id, 44)} ${expiry(r, now)}  (${r.reason})`);
  }
  return lines.join('\n');
}

export function formatListOnly(plan: CleanupPlan): string {
  const stacks = plan.stacks.filter((s) => s.action === 'delete').length;
  const resources = plan.resources.filter((r) => r.action === 'delete').length;
  return stacks + resources === 0
    ? 'Listed only: nothing here is for cleanup to delete.'
    : `Listed only, nothing was deleted: run again with --yes to delete ${stacks} stack(s) and ${resources} resource(s) marked "delete" (resources marked "with-stack" go with their stack).`;
}

export function formatOutcome(outcome: CleanupOutcome): string {
  const deletedStacks = outcome.stacks.filter((s) => s.status === 'deleted').length;
  const deleted = outcome.resources.filter((r) => r.status === 'deleted' || r.status === 'with-stack').length;
  const kept = outcome.resources.filter((r) => r.status === 'kept').length;
  const failedStacks = outcome.stacks.filter((s) => s.status === 'failed');
  const failed = outcome.resources.filter((r) => r.status === 'failed');
  const lines = [`Deleted ${deletedStacks} stack(s) and ${deleted} resource(s); kept ${kept} resource(s) that are not cleanup's to delete.`];
  if (failedStacks.length + failed.length > 0) {
    lines.push(`Could not delete ${failedStacks.length + failed.length}:`);
    for (const s of failedStacks) lines.push(`  stack ${s.name}: ${s.reason}`);
    for (const r of failed) lines.push(`  ${r.resource.type} ${r.resource.id}: ${r.reason}`);
  }
  return lines.join('\n');
}

function expiry(e: Expiry, now: Date): string {
  if (e.expiresAt === undefined) return pad('expires-at: none', 46);
  if (e.expired === null) return pad(`expires-at: ${e.expiresAt} (unreadable)`, 46);
  const minutes = Math.round((Date.parse(e.expiresAt) - now.getTime()) / 60_000);
  const when = e.expired ? `passed ${-minutes} min ago` : `in ${minutes} min`;
  return pad(`expires-at: ${e.expiresAt} (${when})`, 46);
}

function order(action: string): number {
  return ['delete', 'with-stack', 'with-parent', 'keep'].indexOf(action);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}
