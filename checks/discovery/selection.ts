// What the graph (graph.ts) reads and what it returns: the region's lists as the collectors
// fetched them, and the deployment's part of each, plus what the next calls need.
import type { DistributionSummary } from '@aws-sdk/client-cloudfront';
import type { BackupPlansListMember } from '@aws-sdk/client-backup';
import type { DBInstance } from '@aws-sdk/client-rds';
import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type { AutoScalingRegionLists } from '../collectors/autoscaling';
import type { CloudWatchRegionLists } from '../collectors/cloudwatch';
import type { Ec2RegionLists, LaunchTemplateUse } from '../collectors/ec2';
import type { ElastiCacheRegionLists } from '../collectors/elasticache';
import type { Elbv2RegionLists } from '../collectors/elbv2';
import type { TaggedResource } from '../collectors/tagging';
import type { Collected, Ec2Listed, Serialized } from '../inventory/types';
import type { OwnershipConflict } from '../../contract/inventory';
import type { ResourceBook } from './resource-book';
import type { StackResource } from './seeds';

export interface RegionLists {
  ec2: Ec2RegionLists;
  elbv2: Elbv2RegionLists;
  autoscaling: AutoScalingRegionLists;
  rdsInstances: Collected<Serialized<DBInstance>[]>;
  elasticache: ElastiCacheRegionLists;
  distributions: Collected<Serialized<DistributionSummary>[]>;
  cloudwatch: CloudWatchRegionLists;
  logGroups: Collected<Serialized<LogGroup>[]>;
  backupPlans: Collected<Serialized<BackupPlansListMember>[]>;
}

export interface GraphInput {
  student: string;
  region: string;
  accountId: string;
  stackResources: StackResource[];
  tagged: TaggedResource[];
  lists: RegionLists;
}

/** The deployment's part of each region-wide list, plus what the next calls need. */
export interface Selection {
  ec2: Ec2Listed;
  loadBalancers: Elbv2RegionLists['loadBalancers'];
  targetGroups: Elbv2RegionLists['targetGroups'];
  autoScalingGroups: AutoScalingRegionLists['groups'];
  scalingPolicies: AutoScalingRegionLists['policies'];
  rdsInstances: RegionLists['rdsInstances'];
  replicationGroups: ElastiCacheRegionLists['replicationGroups'];
  cacheClusters: ElastiCacheRegionLists['cacheClusters'];
  cacheSubnetGroups: ElastiCacheRegionLists['subnetGroups'];
  metricAlarms: CloudWatchRegionLists['metricAlarms'];
  compositeAlarms: CloudWatchRegionLists['compositeAlarms'];
  dashboards: CloudWatchRegionLists['dashboards'];
  logGroups: RegionLists['logGroups'];
  /** Next calls: one per item. */
  loadBalancerArns: string[];
  targetGroupArns: string[];
  launchTemplateUses: LaunchTemplateUse[];
  distributionIds: string[];
  bucketNames: string[];
  backupPlanIds: string[];
  /** The deployment's RDS instance ARNs (from the list, or from discovery when the list failed). */
  dbInstanceArns: string[];
  resources: ResourceBook;
  /** Resources tagged for the student that another student's stack created (left out). */
  ownershipConflicts: OwnershipConflict[];
}
