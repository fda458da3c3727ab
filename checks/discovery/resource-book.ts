// The resource book: every resource of the deployment discovery has met, keyed by type and
// id, with how it was met (stack, tag, graph), its stack and logical id, and its tags. The
// graph's steps add to it; collect.ts completes the tags afterwards; it becomes the
// inventory's discovery.resources.
import type { DiscoveredResource, Tags } from '../inventory/types';
import { arnOf, refKey, type ResourceRef } from './arns';

interface Entry {
  ref: ResourceRef;
  arn: string;
  via: Set<'stack' | 'tag' | 'graph'>;
  stackName?: string;
  logicalId?: string;
  /** Tags from the Tagging API (authoritative) or from the resource's own description. */
  tags: Tags | null;
  /** Why the tags could not be read (the failed call's reason), while `tags` is null. */
  tagsUnreadable?: string;
}

/** Every resource of the deployment met so far, keyed by type and id. */
export class ResourceBook {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** Adds or completes a resource; `via` undefined only completes what a seed already said. */
  add(ref: ResourceRef, via: 'stack' | 'tag' | 'graph' | undefined, extra: { arn?: string; tags?: Tags | null; stackName?: string; logicalId?: string } = {}): void {
    const key = refKey(ref);
    let entry = this.entries.get(key);
    if (!entry) {
      const arn = extra.arn ?? arnOf(ref, this.region, this.accountId);
      if (!arn) return;
      entry = { ref, arn, via: new Set(), tags: null };
      this.entries.set(key, entry);
    } else if (extra.arn && entry.arn.includes(':*:')) {
      entry.arn = extra.arn; // a real ARN replaces one built without the unknown part
    }
    if (via) entry.via.add(via);
    if (extra.stackName) entry.stackName = extra.stackName;
    if (extra.logicalId) entry.logicalId = extra.logicalId;
    if (extra.tags && entry.tags === null) entry.tags = extra.tags;
  }

  /** Tags learnt later (Tagging API by ARN, IAM, S3, CloudFront): override what the description said. */
  setTags(key: string, tags: Tags): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.tags = tags;
    delete entry.tagsUnreadable;
  }

  /** The call that should have given a resource's tags failed: say so, unless its tags are already known. */
  markTagsUnreadable(key: string, reason: string): void {
    const entry = this.entries.get(key);
    if (entry && entry.tags === null) entry.tagsUnreadable = reason;
  }

  /** The keys and ids of the resources of one type (e.g. the roles, whose tags only IAM gives). */
  ofType(type: string): { key: string; id: string; arn: string; tags: Tags | null }[] {
    return [...this.entries.entries()].filter(([, e]) => e.ref.type === type).map(([key, e]) => ({ key, id: e.ref.id, arn: e.arn, tags: e.tags }));
  }

  /** The same resource under its proper id (a stack names an Elastic IP by its address, the API by its allocation id). */
  rekey(from: ResourceRef, to: ResourceRef, arn: string): void {
    const entry = this.entries.get(refKey(from));
    if (!entry) return;
    this.entries.delete(refKey(from));
    const existing = this.entries.get(refKey(to));
    if (!existing) {
      this.entries.set(refKey(to), { ...entry, ref: to, arn });
      return;
    }
    // Met both ways (in the stack by its address, tagged by its allocation id): one resource.
    for (const via of entry.via) existing.via.add(via);
    existing.stackName ??= entry.stackName;
    existing.logicalId ??= entry.logicalId;
    existing.tags ??= entry.tags;
  }

  list(): DiscoveredResource[] {
    return [...this.entries.values()]
      .map((e) => ({
        arn: e.arn,
        type: e.ref.type,
        id: e.ref.id,
        // "graph" means reached only by following links: a stack or tag found it otherwise.
        via: (['stack', 'tag', 'graph'] as const).filter((v) => e.via.has(v) && (v !== 'graph' || (!e.via.has('stack') && !e.via.has('tag')))),
        ...(e.stackName ? { stackName: e.stackName } : {}),
        ...(e.logicalId ? { logicalId: e.logicalId } : {}),
        tags: e.tags,
        ...(e.tags === null && e.tagsUnreadable ? { tagsUnreadable: e.tagsUnreadable } : {}),
      }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  }

  /**
   * Resources whose tags are still unknown, for a Tagging API lookup in this region: the
   * regional ones. The API answers for the resources located in the region it is asked in,
   * so buckets (read through S3, in their own region), IAM roles (never in its answer: read
   * through IAM), CloudFront (read through CloudFront) and dashboards are left to others.
   */
  unknownTags(): { key: string; arn: string; type: string }[] {
    return [...this.entries.entries()]
      .filter(([, e]) => e.tags === null && !e.arn.includes(':*:') && e.arn.split(':')[3] === this.region)
      .map(([key, e]) => ({ key, arn: e.arn, type: e.ref.type }));
  }
}
