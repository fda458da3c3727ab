// The drill target for the local rehearsal: the same DrillTarget interface as AWS, acted
// out on loopback processes. Failovers, capacity changes and service events are
// SIMULATED (a process is killed, a standby promoted, an API process added), and every
// result says so (simulated: true and a note).
import { isoAt, nowMs } from '../clock';
import type { LocalBalancer } from '../local/balancer';
import type { LocalFleet } from '../local/fleet';
import type { PostgresPair } from '../local/postgres-pair';
import type { RedisPair } from '../local/redis-pair';
import type { DrillTarget, ServiceEvent } from '../target';

export interface LocalParts {
  postgres: PostgresPair;
  redis: RedisPair;
  balancer: LocalBalancer;
  fleet: LocalFleet;
  /** The token the rehearsal's API processes require on /drill/*. */
  drillToken: string;
}

export const LOCAL_NOTE = {
  ko:
    '로컬 리허설: 페일오버, 용량 변경, 타깃 상태, 서비스 이벤트는 127.0.0.1에서 시뮬레이션했습니다' +
    '(PostgreSQL 프라이머리와 스트리밍 스탠바이, Redis 프라이머리와 복제본, 로컬 로드 밸런서 뒤의 CloudMart API 프로세스). ' +
    '트래픽과 오류는 실제였지만, 시간은 드릴의 동작을 보여 줄 뿐 AWS의 동작을 뜻하지 않습니다.',
  en:
    'Local rehearsal: the failovers, capacity changes, target health and service events were SIMULATED on 127.0.0.1 ' +
    '(PostgreSQL primary with a streaming standby, Redis primary and replica, CloudMart API processes behind a local load balancer). ' +
    'The traffic and its errors were real; the timings show how the drill works, not how AWS behaves.',
};

function since(events: ServiceEvent[], from: Date): ServiceEvent[] {
  return events.filter((e) => Date.parse(e.at) >= from.getTime() - 1000);
}

/** Runs a simulated AWS action in the background, as AWS runs it after answering the call. */
function background(events: ServiceEvent[], source: string, action: () => Promise<void>): void {
  void action().catch((error: unknown) => {
    events.push({ at: isoAt(nowMs()), source, message: `The simulated action failed: ${error instanceof Error ? error.message : String(error)}` });
  });
}

export function localDrillTarget(parts: LocalParts): DrillTarget {
  const { postgres, redis, balancer, fleet } = parts;
  return {
    kind: 'local',
    simulated: true,
    notes: [LOCAL_NOTE],
    appUrl: balancer.url,
    drillToken: parts.drillToken,
    pollIntervalMs: 500,
    resources: {
      loadBalancer: `local balancer ${balancer.url}`,
      targetGroup: 'local target group',
      autoScalingGroup: 'local-api-fleet',
      dbInstance: postgres.id,
      replicationGroup: redis.id,
    },
    database: {
      async describe() {
        return { id: postgres.id, engine: 'postgres', ...postgres.describe() };
      },
      async ownServers() {
        // Every process here is 127.0.0.1 behind a proxy, so only the system identifier tells the pair from another server.
        return { systemIdentifiers: [postgres.systemIdentifier], addresses: [], source: `${postgres.id} (PostgreSQL system identifier)` };
      },
      async forceFailover() {
        background(postgres.events, postgres.id, () => postgres.failover());
        return { operation: 'local:RebootDBInstance(ForceFailover)', resource: postgres.id, request: { DBInstanceIdentifier: postgres.id, ForceFailover: true, simulatedBy: 'kill primary, pg_promote the standby, repoint the endpoint' } };
      },
      async eventsSince(from) {
        return since(postgres.events, from);
      },
    },
    cache: {
      async describe() {
        return { id: redis.id, status: 'available', automaticFailover: true, multiAz: true, nodeGroupId: redis.nodeGroupId, members: redis.members() };
      },
      async ownServers() {
        // Every process here is 127.0.0.1 behind a proxy, so only the run_id tells the pair from another Redis.
        return { runIds: await redis.runIds(), addresses: [], source: `${redis.id} (Redis run_id)` };
      },
      async testFailover(nodeGroupId) {
        background(redis.events, redis.id, () => redis.failover());
        return { operation: 'local:TestFailover', resource: redis.id, request: { ReplicationGroupId: redis.id, NodeGroupId: nodeGroupId, simulatedBy: 'kill primary, REPLICAOF NO ONE on the replica, repoint the endpoint' } };
      },
      async eventsSince(from) {
        return since(redis.events, from);
      },
    },
    group: {
      async describe() {
        return fleet.describe();
      },
      async targetHealth() {
        return balancer.health();
      },
      async scalingPolicies() {
        return [fleet.policy];
      },
      async activitiesSince(from) {
        return fleet.activities.filter((a) => Date.parse(a.at) >= from.getTime() - 1000);
      },
      async terminateInstance(instanceId) {
        if (!fleet.describe().instances.some((i) => i.id === instanceId)) throw new Error(`instance ${instanceId} is not in the local group`);
        await fleet.terminate(instanceId);
        return { operation: 'local:TerminateInstanceInAutoScalingGroup', resource: instanceId, request: { InstanceId: instanceId, ShouldDecrementDesiredCapacity: false, simulatedBy: 'SIGKILL the API process' } };
      },
      async metric() {
        const { perTarget } = balancer.requestRatePerTarget(5000);
        return { name: 'RequestCountPerTarget (per second, local balancer)', unit: 'Count/Second', points: [{ at: isoAt(nowMs()), value: Math.round(perTarget * 10) / 10 }] };
      },
    },
  };
}
