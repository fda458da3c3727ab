// The inventory: everything `verify` knows about ONE student deployment, collected once
// and then read by every check. It is the contract between the collectors (checks/collectors,
// which write it), the checks (pure functions that read it), the snapshot files, and the test
// data that stands in for a deployment (fixtures/inventories): declared here once, as types.
//
// - Items are the AWS SDK v3 output shapes, made JSON-safe (Dates become ISO strings,
//   see Serialized), so a snapshot file round-trips to the same value.
// - Every dataset is a Collected<T>: either the data, or "not collected" with the
//   operation and the reason (AccessDenied, throttled past retries, API missing...).
//   A check that needs a not-collected dataset says `error`, never pass or fail.
// - Datasets hold only the deployment's resources (found by discovery and by
//   following the graph), never the rest of the account.
// contract/ imports nothing of ours; from the AWS SDK it takes types only (no code is loaded).
import type { AutoScalingGroup, ScalingPolicy } from '@aws-sdk/client-auto-scaling';
import type { BackupPlan, BackupSelection, RecoveryPointByResource } from '@aws-sdk/client-backup';
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import type { CompositeAlarm, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type {
  FlowLog,
  Instance,
  InternetGateway,
  LaunchTemplateVersion,
  NatGateway,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
} from '@aws-sdk/client-ec2';
import type { CacheCluster, CacheSubnetGroup, ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { Listener, LoadBalancer, TargetGroup, TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AttachedPolicy, InstanceProfile } from '@aws-sdk/client-iam';
import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';
import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';

/** An SDK output shape as it is after JSON: Dates are ISO strings, `$metadata` is gone. */
export type Serialized<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Serialized<U>[]
    : T extends object
      ? { [K in keyof T as K extends '$metadata' ? never : K]: Serialized<T[K]> }
      : T;

export type Collected<T> =
  | { status: 'collected'; data: T }
  | {
      status: 'not-collected';
      /** The AWS operation that failed, e.g. "rds:DescribeDBInstances". */
      operation: string;
      /** One sentence: why (AccessDenied: ..., the API is not available, ...). */
      reason: string;
    };

export type Tags = Record<string, string>;

// ---------------------------------------------------------------- discovery

export interface DiscoveredStack {
  name: string;
  id: string;
  status: string;
  tags: Tags;
}

export interface DiscoveredResource {
  /** The resource's ARN (EC2 resources included: arn:aws:ec2:<region>:<account>:subnet/subnet-...). */
  arn: string;
  /** CloudFormation resource type, e.g. AWS::RDS::DBInstance. */
  type: string;
  /** Physical id as the service names it: subnet-..., the DB identifier, the bucket name, ... */
  id: string;
  /** How discovery found it: in one of the deployment's stacks, by its student tag, or by following the graph. */
  via: ('stack' | 'tag' | 'graph')[];
  stackName?: string;
  logicalId?: string;
  /** The resource's tags; null when the resource type cannot carry tags or they could not be read. */
  tags: Tags | null;
  /** Set when `tags` is null because reading them failed: the failed call and why (null alone: never asked, or cannot carry tags). */
  tagsUnreadable?: string;
}

/**
 * A resource (or stack) tagged for the student but created by another student's stack
 * (its aws:cloudformation:stack-name names CloudMart-<other>-...): left out of the
 * student's inventory and never graded for them.
 */
export interface OwnershipConflict {
  /** The resource's ARN, or the stack's name when the stack itself is in conflict. */
  resource: string;
  /** CloudFormation type, e.g. AWS::EC2::SecurityGroup. */
  type: string;
  /** The other student's stack that created it. */
  stack: string;
  /** The student that stack belongs to. */
  student: string;
}

export interface Discovery {
  student: string;
  stackPrefix: string;
  stacks: DiscoveredStack[];
  resources: DiscoveredResource[];
  /** What was searched, in words a student understands (shown when nothing is found). */
  searched: string[];
  /** The same lines in Korean, one for each of `searched` (absent in snapshots saved before issue 13). */
  searchedKo?: string[];
  /** Resources tagged for the student that another student's stack created (absent: none, or a snapshot from before issue 15). */
  ownershipConflicts?: OwnershipConflict[];
}

// ---------------------------------------------------------------- per service

export interface Ec2Inventory {
  vpcs: Collected<Serialized<Vpc>[]>;
  subnets: Collected<Serialized<Subnet>[]>;
  routeTables: Collected<Serialized<RouteTable>[]>;
  internetGateways: Collected<Serialized<InternetGateway>[]>;
  natGateways: Collected<Serialized<NatGateway>[]>;
  /** Every security group of the deployment's VPC(s), so a check can name any source group. */
  securityGroups: Collected<Serialized<SecurityGroup>[]>;
  /** Instances of the deployment's ASG(s) (and any tagged instance). */
  instances: Collected<Serialized<Instance>[]>;
  /** The launch template versions the ASG(s) use (resolved $Default / $Latest). */
  launchTemplateVersions: Collected<Serialized<LaunchTemplateVersion>[]>;
  flowLogs: Collected<Serialized<FlowLog>[]>;
}

/** The EC2 datasets read as region-wide lists and narrowed by discovery (the launch template versions are read afterwards, per template in use). */
export type Ec2Listed = Omit<Ec2Inventory, 'launchTemplateVersions'>;

export interface Elbv2Inventory {
  loadBalancers: Collected<Serialized<LoadBalancer>[]>;
  listeners: Collected<Serialized<Listener>[]>;
  targetGroups: Collected<Serialized<TargetGroup>[]>;
  /** Target health by target group ARN. */
  targetHealth: Collected<Record<string, Serialized<TargetHealthDescription>[]>>;
}

export interface AutoScalingInventory {
  groups: Collected<Serialized<AutoScalingGroup>[]>;
  policies: Collected<Serialized<ScalingPolicy>[]>;
}

export interface RdsInventory {
  /** PostgreSQL or not: every DB instance of the deployment (DBSubnetGroup with its subnets is inside). */
  instances: Collected<Serialized<DBInstance>[]>;
  /**
   * The DB clusters the deployment's instances belong to (DBInstance.DBClusterIdentifier): a
   * Multi-AZ DB cluster's members each report MultiAZ false, the cluster reports MultiAZ true.
   * Absent in snapshots made before clusters were collected.
   */
  clusters?: Collected<Serialized<DBCluster>[]>;
}

export interface ElastiCacheInventory {
  replicationGroups: Collected<Serialized<ReplicationGroup>[]>;
  /** Member clusters of those groups (security groups and subnet group names live here). */
  cacheClusters: Collected<Serialized<CacheCluster>[]>;
  subnetGroups: Collected<Serialized<CacheSubnetGroup>[]>;
}

export interface CloudFrontDistribution {
  id: string;
  arn: string;
  domainName: string;
  status?: string;
  config: Serialized<DistributionConfig>;
}

export interface CloudFrontInventory {
  distributions: Collected<CloudFrontDistribution[]>;
}

export interface S3Bucket {
  name: string;
  region?: string;
  publicAccessBlock: Collected<Serialized<PublicAccessBlockConfiguration> | null>;
  /** The bucket policy document as JSON text; null when the bucket has none. */
  policy: Collected<string | null>;
}

export interface S3Inventory {
  /** The deployment's buckets (frontend origins and any tagged bucket). */
  buckets: Collected<S3Bucket[]>;
}

export interface Dashboard {
  name: string;
  arn?: string;
  /** DashboardBody as returned by GetDashboard (JSON text). */
  body: string;
}

export interface CloudWatchInventory {
  /** Alarms of the deployment: those whose dimensions name its resources, plus tagged / stack alarms. */
  metricAlarms: Collected<Serialized<MetricAlarm>[]>;
  compositeAlarms: Collected<Serialized<CompositeAlarm>[]>;
  dashboards: Collected<Dashboard[]>;
}

export interface LogsInventory {
  logGroups: Collected<Serialized<LogGroup>[]>;
}

export interface BackupPlanWithSelections {
  planId: string;
  planArn: string;
  versionId?: string;
  plan: Serialized<BackupPlan>;
  selections: Serialized<BackupSelection & { SelectionId?: string }>[];
}

export interface BackupInventory {
  plans: Collected<BackupPlanWithSelections[]>;
  /** Recovery points by resource ARN, for the deployment's RDS instances. */
  recoveryPoints: Collected<Record<string, Serialized<RecoveryPointByResource>[]>>;
}

export interface PolicyDocumentRef {
  name: string;
  arn?: string;
  /** The policy document (JSON text, URL-decoded). */
  document: string;
}

export interface InstanceRole {
  roleName: string;
  roleArn: string;
  instanceProfileArn: string;
  attachedPolicies: Serialized<AttachedPolicy>[];
  /** Default versions of the customer-managed attached policies, and all inline policies. */
  policyDocuments: PolicyDocumentRef[];
}

export interface IamInventory {
  /** The instance profile named by the launch template(s), with its role(s). */
  instanceProfiles: Collected<Serialized<InstanceProfile>[]>;
  instanceRoles: Collected<InstanceRole[]>;
}

export interface Inventory {
  schemaVersion: 1;
  collectedAt: string;
  target: {
    region: string;
    accountId: string;
    student: string;
    stackPrefix: string;
    endpoint?: string;
  };
  discovery: Discovery;
  ec2: Ec2Inventory;
  elbv2: Elbv2Inventory;
  autoscaling: AutoScalingInventory;
  rds: RdsInventory;
  elasticache: ElastiCacheInventory;
  cloudfront: CloudFrontInventory;
  s3: S3Inventory;
  cloudwatch: CloudWatchInventory;
  logs: LogsInventory;
  backup: BackupInventory;
  iam: IamInventory;
  /** How many AWS calls the collection made, by operation (for the benchmark and the report). */
  calls: Record<string, number>;
}
