// Resource Groups Tagging API, for discovery: every resource carrying a tag (one
// paginated call per region), and the tags of resources met elsewhere (by ARN).
import type { ResourceTagMapping } from '@aws-sdk/client-resource-groups-tagging-api';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import type { Collected } from '../inventory/types';
import { allPages, attempt } from './collected';
import { awsSdk } from '../aws/sdk';

const { paginateGetResources, ResourceGroupsTaggingAPIClient } = awsSdk('@aws-sdk/client-resource-groups-tagging-api');

export const OPERATIONS = declareOperations('tagging', ['GetResources']);

// A tag search ends a page at 100 resources or at 100 tags (default), whichever comes
// first; a deployment has ~30 resources of ~8 tags each, so the tag limit split one search
// into three pages. 500 is the largest TagsPerPage the API accepts. (A search by
// ResourceARNList takes no page parameters: the API rejects them there.)
const PAGE = { ResourcesPerPage: 100, TagsPerPage: 500 } as const;

export interface TaggedResource {
  arn: string;
  tags: Record<string, string>;
}

/** Resources whose tag `key` has the value `value` (undefined: any value), in `region`; optionally only some resource types. */
export async function resourcesTagged(
  session: AwsSession,
  key: string,
  value: string | undefined,
  options: { region?: string; resourceTypes?: string[] } = {},
): Promise<Collected<TaggedResource[]>> {
  const client = session.client(ResourceGroupsTaggingAPIClient, 'tagging', options.region);
  return attempt('tag:GetResources', async () =>
    toTagged(
      await allPages(
        paginateGetResources(
          { client },
          { TagFilters: [{ Key: key, ...(value === undefined ? {} : { Values: [value] }) }], ...PAGE, ...(options.resourceTypes ? { ResourceTypeFilters: options.resourceTypes } : {}) },
        ),
        (p) => p.ResourceTagMappingList,
      ),
    ),
  );
}

/** The tags of the given resources (100 ARNs per request); resources with no tags are absent. */
export async function tagsOf(session: AwsSession, arns: string[]): Promise<Collected<TaggedResource[]>> {
  const client = session.client(ResourceGroupsTaggingAPIClient, 'tagging');
  return attempt('tag:GetResources', async () => {
    const out: TaggedResource[] = [];
    for (let i = 0; i < arns.length; i += 100) {
      const batch = arns.slice(i, i + 100);
      out.push(...toTagged(await allPages(paginateGetResources({ client }, { ResourceARNList: batch }), (p) => p.ResourceTagMappingList)));
    }
    return out;
  });
}

function toTagged(mappings: ResourceTagMapping[]): TaggedResource[] {
  return mappings
    .filter((m) => m.ResourceARN)
    .map((m) => ({ arn: m.ResourceARN!, tags: Object.fromEntries((m.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])) }));
}
