// Monitoring checks: failing variants naming the offender, passing cases, not-applicable.
// Error cases: rules.errors.test.ts.
import { describe, expect, it } from 'vitest';
import { DASHBOARD_BODY, IDS } from '../../fixtures/inventories/reference';
import { MULTI_AZ_CLUSTER, withMultiAzDbCluster, withoutAlarms, withoutAsg, withoutRds, withoutRedis } from '../../fixtures/inventories/variants';
import type { Inventory } from '../inventory/types';
import { dashboardMetrics } from '../rules/dashboard.present';
import { read } from '../rules/lib/collected';
import { failing, reference, run, variant } from './support/run-check';

const alarms = (inv: Inventory) => read(inv.cloudwatch.metricAlarms);
const dropAlarm = (inv: Inventory, name: string) => (inv.cloudwatch.metricAlarms = { status: 'collected', data: alarms(inv).filter((a) => a.AlarmName !== name) });

describe('alarms.coverage', () => {
  it('passes the reference, counting the metric-math ALB 5xx alarm, with the matrix as evidence', () => {
    const o = run('alarms.coverage', reference());
    expect(o.status).toBe('pass');
    const matrix = o.evidence!.matrix as { requirement: string; resource: string; alarms: string[] }[];
    expect(matrix.find((m) => m.requirement === 'ALB 5xx')).toEqual(expect.objectContaining({ resource: IDS.alb.name, alarms: ['CloudMart-s01-alb-5xx'] }));
    expect(matrix.find((m) => m.requirement === 'ASG CPU')!.alarms).toEqual(['CloudMart-s01-asg-cpu']);
    expect(matrix).toHaveLength(6);
  });
  it('fails without an RDS free storage alarm, naming the instance', () => {
    const o = run('alarms.coverage', variant((inv) => dropAlarm(inv, 'CloudMart-s01-db-free-storage')));
    expect(o.status).toBe('fail');
    expect(failing(o)).toEqual([
      expect.objectContaining({ id: IDS.db.id, type: 'AWS::RDS::DBInstance', detail: `RDS free storage: no alarm on AWS/RDS FreeStorageSpace naming DBInstanceIdentifier=${IDS.db.id}` }),
    ]);
  });
  it("fails an alarm whose dimension names someone else's resource", () => {
    const o = run(
      'alarms.coverage',
      variant((inv) => {
        alarms(inv).find((a) => a.AlarmName === 'CloudMart-s01-alb-unhealthy')!.Dimensions = [{ Name: 'LoadBalancer', Value: 'app/CloudMart-s02-alb/0000' }];
      }),
    );
    expect(failing(o).map((r) => [r.id, r.detail.split(':')[0]])).toEqual([[IDS.alb.name, 'ALB unhealthy hosts']]);
  });
  it('fails an RDS CPU alarm watching the EC2 namespace', () => {
    const o = run('alarms.coverage', variant((inv) => (alarms(inv).find((a) => a.AlarmName === 'CloudMart-s01-db-cpu')!.Namespace = 'AWS/EC2')));
    expect(failing(o).map((r) => r.detail.split(':')[0])).toEqual(['RDS CPU']);
  });
  it('accepts a Redis alarm on any member cluster', () => {
    expect(run('alarms.coverage', variant((inv) => dropAlarm(inv, 'CloudMart-s01-redis-engine-cpu'))).status).toBe('pass');
    expect(run('alarms.coverage', variant((inv) => dropAlarm(inv, 'CloudMart-s01-redis-memory'))).status).toBe('pass');
  });
  // ElastiCache metrics are "measured and published for each cache node" (CacheClusterId, CacheNodeId): https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.html
  it('does not count Redis alarms on ReplicationGroupId (CloudWatch never publishes it): names them with the reason', () => {
    const o = run(
      'alarms.coverage',
      variant((inv) => {
        for (const a of alarms(inv).filter((a) => a.Namespace === 'AWS/ElastiCache')) a.Dimensions = [{ Name: 'ReplicationGroupId', Value: IDS.redis.id }];
      }),
    );
    expect(o.status).toBe('fail');
    const [redis] = failing(o);
    expect(redis).toEqual(expect.objectContaining({ id: IDS.redis.id }));
    expect(redis!.detail).toContain(`naming CacheClusterId=${IDS.redis.members.join('|')}`);
    expect(redis!.detail).toContain('alarm CloudMart-s01-redis-memory does not count: CloudWatch publishes AWS/ElastiCache DatabaseMemoryUsagePercentage per CacheClusterId');
    expect(redis!.detail).toContain('never per ReplicationGroupId, so it never receives data');
    const row = (o.evidence!.matrix as { requirement: string; neverReceiveData: { alarm: string }[] }[]).find((m) => m.requirement === 'Redis CPU or memory')!;
    expect(row.neverReceiveData.map((x) => x.alarm)).toEqual(['CloudMart-s01-redis-engine-cpu', 'CloudMart-s01-redis-memory']);
    expect(o.notes?.map((n) => n.en)).toContain(
      'Never receive data (a dimension set CloudWatch does not publish): CloudMart-s01-redis-engine-cpu, CloudMart-s01-redis-memory.',
    );
  });
  // UnHealthyHostCount is published per TargetGroup+LoadBalancer (and AvailabilityZone): https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
  it('does not count an UnHealthyHostCount alarm on LoadBalancer alone', () => {
    const o = run(
      'alarms.coverage',
      variant((inv) => (alarms(inv).find((a) => a.AlarmName === 'CloudMart-s01-alb-unhealthy')!.Dimensions = [{ Name: 'LoadBalancer', Value: IDS.alb.dimension }])),
    );
    expect(failing(o)).toEqual([
      expect.objectContaining({
        id: IDS.alb.name,
        detail: expect.stringMatching(/^ALB unhealthy hosts: no alarm on .* naming LoadBalancer=.* \+ TargetGroup=.*never per LoadBalancer, so it never receives data\)$/),
      }),
    ]);
  });
  it('does not count an UnHealthyHostCount alarm whose TargetGroup belongs to another load balancer', () => {
    const o = run(
      'alarms.coverage',
      variant((inv) => {
        alarms(inv).find((a) => a.AlarmName === 'CloudMart-s01-alb-unhealthy')!.Dimensions = [
          { Name: 'LoadBalancer', Value: IDS.alb.dimension },
          { Name: 'TargetGroup', Value: 'targetgroup/someone-else/0000' },
        ];
      }),
    );
    expect(failing(o).map((r) => r.detail.split(':')[0])).toEqual(['ALB unhealthy hosts']);
  });
  it('does not require Redis alarms when there is no Redis, and says so', () => {
    const o = run('alarms.coverage', withoutRedis());
    expect(o.status).toBe('pass');
    expect(o.notes?.map((n) => n.en)).toContain('Not required because the deployment lacks the resource: Redis CPU or memory.');
  });
  it('does not count the alarm a target-tracking policy made: it scales, it tells no one', () => {
    const o = run('alarms.coverage', variant((inv) => dropAlarm(inv, 'CloudMart-s01-asg-cpu')));
    expect(o.status).toBe('fail');
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.asg.name, detail: expect.stringContaining('ASG CPU: no alarm on AWS/EC2 CPUUtilization') })]);
    expect(o.notes?.map((n) => n.en)).toContain('Not counted, they only trigger scaling: TargetTracking-CloudMart-s01-asg-AlarmHigh-1.');
  });
  it('fails when the deployment has resources but no alarms', () => {
    const o = run('alarms.coverage', withoutAlarms());
    expect(o.status).toBe('fail');
    expect(failing(o)).toHaveLength(6);
  });
});

