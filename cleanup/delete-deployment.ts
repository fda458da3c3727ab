// Carries out a cleanup plan: the stacks first, in reverse dependency order (importers
// before the stacks whose exports they use; nested stacks go with their root), each watched
// until CloudFormation says it is gone or why not; then, discovered again, the tagged
// resources that remain (outside any stack, or kept by DeletionPolicy: Retain), rank by rank
// (dependents before what they depend on); then discovery once more, to show what is left.
// Says for every stack and resource what happened. A failure is reported, never thrown;
// only credential and endpoint failures end the run. Ctrl-C (the signal) stops the waiting
// and reports what was deleted and what is left.
import { UnreachableError } from '../contract/errors';
import { classifyAwsError } from '../checks/aws/errors';
import type { AwsSession } from '../checks/aws/session';
import { mapLimit } from '../contract/bounded';
import { refKey } from '../checks/discovery/arns';
import type { DiscoveredResource, Inventory } from '../contract/inventory';
import { isDependency, type DeleteContext } from './deleter';
import { deleteStack, readStackLinks, sleep } from './deleters/cloudformation';
import { DELETERS } from './deleters/index';
import { turnOffDeletionProtection } from './deleters/rds';
import { planCleanup, type CleanupPlan, type PlanOptions } from './plan';
import { orderStacks } from './stack-order';
import { duration, say, verbatim, type Said } from './text';

export type StackOutcome = {
  name: string;
  /** left: not deleted because cleanup was interrupted (or still being deleted by CloudFormation then). */
  status: 'deleted' | 'failed' | 'kept' | 'with-parent' | 'left';
  reason: Said;
  /** What cleanup changed to let the stack go (deletion protection turned off...). */
  notes?: Said[];
};
export type ResourceOutcome = {
  resource: DiscoveredResource;
  status: 'deleted' | 'with-stack' | 'with-parent' | 'failed' | 'kept' | 'left';
  reason: Said;
};

export interface CleanupOutcome {
  stacks: StackOutcome[];
  resources: ResourceOutcome[];
  /** Ctrl-C came before the end. */
  interrupted: boolean;
  /**
   * Discovery once more at the end: what cleanup was to delete and is still there
   * (undefined when it could not look again).
   */
  leftover?: { stacks: string[]; resources: DiscoveredResource[] };
}

export interface DependencyRetry {
  /** Time between two attempts at a resource something still uses. */
  intervalMs: number;
  /** How long to keep trying (AWS releases a load balancer's or a Lambda's network interfaces minutes after they are deleted). */
  forMs: number;
}

/** The default: every 30 s for up to 20 min. */
export const DEFAULT_DEPENDENCY_RETRY: DependencyRetry = { intervalMs: 30_000, forMs: 20 * 60_000 };

export interface RunOptions {
  pollIntervalMs: number;
  timeoutMs: number;
  dependencyRetry?: DependencyRetry;
  onProgress?: (message: Said) => void;
  /** Aborted on Ctrl-C: waiting stops, the outcome says what is left. */
  signal?: AbortSignal;
}

export interface CleanupRun extends RunOptions {
  plan: PlanOptions;
  /** Discovery again (undefined: nothing of the deployment is left). */
  rediscover: () => Promise<Inventory | undefined>;
}

export async function runCleanup(session: AwsSession, inventory: Inventory, plan: CleanupPlan, options: CleanupRun): Promise<CleanupOutcome> {
  const stacks = await deleteStacks(session, inventory, plan, options);
  const interrupted = () => options.signal?.aborted === true;
  const deletedStacks = new Set(stacks.filter((s) => s.status === 'deleted').map((s) => s.name));
  const failedStacks = new Map(stacks.filter((s) => s.status === 'failed' || s.status === 'left').map((s) => [s.name, s]));

  // What the stacks took with them is gone; what they kept (DeletionPolicy: Retain) is found again.
  const now = deletedStacks.size > 0 ? await options.rediscover() : inventory;
  let resources: ResourceOutcome[];
  if (!now) {
    // Nothing of the deployment is left to find: what was to go went with the stacks.
    resources = plan.resources.map((p): ResourceOutcome =>
      p.action === 'keep' || p.action === 'with-parent'
        ? { resource: p.resource, status: statusOf(p.action), reason: p.reason }
        : { resource: p.resource, status: 'deleted', reason: say('스택을 지운 뒤 더 이상 없습니다', 'no longer exists after the stacks were deleted') },
    );
    return { stacks, resources, interrupted: interrupted(), leftover: { stacks: [], resources: [] } };
  }
  const second = deletedStacks.size > 0 ? planCleanup(now, options.plan) : plan;
  const remaining = new Set(now.discovery.resources.map((r) => refKey(r)));
  const gone: ResourceOutcome[] = plan.resources
    .filter((p) => p.action === 'with-stack' && deletedStacks.has(p.resource.stackName ?? '') && !remaining.has(refKey(p.resource)))
    .map((p) => ({ resource: p.resource, status: 'with-stack', reason: p.reason }));
  const rest = await deleteResources(session, now, second, failedStacks, options);
  resources = [...gone, ...rest];

  const changed = deletedStacks.size > 0 || rest.some((r) => r.status === 'deleted');
  const leftover = changed ? await whatIsLeft(options) : leftoverOf(planCleanup(now, options.plan), now);
  return { stacks, resources, interrupted: interrupted(), ...(leftover ? { leftover } : {}) };
}

