// What cleanup would do, decided from discovery alone (pure, so it is tested with plain
// data): stacks are deleted whole; a resource outside a deleted stack is deleted only when
// it carries cloudmart:student=<student> and cleanup knows its type; everything else is
// kept, with the reason. With olderThanExpiry, only what carries a passed
// cloudmart:expires-at is deleted.
import { EXPIRES_TAG, ownership, STUDENT_TAG } from '../checks/discovery/tags';
import type { DiscoveredResource, DiscoveredStack, Inventory, Tags } from '../contract/inventory';
import { DELETERS } from './deleters/index';
import { say, type Said } from './text';

export type CleanupAction = 'delete' | 'with-stack' | 'with-parent' | 'keep';

export interface Expiry {
  /** The cloudmart:expires-at value, if the resource carries one. */
  expiresAt?: string;
  /** true: passed; false: not yet; null: no (valid) expiry tag. */
  expired: boolean | null;
}

export interface StackPlan extends Expiry {
  stack: DiscoveredStack;
  action: 'delete' | 'keep';
  reason: Said;
}

export interface ResourcePlan extends Expiry {
  resource: DiscoveredResource;
  action: CleanupAction;
  reason: Said;
}

export interface CleanupPlan {
  student: string;
  region: string;
  accountId: string;
  stacks: StackPlan[];
  resources: ResourcePlan[];
}

export interface PlanOptions {
  now: Date;
  olderThanExpiry: boolean;
}

export function expiryOf(tags: Tags | null, now: Date): Expiry {
  const value = tags?.[EXPIRES_TAG];
  if (value === undefined) return { expired: null };
  const time = Date.parse(value);
  return Number.isNaN(time) ? { expiresAt: value, expired: null } : { expiresAt: value, expired: time <= now.getTime() };
}

export function planCleanup(inventory: Inventory, options: PlanOptions): CleanupPlan {
  const { student, stackPrefix } = inventory.discovery;
  const resources = inventory.discovery.resources;
  const tagWords = `${STUDENT_TAG}=${student}`;

  const stacks: StackPlan[] = inventory.discovery.stacks.map((stack) => {
    const expiry = expiryOf(stack.tags, options.now);
    const members = resources.filter((r) => r.stackName === stack.name);
    const owner = ownership(stack.tags, student);
    // An untagged stack named with the prefix is ours only if its own resources say so
    // (prefixes can collide: CloudMart-kim- is a prefix of CloudMart-kim-lee-).
    const provenByMembers =
      owner === 'untagged' &&
      stack.name.startsWith(stackPrefix) &&
      members.some((r) => ownership(r.tags, student) === 'ours') &&
      !members.some((r) => ownership(r.tags, student) === 'foreign');
    if (owner !== 'ours' && !provenByMembers) {
      return { stack, ...expiry, action: 'keep', reason: say(`스택에 ${tagWords} 태그가 없고, 스택의 리소스 중 어느 것도 본인 것임을 보여 주지 않습니다`, `the stack does not carry ${tagWords} and none of its resources proves it is yours`) };
    }
    if (options.olderThanExpiry && expiry.expired !== true) {
      return { stack, ...expiry, action: 'keep', reason: notExpired(expiry) };
    }
    return { stack, ...expiry, action: 'delete', reason: owner === 'ours' ? say(`스택에 ${tagWords} 태그가 있습니다`, `the stack carries ${tagWords}`) : say(`스택의 리소스에 ${tagWords} 태그가 있습니다`, `its resources carry ${tagWords}`) };
  });
  const deletedStacks = new Set(stacks.filter((s) => s.action === 'delete').map((s) => s.stack.name));

  const decided = resources.map((resource): ResourcePlan => {
    const expiry = expiryOf(resource.tags, options.now);
    if (resource.stackName) {
      return deletedStacks.has(resource.stackName)
        ? { resource, ...expiry, action: 'with-stack', reason: say(`스택 ${resource.stackName}과(와) 함께 지워집니다`, `deleted with its stack ${resource.stackName}`) }
        : { resource, ...expiry, action: 'keep', reason: say(`남겨 두는 스택 ${resource.stackName}에 속합니다`, `it belongs to the stack ${resource.stackName}, which is kept`) };
    }
    if (resource.tags === null) return { resource, ...expiry, action: 'keep', reason: say(`태그를 읽지 못해 ${tagWords} 태그가 있는지 알 수 없습니다`, `its tags could not be read, so it is not known to carry ${tagWords}`) };
    if (ownership(resource.tags, student) !== 'ours') return { resource, ...expiry, action: 'keep', reason: say(`${tagWords} 태그가 없습니다`, `it does not carry ${tagWords}`) };
    const owner = goesWithOwner(resource);
    if (owner) return { resource, ...expiry, action: 'with-parent', reason: owner };
    if (!DELETERS.has(resource.type)) return { resource, ...expiry, action: 'keep', reason: say(`cleanup은 ${resource.type}을(를) 지우지 않습니다. 직접 지우세요`, `cleanup does not delete ${resource.type}; delete it yourself`) };
    if (options.olderThanExpiry && expiry.expired !== true) {
      return { resource, ...expiry, action: 'keep', reason: notExpired(expiry) };
    }
    return { resource, ...expiry, action: 'delete', reason: say(`${tagWords} 태그가 있습니다`, `it carries ${tagWords}`) };
  });

  // Second pass: what goes with another resource being deleted (listeners, member clusters,
  // default security groups, main route tables). Only a "delete" may turn into "keep".
  const deleting = new Set(decided.filter((d) => d.action === 'delete' || d.action === 'with-stack').map((d) => `${d.resource.type}|${d.resource.id}`));
  const isDeleting = (type: string, id: string) => deleting.has(`${type}|${id}`);
  const planned = decided.map((d): ResourcePlan => {
    if (d.action === 'with-stack') return d;
    const skip = DELETERS.get(d.resource.type)?.skip?.(d.resource, inventory, isDeleting);
    if (!skip) return d;
    if (skip.action === 'with-parent') return { ...d, action: 'with-parent', reason: skip.reason };
    return d.action === 'delete' ? { ...d, action: 'keep', reason: skip.reason } : d;
  });

  return { student, region: inventory.target.region, accountId: inventory.target.accountId, stacks, resources: planned };
}

function notExpired(expiry: Expiry): Said {
  return expiry.expired === false
    ? say('아직 만료되지 않았습니다', 'it has not expired yet')
    : say(`올바른 ${EXPIRES_TAG} 태그가 없습니다`, `it carries no valid ${EXPIRES_TAG}`);
}

/**
 * Resources AWS deletes with the resource they belong to: never for the student to delete
 * by hand (an instance's volumes are deleted on termination, automated RDS snapshots with
 * their DB instance, a service's network interfaces with the resource that made them).
 */
function goesWithOwner(resource: DiscoveredResource): Said | undefined {
  if (resource.type === 'AWS::EC2::Volume') {
    return say('인스턴스의 볼륨은 인스턴스가 종료될 때 함께 지워집니다(DeleteOnTermination)', "an instance's volume is deleted when the instance is terminated (DeleteOnTermination)");
  }
  if (resource.type === 'AWS::RDS::DBSnapshot' && /^rds:/.test(resource.id)) {
    return say('자동 스냅샷은 DB 인스턴스와 함께 지워집니다', 'an automated snapshot is deleted with its DB instance');
  }
  if (resource.type === 'AWS::EC2::NetworkInterface') {
    return say('네트워크 인터페이스는 그것을 만든 리소스와 함께 AWS가 지웁니다', 'AWS deletes a network interface with the resource that created it');
  }
  return undefined;
}