describe('alarms.actions', () => {
  it('passes when every alarm notifies (target-tracking alarms act on their policy)', () => expect(run('alarms.actions', reference()).status).toBe('pass'));
  it('fails an alarm without an ALARM action', () => {
    const o = run('alarms.actions', variant((inv) => (alarms(inv).find((a) => a.AlarmName === 'CloudMart-s01-alb-unhealthy')!.AlarmActions = [])));
    expect(failing(o)).toEqual([expect.objectContaining({ id: 'CloudMart-s01-alb-unhealthy', detail: 'no ALARM action' })]);
  });
  it('fails an alarm with actions disabled, and a composite alarm without action', () => {
    expect(failing(run('alarms.actions', variant((inv) => (alarms(inv)[0]!.ActionsEnabled = false))))[0]!.detail).toBe('actions disabled');
    const composite = variant((inv) => (inv.cloudwatch.compositeAlarms = { status: 'collected', data: [{ AlarmName: 'any-down', ActionsEnabled: true, AlarmActions: [], AlarmRule: 'ALARM(x)' }] }));
    expect(failing(run('alarms.actions', composite))).toEqual([expect.objectContaining({ id: 'any-down', type: 'AWS::CloudWatch::CompositeAlarm' })]);
  });
  it('is not-applicable without alarms', () => expect(run('alarms.actions', withoutAlarms()).status).toBe('not-applicable'));
});

