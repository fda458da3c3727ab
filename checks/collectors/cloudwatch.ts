// CloudWatch: metric and composite alarms of the region (one paginated call), the
// dashboards (one list call, then each dashboard's body: the body is the only way to
// know which resources a dashboard shows).
import type { CompositeAlarm, DashboardEntry, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import type { Collected, Dashboard, Serialized } from '../inventory/types';
import { mapLimit } from '../../contract/bounded';
import { attempt, derive, serialized } from './collected';
import { awsSdk } from '../aws/sdk';

const {
  CloudWatchClient,
  GetDashboardCommand,
  paginateDescribeAlarms,
  paginateListDashboards,
} = awsSdk('@aws-sdk/client-cloudwatch');

export const OPERATIONS = declareOperations('cloudwatch', ['DescribeAlarms', 'ListDashboards', 'GetDashboard']);

export interface CloudWatchRegionLists {
  metricAlarms: Collected<Serialized<MetricAlarm>[]>;
  compositeAlarms: Collected<Serialized<CompositeAlarm>[]>;
  dashboards: Collected<Dashboard[]>;
}

export async function listCloudWatch(session: AwsSession): Promise<CloudWatchRegionLists> {
  const client = session.client(CloudWatchClient, 'cloudwatch');
  const alarmsPromise = attempt('cloudwatch:DescribeAlarms', async () => {
    const metric: MetricAlarm[] = [];
    const composite: CompositeAlarm[] = [];
    for await (const page of paginateDescribeAlarms({ client }, { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] })) {
      metric.push(...(page.MetricAlarms ?? []));
      composite.push(...(page.CompositeAlarms ?? []));
    }
    return { metric, composite };
  });
  const dashboardsPromise = (async (): Promise<Collected<Dashboard[]>> => {
    const entries = await attempt('cloudwatch:ListDashboards', async () => {
      const all: DashboardEntry[] = [];
      for await (const page of paginateListDashboards({ client }, {})) all.push(...(page.DashboardEntries ?? []));
      return all;
    });
    if (entries.status !== 'collected') return entries;
    return attempt('cloudwatch:GetDashboard', () =>
      mapLimit(entries.data, 8, async (entry): Promise<Dashboard> => {
        const out = await client.send(new GetDashboardCommand({ DashboardName: entry.DashboardName }));
        const arn = out.DashboardArn ?? entry.DashboardArn;
        return { name: out.DashboardName ?? entry.DashboardName ?? '', ...(arn ? { arn } : {}), body: out.DashboardBody ?? '' };
      }),
    );
  })();
  const [alarms, dashboards] = await Promise.all([alarmsPromise, dashboardsPromise]);
  return {
    metricAlarms: serialized(derive(alarms, (a) => a.metric)),
    compositeAlarms: serialized(derive(alarms, (a) => a.composite)),
    dashboards,
  };
}
