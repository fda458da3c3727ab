// Elastic Load Balancing v2: load balancers and target groups of the region (one call
// each), then the listeners of the deployment's load balancers and the health of its
// target groups (one call per resource).
import type {
  Listener,
  LoadBalancer,
  TargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import { serialize } from '../inventory/serialize';
import type { Collected, Serialized } from '../inventory/types';
import { mapLimit } from '../../contract/bounded';
import { allPages, attempt, serialized } from './collected';
import { awsSdk } from '../aws/sdk';

const {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
} = awsSdk('@aws-sdk/client-elastic-load-balancing-v2');

export const OPERATIONS = declareOperations('elbv2', ['DescribeLoadBalancers', 'DescribeTargetGroups', 'DescribeListeners', 'DescribeTargetHealth']);

export interface Elbv2RegionLists {
  loadBalancers: Collected<Serialized<LoadBalancer>[]>;
  targetGroups: Collected<Serialized<TargetGroup>[]>;
}

export async function listElbv2(session: AwsSession): Promise<Elbv2RegionLists> {
  const client = session.client(ElasticLoadBalancingV2Client, 'elbv2');
  const [loadBalancers, targetGroups] = await Promise.all([
    attempt('elasticloadbalancing:DescribeLoadBalancers', () => allPages(paginateDescribeLoadBalancers({ client }, {}), (p) => p.LoadBalancers)),
    attempt('elasticloadbalancing:DescribeTargetGroups', () => allPages(paginateDescribeTargetGroups({ client }, {}), (p) => p.TargetGroups)),
  ]);
  return { loadBalancers: serialized(loadBalancers), targetGroups: serialized(targetGroups) };
}

export async function describeListeners(session: AwsSession, loadBalancerArns: string[]): Promise<Collected<Serialized<Listener>[]>> {
  const client = session.client(ElasticLoadBalancingV2Client, 'elbv2');
  return attempt('elasticloadbalancing:DescribeListeners', async () => {
    const perLb = await mapLimit(loadBalancerArns, 8, (arn) => allPages(paginateDescribeListeners({ client }, { LoadBalancerArn: arn }), (p) => p.Listeners));
    return serialize(perLb.flat());
  });
}

export async function describeTargetHealth(
  session: AwsSession,
  targetGroupArns: string[],
): Promise<Collected<Record<string, Serialized<TargetHealthDescription>[]>>> {
  const client = session.client(ElasticLoadBalancingV2Client, 'elbv2');
  return attempt('elasticloadbalancing:DescribeTargetHealth', async () => {
    const perTg = await mapLimit(targetGroupArns, 8, async (arn) => {
      const out = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
      return [arn, serialize(out.TargetHealthDescriptions ?? [])] as const;
    });
    return Object.fromEntries(perTg);
  });
}
