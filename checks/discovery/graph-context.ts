// What every step of the graph shares: the starting points (stack resources and tagged
// resources, indexed by type), the resources tagged for someone else (never taken,
// whichever way they are reached), and the resource book the steps add to.
import type { OwnershipConflict } from '../../contract/inventory';
import type { Tags } from '../inventory/types';
import { normalizeId, parseArn, partitionOf } from './arns';
import { ResourceBook } from './resource-book';
import { CFN } from './resource-types';
import type { GraphInput } from './selection';
import { conflictingStack, ownership } from './tags';

export interface GraphContext {
  region: string;
  accountId: string;
  /** aws, aws-cn or aws-us-gov: the ARNs the steps build. */
  partition: string;
  book: ResourceBook;
  /** ARNs tagged for another student, or created by another student's stack. */
  foreignArns: Set<string>;
  /** Resources tagged for the student that another student's stack created: never taken. */
  conflicts: OwnershipConflict[];
  /** Whether a stack or the student tag named this resource. */
  isSeed(type: string, id: string | undefined): boolean;
  /** The ids of the starting points of one type (normalized: RDS and ElastiCache in lower case). */
  seedIds(type: string): string[];
  /** Adds a starting point met late (an Elastic IP a stack named by its address, now known by its allocation id). */
  seed(type: string, id: string): void;
  /** Takes a resource met in a list: a seed keeps how it was found; otherwise it was reached by the graph or by its own tag. */
  take(type: string, id: string, extra?: { arn?: string; tags?: Tags | null }, how?: 'graph' | 'tag'): void;
  ours(tags: Tags | null | undefined): boolean;
  foreign(tags: Tags | null | undefined): boolean;
  /** Found by its own student tag, or else by following the graph. */
  foundBy(tags: Tags): 'tag' | 'graph';
  ec2Arn(kind: string, id: string): string;
}

/** Indexes the stack resources and the tagged resources, and books them: the graph starts here. */
export function startFromSeeds(input: GraphInput): GraphContext {
  const { student, region, accountId } = input;
  const book = new ResourceBook(region, accountId);
  const partition = partitionOf(region);
  const seeds = new Map<string, Set<string>>();
  const seed = (type: string, id: string) => {
    if (!seeds.has(type)) seeds.set(type, new Set());
    seeds.get(type)!.add(normalizeId(type, id));
  };
  const isSeed = (type: string, id: string | undefined) => id !== undefined && (seeds.get(type)?.has(normalizeId(type, id)) ?? false);
  const foreignArns = new Set<string>();
  const conflicts: OwnershipConflict[] = [];

  for (const r of input.stackResources) {
    const ref = { type: r.type, id: r.physicalId };
    const arnRef = r.physicalId.startsWith('arn:') ? parseArn(r.physicalId) : undefined;
    const seedRef = arnRef && arnRef.type === r.type ? arnRef : ref;
    seed(seedRef.type, seedRef.id);
    book.add(seedRef, 'stack', { stackName: r.stackName, logicalId: r.logicalId });
  }
  for (const t of input.tagged) {
    const ref = parseArn(t.arn);
    if (!ref || ref.type === CFN.stack) continue; // the stacks are found apart (seeds.ts)
    const owner = ownership(t.tags, student);
    if (owner === 'foreign' || owner === 'conflict') {
      foreignArns.add(t.arn);
      const other = conflictingStack(t.tags, student);
      if (other) conflicts.push({ resource: t.arn, type: ref.type, ...other });
      continue;
    }
    seed(ref.type, ref.id);
    book.add(ref, 'tag', { arn: t.arn, tags: t.tags });
  }

  const ours = (tags: Tags | null | undefined) => ownership(tags, student) === 'ours';
  return {
    region,
    accountId,
    partition,
    book,
    foreignArns,
    conflicts,
    isSeed,
    seedIds: (type) => [...(seeds.get(type) ?? [])],
    seed,
    take: (type, id, extra = {}, how = 'graph') => book.add({ type, id }, isSeed(type, id) ? undefined : how, extra),
    ours,
    // Another student's stack made it: as much someone else's as a foreign tag.
    foreign: (tags) => ['foreign', 'conflict'].includes(ownership(tags, student)),
    foundBy: (tags) => (ours(tags) ? 'tag' : 'graph'),
    ec2Arn: (kind, id) => `arn:${partition}:ec2:${region}:${accountId}:${kind}/${id}`,
  };
}
