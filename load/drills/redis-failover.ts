// drill.redis-failover (checks.md): TestFailover completes and the application keeps
// serving (error rate within the limit). The prober reads GET /products/:id, the cached
// read path, on a fixed schedule; the x-cache header shows whether answers came from
// Redis (hit/miss) or straight from PostgreSQL while Redis was away (bypass).
//
// The error rate is what users saw; the failover is what ElastiCache reports, in the
// order of the TestFailover API reference's event list, and it takes its time: the drill
// watches roles and events for the observation window (options.observeMs) and stops as
// soon as the primary has moved and the completion event is in.
import type { DrillResult } from '../../contract/report';
import { nowMs } from '../clock';
import { Prober } from '../prober';
import { CacheObserver } from './observe';
import { criterion, DrillRun, failedNames, round, same, seconds, secondsKo, type DrillContext } from './run';

/** Product ids the probes read in turn (the seed catalogue has more). */
export const PROBE_PRODUCT_IDS = [1, 2, 3, 4, 5, 6, 7, 8];

export function productProbeRequest(appUrl: string): (seq: number) => { url: URL } {
  const urls = PROBE_PRODUCT_IDS.map((id) => new URL(`/products/${id}`, appUrl));
  return (seq) => ({ url: urls[seq % urls.length]! });
}

/**
 * Why ElastiCache refused TestFailover, in one sentence. ElastiCache API reference,
 * TestFailover: "A customer can use this operation to test automatic failover on up to
 * 15 shards ... in any rolling 24-hour period", "in certain conditions such as
 * large-scale operational events, Amazon may block this API"; its errors include
 * TestFailoverNotAvailableFault, APICallRateForCustomerExceededFault and
 * InvalidReplicationGroupStateFault (the group is not available).
 */
