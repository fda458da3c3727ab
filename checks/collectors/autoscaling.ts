// EC2 Auto Scaling: the groups and scaling policies of the region, one call each. The
// Resource Groups Tagging API does not return Auto Scaling groups, so discovery finds
// them here, by name (stack), by their own tags, or by their target groups (graph).
import type { AutoScalingGroup, ScalingPolicy } from '@aws-sdk/client-auto-scaling';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import type { Collected, Serialized } from '../inventory/types';
import { allPages, attempt, serialized } from './collected';
import { awsSdk } from '../aws/sdk';

const {
  AutoScalingClient,
  paginateDescribeAutoScalingGroups,
  paginateDescribePolicies,
} = awsSdk('@aws-sdk/client-auto-scaling');

export const OPERATIONS = declareOperations('autoscaling', ['DescribeAutoScalingGroups', 'DescribePolicies']);

export interface AutoScalingRegionLists {
  groups: Collected<Serialized<AutoScalingGroup>[]>;
  policies: Collected<Serialized<ScalingPolicy>[]>;
}

export async function listAutoScaling(session: AwsSession): Promise<AutoScalingRegionLists> {
  const client = session.client(AutoScalingClient, 'autoscaling');
  const [groups, policies] = await Promise.all([
    attempt('autoscaling:DescribeAutoScalingGroups', () => allPages(paginateDescribeAutoScalingGroups({ client }, {}), (p) => p.AutoScalingGroups)),
    attempt('autoscaling:DescribePolicies', () => allPages(paginateDescribePolicies({ client }, {}), (p) => p.ScalingPolicies)),
  ]);
  return { groups: serialized(groups), policies: serialized(policies) };
}
