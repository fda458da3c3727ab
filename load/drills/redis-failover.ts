// drill.redis-failover (checks.md): TestFailover completes and the application keeps
// serving (error rate within the limit). The prober reads GET /products/:id, the cached
// read path, on a fixed schedule; the x-cache header shows whether answers came from
// Redis (hit/miss) or straight from PostgreSQL while Redis was away (bypass).
//
// The run records, judges/redis-failover.ts judges. The error rate is what users saw;
// the failover is what ElastiCache reports, in the order of the TestFailover API
// reference's event list, and it takes its time: the drill watches roles and events for
// the observation window (options.observeMs) and stops as soon as the primary has moved
// and the completion event is in.
import type { DrillResult } from '../../contract/report';
import { CacheServerTally, cacheServerOf, mergeOwnCacheServers } from '../cache-servers';
import { nowMs } from '../clock';
import { Prober } from '../prober';
import type { OwnCacheServers } from '../target';
import { drillHeaders } from '../writes';
import { DrillRun, type DrillContext } from './drill-runner';
import { cachePrimary, judgeRedisFailover, judgeRedisFailoverPreconditions, testFailoverRefusal } from './judges/redis-failover';
import { CacheObserver } from './observe';
import type { RedisFailoverObservations } from './observations';
import { probesSettled } from './settled';
import { seconds, secondsKo } from './wording';

/** Product ids the probes read in turn (the seed catalogue has more). */
export const PROBE_PRODUCT_IDS = [1, 2, 3, 4, 5, 6, 7, 8];

export function productProbeRequest(appUrl: string, headers: Record<string, string> = {}): (seq: number) => { url: URL; headers: Record<string, string> } {
  const urls = PROBE_PRODUCT_IDS.map((id) => new URL(`/products/${id}`, appUrl));
  return (seq) => ({ url: urls[seq % urls.length]!, headers });
}

export async function runRedisFailoverDrill(context: DrillContext): Promise<DrillResult> {
  return new DrillRun('redis-failover', context).execute(recordRedisFailover, judgeRedisFailover);
}


