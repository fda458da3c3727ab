// A real data plane for a deployment in the AWS emulator, so `drill` runs its AWS code
// path (targets/aws.ts) against it end to end. The emulator answers the control plane
// (RDS, ElastiCache, Auto Scaling, ELB, with AWS's timelines); it serves no traffic. This
// puts the rehearsal's real parts on 127.0.0.1 behind the deployment's names:
// - the ALB's DNS name -> a local balancer (balancer.ts) in front of one CloudMart API
//   process per instance of the emulated Auto Scaling group (launched when the group
//   launches one, SIGKILLed when it terminates one);
// - the RDS endpoint -> a PostgreSQL primary with a synchronous standby (postgres-pair.ts):
//   when the emulator reports the forced failover started (its "Multi-AZ instance failover
//   started." event), the endpoint refuses connections; when it swaps the AZs, the standby
//   is promoted and the endpoint comes back on it;
// - the Redis endpoints -> a Redis primary and replica (redis-pair.ts): down at the
//   emulator's "Test Failover API called" event, failed over and back when the emulated
//   replication group's primary changes;
// - CloudWatch and the target-tracking alarm, which the emulator does not evaluate: the
//   API processes' measured CPU is put as the group's AWS/EC2 CPUUtilization every
//   second, and when it or the local balancer's requests per target pass a policy's
//   target value the desired capacity is raised by one (SetDesiredCapacity, at most once
//   per cooldown), as the policy's alarm would.
// The names are handed to the drill through CLOUDMART_RESOLVE (`resolve`), the way a
// split-horizon network would resolve them. Test and bench support: it watches the
// emulator, so product code never has to know one exists.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AwsSession } from '../../checks/aws/session';
import { awsSdk } from '../../checks/aws/sdk';
import type { Bilingual } from '../../contract/report';
import { DRILL_TOKEN_TAG } from '../../stacks/workload/src/drill-token';
import { TAG_STUDENT } from '../../stacks/tags';
import { freePort } from '../../sandbox/servers/ports';
import { readDrillToken } from '../targets/aws';
import { LocalBalancer } from './balancer';
import type { ApiInstance, ApiLauncher } from './fleet';
import { PostgresPair } from './postgres-pair';
import { RedisPair } from './redis-pair';
import type { RehearsalServers } from './rehearsal';

const { AutoScalingClient, DescribeAutoScalingGroupsCommand, DescribePoliciesCommand, SetDesiredCapacityCommand } = awsSdk('@aws-sdk/client-auto-scaling');
const { CloudWatchClient, PutMetricDataCommand } = awsSdk('@aws-sdk/client-cloudwatch');
const { DescribeEventsCommand: DescribeCacheEventsCommand, DescribeReplicationGroupsCommand, ElastiCacheClient } = awsSdk('@aws-sdk/client-elasticache');
const { DescribeDBInstancesCommand, DescribeEventsCommand, RDSClient } = awsSdk('@aws-sdk/client-rds');
const { CreateSecretCommand, DeleteSecretCommand, SecretsManagerClient } = awsSdk('@aws-sdk/client-secrets-manager');

/** The deployment's parts the data plane stands behind (from discovery: targets/deployment.ts fromInventory). */
export interface EmulatedDeploymentParts {
  appUrl: string;
  autoScalingGroupName?: string;
  dbInstanceIdentifier?: string;
  replicationGroupId?: string;
}

export interface EmulatedDataPlaneOptions {
  /** A session on the emulator (the same account as the deployment). */
  session: AwsSession;
  student: string;
  deployment: EmulatedDeploymentParts;
  servers: RehearsalServers;
  launcher: ApiLauncher;
  /** How often the emulator is asked (default 100 ms). */
  pollMs?: number;
}

/** One outage the data plane acted out, with the emulator's times it followed (epoch ms). */
export interface ActedOutage {
  kind: 'rds-failover' | 'redis-failover';
  /** When the emulator was seen to start it (RDS: the failover-started event; Redis: the Test Failover API called event). */
  emulatorStartedAt: number;
  /** When the emulator was seen to finish it (RDS: the AZ swap; Redis: the primary change). */
  emulatorCompletedAt?: number;
  /** When the local endpoint stopped and came back. */
  downAt: number;
  upAt?: number;
}

