// What a deleter is: how cleanup removes one resource type, when (rank: lower ranks go
// first, so dependents are gone before what they depend on), and how it waits until the
// resource is really gone when later ranks depend on that.
import type { AwsSession } from '../checks/aws/session';
import type { DiscoveredResource, Inventory } from '../contract/inventory';
import type { Said } from './text';

export interface DeleteContext {
  session: AwsSession;
  /** The inventory discovery collected (configurations the deletes need: attachments, selections...). */
  inventory: Inventory;
  /** How often to look whether a deletion finished, and for how long (AWS: seconds and minutes). */
  pollIntervalMs: number;
  timeoutMs: number;
}

export interface SkipDecision {
  /** with-parent: removed by the deletion of another resource; keep: left alone. */
  action: 'with-parent' | 'keep';
  reason: Said;
}

export interface Deleter {
  type: string;
  /**
   * Dependency order: 10 CloudFront / ASG, 20 instances, 30 load balancers, 40 target
   * groups / launch templates / databases / caches, 50 subnet groups, 60 NAT gateways,
   * 70 Elastic IPs / flow logs, 80 security groups, 90 internet gateways, 100 subnets,
   * 110 route tables, 120 VPCs; buckets, alarms, logs, backup, topics, secrets, IAM at 40.
   */
  rank: number;
  /** A tagged resource this deleter will not delete itself (and why). */
  skip?(resource: DiscoveredResource, inventory: Inventory, deleting: (type: string, id: string) => boolean): SkipDecision | undefined;
  remove(resource: DiscoveredResource, ctx: DeleteContext): Promise<void>;
}

/** The resource no longer exists: deleting it again is success. */
export function isGone(error: unknown): boolean {
  const e = error as { name?: string; Code?: string; message?: string };
  const code = e.Code ?? e.name ?? '';
  return /NotFound|NoSuch|NotExist/i.test(code) || /does not exist|not found/i.test(e.message ?? '');
}

/**
 * Something still depends on it (retry once the dependents are gone). BucketNotEmpty: a log
 * bucket refills while the buckets logging into it are emptied in the same round.
 */
export function isDependency(error: unknown): boolean {
  const e = error as { name?: string; Code?: string };
  return /DependencyViolation|ResourceInUse|InUse|InvalidDBSubnetGroupState|InvalidCacheSubnetGroupState|BucketNotEmpty/i.test(e.Code ?? e.name ?? '');
}

/** Polls `done`, quickly at first (many deletions finish in a second), then every pollIntervalMs. */
export async function pollUntil(done: () => Promise<boolean>, ctx: Pick<DeleteContext, 'pollIntervalMs' | 'timeoutMs'>, what: string): Promise<void> {
  const deadline = Date.now() + ctx.timeoutMs;
  for (let delay = Math.min(250, ctx.pollIntervalMs); ; delay = Math.min(delay * 2, ctx.pollIntervalMs)) {
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not finish within ${formatDuration(ctx.timeoutMs)}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function formatDuration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

/** Runs `call`; an error that says the resource is already gone counts as done. */
export async function ignoringGone(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!isGone(error)) throw error;
  }
}