describe('dashboard.present', () => {
  const setBody = (inv: Inventory, body: string) => (read(inv.cloudwatch.dashboards)[0]!.body = body);
  it('passes a dashboard with the ALB, ASG and RDS (shorthand rows expanded)', () => {
    expect(run('dashboard.present', reference())).toMatchObject({ status: 'pass', evidence: { shown: { [IDS.dashboard]: ['ALB', 'ASG', 'RDS'] } } });
    expect(dashboardMetrics(DASHBOARD_BODY)).toContainEqual({ namespace: 'AWS/RDS', dimensions: { DBInstanceIdentifier: IDS.db.id } });
  });
  it('fails a dashboard without the database', () => {
    const body = JSON.parse(DASHBOARD_BODY) as { widgets: unknown[] };
    body.widgets.splice(2, 1);
    const o = run('dashboard.present', variant((inv) => setBody(inv, JSON.stringify(body))));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.dashboard, detail: `shows ALB, ASG; missing RDS (${IDS.db.id})` })]);
  });
  it('fails a dashboard of other resources, an unreadable body, and no dashboard at all', () => {
    expect(run('dashboard.present', variant((inv) => setBody(inv, DASHBOARD_BODY.replaceAll('s01', 's02')))).status).toBe('fail');
    expect(failing(run('dashboard.present', variant((inv) => setBody(inv, '{"widgets": ['))))[0]!.detail).toBe('the dashboard body is not valid JSON');
    expect(run('dashboard.present', variant((inv) => (inv.cloudwatch.dashboards = { status: 'collected', data: [] })))).toMatchObject({ status: 'fail', summary: { en: expect.stringContaining('No CloudWatch dashboard') } });
  });
  it('counts search expressions that name the resource and expands "..."', () => {
    const body = JSON.stringify({
      widgets: [
        { type: 'metric', properties: { metrics: [[{ expression: `SEARCH('{AWS/ApplicationELB,LoadBalancer} ${IDS.alb.dimension}', 'Sum', 60)`, id: 'e1' }]] } },
        { type: 'metric', properties: { metrics: [['AWS/EC2', 'CPUUtilization', 'AutoScalingGroupName', 'other'], ['...', IDS.asg.name]] } },
        { type: 'metric', properties: { metrics: [['AWS/RDS', 'CPUUtilization', 'DBInstanceIdentifier', IDS.db.id]] } },
      ],
    });
    expect(run('dashboard.present', variant((inv) => setBody(inv, body))).status).toBe('pass');
  });
  it('does not require a kind the deployment lacks; not-applicable with none of them', () => {
    const body = JSON.parse(DASHBOARD_BODY) as { widgets: unknown[] };
    body.widgets.splice(2, 1);
    expect(run('dashboard.present', variant((inv) => setBody(inv, JSON.stringify(body)), withoutRds())).status).toBe('pass');
  });
});