/** Discovery once more: what cleanup meant to delete and is still there. */
async function whatIsLeft(options: CleanupRun): Promise<CleanupOutcome['leftover']> {
  try {
    const last = await options.rediscover();
    return last ? leftoverOf(planCleanup(last, options.plan), last) : { stacks: [], resources: [] };
  } catch (error) {
    const failure = classifyAwsError(error);
    if (failure.kind === 'credentials' || failure.kind === 'unreachable') throw error;
    return undefined;
  }
}

function leftoverOf(plan: CleanupPlan, inventory: Inventory): NonNullable<CleanupOutcome['leftover']> {
  return {
    stacks: plan.stacks.filter((s) => s.action === 'delete' && s.stack.status !== 'DELETE_IN_PROGRESS').map((s) => s.stack.name),
    resources: plan.resources.filter((r) => (r.action === 'delete' || r.action === 'with-stack') && !isOnItsWay(r.resource, inventory)).map((r) => r.resource),
  };
}

/**
 * AWS lists a terminated instance and a deleted NAT gateway for about an hour after: they
 * are gone (and cost nothing), not left. (The collectors leave them out, so one discovery
 * finds but the collection does not is one of those.)
 */
export function isOnItsWay(resource: DiscoveredResource, inventory: Inventory): boolean {
  if (resource.type === 'AWS::EC2::Instance' && inventory.ec2.instances.status === 'collected') {
    const state = inventory.ec2.instances.data.find((i) => i.InstanceId === resource.id)?.State?.Name;
    return state === undefined || state === 'terminated' || state === 'shutting-down';
  }
  if (resource.type === 'AWS::EC2::NatGateway' && inventory.ec2.natGateways.status === 'collected') {
    const state = inventory.ec2.natGateways.data.find((n) => n.NatGatewayId === resource.id)?.State;
    return state === undefined || state === 'deleted' || state === 'deleting';
  }
  return false;
}

