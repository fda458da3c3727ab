// The verdict of drill.redis-failover (checks.md) from what the run saw: TestFailover
// completed (the primary role moved, the failover events in the order of the TestFailover
// API reference's event list) within the observation window, and the application kept
// serving (error rate within the limit). Pure: no I/O, no clock.
import type { Bilingual } from '../../../contract/report';
import { isOwnCacheServer, type CacheServerSeen } from '../../cache-servers';
import type { CacheState } from '../../target';
import type { DrillLimits, RedisFailoverObservations } from '../observations';
import { round, same, seconds, secondsKo } from '../wording';
import { criterion, failedNames, judgement, unfinished, type DrillJudgement } from './judgement';

/** The primary's id in a description of the replication group. */
export function cachePrimary(state: CacheState | undefined): string | undefined {
  return state?.members.find((m) => m.role === 'primary')?.id;
}

/**
 * Why ElastiCache refused TestFailover, in one sentence. ElastiCache API reference,
 * TestFailover: "A customer can use this operation to test automatic failover on up to
 * 15 shards ... in any rolling 24-hour period", "in certain conditions such as
 * large-scale operational events, Amazon may block this API"; its errors include
 * TestFailoverNotAvailableFault, APICallRateForCustomerExceededFault and
 * InvalidReplicationGroupStateFault (the group is not available).
 */
