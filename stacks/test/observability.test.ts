// The observability tier: alarms on every tier with an SNS action, a dashboard showing the
// ALB, the ASG and RDS, and the application log group with a retention.
import { beforeAll, describe, expect, it } from 'vitest';
import { pointsAt, resourcesOf, synthesize, type Synthesized } from './support';

let s: Synthesized;
const OBS = 'CloudMart-alice-Observability';

beforeAll(() => {
  s = synthesize('production');
});

type Alarm = { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: unknown }[]; AlarmActions: unknown[]; OKActions?: unknown[]; ActionsEnabled?: boolean };

function alarms(): Alarm[] {
  return Object.values(resourcesOf(s.raw('Observability'), 'AWS::CloudWatch::Alarm')) as unknown as Alarm[];
}

/** What an alarm dimension names: "<stack type>" of the resource it points at. */
function dimensionTarget(value: unknown): string {
  const direct = pointsAt(s.templates, OBS, value);
  if (direct) return s.templates[direct.stack]!.Resources[direct.logicalId]!.Type;
  // Load balancer / target group full names and Redis node IDs are built with Fn::Join/Fn::Select.
  const imports = [...JSON.stringify(value).matchAll(/"Fn::ImportValue":"([^"]+)"/g)].map((m) => pointsAt(s.templates, OBS, { 'Fn::ImportValue': m[1] }));
  const types = imports.map((t) => (t ? s.templates[t.stack]!.Resources[t.logicalId]!.Type : '?'));
  return [...new Set(types)].join('+');
}

describe('alarms', () => {
  it('cover ASG CPU, ALB 5xx, unhealthy hosts, latency, RDS CPU, storage and connections, Redis CPU and memory', () => {
    const seen = alarms().map((a) => `${a.Namespace} ${a.MetricName} ${a.Dimensions.map((d) => `${d.Name}=${dimensionTarget(d.Value)}`).join(',')}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'AWS/EC2 CPUUtilization AutoScalingGroupName=AWS::AutoScaling::AutoScalingGroup',
        'AWS/ApplicationELB HTTPCode_ELB_5XX_Count LoadBalancer=AWS::ElasticLoadBalancingV2::LoadBalancer',
        // Target group metrics take the load balancer's full name (app/<name>/<id>) out of the listener ARN.
        'AWS/ApplicationELB HTTPCode_Target_5XX_Count LoadBalancer=AWS::ElasticLoadBalancingV2::Listener,TargetGroup=AWS::ElasticLoadBalancingV2::TargetGroup',
        'AWS/ApplicationELB UnHealthyHostCount LoadBalancer=AWS::ElasticLoadBalancingV2::Listener,TargetGroup=AWS::ElasticLoadBalancingV2::TargetGroup',
        'AWS/ApplicationELB TargetResponseTime LoadBalancer=AWS::ElasticLoadBalancingV2::Listener,TargetGroup=AWS::ElasticLoadBalancingV2::TargetGroup',
        'AWS/RDS CPUUtilization DBInstanceIdentifier=AWS::RDS::DBInstance',
        'AWS/RDS FreeStorageSpace DBInstanceIdentifier=AWS::RDS::DBInstance',
        'AWS/RDS DatabaseConnections DBInstanceIdentifier=AWS::RDS::DBInstance',
        'AWS/ElastiCache EngineCPUUtilization CacheClusterId=AWS::ElastiCache::ReplicationGroup',
        'AWS/ElastiCache DatabaseMemoryUsagePercentage CacheClusterId=AWS::ElastiCache::ReplicationGroup',
      ]),
    );
    // One CPU and one memory alarm per Redis node (primary and replica).
    expect(seen.filter((a) => a.startsWith('AWS/ElastiCache'))).toHaveLength(4);
  });

  it('names the Redis member clusters <group>-001 and <group>-002', () => {
    const nodes = alarms()
      .filter((a) => a.Namespace === 'AWS/ElastiCache' && a.MetricName === 'EngineCPUUtilization')
      .map((a) => JSON.stringify(a.Dimensions[0]!.Value));
    expect(nodes.map((n) => /-00\d/.exec(n)?.[0]).sort()).toEqual(['-001', '-002']);
  });

  it('every alarm is enabled and notifies the alarm topic in ALARM (and OK)', () => {
    const topic = Object.keys(resourcesOf(s.raw('App'), 'AWS::SNS::Topic'))[0]!;
    for (const alarm of alarms()) {
      expect(alarm.ActionsEnabled ?? true).toBe(true);
      expect(alarm.AlarmActions.map((a) => pointsAt(s.templates, OBS, a)?.logicalId)).toEqual([topic]);
      expect(alarm.OKActions?.map((a) => pointsAt(s.templates, OBS, a)?.logicalId)).toEqual([topic]);
    }
  });
});

describe('dashboard', () => {
  it('shows metrics of the ALB, the ASG, RDS and Redis', () => {
    const [dashboard] = Object.values(resourcesOf(s.raw('Observability'), 'AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard!.DashboardBody);
    for (const namespace of ['AWS/ApplicationELB', 'AWS/EC2', 'AutoScalingGroupName', 'AWS/RDS', 'AWS/ElastiCache']) expect(body).toContain(namespace);
    expect(dashboard!.DashboardName).toBe('CloudMart-alice');
  });
});

describe('application log group', () => {
  it('exists with a retention and is the one the CloudWatch agent ships the API log to', () => {
    const groups = resourcesOf(s.raw('App'), 'AWS::Logs::LogGroup');
    const [id, group] = Object.entries(groups).find(([, g]) => g.LogGroupName === '/cloudmart/alice/api')!;
    expect(group.RetentionInDays).toBeGreaterThan(0);
    const lt = Object.values(resourcesOf(s.raw('App'), 'AWS::EC2::LaunchTemplate'))[0]!;
    expect(JSON.stringify(lt)).toContain(`{"Ref":"${id}"}`);
  });
});