async function deleteStacks(session: AwsSession, inventory: Inventory, plan: CleanupPlan, options: RunOptions): Promise<StackOutcome[]> {
  const progress = options.onProgress ?? (() => {});
  const outcomes = new Map<string, StackOutcome>();
  for (const s of plan.stacks) if (s.action === 'keep') outcomes.set(s.stack.name, { name: s.stack.name, status: 'kept', reason: s.reason });
  const toDelete = plan.stacks.filter((s) => s.action === 'delete').map((s) => s.stack);
  if (toDelete.length === 0) return plan.stacks.map((s) => outcomes.get(s.stack.name)!);

  let links;
  try {
    links = await readStackLinks(session, toDelete.map((s) => s.id));
  } catch (error) {
    rethrowIfUnreachable(error, 'the stacks');
    const reason = say(`스택 사이의 연결(내보내기 값을 가져다 쓰는 스택)을 읽지 못해 지우지 않았습니다: ${reasonOf(error)}`, `not deleted: which stacks import its exports could not be read (${reasonOf(error)})`);
    for (const s of toDelete) outcomes.set(s.name, { name: s.name, status: 'failed', reason });
    return plan.stacks.map((s) => outcomes.get(s.stack.name)!);
  }
  const order = orderStacks(toDelete.map((s) => s.name), links);
  for (const [name, root] of order.withParent) {
    outcomes.set(name, { name, status: 'with-parent', reason: say(`중첩 스택: CloudFormation이 상위 스택 ${root}과(와) 함께 지웁니다`, `a nested stack: CloudFormation deletes it with its root stack ${root}`) });
  }
  for (const [name, reason] of order.blocked) outcomes.set(name, { name, status: 'failed', reason });

  const idOf = new Map(toDelete.map((s) => [s.name, s.id]));
  const nestedOf = (root: string) => [root, ...[...order.withParent].filter(([, r]) => r === root).map(([n]) => n)];
  for (const wave of order.waves) {
    await mapLimit(wave, 6, async (name) => {
      if (options.signal?.aborted) {
        outcomes.set(name, { name, status: 'left', reason: say('중단되어 지우지 않았습니다', 'not deleted: cleanup was interrupted') });
        return;
      }
      const waitingFor = (order.after.get(name) ?? []).find((d) => outcomes.get(d)?.status !== 'deleted');
      if (waitingFor) {
        outcomes.set(name, {
          name,
          status: 'failed',
          reason: say(`이 스택의 내보내기 값을 쓰는 스택 ${waitingFor}이(가) 지워지지 않아 지우지 않았습니다`, `not deleted: the stack ${waitingFor}, which imports its exports, was not deleted`),
        });
        return;
      }
      const notes: Said[] = [];
      try {
        for (const id of protectedDatabases(inventory, nestedOf(name))) {
          progress(say(`${name}: 이 스택의 DB 인스턴스 ${id}의 삭제 방지를 끕니다(--yes)`, `${name}: turning off deletion protection on its own DB instance ${id} (--yes)`));
          await turnOffDeletionProtection(session, id);
          notes.push(say(`이 스택의 DB 인스턴스 ${id}의 삭제 방지를 껐습니다`, `turned off deletion protection on its own DB instance ${id}`));
        }
        progress(say(`${name}: 스택을 지웁니다`, `${name}: deleting the stack`));
        const result = await deleteStack(idOf.get(name)!, {
          session,
          pollIntervalMs: options.pollIntervalMs,
          timeoutMs: options.timeoutMs,
          ...(options.signal ? { signal: options.signal } : {}),
          onStatus: (status, elapsed) => {
            const time = duration(elapsed);
            progress(say(`${name}: ${status} (${time.ko} 경과)`, `${name}: ${status} (${time.en})`));
          },
        });
        const withNotes = notes.length > 0 ? { notes } : {};
        if (result.result === 'deleted') outcomes.set(name, { name, status: 'deleted', reason: say('DeleteStack 완료', 'DeleteStack completed'), ...withNotes });
        else if (result.result === 'rejected')
          outcomes.set(name, { name, status: 'failed', reason: say(`CloudFormation이 삭제를 거부했습니다(${result.status}): ${result.reason}`, `CloudFormation refused to delete it (${result.status}): ${result.reason}`), ...withNotes });
        else if (result.result === 'failed')
          outcomes.set(name, { name, status: 'failed', reason: say(`CloudFormation이 지우지 못했습니다(DELETE_FAILED): ${result.reason}`, `CloudFormation could not delete it (DELETE_FAILED): ${result.reason}`), ...withNotes });
        else if (result.result === 'timed-out') {
          const limit = duration(options.timeoutMs);
          outcomes.set(name, { name, status: 'failed', reason: say(`${limit.ko} 안에 삭제가 끝나지 않았습니다(${result.status})`, `the deletion did not finish within ${limit.en} (${result.status})`), ...withNotes });
        } else
          outcomes.set(name, {
            name,
            status: 'left',
            reason: say(`중단됨: CloudFormation은 삭제를 계속합니다(${result.status}). cleanup을 다시 실행해 확인하세요`, `interrupted: CloudFormation goes on deleting it (${result.status}); run cleanup again to check`),
            ...withNotes,
          });
      } catch (error) {
        rethrowIfUnreachable(error, name);
        outcomes.set(name, { name, status: 'failed', reason: verbatim(reasonOf(error)), ...(notes.length > 0 ? { notes } : {}) });
      }
    });
  }
  return plan.stacks.map((s) => outcomes.get(s.stack.name) ?? { name: s.stack.name, status: 'left', reason: say('지우지 않았습니다', 'not deleted') });
}

/** The deployment's own DB instances in these stacks whose deletion protection is (or may be) on. */
function protectedDatabases(inventory: Inventory, stackNames: string[]): string[] {
  const known = inventory.rds.instances.status === 'collected' ? inventory.rds.instances.data : undefined;
  return inventory.discovery.resources
    .filter((r) => r.type === 'AWS::RDS::DBInstance' && stackNames.includes(r.stackName ?? ''))
    .map((r) => r.id)
    .filter((id) => known?.find((d) => d.DBInstanceIdentifier === id)?.DeletionProtection !== false);
}

