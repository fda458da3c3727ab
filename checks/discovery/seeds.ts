// Discovery, step 1: the deployment's starting points. Its CloudFormation stacks (by
// name prefix, or by the student tag on the stack) with their resources, and every
// resource carrying the student tag (Resource Groups Tagging API; CloudFront answers
// that API in us-east-1 only, so it is asked there too). The us-east-1 search is optional:
// an Organization that limits regions refuses tag:* there (its region-deny policies exempt
// CloudFront and IAM, not the tagging API), and the distributions can be found through
// CloudFront's own API instead (collect.ts), so its failure is kept apart.
import type { Stack, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import type { Bilingual } from '../../contract/report';
import type { AwsSession } from '../aws/session';
import { listStackResources, listStacks } from '../collectors/cloudformation';
import { resourcesTagged, type TaggedResource } from '../collectors/tagging';
import type { DiscoveredStack } from '../inventory/types';
import { cloudFrontTaggedSearched, searchFailed, stacksSearched, taggedSearched } from './searched';
import type { OwnershipConflict } from '../../contract/inventory';
import { ownership, STUDENT_TAG, studentOfStack, tagRecord } from './tags';

export interface StackResource {
  stackName: string;
  logicalId: string;
  type: string;
  physicalId: string;
}

export interface Seeds {
  stacks: DiscoveredStack[];
  stackResources: StackResource[];
  tagged: TaggedResource[];
  /** What was searched and what it found, in words a student understands (both languages: searched.ts). */
  searched: Bilingual[];
  /** Searches that failed (the deployment may be incomplete). */
  failures: Bilingual[];
  /** Why the CloudFront tag search in us-east-1 failed, when it did (CloudFront's own API can stand in). */
  cloudFrontTagSearchFailure?: string;
  /** Stacks tagged for the student but named as another student's (CloudMart-<other>-...): left out. */
  conflicts: OwnershipConflict[];
}

export interface SeedOptions {
  student: string;
  stackPrefix: string;
  accountId: string;
}

const GLOBAL_TAG_REGION = 'us-east-1';

export async function findSeeds(session: AwsSession, options: SeedOptions): Promise<Seeds> {
  const { student, stackPrefix, accountId } = options;
  const scope = { student, region: session.region, accountId };
  const searched: Bilingual[] = [];
  const failures: Bilingual[] = [];
  const stackConflicts: OwnershipConflict[] = [];

  const stacksPromise = (async () => {
    const all = await listStacks(session);
    if (all.status !== 'collected') {
      failures.push(searchFailed.stacks(all.reason));
      return { stacks: [] as DiscoveredStack[], resources: [] as StackResource[] };
    }
    const stacks = selectStacks(all.data, student, stackPrefix);
    stackConflicts.push(...conflictingStacks(all.data, student));
    searched.push(stacksSearched(scope, stackPrefix, stacks.map((s) => s.name)));
    if (stacks.length === 0) return { stacks, resources: [] as StackResource[] };
    const perStack = await listStackResources(session, stacks.map((s) => s.id));
    if (perStack.status !== 'collected') {
      failures.push(searchFailed.stackResources(perStack.reason));
      return { stacks, resources: [] as StackResource[] };
    }
    const resources = perStack.data.flatMap((summaries: StackResourceSummary[], index) =>
      summaries
        .filter((r) => r.PhysicalResourceId && r.ResourceType && r.ResourceStatus !== 'DELETE_COMPLETE')
        .map((r) => ({ stackName: stacks[index]!.name, logicalId: r.LogicalResourceId ?? '', type: r.ResourceType!, physicalId: r.PhysicalResourceId! })),
    );
    return { stacks, resources };
  })();

  const taggedPromise = (async () => {
    const [regional, global] = await Promise.all([
      resourcesTagged(session, STUDENT_TAG, student),
      session.region === GLOBAL_TAG_REGION
        ? undefined
        : resourcesTagged(session, STUDENT_TAG, student, { region: GLOBAL_TAG_REGION, resourceTypes: ['cloudfront:distribution'] }),
    ]);
    const tagged: TaggedResource[] = [];
    let cloudFrontFailure: string | undefined;
    if (regional.status === 'collected') {
      tagged.push(...regional.data);
      searched.push(taggedSearched(scope, regional.data.length));
    } else {
      failures.push(searchFailed.tagged(student, regional.reason));
    }
    if (global?.status === 'collected') {
      tagged.push(...global.data);
      searched.push(cloudFrontTaggedSearched(student, GLOBAL_TAG_REGION, global.data.length));
    } else if (global) {
      cloudFrontFailure = global.reason;
    }
    const unique = new Map(tagged.map((t) => [t.arn, t]));
    return { tagged: [...unique.values()], cloudFrontFailure };
  })();

  const [{ stacks, resources }, { tagged, cloudFrontFailure }] = await Promise.all([stacksPromise, taggedPromise]);
  // Deterministic order whatever finished first.
  searched.sort((a, b) => rank(a.en) - rank(b.en));
  return { stacks, stackResources: resources, tagged, searched, failures, conflicts: stackConflicts, ...(cloudFrontFailure ? { cloudFrontTagSearchFailure: cloudFrontFailure } : {}) };
}

/** Another student's stacks (by name) that carry this student's tag: never taken as the student's. */
export function conflictingStacks(all: readonly Stack[], student: string): OwnershipConflict[] {
  return all
    .filter((s) => s.StackStatus !== 'DELETE_COMPLETE' && ownership(tagRecord(s.Tags), student) === 'ours')
    .flatMap((s) => {
      const other = studentOfStack(s.StackName ?? '');
      return other !== undefined && other !== student ? [{ resource: s.StackId ?? s.StackName ?? '', type: 'AWS::CloudFormation::Stack', stack: s.StackName ?? '', student: other }] : [];
    });
}

/** The deployment's stacks among the region's: named with the prefix, or tagged for the student. */
export function selectStacks(all: readonly Stack[], student: string, stackPrefix: string): DiscoveredStack[] {
  return all
    .filter((s) => s.StackStatus !== 'DELETE_COMPLETE')
    .map((s) => ({ name: s.StackName ?? '', id: s.StackId ?? s.StackName ?? '', status: s.StackStatus ?? 'UNKNOWN', tags: tagRecord(s.Tags) }))
    .filter((s) => {
      const owner = ownership(s.tags, student);
      // Named as another student's stack: whatever its tags say, it is theirs (conflictingStacks reports it).
      const named = studentOfStack(s.name);
      if (named !== undefined && named !== student) return false;
      // A prefix can be shared (CloudMart-kim- is a prefix of CloudMart-kim-lee-): the stack's own tag decides.
      return owner === 'ours' || (owner === 'untagged' && s.name.startsWith(stackPrefix));
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function rank(line: string): number {
  if (line.startsWith('CloudFormation')) return 0;
  if (line.startsWith('resources tagged')) return 1;
  return 2;
}
