// CloudWatch alarms and dashboards of the deployment.
import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, type Deleter } from '../deleter';
import { say } from '../text';
import { awsSdk } from '../../checks/aws/sdk';

const { CloudWatchClient, DeleteAlarmsCommand, DeleteDashboardsCommand } = awsSdk('@aws-sdk/client-cloudwatch');

export const OPERATIONS = declareOperations('cloudwatch', ['DeleteAlarms', 'DeleteDashboards']);

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::CloudWatch::Alarm',
    rank: 40,
    skip(r, inventory, deleting) {
      // AWS creates (and deletes) the alarms of a target-tracking policy; they name its group.
      const alarm = inventory.cloudwatch.metricAlarms.status === 'collected' ? inventory.cloudwatch.metricAlarms.data.find((a) => a.AlarmName === r.id) : undefined;
      if (!alarm?.AlarmName?.startsWith('TargetTracking-')) return undefined;
      const group = (alarm.AlarmActions ?? []).map((a) => /:autoScalingGroupName\/([^:]+):policyName\//.exec(a)?.[1]).find(Boolean);
      if (!group) return undefined;
      return deleting('AWS::AutoScaling::AutoScalingGroup', group)
        ? { action: 'with-parent', reason: say(`AWS가 ${group}의 대상 추적 정책과 함께 지웁니다`, `AWS deletes it with the target-tracking policy of ${group}`) }
        : { action: 'keep', reason: say(`남겨 두는 ${group}의 대상 추적 정책을 위해 AWS가 관리합니다`, `AWS manages it for the target-tracking policy of ${group}, which is kept`) };
    },
    // DeleteAlarms succeeds for names that do not exist.
    remove: async (r, ctx) => {
      await ctx.session.client(CloudWatchClient, 'cloudwatch').send(new DeleteAlarmsCommand({ AlarmNames: [r.id] }));
    },
  },
  {
    type: 'AWS::CloudWatch::Dashboard',
    rank: 40,
    remove: (r, ctx) => ignoringGone(() => ctx.session.client(CloudWatchClient, 'cloudwatch').send(new DeleteDashboardsCommand({ DashboardNames: [r.id] }))),
  },
];
