// drill.redis-failover (checks.md): TestFailover completes and the application keeps
// serving (error rate within the limit). The prober reads GET /products/:id, the cached
// read path, on a fixed schedule; the x-cache header shows whether answers came from
// Redis (hit/miss) or straight from PostgreSQL while Redis was away (bypass).
import type { DrillResult } from '../../contract/report';
import { nowMs } from '../clock';
import { Prober } from '../prober';
import { CacheObserver } from './observe';
import { criterion, DrillRun, round, seconds, type DrillContext } from './run';

/** Product ids the probes read in turn (the seed catalogue has more). */
export const PROBE_PRODUCT_IDS = [1, 2, 3, 4, 5, 6, 7, 8];

export function productProbeRequest(appUrl: string): (seq: number) => { url: URL } {
  const urls = PROBE_PRODUCT_IDS.map((id) => new URL(`/products/${id}`, appUrl));
  return (seq) => ({ url: urls[seq % urls.length]! });
}

export async function runRedisFailoverDrill(context: DrillContext): Promise<DrillResult> {
  return new DrillRun('redis-failover', context).execute(async (run) => {
    const { target, options } = run;
    run.phase('preconditions', 'Checking the replication group and the read path');
    const before = await target.cache.describe();
    const primaryBefore = before.members.find((m) => m.role === 'primary')?.id;
    const replicas = before.members.filter((m) => m.role === 'replica');
    run.timeline.add('api-call', `DescribeReplicationGroups ${before.id}: ${before.status}, automatic failover ${before.automaticFailover}, primary ${primaryBefore ?? 'none'}, ${replicas.length} replica(s)`, {
      members: before.members,
    });
    if (!before.automaticFailover || replicas.length === 0) {
      return {
        summary: {
          ko: `복제 그룹 ${before.id}에 ${replicas.length === 0 ? '복제본이 없어' : '자동 장애 조치가 꺼져 있어'} 페일오버를 할 수 없습니다. 복제본 1개 이상과 자동 장애 조치를 켜세요.`,
          en: `Replication group ${before.id} cannot fail over: ${replicas.length === 0 ? 'it has no replica' : 'automatic failover is off'}; add a replica and turn on automatic failover.`,
        },
        criteria: [criterion('replication group can fail over', 'automatic failover on and >= 1 replica', `automatic failover ${before.automaticFailover ? 'on' : 'off'}, ${replicas.length} replica(s)`, false)],
      };
    }

    const cacheSources: Record<string, number> = {};
    const prober = run.own(
      new Prober({
        intervalMs: options.probeIntervalMs,
        maxDurationMs: Math.max(1000, run.remainingMs()),
        timeoutMs: options.probeTimeoutMs,
        request: productProbeRequest(target.appUrl),
        judge: (outcome) => ({ ok: true, detail: String(outcome.headers?.['x-cache'] ?? 'none') }),
        onRecord: (r) => {
          if (r.ok) cacheSources[r.detail ?? 'none'] = (cacheSources[r.detail ?? 'none'] ?? 0) + 1;
          run.record({ intendedAt: r.intendedAt, ok: r.ok, ...(r.errorKind ? { errorKind: r.errorKind } : {}), latencyMs: r.latencyMs });
        },
      }),
    );
    run.phase('baseline', `Reading products every ${options.probeIntervalMs} ms through ${target.appUrl}`);
    prober.start();
    await run.wait(options.baselineMs);
    await run.waitUntil(() => prober.records.length > 0, options.probeTimeoutMs);
    if (!prober.records.some((r) => r.ok)) {
      await prober.stop();
      return {
        status: 'error',
        summary: { ko: '페일오버 전에 상품 조회가 한 번도 성공하지 않았습니다. API 주소를 확인하세요.', en: 'No product read succeeded before the failover; check the application URL.' },
        criteria: [criterion('reads served before the failover', '> 0', '0', false)],
      };
    }

    run.phase('failover', `Testing the failover of ${before.id} (node group ${before.nodeGroupId})`);
    const observer = new CacheObserver(run, new Date(Date.now() - 60_000));
    await observer.observe().catch(() => {});
    const faultAt = nowMs();
    const action = await target.cache.testFailover(before.nodeGroupId);
    run.timeline.add('api-call', `${action.operation} ${action.resource}`, action.request, faultAt);
    const watch = run.watch('replication group', () => observer.observe(), target.pollIntervalMs);

    const primaryMoved = (): boolean => {
      const now = observer.primary();
      return Boolean(now && now !== primaryBefore);
    };
    const completed = (): boolean => observer.steps().includes('failover-completed');
    const settled = (): boolean => {
      const after = prober.records.filter((r) => r.intendedAt > faultAt);
      const lastFailure = Math.max(faultAt, ...after.filter((r) => !r.ok).map((r) => r.intendedAt));
      return nowMs() - lastFailure >= options.settleMs;
    };
    run.phase('recovery', 'Waiting for the failover to complete while the reads go on');
    const finished = await run.waitUntil(() => primaryMoved() && completed() && settled(), options.limitMs, 500);
    if (!finished && !run.aborted) run.note(`The failover had not completed ${seconds(options.limitMs)} after it was requested; the drill stopped waiting.`);
    // Keep reading through the recovery of the old primary, if the events show it.
    await run.waitUntil(() => observer.steps().includes('recovered'), Math.min(options.settleMs, run.remainingMs()), 500);

    run.phase('verify', 'Stopping the reads');
    await prober.stop();
    await watch.once();
    await watch.stop();
    const records = prober.records;
    const failed = records.filter((r) => !r.ok).length;
    const errorRate = records.length ? failed / records.length : 0;
    const afterFault = records.filter((r) => r.intendedAt >= faultAt);
    const errorsAfter = afterFault.filter((r) => !r.ok);
    const errorWindowMs = errorsAfter.length ? errorsAfter.at(-1)!.intendedAt - errorsAfter[0]!.intendedAt + options.probeIntervalMs : 0;
    const steps = observer.steps();
    const primaryAfter = observer.primary();
    const criteria = [
      criterion('failover completed: the primary role moved', `primary ${primaryBefore ?? '?'} -> a replica`, `primary ${primaryAfter ?? 'none'}`, primaryMoved()),
      criterion(
        'failover events seen',
        '"Test Failover API called", then "Failover ... to replica node ... completed"',
        steps.length ? [...new Set(steps)].join(', ') : 'no failover event',
        steps.includes('test-failover-called') && completed(),
      ),
      criterion(
        'application kept serving (error rate)',
        `<= ${round(options.maxErrorRate * 100, 2)} % of reads failed`,
        `${round(errorRate * 100, 2)} % (${failed} of ${records.length})${errorsAfter.length ? `, errors for ${seconds(errorWindowMs)}` : ''}`,
        records.length > 0 && errorRate <= options.maxErrorRate,
      ),
    ];
    const pass = criteria.every((c) => c.pass);
    const bypass = cacheSources.bypass ?? 0;
    return {
      summary: pass
        ? {
            ko: `Redis 페일오버 중에도 서비스 유지: 오류율 ${round(errorRate * 100, 2)} %${bypass ? `, 캐시 우회 응답 ${bypass}건` : ''}.`,
            en: `The shop kept serving through the Redis failover: ${round(errorRate * 100, 2)} % errors${bypass ? `, ${bypass} answers bypassed the cache` : ''}.`,
          }
        : {
            ko: `실패: ${criteria.filter((c) => !c.pass).map((c) => c.name).join('; ')} (오류율 ${round(errorRate * 100, 2)} %).`,
            en: `Failed: ${criteria.filter((c) => !c.pass).map((c) => c.name).join('; ')} (${round(errorRate * 100, 2)} % errors).`,
          },
      criteria,
      metrics: {
        errorRatePercent: round(errorRate * 100, 3),
        failedReads: failed,
        reads: records.length,
        errorWindowMs: Math.round(errorWindowMs),
        cacheHits: cacheSources.hit ?? 0,
        cacheMisses: cacheSources.miss ?? 0,
        cacheBypass: bypass,
        maxErrorRatePercent: round(options.maxErrorRate * 100, 3),
      },
    };
  });
}
