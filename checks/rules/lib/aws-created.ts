// Resources that AWS creates on the student's behalf and that neither CloudFormation nor the
// console tags with the deployment's tags: the VPC's default security group and main route
// table (created with the VPC) and the alarms of target-tracking scaling policies (created by
// Auto Scaling, named TargetTracking-...). tags.cleanup does not ask them to carry the cleanup
// tags: the reference stacks could not tag them either, and they go away with their parent.
import type { Inventory } from '../../inventory/types';
import { readOptional } from './collected';

export interface AwsCreated {
  /** Resource ids (group ids, route table ids, alarm names) that AWS created. */
  ids: Set<string>;
  /** Resource types whose AWS-created members could not be told apart (their dataset was not collected). */
  undecidableTypes: Set<string>;
}

export function awsCreatedResources(inventory: Inventory): AwsCreated {
  const ids = new Set<string>();
  const undecidableTypes = new Set<string>();

  const groups = readOptional(inventory.ec2.securityGroups);
  if (groups) {
    for (const g of groups) if (g.GroupName === 'default' && g.GroupId) ids.add(g.GroupId);
  } else undecidableTypes.add('AWS::EC2::SecurityGroup');

  const routeTables = readOptional(inventory.ec2.routeTables);
  if (routeTables) {
    for (const t of routeTables) if (t.RouteTableId && t.Associations?.some((a) => a.Main)) ids.add(t.RouteTableId);
  } else undecidableTypes.add('AWS::EC2::RouteTable');

  // Target-tracking alarms: named by their policy (DescribePolicies), or recognised by their
  // name and by acting only on Auto Scaling policies. A step-scaling policy's alarms are the
  // student's own and are not listed here.
  const policies = readOptional(inventory.autoscaling.policies);
  for (const p of policies ?? []) {
    if (p.PolicyType === 'TargetTrackingScaling') for (const a of p.Alarms ?? []) if (a.AlarmName) ids.add(a.AlarmName);
  }
  const alarms = readOptional(inventory.cloudwatch.metricAlarms);
  for (const a of alarms ?? []) {
    const actions = [...(a.AlarmActions ?? []), ...(a.OKActions ?? [])];
    if (a.AlarmName?.startsWith('TargetTracking-') && actions.length > 0 && actions.every((arn) => arn.startsWith('arn:aws:autoscaling:'))) {
      ids.add(a.AlarmName);
    }
  }
  if (!policies && !alarms) undecidableTypes.add('AWS::CloudWatch::Alarm');
  return { ids, undecidableTypes };
}
