// Carries out a cleanup plan: the stacks first (DeleteStack, wait), then, discovered
// again, the tagged resources that remain (outside any stack, or kept by a stack's
// DeletionPolicy: Retain), rank by rank (dependents before what they depend on). Says for
// every resource what happened. A failure is reported, never thrown; only credential and
// endpoint failures end the run.
import { UnreachableError } from '../../contract/errors';
import { classifyAwsError } from '../aws/errors';
import type { AwsSession } from '../aws/session';
import { mapLimit } from '../collectors/collected';
import { refKey } from '../discovery/arns';
import type { DiscoveredResource, Inventory } from '../inventory/types';
import { isDependency, type DeleteContext } from './deleter';
import { deleteStack } from './deleters/cloudformation';
import { DELETERS } from './deleters/index';
import { planCleanup, type CleanupPlan, type PlanOptions } from './plan';

export type StackOutcome = { name: string; status: 'deleted' | 'failed' | 'kept'; reason: string };
export type ResourceOutcome = {
  resource: DiscoveredResource;
  status: 'deleted' | 'with-stack' | 'with-parent' | 'failed' | 'kept';
  reason: string;
};

export interface CleanupOutcome {
  stacks: StackOutcome[];
  resources: ResourceOutcome[];
}

export interface RunOptions {
  pollIntervalMs: number;
  timeoutMs: number;
  /** Rounds of retries for resources something else still used (security groups referring to each other...). */
  dependencyRounds?: number;
  onProgress?: (message: string) => void;
}

export interface CleanupRun extends RunOptions {
  plan: PlanOptions;
  /** Discovery again, after the stacks are gone (undefined: nothing of the deployment is left). */
  rediscover: () => Promise<Inventory | undefined>;
}

export async function runCleanup(session: AwsSession, inventory: Inventory, plan: CleanupPlan, options: CleanupRun): Promise<CleanupOutcome> {
  const stacks = await deleteStacks(session, plan, options);
  const deletedStacks = new Set(stacks.filter((s) => s.status === 'deleted').map((s) => s.name));
  const failedStacks = new Map(stacks.filter((s) => s.status === 'failed').map((s) => [s.name, s.reason]));

  // What the stacks took with them is gone; what they kept (DeletionPolicy: Retain) is found again.
  const now = deletedStacks.size > 0 ? await options.rediscover() : inventory;
  if (!now) {
    // Nothing of the deployment is left to find: what was to go went with the stacks.
    return {
      stacks,
      resources: plan.resources.map((p): ResourceOutcome =>
        p.action === 'keep' || p.action === 'with-parent' ? { resource: p.resource, status: statusOf(p.action), reason: p.reason } : { resource: p.resource, status: 'deleted', reason: 'no longer exists after the stacks were deleted' },
      ),
    };
  }
  const second = deletedStacks.size > 0 ? planCleanup(now, options.plan) : plan;
  const remaining = new Set(now.discovery.resources.map((r) => refKey(r)));

  const gone: ResourceOutcome[] = plan.resources
    .filter((p) => p.action === 'with-stack' && deletedStacks.has(p.resource.stackName ?? '') && !remaining.has(refKey(p.resource)))
    .map((p) => ({ resource: p.resource, status: 'with-stack', reason: p.reason }));
  const resources = await deleteResources(session, now, second, failedStacks, options);
  return { stacks, resources: [...gone, ...resources] };
}

async function deleteStacks(session: AwsSession, plan: CleanupPlan, options: RunOptions): Promise<StackOutcome[]> {
  const progress = options.onProgress ?? (() => {});
  return Promise.all(
    plan.stacks.map(async (s): Promise<StackOutcome> => {
      if (s.action === 'keep') return { name: s.stack.name, status: 'kept', reason: s.reason };
      progress(`deleting the stack ${s.stack.name}`);
      try {
        await deleteStack(s.stack.id, { session, pollIntervalMs: options.pollIntervalMs, timeoutMs: options.timeoutMs });
        return { name: s.stack.name, status: 'deleted', reason: 'DeleteStack completed' };
      } catch (error) {
        return { name: s.stack.name, status: 'failed', reason: reasonOf(error) };
      }
    }),
  );
}

async function deleteResources(
  session: AwsSession,
  inventory: Inventory,
  plan: CleanupPlan,
  failedStacks: Map<string, string>,
  options: RunOptions,
): Promise<ResourceOutcome[]> {
  const progress = options.onProgress ?? (() => {});
  const ctx: DeleteContext = { session, inventory, pollIntervalMs: options.pollIntervalMs, timeoutMs: options.timeoutMs };
  const outcomes = new Map<DiscoveredResource, ResourceOutcome>();
  for (const p of plan.resources) {
    const failure = failedStacks.get(p.resource.stackName ?? '');
    if (failure) outcomes.set(p.resource, { resource: p.resource, status: 'failed', reason: `its stack ${p.resource.stackName} could not be deleted: ${failure}` });
    else if (p.action !== 'delete') outcomes.set(p.resource, { resource: p.resource, status: statusOf(p.action), reason: p.reason });
  }

  const toDelete = plan.resources.filter((p) => p.action === 'delete' && !outcomes.has(p.resource)).map((p) => p.resource);
  const ranks = [...new Set(toDelete.map((r) => DELETERS.get(r.type)!.rank))].sort((a, b) => a - b);
  for (const rank of ranks) {
    let pending = toDelete.filter((r) => DELETERS.get(r.type)!.rank === rank);
    for (let round = 0; pending.length > 0; round++) {
      const results = await mapLimit(pending, 6, async (resource) => {
        progress(`deleting ${resource.type} ${resource.id}`);
        try {
          await DELETERS.get(resource.type)!.remove(resource, ctx);
          return { resource, error: undefined };
        } catch (error) {
          const failure = classifyAwsError(error);
          if (failure.kind === 'credentials' || failure.kind === 'unreachable') {
            throw new UnreachableError(`Cleanup stopped: AWS could not be reached or refused the credentials while deleting ${resource.id} (${failure.code}).`, { cause: error });
          }
          return { resource, error };
        }
      });
      for (const { resource, error } of results) {
        if (!error) outcomes.set(resource, { resource, status: 'deleted', reason: 'deleted' });
      }
      const blocked = results.filter((r) => r.error && isDependency(r.error));
      const progressed = blocked.length < pending.length;
      const lastRound = !progressed || round + 1 >= (options.dependencyRounds ?? 5);
      for (const { resource, error } of results) {
        if (error && (!isDependency(error) || lastRound)) outcomes.set(resource, { resource, status: 'failed', reason: reasonOf(error) });
      }
      if (lastRound || blocked.length === 0) break;
      pending = blocked.map((b) => b.resource);
      await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs));
    }
  }
  return plan.resources.map((p) => outcomes.get(p.resource)!);
}

function statusOf(action: CleanupPlan['resources'][number]['action']): ResourceOutcome['status'] {
  return action === 'keep' ? 'kept' : action === 'delete' ? 'failed' : action;
}

function reasonOf(error: unknown): string {
  const failure = classifyAwsError(error);
  return failure.code === 'Error' ? failure.message : `${failure.code}: ${failure.message}`;
}
