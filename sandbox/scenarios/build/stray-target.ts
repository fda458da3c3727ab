// The `stray-target` defect on the deployed reference: after `npm run deploy`, the student
// launches a debugging instance by hand from the stack's launch template and registers it in
// the API's target group. It is in no stack; it carries the cleanup tags as the student
// typed them. The stack's resources are found as the student would: by the stack, by type.
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { RegisterTargetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { PORTS, stackNames } from '../../../stacks/config';
import { TAG_EXPIRES_AT, TAG_STUDENT } from '../../../stacks/tags';
import type { ScenarioContext } from '../scenario';

async function appStackResource(ctx: ScenarioContext, type: string): Promise<string> {
  const resources = (await ctx.clients.cloudformation.send(new DescribeStackResourcesCommand({ StackName: stackNames(ctx.student).App }))).StackResources ?? [];
  const found = resources.filter((r) => r.ResourceType === type);
  if (found.length !== 1) throw new Error(`Expected one ${type} in ${stackNames(ctx.student).App}, found ${found.length}.`);
  return found[0]!.PhysicalResourceId!;
}

/** Launches the hand-made instance in the ASG's second subnet and registers it; returns its id. */
export async function launchStrayTarget(ctx: ScenarioContext): Promise<string> {
  const [launchTemplateId, targetGroupArn, groupName] = await Promise.all([
    appStackResource(ctx, 'AWS::EC2::LaunchTemplate'),
    appStackResource(ctx, 'AWS::ElasticLoadBalancingV2::TargetGroup'),
    appStackResource(ctx, 'AWS::AutoScaling::AutoScalingGroup'),
  ]);
  const group = (await ctx.clients.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }))).AutoScalingGroups![0]!;
  const subnets = group.VPCZoneIdentifier!.split(',');
  const out = await ctx.clients.ec2.send(
    new RunInstancesCommand({
      MinCount: 1,
      MaxCount: 1,
      LaunchTemplate: { LaunchTemplateId: launchTemplateId, Version: '$Latest' },
      SubnetId: subnets[subnets.length - 1],
      TagSpecifications: [
        {
          ResourceType: 'instance',
          Tags: [
            { Key: 'Name', Value: `CloudMart-${ctx.student}-debug` },
            { Key: TAG_STUDENT, Value: ctx.student },
            { Key: TAG_EXPIRES_AT, Value: ctx.expiresAt },
          ],
        },
      ],
    }),
  );
  const instanceId = out.Instances![0]!.InstanceId!;
  await ctx.clients.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: instanceId, Port: PORTS.app }] }));
  return instanceId;
}