async function deleteResources(
  session: AwsSession,
  inventory: Inventory,
  plan: CleanupPlan,
  failedStacks: Map<string, StackOutcome>,
  options: RunOptions,
): Promise<ResourceOutcome[]> {
  const progress = options.onProgress ?? (() => {});
  const retry = options.dependencyRetry ?? DEFAULT_DEPENDENCY_RETRY;
  const ctx: DeleteContext = { session, inventory, pollIntervalMs: options.pollIntervalMs, timeoutMs: options.timeoutMs };
  const outcomes = new Map<DiscoveredResource, ResourceOutcome>();
  for (const p of plan.resources) {
    const stack = failedStacks.get(p.resource.stackName ?? '');
    if (stack) {
      outcomes.set(p.resource, {
        resource: p.resource,
        status: stack.status === 'left' ? 'left' : 'failed',
        reason: say(`스택 ${stack.name}이(가) 지워지지 않았습니다: ${stack.reason.ko}`, `its stack ${stack.name} was not deleted: ${stack.reason.en}`),
      });
    } else if (p.action !== 'delete') outcomes.set(p.resource, { resource: p.resource, status: statusOf(p.action), reason: p.reason });
  }

  const toDelete = plan.resources.filter((p) => p.action === 'delete' && !outcomes.has(p.resource)).map((p) => p.resource);
  const ranks = [...new Set(toDelete.map((r) => DELETERS.get(r.type)!.rank))].sort((a, b) => a - b);
  for (const rank of ranks) {
    let pending = toDelete.filter((r) => DELETERS.get(r.type)!.rank === rank);
    const started = Date.now();
    for (;;) {
      if (options.signal?.aborted) {
        for (const resource of pending) outcomes.set(resource, { resource, status: 'left', reason: say('중단되어 지우지 않았습니다', 'not deleted: cleanup was interrupted') });
        break;
      }
      const results = await mapLimit(pending, 6, async (resource) => {
        progress(say(`${resource.type} ${resource.id}을(를) 지웁니다`, `deleting ${resource.type} ${resource.id}`));
        try {
          await DELETERS.get(resource.type)!.remove(resource, ctx);
          return { resource, error: undefined };
        } catch (error) {
          rethrowIfUnreachable(error, resource.id);
          return { resource, error };
        }
      });
      for (const { resource, error } of results) if (!error) outcomes.set(resource, { resource, status: 'deleted', reason: say('지웠습니다', 'deleted') });
      const blocked = results.filter((r) => r.error && isDependency(r.error));
      // Something else still uses these (a network interface AWS has not released yet, a
      // security group referring to another): try again for a while, not forever.
      const outOfTime = Date.now() - started + retry.intervalMs > retry.forMs;
      for (const { resource, error } of results) {
        if (error && (!isDependency(error) || outOfTime)) outcomes.set(resource, { resource, status: 'failed', reason: verbatim(reasonOf(error)) });
      }
      if (outOfTime || blocked.length === 0) break;
      pending = blocked.map((b) => b.resource);
      const wait = duration(retry.intervalMs);
      progress(
        say(
          `${pending.length}개는 아직 다른 것이 쓰고 있어 ${wait.ko} 뒤에 다시 시도합니다: ${pending.map((r) => r.id).join(', ')}`,
          `${pending.length} still in use by something else; trying again in ${wait.en}: ${pending.map((r) => r.id).join(', ')}`,
        ),
      );
      await sleep(retry.intervalMs, options.signal);
    }
  }
  return plan.resources.map((p) => outcomes.get(p.resource) ?? { resource: p.resource, status: 'left', reason: say('지우지 않았습니다', 'not deleted') });
}

function rethrowIfUnreachable(error: unknown, what: string): void {
  const failure = classifyAwsError(error);
  if (failure.kind === 'credentials' || failure.kind === 'unreachable') {
    throw new UnreachableError(
      {
        ko: `cleanup 중단: ${what}을(를) 지우는 중에 AWS에 연결할 수 없거나 AWS가 자격 증명을 거부했습니다(${failure.code}).`,
        en: `Cleanup stopped: AWS could not be reached or refused the credentials while deleting ${what} (${failure.code}).`,
      },
      { cause: error },
    );
  }
}

function statusOf(action: CleanupPlan['resources'][number]['action']): ResourceOutcome['status'] {
  return action === 'keep' ? 'kept' : action === 'delete' ? 'failed' : action;
}

function reasonOf(error: unknown): string {
  const failure = classifyAwsError(error);
  return failure.code === 'Error' ? failure.message : `${failure.code}: ${failure.message}`;
}