async function recordRedisFailover(run: DrillRun): Promise<RedisFailoverObservations> {
  const { target, options } = run;
  run.phase('preconditions', 'Checking the replication group and the read path');
  const before = await target.cache.describe();
  const primaryBefore = cachePrimary(before);
  const replicas = before.members.filter((m) => m.role === 'replica');
  run.timeline.add('api-call', `DescribeReplicationGroups ${before.id}: ${before.status}, automatic failover ${before.automaticFailover}, primary ${primaryBefore ?? 'none'}, ${replicas.length} replica(s)`, {
    members: before.members,
  });
  const observations: RedisFailoverObservations = { before };
  if (judgeRedisFailoverPreconditions(observations)) return observations;
  // The deployment's own Redis servers, now and again after the failover.
  const ownLooks: (OwnCacheServers | { error: string })[] = [await lookUpOwnCacheServers(run)];
  const servedBy = new CacheServerTally();

  const prober = run.own(
    new Prober({
      intervalMs: options.probeIntervalMs,
      maxDurationMs: Math.max(1000, run.remainingMs()),
      timeoutMs: options.probeTimeoutMs,
      // With the drill token the API also names the Redis server of a cached read (x-cache-server).
      request: productProbeRequest(target.appUrl, drillHeaders(target.drillToken)),
      // The x-cache header says where the answer came from: Redis (hit/miss) or PostgreSQL (bypass).
      judge: (outcome) => {
        const source = String(outcome.headers?.['x-cache'] ?? 'none');
        if (source === 'hit' || source === 'miss') servedBy.add(cacheServerOf(outcome.headers?.['x-cache-server']));
        return { ok: true, detail: source };
      },
      onRecord: (r) => run.record({ intendedAt: r.intendedAt, ok: r.ok, ...(r.errorKind ? { errorKind: r.errorKind } : {}), latencyMs: r.latencyMs }),
    }),
  );
  run.phase('baseline', `Reading products every ${options.probeIntervalMs} ms through ${target.appUrl}`);
  prober.start();
  await run.wait(options.baselineMs);
  await run.waitUntil(() => prober.records.length > 0, options.probeTimeoutMs);
  observations.baseline = [...prober.records];
  if (judgeRedisFailoverPreconditions(observations)) {
    await prober.stop();
    return observations;
  }

  run.phase('failover', `Testing the failover of ${before.id} (node group ${before.nodeGroupId})`);
  const observer = new CacheObserver(run, new Date(Date.now() - 60_000));
  await observer.observe().catch(() => {});
  // Events of an earlier failover (the watch reads a minute back, for clock skew) are not this one's.
  observer.markFault();
  const faultAt = nowMs();
  let action;
  try {
    action = await target.cache.testFailover(before.nodeGroupId);
  } catch (error) {
    if (!testFailoverRefusal(error)) throw error;
    await prober.stop();
    run.timeline.add('api-call', `elasticache:TestFailover ${before.id} refused: ${(error as Error).name}`, { error: (error as Error).name }, faultAt);
    observations.refusedWith = (error as Error).name;
    return observations;
  }
  run.timeline.add('api-call', `${action.operation} ${action.resource}`, action.request, faultAt);
  const watch = run.watch('replication group', () => observer.observe(), target.pollIntervalMs);

  const primaryMoved = (): boolean => {
    const now = observer.primary();
    return Boolean(now && now !== primaryBefore);
  };
  run.phase('recovery', `Watching the failover for up to ${seconds(options.observeMs)}: roles and events, while the reads go on`);
  const missing = await run.awaitAws(() => {
    const left: { ko: string; en: string }[] = [];
    if (!primaryMoved()) left.push({ ko: '프라이머리 역할 이동', en: 'the primary role to move' });
    if (!observer.steps().includes('failover-completed')) left.push({ ko: '"Failover ... completed" 이벤트', en: 'the "Failover ... completed" event' });
    if (!probesSettled(prober.records, faultAt, options.settleMs)) left.push({ ko: '오류 없는 조회', en: 'error-free reads' });
    return left;
  }, faultAt);
  if (missing.length && !run.aborted) {
    run.note({
      ko: `페일오버를 요청하고 ${secondsKo(options.observeMs)} 동안 관찰했지만 다음을 보지 못했습니다: ${missing.map((m) => m.ko).join(', ')}. 관찰 시간은 --observe로 늘릴 수 있습니다.`,
      en: `Watched for ${seconds(options.observeMs)} after the failover was requested without seeing ${missing.map((m) => m.en).join(', ')}; --observe gives AWS longer.`,
    });
  } else if (!run.aborted) {
    // Keep reading through the recovery of the old primary, if the events show it.
    await run.waitUntil(() => observer.steps().includes('recovered'), Math.min(options.settleMs, run.remainingMs()), 500);
  }

  run.phase('verify', 'Stopping the reads');
  await prober.stop();
  await watch.once();
  await watch.stop();
  const primaryAfter = observer.primary();
  ownLooks.push(await lookUpOwnCacheServers(run));
  const failed = ownLooks.find((look): look is { error: string } => 'error' in look);
  observations.failover = {
    servers: { ...servedBy.result(), own: failed ?? (ownLooks as OwnCacheServers[]).reduce(mergeOwnCacheServers) },
    probeIntervalMs: options.probeIntervalMs,
    faultAt,
    ...(primaryAfter ? { primaryAfter } : {}),
    steps: observer.steps(),
    reads: prober.records,
  };
  return observations;
}

async function lookUpOwnCacheServers(run: DrillRun): Promise<OwnCacheServers | { error: string }> {
  try {
    const own = await run.target.cache.ownServers();
    run.timeline.add('note', `The deployment's own Redis: ${[...own.runIds.map((id) => `run_id ${id}`), ...own.addresses].join(', ') || 'nothing known'} (${own.source})`);
    return own;
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
