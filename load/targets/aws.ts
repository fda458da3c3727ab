// The drill target on AWS: the SDK v3 calls a drill makes and observes, always on the
// deployment's own resources (the DrillDeployment). With an endpoint override the same
// calls go to any AWS-compatible endpoint, such as the local emulator.
//
// Mutations: rds:RebootDBInstance (ForceFailover), elasticache:TestFailover,
// autoscaling:TerminateInstanceInAutoScalingGroup (only an instance of the group, which
// is checked first); the restore drill's restore into a temporary instance and its
// deletion (targets/aws-restore.ts: only instances it created). Everything else is
// read-only (DRILL_ACTIONS lists them all).
import { UsageError } from '../../contract/errors';
import { lookup } from 'node:dns/promises';
import type { AwsSession } from '../../checks/aws/session';
import type { Bilingual } from '../../contract/report';
import { DRILL_TOKEN_TAG, drillTokenFromSecret } from '../../stacks/workload/src/drill-token';
import { TAG_STUDENT } from '../../stacks/tags';
import type { CacheMember, DrillTarget, ScalingPolicyInfo, ServiceEvent } from '../target';
import type { DrillDeployment } from './deployment';
import { awsSdk } from '../../checks/aws/sdk';
import { awsRestoreActions, RESTORE_DRILL_ACTIONS } from './aws-restore';
import { resolveOverrides } from '../resolve';

const {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribePoliciesCommand,
  DescribeScalingActivitiesCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} = awsSdk('@aws-sdk/client-auto-scaling');
const { CloudWatchClient, GetMetricDataCommand } = awsSdk('@aws-sdk/client-cloudwatch');
const {
  DescribeEventsCommand: DescribeCacheEventsCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
  TestFailoverCommand,
} = awsSdk('@aws-sdk/client-elasticache');
const {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} = awsSdk('@aws-sdk/client-elastic-load-balancing-v2');
const {
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  RDSClient,
  RebootDBInstanceCommand,
} = awsSdk('@aws-sdk/client-rds');
const { GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } = awsSdk('@aws-sdk/client-secrets-manager');

/** Every AWS action the drills use, for the drill role's IAM policy. */
export const DRILL_ACTIONS = [
  'rds:DescribeDBInstances',
  'rds:DescribeEvents',
  'rds:RebootDBInstance',
  'elasticache:DescribeReplicationGroups',
  'elasticache:DescribeEvents',
  'elasticache:TestFailover',
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribePolicies',
  'autoscaling:DescribeScalingActivities',
  'autoscaling:TerminateInstanceInAutoScalingGroup',
  'elasticloadbalancing:DescribeTargetHealth',
  'cloudwatch:GetMetricData',
  // The deployment's drill token (readDrillToken): found by its tag, read to open the drill endpoints.
  'secretsmanager:ListSecrets',
  'secretsmanager:GetSecretValue',
  // The restore drill (targets/aws-restore.ts): restore into a temporary instance, read it, delete it.
  ...RESTORE_DRILL_ACTIONS.filter((action) => action !== 'rds:DescribeDBInstances'),
] as const;

function need<T>(value: T | undefined, what: { ko: string; en: string }): T {
  if (value === undefined || value === '') throw new UsageError({ ko: `배포에 ${what.ko}이(가) 없어 이 드릴을 실행할 수 없습니다.`, en: `The deployment has no ${what.en}; this drill cannot run without it.` });
  return value;
}

function iso(date: Date | undefined): string {
  return (date ?? new Date()).toISOString();
}

export interface AwsTargetOptions {
  deployment: DrillDeployment;
  session: AwsSession;
  /** Seconds between describe calls (AWS throttles; default 5 s). */
  pollIntervalMs?: number;
  /** The deployment's drill token (readDrillToken), sent with every /drill/* request. */
  drillToken?: string;
  /** The addresses a host name resolves to (default: the system resolver, dns.lookup). */
  resolveHost?: (host: string) => Promise<string[]>;
}

// CLOUDMART_RESOLVE (load/resolve.ts) overrides DNS for the deployment's endpoints.
export { resolveOverrides } from '../resolve';

