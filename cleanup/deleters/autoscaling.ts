// Auto Scaling groups first of all: deleting one (forced) terminates its instances, and
// it would replace any instance deleted before it.
import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, pollUntil, type Deleter } from '../deleter';
import { awsSdk } from '../../checks/aws/sdk';

const {
  AutoScalingClient,
  DeleteAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} = awsSdk('@aws-sdk/client-auto-scaling');

export const OPERATIONS = declareOperations('autoscaling', ['DeleteAutoScalingGroup', 'DescribeAutoScalingGroups']);

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::AutoScaling::AutoScalingGroup',
    rank: 10,
    async remove(r, ctx) {
      const client = ctx.session.client(AutoScalingClient, 'autoscaling');
      await ignoringGone(() => client.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: r.id, ForceDelete: true })));
      await pollUntil(
        async () => ((await client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [r.id] }))).AutoScalingGroups ?? []).length === 0,
        ctx,
        `deleting the Auto Scaling group ${r.id}`,
      );
    },
  },
];