export interface EmulatedDataPlane {
  /** The CLOUDMART_RESOLVE value that sends the deployment's names here. */
  resolve: string;
  /** What stood in for AWS, for the drill result (both languages). */
  notes: Bilingual[];
  balancer: LocalBalancer;
  postgres: PostgresPair;
  redis: RedisPair;
  outages: ActedOutage[];
  /** Emulated instance id -> the port of its API process. */
  instances(): Map<string, number>;
  /** Errors the watchers met (a failed promotion...), so a test can show them. */
  problems: string[];
  stop(): Promise<void>;
}

export const EMULATED_DATA_PLANE_NOTE: Bilingual = {
  ko:
    '제어 평면(RDS, ElastiCache, Auto Scaling, ELB의 상태, 이벤트, 시간)은 로컬 AWS 에뮬레이터가 답했고, 데이터 평면은 127.0.0.1의 실제 프로세스였습니다: ' +
    'ALB DNS 이름은 로컬 밸런서와 인스턴스마다 하나의 CloudMart API 프로세스로, RDS 엔드포인트는 PostgreSQL 프라이머리와 동기 스탠바이로, Redis 엔드포인트는 Redis 프라이머리와 복제본으로 연결했습니다(CLOUDMART_RESOLVE). ' +
    '페일오버와 인스턴스 교체는 에뮬레이터의 상태 변화를 따라 로컬에서 실행했으며, 시간은 AWS가 아니라 에뮬레이터의 것입니다. ' +
    'CloudWatch의 CPUUtilization과 목표 추적 경보도 시뮬레이션이었습니다: API 프로세스의 실제 CPU 사용률을 지표로 넣고, 그것이나 로컬 밸런서의 대상당 요청 수가 정책의 목표값을 넘으면 원하는 용량을 1 올렸습니다.',
  en:
    'The control plane (RDS, ElastiCache, Auto Scaling and ELB states, events and timings) was the local AWS emulator; the data plane was real processes on 127.0.0.1: ' +
    'the ALB DNS name went to a local balancer with one CloudMart API process per instance, the RDS endpoint to a PostgreSQL primary with a synchronous standby, the Redis endpoints to a Redis primary and replica (CLOUDMART_RESOLVE). ' +
    "Failovers and instance replacements were acted out locally when the emulator's state changed; the timings are the emulator's, not AWS's. " +
    "CloudWatch's CPUUtilization and the target-tracking alarm were SIMULATED too: the API processes' measured CPU was put as the metric, and when it or the local balancer's requests per target passed a policy's target value the desired capacity was raised by one.",
};

const FAILOVER_STARTED = 'Multi-AZ instance failover started.';