export function testFailoverRefusal(error: unknown): { ko: string; en: string } | undefined {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (name === 'TestFailoverNotAvailableFault' || name === 'APICallRateForCustomerExceededFault') {
    return {
      ko: `ElastiCache가 TestFailover를 거부했습니다(${name}). AWS는 24시간(연속 구간)에 최대 15개 샤드까지만 테스트 페일오버를 허용하고, 대규모 운영 이벤트 중에는 이 API를 막을 수 있으니 나중에 다시 실행하세요.`,
      en: `ElastiCache refused TestFailover (${name}): AWS allows test failovers on at most 15 shards in any rolling 24-hour period and may block the API during large-scale events, so run the drill again later.`,
    };
  }
  if (name === 'InvalidReplicationGroupStateFault') {
    return {
      ko: 'ElastiCache가 TestFailover를 거부했습니다(InvalidReplicationGroupStateFault). 복제 그룹이 available 상태가 아니므로, 진행 중인 변경이나 페일오버가 끝난 뒤 다시 실행하세요.',
      en: 'ElastiCache refused TestFailover (InvalidReplicationGroupStateFault): the replication group is not available, so run the drill again once the change or failover in progress has finished.',
    };
  }
  return undefined;
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
        criteria: [
          criterion(
            { ko: '복제 그룹이 페일오버 가능', en: 'replication group can fail over' },
            { ko: '자동 장애 조치 켜짐, 복제본 1개 이상', en: 'automatic failover on and >= 1 replica' },
            {
              ko: `자동 장애 조치 ${before.automaticFailover ? '켜짐' : '꺼짐'}, 복제본 ${replicas.length}개`,
              en: `automatic failover ${before.automaticFailover ? 'on' : 'off'}, ${replicas.length} replica(s)`,
            },
            false,
          ),
        ],
      };
    }
    // TestFailover API reference: InvalidReplicationGroupStateFault when the group is not available.
    if (before.status !== 'available') {
      return {
        status: 'error',
        summary: {
          ko: `복제 그룹 ${before.id}의 상태가 ${before.status}입니다. available이 된 뒤 다시 실행하세요.`,
          en: `Replication group ${before.id} is ${before.status}; run the drill again once it is available.`,
        },
        criteria: [criterion({ ko: '드릴 전 복제 그룹이 available', en: 'replication group available before the drill' }, same('available'), same(before.status), false)],
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
        criteria: [criterion({ ko: '페일오버 전 조회 성공', en: 'reads served before the failover' }, same('> 0'), same('0'), false)],
      };
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
      const refusal = testFailoverRefusal(error);
      if (!refusal) throw error;
      await prober.stop();
      run.timeline.add('api-call', `elasticache:TestFailover ${before.id} refused: ${(error as Error).name}`, { error: (error as Error).name }, faultAt);
      return {
        status: 'error',
        summary: refusal,
        criteria: [criterion({ ko: 'TestFailover 수락', en: 'TestFailover accepted' }, { ko: '수락', en: 'accepted' }, same((error as Error).name), false)],
      };
    }
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
    run.phase('recovery', `Watching the failover for up to ${seconds(options.observeMs)}: roles and events, while the reads go on`);
    const missing = await run.awaitAws(() => {
      const left: { ko: string; en: string }[] = [];
      if (!primaryMoved()) left.push({ ko: '프라이머리 역할 이동', en: 'the primary role to move' });
      if (!completed()) left.push({ ko: '"Failover ... completed" 이벤트', en: 'the "Failover ... completed" event' });
      if (!settled()) left.push({ ko: '오류 없는 조회', en: 'error-free reads' });
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
    const records = prober.records;
    const failed = records.filter((r) => !r.ok).length;
    const errorRate = records.length ? failed / records.length : 0;
    const afterFault = records.filter((r) => r.intendedAt >= faultAt);
    const errorsAfter = afterFault.filter((r) => !r.ok);
    const errorWindowMs = errorsAfter.length ? errorsAfter.at(-1)!.intendedAt - errorsAfter[0]!.intendedAt + options.probeIntervalMs : 0;
    const steps = observer.steps();
    const primaryAfter = observer.primary();
    const window = { ko: `관찰 ${secondsKo(options.observeMs)} 안에`, en: `within the ${seconds(options.observeMs)} watch` };
    const ratePercent = round(errorRate * 100, 2);
    const criteria = [
      criterion(
        { ko: '페일오버 완료: 프라이머리 역할 이동', en: 'failover completed: the primary role moved' },
        { ko: `프라이머리 ${primaryBefore ?? '?'} -> 복제본 (${window.ko})`, en: `primary ${primaryBefore ?? '?'} -> a replica (${window.en})` },
        { ko: `프라이머리 ${primaryAfter ?? '없음'}${primaryMoved() ? '' : ` (${window.ko} 이동하지 않음)`}`, en: `primary ${primaryAfter ?? 'none'}${primaryMoved() ? '' : ` (not moved ${window.en})`}` },
        primaryMoved(),
      ),
      criterion(
        { ko: '페일오버 이벤트 확인', en: 'failover events seen' },
        {
          ko: `"Test Failover API called", 그다음 "Failover ... to replica node ... completed" (${window.ko})`,
          en: `"Test Failover API called", then "Failover ... to replica node ... completed" (${window.en})`,
        },
        steps.length ? same([...new Set(steps)].join(', ')) : { ko: `페일오버 이벤트 없음 (${window.ko})`, en: `no failover event ${window.en}` },
        steps.includes('test-failover-called') && completed(),
      ),
      criterion(
        { ko: '애플리케이션 서비스 유지(오류율)', en: 'application kept serving (error rate)' },
        { ko: `조회 실패 <= ${round(options.maxErrorRate * 100, 2)} %`, en: `<= ${round(options.maxErrorRate * 100, 2)} % of reads failed` },
        {
          ko: `${ratePercent} % (${records.length}건 중 ${failed}건)${errorsAfter.length ? `, 오류 ${secondsKo(errorWindowMs)} 동안` : ''}`,
          en: `${ratePercent} % (${failed} of ${records.length})${errorsAfter.length ? `, errors for ${seconds(errorWindowMs)}` : ''}`,
        },
        records.length > 0 && errorRate <= options.maxErrorRate,
      ),
    ];
    const pass = criteria.every((c) => c.pass);
    const bypass = cacheSources.bypass ?? 0;
    const failedText = failedNames(criteria);
    return {
      summary: pass
        ? {
            ko: `Redis 페일오버 중에도 서비스 유지: 오류율 ${ratePercent} %${bypass ? `, 캐시 우회 응답 ${bypass}건` : ''}.`,
            en: `The shop kept serving through the Redis failover: ${ratePercent} % errors${bypass ? `, ${bypass} answers bypassed the cache` : ''}.`,
          }
        : {
            ko: `실패: ${failedText.ko} (오류율 ${ratePercent} %).`,
            en: `Failed: ${failedText.en} (${ratePercent} % errors).`,
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
        observeMs: options.observeMs,
      },
    };
  });
}
