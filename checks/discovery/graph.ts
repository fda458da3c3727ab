// Discovery, step 2: from the starting points (stacks, tags) to the whole deployment, by
// following the graph through the region-wide lists the collectors fetched once. One step
// per service (services/), each taking what is found so far and returning what it adds:
//   ASG <-> target groups <-> load balancers, ASG -> launch templates and instances,
//   RDS -> DB subnet group, Redis replication group -> member clusters -> subnet group,
//   distribution <-> origin bucket / load balancer, every resource -> its VPC -> subnets,
//   route tables, gateways, security groups, Elastic IPs, flow logs -> their log groups,
//   alarms and dashboards that name the deployment's resources, backup plans.
// Pure: no AWS call, so it is tested with plain data. A resource whose student tag
// names someone else is never taken, whichever way it was reached. The order matters:
// each step reads what the steps before it found, and the first to meet a resource
// books its ARN and tags.
import { startFromSeeds } from './graph-context';
import type { GraphInput, Selection } from './selection';
import { selectBackupPlans } from './services/backup';
import { selectCloudFrontAndBuckets } from './services/cloudfront-s3';
import { selectCloudWatch } from './services/cloudwatch';
import { selectInstances, selectLaunchTemplates } from './services/ec2-compute';
import { selectElasticIps, selectFlowLogs, selectNetwork } from './services/ec2-network';
import { selectElastiCache } from './services/elasticache';
import { selectLoadBalancing } from './services/elbv2-autoscaling';
import { selectLogGroups } from './services/logs';
import { selectRds } from './services/rds';

export function selectDeployment(input: GraphInput): Selection {
  const { lists } = input;
  const ctx = startFromSeeds(input);
  const loadBalancing = selectLoadBalancing(ctx, lists);
  const { launchTemplateUses } = selectLaunchTemplates(ctx, lists, loadBalancing);
  const { instances } = selectInstances(ctx, lists, loadBalancing);
  const rds = selectRds(ctx, lists);
  const cache = selectElastiCache(ctx, lists);
  const cloudFront = selectCloudFrontAndBuckets(ctx, lists, loadBalancing);
  const { vpcIds, ...network } = selectNetwork(ctx, lists, { ...loadBalancing, ...rds, ...cache, ec2: { instances } });
  selectElasticIps(ctx, lists, { ec2: network });
  const { flowLogs } = selectFlowLogs(ctx, lists, { vpcIds, subnets: network.subnets });
  const ec2 = { ...network, instances, flowLogs };
  const { logGroups } = selectLogGroups(ctx, lists, { ec2 });
  const cloudWatch = selectCloudWatch(ctx, lists, { ...loadBalancing, ...rds, ...cache, ...cloudFront, ec2 });
  const { backupPlanIds } = selectBackupPlans(ctx, lists);
  return {
    ec2,
    ...loadBalancing,
    launchTemplateUses,
    ...rds,
    ...cache,
    ...cloudFront,
    logGroups,
    ...cloudWatch,
    backupPlanIds,
    resources: ctx.book,
    ownershipConflicts: ctx.conflicts,
  };
}