async function lookupAll(host: string): Promise<string[]> {
  const overridden = resolveOverrides().get(host.toLowerCase());
  if (overridden) return overridden;
  return (await lookup(host, { all: true })).map((a) => a.address);
}

export function awsDrillTarget(options: AwsTargetOptions): DrillTarget {
  const { deployment, session } = options;
  const rds = (): InstanceType<typeof RDSClient> => session.client(RDSClient, 'rds');
  const elasticache = (): InstanceType<typeof ElastiCacheClient> => session.client(ElastiCacheClient, 'elasticache');
  const autoscaling = (): InstanceType<typeof AutoScalingClient> => session.client(AutoScalingClient, 'autoscaling');
  const elbv2 = (): InstanceType<typeof ElasticLoadBalancingV2Client> => session.client(ElasticLoadBalancingV2Client, 'elbv2');
  const cloudwatch = (): InstanceType<typeof CloudWatchClient> => session.client(CloudWatchClient, 'cloudwatch');
  const dbId = (): string => need(deployment.dbInstanceIdentifier, { ko: 'RDS DB 인스턴스', en: 'RDS DB instance' });
  const rgId = (): string => need(deployment.replicationGroupId, { ko: 'ElastiCache 복제 그룹', en: 'ElastiCache replication group' });
  const asgName = (): string => need(deployment.autoScalingGroupName, { ko: 'Auto Scaling 그룹', en: 'Auto Scaling group' });
  const tgArn = (): string => need(deployment.targetGroupArn, { ko: '대상 그룹', en: 'target group' });

  async function describeInstance() {
    const out = await rds().send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: dbId() }));
    const db = out.DBInstances?.[0];
    if (!db) throw new Error(`DB instance ${dbId()} was not found`);
    return db;
  }

  async function describeGroup() {
    const out = await autoscaling().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [asgName()] }));
    const group = out.AutoScalingGroups?.[0];
    if (!group) throw new Error(`Auto Scaling group ${asgName()} was not found`);
    return group;
  }

  return {
    kind: 'aws',
    simulated: false,
    notes: [],
    appUrl: need(deployment.appUrl, { ko: '애플리케이션 주소(ALB DNS 이름)', en: 'application URL (the ALB DNS name)' }),
    drillToken: options.drillToken,
    pollIntervalMs: options.pollIntervalMs ?? 5000,
    resources: {
      ...(deployment.loadBalancerName ? { loadBalancer: deployment.loadBalancerName } : {}),
      ...(deployment.targetGroupArn ? { targetGroup: deployment.targetGroupArn } : {}),
      ...(deployment.autoScalingGroupName ? { autoScalingGroup: deployment.autoScalingGroupName } : {}),
      ...(deployment.dbInstanceIdentifier ? { dbInstance: deployment.dbInstanceIdentifier } : {}),
      ...(deployment.replicationGroupId ? { replicationGroup: deployment.replicationGroupId } : {}),
    },

    database: {
      async describe() {
        const db = await describeInstance();
        return {
          id: db.DBInstanceIdentifier ?? dbId(),
          ...(db.DBClusterIdentifier ? { clusterId: db.DBClusterIdentifier } : {}),
          ...(db.Engine ? { engine: db.Engine } : {}),
          status: db.DBInstanceStatus ?? 'unknown',
          multiAz: db.MultiAZ === true,
          ...(db.AvailabilityZone ? { availabilityZone: db.AvailabilityZone } : {}),
          ...(db.SecondaryAvailabilityZone ? { secondaryAvailabilityZone: db.SecondaryAvailabilityZone } : {}),
        };
      },
      async ownServers() {
        // RDS API reference, DBInstance.PubliclyAccessible: a DB instance that isn't publicly
        // accessible "is an internal DB instance with a DNS name that resolves to a private IP
        // address", the address its server sees a connection arrive on (inet_server_addr()).
        // A publicly accessible one resolves to its public address from outside the VPC, which
        // the server never sees, so the comparison would prove nothing.
        const db = await describeInstance();
        const host = db.Endpoint?.Address;
        if (!host) throw new Error(`DB instance ${dbId()} has no endpoint address yet`);
        if (db.PubliclyAccessible) throw new Error(`DB instance ${dbId()} is publicly accessible, so ${host} resolves here to a public address its server never sees`);
        const addresses = await (options.resolveHost ?? lookupAll)(host);
        return { systemIdentifiers: [], addresses, source: `${host} (DNS)` };
      },
      async forceFailover() {
        const request = { DBInstanceIdentifier: dbId(), ForceFailover: true };
        await rds().send(new RebootDBInstanceCommand(request));
        return { operation: 'rds:RebootDBInstance', resource: dbId(), request };
      },
      async eventsSince(since) {
        const events: ServiceEvent[] = [];
        let marker: string | undefined;
        do {
          const out = await rds().send(new DescribeEventsCommand({ SourceIdentifier: dbId(), SourceType: 'db-instance', StartTime: since, MaxRecords: 100, ...(marker ? { Marker: marker } : {}) }));
          for (const e of out.Events ?? []) events.push({ at: iso(e.Date), source: e.SourceIdentifier ?? dbId(), message: e.Message ?? '' });
          marker = out.Marker;
        } while (marker);
        // Oldest first; equal times keep the order RDS listed them in.
        return events.map((e, i) => ({ e, i })).sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i).map(({ e }) => e);
      },
    },

    restore: awsRestoreActions({ deployment, session }),

    cache: {
      async describe() {
        const out = await elasticache().send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: rgId() }));
        const group = out.ReplicationGroups?.[0];
        if (!group) throw new Error(`Replication group ${rgId()} was not found`);
        const nodeGroup = group.NodeGroups?.[0];
        const members: CacheMember[] = (nodeGroup?.NodeGroupMembers ?? []).map((m) => ({
          id: m.CacheClusterId ?? 'unknown',
          role: m.CurrentRole === 'primary' ? 'primary' : m.CurrentRole === 'replica' ? 'replica' : 'unknown',
          ...(m.PreferredAvailabilityZone ? { availabilityZone: m.PreferredAvailabilityZone } : {}),
        }));
        return {
          id: group.ReplicationGroupId ?? rgId(),
          status: group.Status ?? 'unknown',
          automaticFailover: group.AutomaticFailover === 'enabled' || group.AutomaticFailover === 'enabling',
          multiAz: group.MultiAZ === 'enabled',
          nodeGroupId: nodeGroup?.NodeGroupId ?? '0001',
          members,
        };
      },
      async ownServers() {
        // The primary endpoint and every node's endpoint, resolved: the addresses the API's
        // Redis connection can reach (an ElastiCache node in the VPC has a private address).
        const out = await elasticache().send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: rgId() }));
        const group = out.ReplicationGroups?.[0];
        if (!group) throw new Error(`Replication group ${rgId()} was not found`);
        const hosts = [
          ...(group.NodeGroups ?? []).flatMap((g) => [g.PrimaryEndpoint?.Address, g.ReaderEndpoint?.Address, ...(g.NodeGroupMembers ?? []).map((m) => m.ReadEndpoint?.Address)]),
          group.ConfigurationEndpoint?.Address,
        ].filter((h): h is string => Boolean(h));
        if (hosts.length === 0) throw new Error(`Replication group ${rgId()} has no endpoint address yet`);
        const resolve = options.resolveHost ?? lookupAll;
        const addresses = [...new Set((await Promise.all([...new Set(hosts)].map((h) => resolve(h)))).flat())];
        return { runIds: [], addresses, source: `${[...new Set(hosts)].join(', ')} (DNS)` };
      },
      async testFailover(nodeGroupId) {
        const request = { ReplicationGroupId: rgId(), NodeGroupId: nodeGroupId };
        await elasticache().send(new TestFailoverCommand(request));
        return { operation: 'elasticache:TestFailover', resource: rgId(), request };
      },
      async eventsSince(since) {
        const group = await this.describe();
        const sources = new Set([group.id, ...group.members.map((m) => m.id)]);
        const events: ServiceEvent[] = [];
        let marker: string | undefined;
        do {
          const out = await elasticache().send(new DescribeCacheEventsCommand({ StartTime: since, MaxRecords: 100, ...(marker ? { Marker: marker } : {}) }));
          for (const e of out.Events ?? []) {
            if (e.SourceIdentifier && sources.has(e.SourceIdentifier)) events.push({ at: iso(e.Date), source: e.SourceIdentifier, message: e.Message ?? '' });
          }
          marker = out.Marker;
        } while (marker);
        // ElastiCache lists the newest first: reverse, then sort by time (stable).
        return events
          .reverse()
          .map((e, i) => ({ e, i }))
          .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i)
          .map(({ e }) => e);
      },
    },

    group: {
      async describe() {
        const group = await describeGroup();
        return {
          name: group.AutoScalingGroupName ?? asgName(),
          minSize: group.MinSize ?? 0,
          maxSize: group.MaxSize ?? 0,
          desiredCapacity: group.DesiredCapacity ?? 0,
          instances: (group.Instances ?? []).map((i) => ({
            id: i.InstanceId ?? 'unknown',
            ...(i.AvailabilityZone ? { availabilityZone: i.AvailabilityZone } : {}),
            lifecycleState: i.LifecycleState ?? 'unknown',
            healthStatus: i.HealthStatus ?? 'unknown',
          })),
        };
      },
      async targetHealth() {
        const out = await elbv2().send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn() }));
        return (out.TargetHealthDescriptions ?? []).map((d) => ({
          id: d.Target?.Id ?? 'unknown',
          ...(d.Target?.Port !== undefined ? { port: d.Target.Port } : {}),
          state: d.TargetHealth?.State ?? 'unknown',
          ...(d.TargetHealth?.Reason ? { reason: d.TargetHealth.Reason } : {}),
        }));
      },
      async scalingPolicies() {
        const out = await autoscaling().send(new DescribePoliciesCommand({ AutoScalingGroupName: asgName() }));
        return (out.ScalingPolicies ?? []).map((p): ScalingPolicyInfo => {
          const predefined = p.TargetTrackingConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType;
          const customName = p.TargetTrackingConfiguration?.CustomizedMetricSpecification?.MetricName;
          const metric = predefined === 'ASGAverageCPUUtilization' || customName === 'CPUUtilization' ? 'cpu' : predefined === 'ALBRequestCountPerTarget' ? 'requests' : 'other';
          return {
            name: p.PolicyName ?? 'unnamed',
            type: p.PolicyType ?? 'unknown',
            metric,
            ...(p.TargetTrackingConfiguration?.TargetValue !== undefined ? { targetValue: p.TargetTrackingConfiguration.TargetValue } : {}),
          };
        });
      },
      async activitiesSince(since) {
        const out = await autoscaling().send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: asgName(), MaxRecords: 100 }));
        return (out.Activities ?? [])
          .filter((a) => (a.StartTime?.getTime() ?? 0) >= since.getTime())
          .map((a) => ({ id: a.ActivityId ?? `${a.Description}`, at: iso(a.StartTime), description: a.Description ?? '', cause: a.Cause ?? '', status: a.StatusCode ?? 'unknown' }))
          .reverse();
      },
      async terminateInstance(instanceId) {
        // Only an instance of the deployment's own group, whatever the caller asked for.
        const group = await describeGroup();
        if (!(group.Instances ?? []).some((i) => i.InstanceId === instanceId)) {
          throw new UsageError({
            ko: `인스턴스 ${instanceId}는 Auto Scaling 그룹 ${asgName()}에 속하지 않습니다. 드릴은 배포 자신의 인스턴스만 종료합니다.`,
            en: `Instance ${instanceId} is not in the Auto Scaling group ${asgName()}; the drill only terminates the deployment's own instances.`,
          });
        }
        const request = { InstanceId: instanceId, ShouldDecrementDesiredCapacity: false };
        await autoscaling().send(new TerminateInstanceInAutoScalingGroupCommand(request));
        return { operation: 'autoscaling:TerminateInstanceInAutoScalingGroup', resource: instanceId, request };
      },
      async metric(since) {
        const policies = await this.scalingPolicies();
        const onRequests = policies.some((p) => p.metric === 'requests') && !policies.some((p) => p.metric === 'cpu');
        const query = onRequests
          ? { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCountPerTarget', Dimensions: [{ Name: 'TargetGroup', Value: tgArn().replace(/^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:/, '') }], Stat: 'Sum', unit: 'Count' }
          : { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'AutoScalingGroupName', Value: asgName() }], Stat: 'Average', unit: 'Percent' };
        const out = await cloudwatch().send(
          new GetMetricDataCommand({
            StartTime: since,
            EndTime: new Date(),
            MetricDataQueries: [{ Id: 'scaling', MetricStat: { Metric: { Namespace: query.Namespace, MetricName: query.MetricName, Dimensions: query.Dimensions }, Period: 60, Stat: query.Stat }, ReturnData: true }],
          }),
        );
        const result = out.MetricDataResults?.find((r) => r.Id === 'scaling');
        const points = (result?.Timestamps ?? []).map((t, i) => ({ at: t.toISOString(), value: result!.Values?.[i] ?? 0 })).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
        return { name: `${query.Namespace} ${query.MetricName} (${query.Stat}, 1 min)`, unit: query.unit, points };
      },
    },
  };
}