export function testFailoverRefusal(error: unknown): Bilingual | undefined {
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

/**
 * The verdict when the drill cannot go on: the group cannot fail over or is busy, no read
 * was served before the failover, or ElastiCache refused TestFailover. Undefined while the
 * drill may go on.
 */
export function judgeRedisFailoverPreconditions(observations: RedisFailoverObservations): DrillJudgement | undefined {
  const { before, baseline, refusedWith } = observations;
  const replicas = before.members.filter((m) => m.role === 'replica');
  if (!before.automaticFailover || replicas.length === 0) {
    return judgement(
      {
        ko: `복제 그룹 ${before.id}에 ${replicas.length === 0 ? '복제본이 없어' : '자동 장애 조치가 꺼져 있어'} 페일오버를 할 수 없습니다. 복제본 1개 이상과 자동 장애 조치를 켜세요.`,
        en: `Replication group ${before.id} cannot fail over: ${replicas.length === 0 ? 'it has no replica' : 'automatic failover is off'}; add a replica and turn on automatic failover.`,
      },
      [
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
    );
  }
  // TestFailover API reference: InvalidReplicationGroupStateFault when the group is not available.
  if (before.status !== 'available') {
    return judgement(
      {
        ko: `복제 그룹 ${before.id}의 상태가 ${before.status}입니다. available이 된 뒤 다시 실행하세요.`,
        en: `Replication group ${before.id} is ${before.status}; run the drill again once it is available.`,
      },
      [criterion({ ko: '드릴 전 복제 그룹이 available', en: 'replication group available before the drill' }, same('available'), same(before.status), false)],
      { error: true },
    );
  }
  if (baseline && !baseline.some((r) => r.ok)) {
    return judgement(
      { ko: '페일오버 전에 상품 조회가 한 번도 성공하지 않았습니다. API 주소를 확인하세요.', en: 'No product read succeeded before the failover; check the application URL.' },
      [criterion({ ko: '페일오버 전 조회 성공', en: 'reads served before the failover' }, same('> 0'), same('0'), false)],
      { error: true },
    );
  }
  if (refusedWith !== undefined) {
    return judgement(
      testFailoverRefusal({ name: refusedWith }) ?? {
        ko: `ElastiCache가 TestFailover를 거부했습니다(${refusedWith}).`,
        en: `ElastiCache refused TestFailover (${refusedWith}).`,
      },
      [criterion({ ko: 'TestFailover 수락', en: 'TestFailover accepted' }, { ko: '수락', en: 'accepted' }, same(refusedWith), false)],
      { error: true },
    );
  }
  return undefined;
}

export function judgeRedisFailover(observations: RedisFailoverObservations, limits: DrillLimits): DrillJudgement {
  const stopped = judgeRedisFailoverPreconditions(observations);
  if (stopped) return stopped;
  const { before, failover } = observations;
  if (!failover) return unfinished();
  const { reads: records, faultAt, steps, primaryAfter, probeIntervalMs } = failover;
  const primaryBefore = cachePrimary(before);
  const primaryMoved = Boolean(primaryAfter && primaryAfter !== primaryBefore);
  const completed = steps.includes('failover-completed');
  const failed = records.filter((r) => !r.ok).length;
  const errorRate = records.length ? failed / records.length : 0;
  const errorsAfter = records.filter((r) => r.intendedAt >= faultAt && !r.ok);
  const errorWindowMs = errorsAfter.length ? errorsAfter.at(-1)!.intendedAt - errorsAfter[0]!.intendedAt + probeIntervalMs : 0;
  const window = { ko: `관찰 ${secondsKo(limits.observeMs)} 안에`, en: `within the ${seconds(limits.observeMs)} watch` };
  const ratePercent = round(errorRate * 100, 2);
  const criteria = [
    criterion(
      { ko: '페일오버 완료: 프라이머리 역할 이동', en: 'failover completed: the primary role moved' },
      { ko: `프라이머리 ${primaryBefore ?? '?'} -> 복제본 (${window.ko})`, en: `primary ${primaryBefore ?? '?'} -> a replica (${window.en})` },
      { ko: `프라이머리 ${primaryAfter ?? '없음'}${primaryMoved ? '' : ` (${window.ko} 이동하지 않음)`}`, en: `primary ${primaryAfter ?? 'none'}${primaryMoved ? '' : ` (not moved ${window.en})`}` },
      primaryMoved,
    ),
    criterion(
      { ko: '페일오버 이벤트 확인', en: 'failover events seen' },
      {
        ko: `"Test Failover API called", 그다음 "Failover ... to replica node ... completed" (${window.ko})`,
        en: `"Test Failover API called", then "Failover ... to replica node ... completed" (${window.en})`,
      },
      steps.length ? same([...new Set(steps)].join(', ')) : { ko: `페일오버 이벤트 없음 (${window.ko})`, en: `no failover event ${window.en}` },
      steps.includes('test-failover-called') && completed,
    ),
    criterion(
      { ko: '애플리케이션 서비스 유지(오류율)', en: 'application kept serving (error rate)' },
      { ko: `조회 실패 <= ${round(limits.maxErrorRate * 100, 2)} %`, en: `<= ${round(limits.maxErrorRate * 100, 2)} % of reads failed` },
      {
        ko: `${ratePercent} % (${records.length}건 중 ${failed}건)${errorsAfter.length ? `, 오류 ${secondsKo(errorWindowMs)} 동안` : ''}`,
        en: `${ratePercent} % (${failed} of ${records.length})${errorsAfter.length ? `, errors for ${seconds(errorWindowMs)}` : ''}`,
      },
      records.length > 0 && errorRate <= limits.maxErrorRate,
    ),
  ];
  const servers = judgeServingCache(before.id, failover.servers);
  criteria.push(servers.criterion);
  const pass = criteria.every((c) => c.pass);
  // Where the answers came from: the x-cache header of each served read.
  const cacheSources: Record<string, number> = {};
  for (const r of records) if (r.ok) cacheSources[r.detail ?? 'none'] = (cacheSources[r.detail ?? 'none'] ?? 0) + 1;
  const bypass = cacheSources.bypass ?? 0;
  const failedText = failedNames(criteria);
  return judgement(
    pass
      ? {
          ko: `Redis 페일오버 중에도 서비스 유지: 오류율 ${ratePercent} %${bypass ? `, 캐시 우회 응답 ${bypass}건` : ''}.`,
          en: `The shop kept serving through the Redis failover: ${ratePercent} % errors${bypass ? `, ${bypass} answers bypassed the cache` : ''}.`,
        }
      : servers.foreign.length > 0 || servers.noCachedRead
        ? {
            ko: `실패: 애플리케이션의 캐시 조회가 복제 그룹 ${before.id}에 닿지 않았으므로(${servers.criterion.actualKo}) 이 페일오버는 애플리케이션에 대해 아무것도 증명하지 않습니다 (실패 항목: ${failedText.ko}).`,
            en: `Failed: the application's cached reads did not reach replication group ${before.id} (${servers.criterion.actual}), so this failover proves nothing about the application (failed: ${failedText.en}).`,
          }
        : {
            ko: `실패: ${failedText.ko} (오류율 ${ratePercent} %).`,
            en: `Failed: ${failedText.en} (${ratePercent} % errors).`,
          },
    criteria,
    {
      // Not knowing which server served is not a verdict on the deployment.
      error: servers.unknown && criteria.filter((c) => !c.pass).length === 1,
      metrics: {
        errorRatePercent: round(errorRate * 100, 3),
        failedReads: failed,
        reads: records.length,
        errorWindowMs: Math.round(errorWindowMs),
        cacheHits: cacheSources.hit ?? 0,
        cacheMisses: cacheSources.miss ?? 0,
        cacheBypass: bypass,
        maxErrorRatePercent: round(limits.maxErrorRate * 100, 3),
        observeMs: limits.observeMs,
        foreignServerReads: servers.foreign.reduce((sum, s) => sum + s.reads, 0),
      },
    },
  );
}

function cacheServerName(server: CacheServerSeen): { ko: string; en: string } {
  const ko = [server.runId ? `run_id ${server.runId}` : '', server.address ? `주소 ${server.address}` : ''].filter(Boolean).join(', ');
  const en = [server.runId ? `run_id ${server.runId}` : '', server.address ? `address ${server.address}` : ''].filter(Boolean).join(', ');
  return { ko, en };
}

/**
 * Whether the cached reads reached the deployment's own replication group: an app that
 * never uses Redis (every read bypassed) or uses another one keeps serving through any
 * failover of this one. Another server, or no cached read at all, fails; not knowing (no
 * x-cache-server on a cached read, own servers not found) is an error.
 */
export function judgeServingCache(group: string, servers: NonNullable<RedisFailoverObservations['failover']>['servers']) {
  const name = { ko: '캐시 조회를 처리한 서버가 배포 자신의 Redis', en: "cached reads served by the deployment's own Redis" };
  const { own } = servers;
  const known = 'error' in own ? undefined : cacheServerName({ runId: own.runIds.join(' / ') || null, address: own.addresses.join(' / ') || null });
  const expected = known
    ? { ko: `캐시 조회를 복제 그룹 ${group}(${known.ko || '알 수 없음'}, ${'error' in own ? '' : own.source})가 처리`, en: `cached reads served by replication group ${group} (${known.en || 'nothing known'}, ${'error' in own ? '' : own.source})` }
    : { ko: `복제 그룹 ${group}의 서버`, en: `the servers of replication group ${group}` };
  const total = servers.servers.reduce((sum, s) => sum + s.reads, 0) + servers.unidentified;
  const result = (actual: { ko: string; en: string }, pass: boolean, extra: { foreign?: (CacheServerSeen & { reads: number })[]; unknown?: boolean; noCachedRead?: boolean } = {}) => ({
    criterion: criterion(name, expected, actual, pass),
    foreign: extra.foreign ?? [],
    unknown: extra.unknown ?? false,
    noCachedRead: extra.noCachedRead ?? false,
  });
  if ('error' in own) return result({ ko: `배포 자신의 Redis 서버를 확인하지 못함 (${own.error})`, en: `could not tell which servers are the deployment's own (${own.error})` }, false, { unknown: true });
  if (total === 0) return result({ ko: 'Redis가 처리한 조회 없음: 모든 응답이 캐시를 우회함', en: 'no read was served by Redis: every answer bypassed the cache' }, false, { noCachedRead: true });
  const foreign = servers.servers.filter((s) => !isOwnCacheServer(s, own));
  if (foreign.length > 0) {
    const reads = foreign.reduce((sum, s) => sum + s.reads, 0);
    const names = foreign.slice(0, 3).map(cacheServerName);
    return result(
      { ko: `캐시 조회 ${total}건 중 ${reads}건을 다른 Redis 서버가 처리: ${names.map((n) => n.ko).join('; ')}`, en: `${reads} of ${total} cached reads came from another Redis server: ${names.map((n) => n.en).join('; ')}` },
      false,
      { foreign },
    );
  }
  if (servers.unidentified > 0) {
    return result(
      { ko: `캐시 조회 ${total}건 중 ${servers.unidentified}건의 응답에 서버 정보(x-cache-server)가 없음: 현재 CloudMart API를 배포하세요`, en: `${servers.unidentified} of ${total} cached reads answered without naming their server (x-cache-server); deploy the current CloudMart API` },
      false,
      { unknown: true },
    );
  }
  return result({ ko: `캐시 조회 ${total}건 모두 배포 자신의 Redis가 처리`, en: `all ${total} cached reads from the deployment's own Redis` }, true);
}