export async function startEmulatedDataPlane(options: EmulatedDataPlaneOptions): Promise<EmulatedDataPlane> {
  const { session, deployment } = options;
  const pollMs = options.pollMs ?? 100;
  const cleanups: (() => Promise<void>)[] = [];
  const problems: string[] = [];
  const outages: ActedOutage[] = [];
  let stopped = false;
  const stop = async (): Promise<void> => {
    stopped = true;
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    cleanups.length = 0;
  };
  try {
    const { token, created } = await drillTokenOf(session, options.student);
    // A token secret made here goes with the data plane: the deployment did not make it.
    if (created) cleanups.push(async () => void (await session.client(SecretsManagerClient, 'secretsmanager').send(new DeleteSecretCommand({ SecretId: created, ForceDeleteWithoutRecovery: true }))));
    const postgres = await PostgresPair.start(options.servers.postgres, { synchronous: true });
    cleanups.push(() => postgres.destroy());
    const redis = await RedisPair.start(options.servers.redis);
    cleanups.push(() => redis.destroy());
    const balancer = new LocalBalancer({ healthIntervalMs: 200, healthyThreshold: 1, unhealthyThreshold: 1 });
    await balancer.start();
    cleanups.push(() => balancer.close());

    // --- the Auto Scaling group's instances: one API process each
    const processes = new Map<string, { port: number; instance?: ApiInstance; starting: Promise<void> }>();
    cleanups.push(async () => {
      await Promise.allSettled([...processes.values()].map((p) => p.starting));
      await Promise.allSettled([...processes.values()].map((p) => p.instance?.stop()));
    });
    const launch = (id: string): void => {
      const entry: { port: number; instance?: ApiInstance; starting: Promise<void> } = { port: 0, starting: Promise.resolve() };
      entry.starting = (async () => {
        entry.port = await freePort();
        const instance = await options.launcher({ port: entry.port, databaseUrl: postgres.url, redisUrl: redis.url, drillToken: token });
        if (stopped || processes.get(id) !== entry) return void (await instance.stop());
        entry.instance = instance;
        balancer.register({ id, port: entry.port });
      })().catch((error: unknown) => void problems.push(`instance ${id}: ${String(error)}`));
      processes.set(id, entry);
    };
    const terminate = (id: string): void => {
      const entry = processes.get(id);
      processes.delete(id);
      balancer.deregister(id);
      // The instance vanishes as EC2 terminates it: no graceful stop.
      void entry?.starting.then(() => entry.instance?.kill());
    };
    const syncInstances = async (): Promise<void> => {
      if (!deployment.autoScalingGroupName) return;
      const out = await session.client(AutoScalingClient, 'autoscaling').send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [deployment.autoScalingGroupName] }));
      const running = new Set(
        (out.AutoScalingGroups?.[0]?.Instances ?? [])
          .filter((i) => /^(Pending|InService)/.test(i.LifecycleState ?? ''))
          .map((i) => i.InstanceId!)
          .filter(Boolean),
      );
      for (const id of running) if (!processes.has(id)) launch(id);
      for (const id of [...processes.keys()]) if (!running.has(id)) terminate(id);
    };
    await syncInstances();
    await Promise.all([...processes.values()].map((p) => p.starting));
    await waitFor(() => balancer.health().length > 0 && balancer.health().every((h) => h.state === 'healthy'), 60_000, 'the API processes did not become healthy behind the local balancer');

    // --- RDS: down at the failover-started event, promoted at the AZ swap
    const rdsWatch = deployment.dbInstanceIdentifier ? await rdsWatcher(session, deployment.dbInstanceIdentifier, postgres, outages, problems) : undefined;
    // --- ElastiCache: failed over when the primary moves
    const redisWatch = deployment.replicationGroupId ? await redisWatcher(session, deployment.replicationGroupId, redis, outages, problems) : undefined;

    // --- CloudWatch and the target-tracking alarm: the processes' real CPU, the alarm's action
    const cpuWatch = deployment.autoScalingGroupName
      ? await targetTrackingStandIn(session, deployment.autoScalingGroupName, {
          pids: () => [...processes.values()].map((p) => p.instance?.pid),
          requestsPerTargetPerMinute: () => balancer.requestRatePerTarget(3000).perTarget * 60,
        })
      : undefined;

    const names = await endpointNames(session, deployment);
    let ticking = false;
    const timer = setInterval(() => {
      if (ticking || stopped) return;
      ticking = true;
      void Promise.allSettled([syncInstances(), rdsWatch?.(), redisWatch?.(), cpuWatch?.()])
        .then((results) => {
          for (const r of results) if (r.status === 'rejected') problems.push(String(r.reason));
        })
        .finally(() => (ticking = false));
    }, pollMs);
    cleanups.push(async () => clearInterval(timer));

    const resolve = [`${new URL(deployment.appUrl).hostname}:127.0.0.1:${balancer.port}`, ...names.map((n) => `${n}:127.0.0.1`)].join(',');
    return { resolve, notes: [EMULATED_DATA_PLANE_NOTE], balancer, postgres, redis, outages, problems, instances: () => new Map([...processes].map(([id, p]) => [id, p.port])), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The deployment's drill token; without one (a deployment made without --drill-endpoints),
 * the tagged secret `deploy --drill-endpoints` would have generated, deleted again at stop.
 */
async function drillTokenOf(session: AwsSession, student: string): Promise<{ token: string; created?: string }> {
  const found = await readDrillToken(session, student);
  if (found.token) return { token: found.token };
  const token = randomBytes(24).toString('base64url');
  const out = await session.client(SecretsManagerClient, 'secretsmanager').send(
    new CreateSecretCommand({ Name: `cloudmart-${student}-drill-token`, SecretString: token, Tags: [{ Key: DRILL_TOKEN_TAG, Value: 'true' }, { Key: TAG_STUDENT, Value: student }] }),
  );
  return { token, ...(out.ARN ? { created: out.ARN } : {}) };
}

async function rdsWatcher(session: AwsSession, id: string, postgres: PostgresPair, outages: ActedOutage[], problems: string[]): Promise<() => Promise<void>> {
  const rds = session.client(RDSClient, 'rds');
  const zoneOf = async (): Promise<string | undefined> => (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances?.[0]?.AvailabilityZone;
  let zone = await zoneOf();
  const since = new Date(Date.now() - 1000);
  // Events are listed again on every call (and dated to the second): each one acts once.
  const seen = new Set<string>();
  let acting = false;
  return async () => {
    if (acting) return;
    const open = outages.find((o) => o.kind === 'rds-failover' && o.upAt === undefined);
    if (!open) {
      const events = (await rds.send(new DescribeEventsCommand({ SourceIdentifier: id, SourceType: 'db-instance', StartTime: since }))).Events ?? [];
      const key = (e: (typeof events)[number]): string => `${e.Date?.toISOString()} ${e.Message}`;
      const started = events.find((e) => e.Message === FAILOVER_STARTED && !seen.has(key(e)));
      for (const e of events) seen.add(key(e));
      if (!started) return;
      outages.push({ kind: 'rds-failover', emulatorStartedAt: Date.now(), downAt: Date.now() });
      await postgres.endpoint.pause();
      outages.at(-1)!.downAt = Date.now();
      return;
    }
    const now = await zoneOf();
    if (now === zone) return;
    zone = now;
    open.emulatorCompletedAt = Date.now();
    acting = true;
    try {
      // failover() kills the old primary, promotes the standby and repoints the endpoint,
      // then rebuilds a standby (in the background here): the endpoint comes back once promoted.
      const promotedFrom = postgres.describe().availabilityZone;
      const failover = postgres.failover();
      await Promise.race([waitFor(() => postgres.describe().availabilityZone !== promotedFrom, 30_000, 'the standby was not promoted'), failover]);
      await postgres.endpoint.resume();
      open.upAt = Date.now();
      void failover.catch((error: unknown) => void problems.push(`PostgreSQL failover: ${String(error)}`));
    } finally {
      acting = false;
    }
  };
}

async function redisWatcher(session: AwsSession, id: string, redis: RedisPair, outages: ActedOutage[], problems: string[]): Promise<() => Promise<void>> {
  const elasticache = session.client(ElastiCacheClient, 'elasticache');
  const primaryOf = async (): Promise<string | undefined> => {
    const group = (await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups?.[0];
    return group?.NodeGroups?.[0]?.NodeGroupMembers?.find((m) => m.CurrentRole === 'primary')?.CacheClusterId;
  };
  let primary = await primaryOf();
  const since = new Date(Date.now() - 1000);
  const seen = new Set<string>();
  let acting = false;
  return async () => {
    if (acting) return;
    const open = outages.find((o) => o.kind === 'redis-failover' && o.upAt === undefined);
    if (!open) {
      // ElastiCache API reference, TestFailover: the call takes the primary node down at once.
      const events = ((await elasticache.send(new DescribeCacheEventsCommand({ StartTime: since, MaxRecords: 100 }))).Events ?? []).filter((e) => e.SourceIdentifier === id);
      const key = (e: (typeof events)[number]): string => `${e.Date?.toISOString()} ${e.Message}`;
      const called = events.find((e) => /^Test Failover API called/.test(e.Message ?? '') && !seen.has(key(e)));
      for (const e of events) seen.add(key(e));
      if (!called) return;
      outages.push({ kind: 'redis-failover', emulatorStartedAt: Date.now(), downAt: Date.now() });
      await redis.endpoint.pause();
      outages.at(-1)!.downAt = Date.now();
      return;
    }
    const now = await primaryOf();
    if (now === primary || now === undefined) return;
    primary = now;
    open.emulatorCompletedAt = Date.now();
    acting = true;
    try {
      // failover() kills the old primary, promotes the replica and repoints the endpoint, then
      // recovers the old node as a replica (in the background here): back once promoted.
      const before = redis.members().find((m) => m.role === 'primary')?.id;
      const failover = redis.failover();
      await Promise.race([waitFor(() => redis.members().find((m) => m.role === 'primary')?.id !== before, 30_000, 'the Redis replica was not promoted'), failover]);
      await redis.endpoint.resume();
      open.upAt = Date.now();
      void failover.catch((error: unknown) => void problems.push(`Redis failover: ${String(error)}`));
    } finally {
      acting = false;
    }
  };
}

/**
 * The target-tracking stand-in. CPU is read from /proc/<pid>/stat (user + system ticks of
 * the API process, 100 per second): the share of one core over the last second, per
 * process, put as the group's CPUUtilization. Requests per target come from the local
 * balancer. EC2 Auto Scaling User Guide, as-scaling-target-tracking: Auto Scaling's alarms
 * scale the group out when a policy's metric is above its target value, and with several
 * policies it scales out when any one of them is ready to.
 */
async function targetTrackingStandIn(
  session: AwsSession,
  group: string,
  measure: { pids: () => (number | undefined)[]; requestsPerTargetPerMinute: () => number },
  cooldownMs = 3000,
): Promise<() => Promise<void>> {
  const autoscaling = session.client(AutoScalingClient, 'autoscaling');
  const cloudwatch = session.client(CloudWatchClient, 'cloudwatch');
  const policies = (await autoscaling.send(new DescribePoliciesCommand({ AutoScalingGroupName: group }))).ScalingPolicies ?? [];
  const targetOf = (metric: string): number | undefined => policies.find((p) => p.TargetTrackingConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType === metric)?.TargetTrackingConfiguration?.TargetValue;
  const cpuTarget = targetOf('ASGAverageCPUUtilization');
  const requestsTarget = targetOf('ALBRequestCountPerTarget');
  const last = new Map<number, { ticks: number; at: number }>();
  let lastPut = 0;
  let lastScale = 0;
  return async () => {
    const now = Date.now();
    if (now - lastPut < 1000) return;
    lastPut = now;
    const shares: number[] = [];
    for (const pid of measure.pids()) {
      if (!pid) continue;
      const ticks = cpuTicks(pid);
      if (ticks === undefined) continue;
      const before = last.get(pid);
      last.set(pid, { ticks, at: now });
      if (before) shares.push(Math.min(100, ((ticks - before.ticks) / 100 / ((now - before.at) / 1000)) * 100));
    }
    const cpu = shares.length ? Math.round((shares.reduce((a, b) => a + b, 0) / shares.length) * 10) / 10 : undefined;
    if (cpu !== undefined) {
      await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'AWS/EC2', MetricData: [{ MetricName: 'CPUUtilization', Dimensions: [{ Name: 'AutoScalingGroupName', Value: group }], Value: cpu, Unit: 'Percent', Timestamp: new Date(now) }] }));
    }
    const requests = measure.requestsPerTargetPerMinute();
    const above = (cpuTarget !== undefined && cpu !== undefined && cpu > cpuTarget) || (requestsTarget !== undefined && requests > requestsTarget);
    if (!above || now - lastScale < cooldownMs) return;
    const state = (await autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [group] }))).AutoScalingGroups?.[0];
    if (!state || (state.DesiredCapacity ?? 0) >= (state.MaxSize ?? 0)) return;
    lastScale = now;
    await autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: group, DesiredCapacity: (state.DesiredCapacity ?? 0) + 1 }));
  };
}

function cpuTicks(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 14th and 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** The DB and cache endpoint names the drill resolves (the addresses its writes and reads must come from). */
async function endpointNames(session: AwsSession, deployment: EmulatedDeploymentParts): Promise<string[]> {
  const names: string[] = [];
  if (deployment.dbInstanceIdentifier) {
    const db = (await session.client(RDSClient, 'rds').send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: deployment.dbInstanceIdentifier }))).DBInstances?.[0];
    if (db?.Endpoint?.Address) names.push(db.Endpoint.Address);
  }
  if (deployment.replicationGroupId) {
    const group = (await session.client(ElastiCacheClient, 'elasticache').send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: deployment.replicationGroupId }))).ReplicationGroups?.[0];
    for (const g of group?.NodeGroups ?? []) names.push(...[g.PrimaryEndpoint?.Address, g.ReaderEndpoint?.Address, ...(g.NodeGroupMembers ?? []).map((m) => m.ReadEndpoint?.Address)].filter((a): a is string => Boolean(a)));
    if (group?.ConfigurationEndpoint?.Address) names.push(group.ConfigurationEndpoint.Address);
  }
  return [...new Set(names)];
}

async function waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
