// Inventory snapshots: `verify --snapshot-out FILE` saves the collected inventory as JSON,
// `verify --from-snapshot FILE` grades it again offline, with no AWS call. The file is the
// Inventory itself; loading checks its shape (enough to reject a wrong file with one
// sentence) and returns it unchanged.
import { z } from 'zod';
import { UsageError } from '../../contract/errors';
import type { Inventory } from '../../contract/inventory';

export function saveSnapshot(inventory: Inventory): string {
  return `${JSON.stringify(inventory, null, 2)}\n`;
}

export function loadSnapshot(text: string, sourceName: string): Inventory {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the start of the text, newlines included: keep the sentence on one line.
    const why = (error as Error).message.replace(/\s+/g, ' ').trim();
    throw new UsageError(`${sourceName} is not a JSON file (${why}); pass a file written by verify --snapshot-out.`, { cause: error });
  }
  if (json && typeof json === 'object' && 'schemaVersion' in json && (json as { schemaVersion: unknown }).schemaVersion !== 1) {
    throw new UsageError(
      `${sourceName} is an inventory snapshot of schema version ${String((json as { schemaVersion: unknown }).schemaVersion)}, this tool reads version 1; collect it again with this version.`,
    );
  }
  const result = InventorySchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the top level';
    throw new UsageError(`${sourceName} is not a CloudMart inventory snapshot (${where}: ${issue.message}); pass a file written by verify --snapshot-out.`);
  }
  // Validated: return the file's own value, untouched (zod would drop members it does not list).
  return json as Inventory;
}

// ------------------------------------------------------------------ shape

/** An SDK output shape: any object (its members are the SDK's, not ours to police). */
const Item = z.record(z.string(), z.unknown());
const Items = z.array(Item);

function collectedOf<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('status', [
    z.object({ status: z.literal('collected'), data }),
    z.object({ status: z.literal('not-collected'), operation: z.string(), reason: z.string() }),
  ]);
}

const Tags = z.record(z.string(), z.string());

const Discovery = z.object({
  student: z.string(),
  stackPrefix: z.string(),
  stacks: z.array(z.object({ name: z.string(), id: z.string(), status: z.string(), tags: Tags })),
  resources: z.array(
    z.object({
      arn: z.string(),
      type: z.string(),
      id: z.string(),
      via: z.array(z.enum(['stack', 'tag', 'graph'])),
      stackName: z.string().optional(),
      logicalId: z.string().optional(),
      tags: Tags.nullable(),
      tagsUnreadable: z.string().optional(),
    }),
  ),
  searched: z.array(z.string()),
});

const S3Bucket = z.object({
  name: z.string(),
  region: z.string().optional(),
  publicAccessBlock: collectedOf(Item.nullable()),
  policy: collectedOf(z.string().nullable()),
});

const InstanceRole = z.object({
  roleName: z.string(),
  roleArn: z.string(),
  instanceProfileArn: z.string(),
  attachedPolicies: Items,
  policyDocuments: z.array(z.object({ name: z.string(), arn: z.string().optional(), document: z.string() })),
});

const InventorySchema = z.object({
  schemaVersion: z.literal(1),
  collectedAt: z.string(),
  target: z.object({ region: z.string(), accountId: z.string(), student: z.string(), stackPrefix: z.string(), endpoint: z.string().optional() }),
  discovery: Discovery,
  ec2: z.object({
    vpcs: collectedOf(Items),
    subnets: collectedOf(Items),
    routeTables: collectedOf(Items),
    internetGateways: collectedOf(Items),
    natGateways: collectedOf(Items),
    securityGroups: collectedOf(Items),
    instances: collectedOf(Items),
    launchTemplateVersions: collectedOf(Items),
    flowLogs: collectedOf(Items),
  }),
  elbv2: z.object({
    loadBalancers: collectedOf(Items),
    listeners: collectedOf(Items),
    targetGroups: collectedOf(Items),
    targetHealth: collectedOf(z.record(z.string(), Items)),
  }),
  autoscaling: z.object({ groups: collectedOf(Items), policies: collectedOf(Items) }),
  rds: z.object({ instances: collectedOf(Items), clusters: collectedOf(Items).optional() }),
  elasticache: z.object({ replicationGroups: collectedOf(Items), cacheClusters: collectedOf(Items), subnetGroups: collectedOf(Items) }),
  cloudfront: z.object({
    distributions: collectedOf(z.array(z.object({ id: z.string(), arn: z.string(), domainName: z.string(), status: z.string().optional(), config: Item }))),
  }),
  s3: z.object({ buckets: collectedOf(z.array(S3Bucket)) }),
  cloudwatch: z.object({
    metricAlarms: collectedOf(Items),
    compositeAlarms: collectedOf(Items),
    dashboards: collectedOf(z.array(z.object({ name: z.string(), arn: z.string().optional(), body: z.string() }))),
  }),
  logs: z.object({ logGroups: collectedOf(Items) }),
  backup: z.object({
    plans: collectedOf(
      z.array(z.object({ planId: z.string(), planArn: z.string(), versionId: z.string().optional(), plan: Item, selections: Items })),
    ),
    recoveryPoints: collectedOf(z.record(z.string(), Items)),
  }),
  iam: z.object({ instanceProfiles: collectedOf(Items), instanceRoles: collectedOf(z.array(InstanceRole)) }),
  calls: z.record(z.string(), z.number()),
});