/**
 * The student's drill token: the secret tagged cloudmart:drill-token (and with the
 * student's tag) that the stacks generate with drillEndpoints on, read with the student's
 * credentials. ListSecrets filters match tag keys by prefix (Secrets Manager API
 * reference, Filter), so the exact tags are checked here. No such secret: no token and a
 * note saying the drill endpoints will answer 404.
 */
export async function readDrillToken(session: AwsSession, student: string): Promise<{ token?: string; note?: Bilingual }> {
  const client = session.client(SecretsManagerClient, 'secretsmanager');
  try {
    const found: string[] = [];
    let next: string | undefined;
    do {
      const out = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'tag-key', Values: [DRILL_TOKEN_TAG] }], MaxResults: 100, ...(next ? { NextToken: next } : {}) }));
      for (const secret of out.SecretList ?? []) {
        const tags = new Map((secret.Tags ?? []).map((t) => [t.Key, t.Value]));
        if (secret.ARN && tags.get(DRILL_TOKEN_TAG) === 'true' && tags.get(TAG_STUDENT) === student && !secret.DeletedDate) found.push(secret.ARN);
      }
      next = out.NextToken;
    } while (next);
    if (found.length === 0) {
      return {
        note: {
          ko: `학생 ${student}의 드릴 토큰 시크릿(태그 ${DRILL_TOKEN_TAG})이 없어 토큰 없이 요청했습니다. 드릴 엔드포인트는 --drill-endpoints로 배포해야 열리며, 토큰이 없으면 404로 답합니다.`,
          en: `No drill token secret (tag ${DRILL_TOKEN_TAG}) of student ${student} was found, so the drill sent no token; the drill endpoints exist only in a deployment made with --drill-endpoints, and answer 404 without the token.`,
        },
      };
    }
    if (found.length > 1) {
      throw new UsageError({
        ko: `학생 ${student}의 드릴 토큰 시크릿이 ${found.length}개 있습니다(${found.join(', ')}). 배포는 하나만 만들므로, 남은 배포를 정리한 뒤 다시 실행하세요.`,
        en: `Student ${student} has ${found.length} drill token secrets (${found.join(', ')}); a deployment makes one, so clean up the leftover deployment and run the drill again.`,
      });
    }
    const out = await client.send(new GetSecretValueCommand({ SecretId: found[0]! }));
    const value = out.SecretString ?? (out.SecretBinary ? Buffer.from(out.SecretBinary).toString('utf8') : '');
    return { token: drillTokenFromSecret(value) };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as { name?: string }).name === 'AccessDeniedException') {
      throw new UsageError({
        ko: '드릴 토큰 시크릿을 읽을 권한이 없습니다(secretsmanager:ListSecrets와 secretsmanager:GetSecretValue가 필요합니다).',
        en: 'Your credentials may not read the drill token secret (the drill needs secretsmanager:ListSecrets and secretsmanager:GetSecretValue).',
      });
    }
    throw error;
  } finally {
    client.destroy();
  }
}