describe('logs.retention', () => {
  it('passes an app log group with retention (service log groups are not judged)', () => {
    // The API's log group and the VPC flow logs' (both the reference stacks'); the Lambda's is not judged.
    expect(run('logs.retention', reference()).resources).toEqual([
      expect.objectContaining({ id: IDS.logGroup, status: 'pass', detail: 'retention 14 day(s)' }),
      expect.objectContaining({ id: 'CloudMart-s01-Network-NetworkFlowLogs', status: 'pass', detail: 'retention 30 day(s)' }),
    ]);
  });
  it('fails an app log group without retention', () => {
    const o = run('logs.retention', variant((inv) => delete read(inv.logs.logGroups)[0]!.retentionInDays));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.logGroup, detail: 'no retention: events are kept forever' })]);
  });
  it('fails when only service log groups exist', () => {
    const o = run('logs.retention', variant((inv) => (inv.logs.logGroups = { status: 'collected', data: read(inv.logs.logGroups).filter((g) => g.logGroupName?.startsWith('/aws/')) })));
    expect(o).toMatchObject({ status: 'fail', summary: { en: expect.stringContaining('No application log group was found (only service log groups: /aws/lambda/') } });
  });
});

describe('asg.group-metrics', () => {
  it('passes when collected', () => expect(run('asg.group-metrics', reference()).status).toBe('pass'));
  it('fails when off', () => {
    expect(failing(run('asg.group-metrics', variant((inv) => (read(inv.autoscaling.groups)[0]!.EnabledMetrics = []))))).toEqual([
      expect.objectContaining({ id: IDS.asg.name, detail: 'group metrics collection is off' }),
    ]);
  });
  it('is not-applicable without an ASG', () => expect(run('asg.group-metrics', withoutAsg()).status).toBe('not-applicable'));
});

describe('rds.enhanced-monitoring', () => {
  const db = (inv: Inventory) => read(inv.rds.instances)[0]!;
  it('passes enhanced monitoring, or Performance Insights alone', () => {
    expect(run('rds.enhanced-monitoring', reference()).status).toBe('pass');
    expect(run('rds.enhanced-monitoring', variant((inv) => (db(inv).MonitoringInterval = 0))).status).toBe('pass');
  });
  it('fails with both off', () => {
    const o = run(
      'rds.enhanced-monitoring',
      variant((inv) => {
        db(inv).MonitoringInterval = 0;
        db(inv).PerformanceInsightsEnabled = false;
      }),
    );
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.db.id, detail: 'enhanced monitoring off; Performance Insights off' })]);
  });
  it('is not-applicable without RDS', () => expect(run('rds.enhanced-monitoring', withoutRds()).status).toBe('not-applicable'));

  // ModifyDBCluster MonitoringInterval and EnablePerformanceInsights: "Valid for Cluster Type: Multi-AZ DB clusters only": https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBCluster.html
  it('judges a Multi-AZ DB cluster by the cluster (its members report MonitoringInterval 0)', () => {
    const cluster = (inv: Inventory) => read(inv.rds.clusters!)[0]!;
    const MEMBERS = `members: ${MULTI_AZ_CLUSTER.members[0]} (writer), ${MULTI_AZ_CLUSTER.members[1]} (reader), ${MULTI_AZ_CLUSTER.members[2]} (reader)`;
    const o = run('rds.enhanced-monitoring', withMultiAzDbCluster());
    expect(o.status).toBe('pass');
    expect(o.resources).toEqual([
      expect.objectContaining({
        id: MULTI_AZ_CLUSTER.id,
        arn: MULTI_AZ_CLUSTER.arn,
        type: 'AWS::RDS::DBCluster',
        detail: `enhanced monitoring every 60 s; Performance Insights off, set on the DB cluster (${MEMBERS})`,
      }),
    ]);
    const off = run('rds.enhanced-monitoring', variant((inv) => (cluster(inv).MonitoringInterval = 0), withMultiAzDbCluster()));
    expect(failing(off)).toEqual([expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, detail: `enhanced monitoring off; Performance Insights off, set on the DB cluster (${MEMBERS})` })]);
    const unreadable = run(
      'rds.enhanced-monitoring',
      variant((inv) => (inv.rds.clusters = { status: 'not-collected', operation: 'rds:DescribeDBClusters', reason: 'AccessDenied: not allowed.' }), withMultiAzDbCluster()),
    );
    expect(unreadable.status).toBe('error');
    expect(unreadable.summary?.en).toContain(`belong to DB cluster ${MULTI_AZ_CLUSTER.id}, whose monitoring settings could not be read (rds:DescribeDBClusters failed: AccessDenied: not allowed.)`);
  });
});
