// The verdict of drill.rds-failover (checks.md) from what the run saw: the failover
// completed (AZ and secondary AZ swapped, failover events seen) within the observation
// window, the write gap seen through the application is within the limit (120 s; 60 s for
// full marks) and no acknowledged write is lost. Pure: no I/O, no clock.
import type { DatabaseState } from '../../target';
import { RDS_FULL_MARKS_GAP_MS } from '../../limits';
import { analyseWrites, isOwnServer, type AcknowledgingServer } from '../../writes';
import type { DrillLimits, RdsFailoverObservations } from '../observations';
import { same, seconds, secondsKo } from '../wording';
import { criterion, failedNames, judgement, unfinished, type DrillJudgement } from './judgement';

/** The RDS events that say the failover completed (see load/events.ts). */
export const FAILOVER_COMPLETED_EVENTS = ['RDS-EVENT-0015', 'RDS-EVENT-0049'];
/** The RDS event that says the failover started. */
export const FAILOVER_STARTED_EVENT = 'RDS-EVENT-0013';
/** The RDS event that says RDS did not attempt the failover (one happened recently). */
export const FAILOVER_NOT_ATTEMPTED_EVENT = 'RDS-EVENT-0034';

/** The new primary is in the old standby's AZ and a standby is back in the old one. */
export function azSwapped(before: DatabaseState, now: DatabaseState | undefined): boolean {
  return Boolean(now && now.status === 'available' && now.availabilityZone === before.secondaryAvailabilityZone && now.secondaryAvailabilityZone === before.availabilityZone);
}

export function failoverCompletedSeen(eventIds: string[]): boolean {
  return eventIds.some((id) => FAILOVER_COMPLETED_EVENTS.includes(id));
}

export function failoverNotAttempted(eventIds: string[]): boolean {
  return eventIds.includes(FAILOVER_NOT_ATTEMPTED_EVENT);
}

/**
 * The verdict when the drill cannot go on: the instance cannot be drilled, or no write
 * was acknowledged before the failover. Undefined while the drill may go on.
 */
export function judgeRdsFailoverPreconditions(observations: RdsFailoverObservations): DrillJudgement | undefined {
  const { before, baseline } = observations;
  if (before.clusterId) {
    // A Multi-AZ DB cluster's members report MultiAZ false and fail over with
    // FailoverDBCluster, not RebootDBInstance (RDS API reference, FailoverDBCluster).
    return judgement(
      {
        ko: `DB 인스턴스 ${before.id}는 DB 클러스터 ${before.clusterId}의 멤버입니다. 이 드릴은 Multi-AZ DB 인스턴스(RebootDBInstance 강제 페일오버)만 지원하며, DB 클러스터의 페일오버(FailoverDBCluster)는 지원하지 않으므로 판정하지 않았습니다.`,
        en: `DB instance ${before.id} is a member of the DB cluster ${before.clusterId}; this drill supports Multi-AZ DB instances (RebootDBInstance with ForceFailover) only, not DB cluster failovers (FailoverDBCluster), so it did not judge anything.`,
      },
      [
        criterion(
          { ko: 'Multi-AZ DB 인스턴스(DB 클러스터 아님)', en: 'a Multi-AZ DB instance (not a DB cluster)' },
          { ko: 'DB 클러스터에 속하지 않은 DB 인스턴스', en: 'a DB instance outside any DB cluster' },
          { ko: `DB 클러스터 ${before.clusterId}의 멤버(지원하지 않음)`, en: `member of DB cluster ${before.clusterId} (not supported)` },
          false,
        ),
      ],
      { error: true },
    );
  }
  if (!before.multiAz) {
    return judgement(
      {
        ko: `DB 인스턴스 ${before.id}가 Multi-AZ가 아니어서 페일오버를 할 수 없습니다. Multi-AZ를 켜고 다시 실행하세요.`,
        en: `DB instance ${before.id} is not Multi-AZ, so it cannot fail over; turn on Multi-AZ and run the drill again.`,
      },
      [
        criterion(
          { ko: 'DB 인스턴스가 Multi-AZ임', en: 'DB instance is Multi-AZ' },
          { ko: 'MultiAZ true, 다른 AZ에 스탠바이', en: 'MultiAZ true with a standby in another AZ' },
          same('MultiAZ false'),
          false,
        ),
      ],
    );
  }
  if (before.status !== 'available') {
    return judgement(
      { ko: `DB 인스턴스 상태가 ${before.status}입니다. available이 된 뒤 다시 실행하세요.`, en: `DB instance status is ${before.status}; run the drill again once it is available.` },
      [criterion({ ko: '드릴 전 DB 인스턴스가 available', en: 'DB instance available before the drill' }, same('available'), same(before.status), false)],
      { error: true },
    );
  }
  if (baseline && !baseline.some((r) => r.ok)) {
    const kinds = [...new Set(baseline.map((r) => r.errorKind ?? 'ok'))].join(', ');
    return judgement(
      {
        ko: `페일오버 전에 쓰기가 한 번도 성공하지 않았습니다(${kinds}). API가 실행 중이고 DRILL_ENDPOINTS=on인지, 드릴이 배포의 드릴 토큰을 보냈는지(없으면 404) 확인하세요.`,
        en: `No write was acknowledged before the failover (${kinds}); check that the API runs with DRILL_ENDPOINTS=on and that the drill sent the deployment's drill token (404 without it).`,
      },
      [criterion({ ko: '페일오버 전 확인된 쓰기', en: 'writes acknowledged before the failover' }, same('> 0'), same('0'), false)],
      { error: true },
    );
  }
  return undefined;
}

function serverName(server: AcknowledgingServer): { ko: string; en: string } {
  const parts = { ko: [] as string[], en: [] as string[] };
  if (server.systemIdentifier) {
    parts.ko.push(`시스템 식별자 ${server.systemIdentifier}`);
    parts.en.push(`system identifier ${server.systemIdentifier}`);
  }
  if (server.address) {
    parts.ko.push(`주소 ${server.address}`);
    parts.en.push(`address ${server.address}`);
  }
  return { ko: parts.ko.join(', '), en: parts.en.join(', ') };
}

/**
 * Whether the writes the drill saw acknowledged reached the deployment's own database:
 * an API that writes elsewhere (a local database, another student's instance) shows a
 * perfect failover that never touched its writes. Foreign servers fail the criterion;
 * not knowing (the API named no server, the own servers could not be looked up) is an error.
 */
export function judgeAcknowledgingServers(dbInstance: string, servers: NonNullable<RdsFailoverObservations['failover']>['servers']): {
  criterion: ReturnType<typeof criterion>;
  foreign: (AcknowledgingServer & { writes: number })[];
  unknown: boolean;
} {
  const name = { ko: '쓰기를 확인한 서버가 배포 자신의 DB', en: "writes acknowledged by the deployment's own database" };
  const { own } = servers;
  const expected =
    'error' in own
      ? { ko: `DB 인스턴스 ${dbInstance}의 서버`, en: `the servers of DB instance ${dbInstance}` }
      : (() => {
          const known = serverName({ systemIdentifier: own.systemIdentifiers.join(' / ') || null, address: own.addresses.join(' / ') || null });
          return { ko: `모든 쓰기를 DB 인스턴스 ${dbInstance}(${known.ko || '알 수 없음'}, ${own.source})가 확인`, en: `every write acknowledged by DB instance ${dbInstance} (${known.en || 'nothing known'}, ${own.source})` };
        })();
  if ('error' in own) {
    return {
      criterion: criterion(name, expected, { ko: `배포 자신의 DB 서버를 확인하지 못함 (${own.error})`, en: `could not tell which servers are the deployment's own (${own.error})` }, false),
      foreign: [],
      unknown: true,
    };
  }
  const foreign = servers.servers.filter((server) => !isOwnServer(server, own));
  const total = servers.servers.reduce((sum, s) => sum + s.writes, 0) + servers.unidentified;
  if (foreign.length > 0) {
    const foreignWrites = foreign.reduce((sum, s) => sum + s.writes, 0);
    const names = foreign.slice(0, 3).map(serverName);
    return {
      criterion: criterion(
        name,
        expected,
        {
          ko: `확인된 쓰기 ${total}건 중 ${foreignWrites}건을 다른 PostgreSQL 서버가 확인: ${names.map((n) => n.ko).join('; ')}`,
          en: `${foreignWrites} of ${total} acknowledged writes came from another PostgreSQL server: ${names.map((n) => n.en).join('; ')}`,
        },
        false,
      ),
      foreign,
      unknown: false,
    };
  }
  if (servers.unidentified > 0 || total === 0) {
    return {
      criterion: criterion(
        name,
        expected,
        {
          ko: `확인된 쓰기 ${total}건 중 ${servers.unidentified}건의 응답에 서버 정보(server)가 없음: 현재 CloudMart API를 배포하세요`,
          en: `${servers.unidentified} of ${total} acknowledged writes answered without naming their server ("server"); deploy the current CloudMart API`,
        },
        false,
      ),
      foreign: [],
      unknown: true,
    };
  }
  return { criterion: criterion(name, expected, { ko: `확인된 쓰기 ${total}건 모두 배포 자신의 DB가 확인`, en: `all ${total} acknowledged writes from the deployment's own database` }, true), foreign: [], unknown: false };
}

export function judgeRdsFailover(observations: RdsFailoverObservations, limits: DrillLimits): DrillJudgement {
  const stopped = judgeRdsFailoverPreconditions(observations);
  if (stopped) return stopped;
  const { before, failover } = observations;
  if (!failover) return unfinished();
  const { after, eventIds: ids, faultAt, endMs } = failover;
  const readBackError = 'error' in failover.readBack ? failover.readBack.error : undefined;
  const committed = 'committed' in failover.readBack ? failover.readBack.committed : [];
  const analysis = analyseWrites(failover.writes, committed, faultAt, endMs);

  const notAttempted = failoverNotAttempted(ids);
  const startedIndex = ids.indexOf(FAILOVER_STARTED_EVENT);
  const completedIndex = ids.findIndex((id, i) => FAILOVER_COMPLETED_EVENTS.includes(id) && i > startedIndex);
  const eventsOk = startedIndex >= 0 && completedIndex > startedIndex;
  const swapped = azSwapped(before, after);
  const window = { ko: `관찰 ${secondsKo(limits.observeMs)} 안에`, en: `within the ${seconds(limits.observeMs)} watch` };
  const gapLimit = limits.limitMs;
  const gapOk = analysis.writeGapMs !== null && analysis.acknowledgedAfter && analysis.writeGapMs <= gapLimit;
  const lastAckAgo = seconds(analysis.lastAckMs !== undefined ? endMs - analysis.lastAckMs : null);
  const lastAckAgoKo = secondsKo(analysis.lastAckMs !== undefined ? endMs - analysis.lastAckMs : null);
  const lostList = `seq ${analysis.lost.slice(0, 10).join(', ')}${analysis.lost.length > 10 ? ', ...' : ''}`;
  const azNow = after ? `primary ${after.availabilityZone ?? '?'}, standby ${after.secondaryAvailabilityZone ?? 'none'}, status ${after.status}` : undefined;
  const criteria = [
    criterion(
      { ko: '페일오버 완료: AZ와 보조 AZ 교체', en: 'failover completed: AZ and secondary AZ swapped' },
      {
        ko: `프라이머리 ${before.availabilityZone ?? '?'} -> ${before.secondaryAvailabilityZone ?? '?'}, 스탠바이는 반대로 (${window.ko})`,
        en: `primary ${before.availabilityZone ?? '?'} -> ${before.secondaryAvailabilityZone ?? '?'}, standby the other way (${window.en})`,
      },
      after
        ? {
            ko: `프라이머리 ${after.availabilityZone ?? '?'}, 스탠바이 ${after.secondaryAvailabilityZone ?? '없음'}, 상태 ${after.status}${swapped || notAttempted ? '' : ` (${window.ko} 교체되지 않음)`}`,
            en: `${azNow}${swapped || notAttempted ? '' : ` (not swapped ${window.en})`}`,
          }
        : { ko: '관찰하지 못함', en: 'not observed' },
      swapped,
    ),
    criterion(
      { ko: '페일오버 이벤트 확인', en: 'failover events seen' },
      { ko: `RDS-EVENT-0013, 그다음 RDS-EVENT-0015 또는 RDS-EVENT-0049 (${window.ko})`, en: `RDS-EVENT-0013, then RDS-EVENT-0015 or RDS-EVENT-0049 (${window.en})` },
      notAttempted
        ? {
            ko: 'RDS-EVENT-0034: 최근에 페일오버가 있어 RDS가 페일오버를 시도하지 않았습니다. 나중에 다시 실행하세요',
            en: 'RDS-EVENT-0034: RDS did not attempt the failover (a failover happened recently); run the drill again later',
          }
        : ids.length > 0
          ? { ko: `${ids.join(', ')}${eventsOk ? '' : ` (${window.ko} 완료 이벤트 없음)`}`, en: `${ids.join(', ')}${eventsOk ? '' : ` (no completion event ${window.en})`}` }
          : { ko: `페일오버 이벤트 없음 (${window.ko})`, en: `no failover event ${window.en}` },
      eventsOk && !notAttempted,
    ),
    criterion(
      { ko: '애플리케이션에서 본 쓰기 중단 시간', en: 'write gap seen through the application' },
      { ko: `<= ${secondsKo(gapLimit)} (만점은 <= ${secondsKo(RDS_FULL_MARKS_GAP_MS)})`, en: `<= ${seconds(gapLimit)} (<= ${seconds(RDS_FULL_MARKS_GAP_MS)} for full marks)` },
      analysis.acknowledgedAfter
        ? { ko: secondsKo(analysis.writeGapMs), en: seconds(analysis.writeGapMs) }
        : { ko: `페일오버 후 확인된 쓰기 없음 (마지막 확인은 종료 ${lastAckAgoKo} 전)`, en: `no write acknowledged after the failover (last one ${lastAckAgo} before the end)` },
      gapOk,
    ),
    criterion(
      { ko: '확인된 쓰기 유실 없음', en: 'no acknowledged write lost' },
      { ko: '유실 0건', en: '0 lost' },
      readBackError
        ? { ko: `쓰기를 다시 읽지 못함 (${readBackError})`, en: `could not read the writes back (${readBackError})` }
        : analysis.lost.length === 0
          ? { ko: `확인된 ${analysis.acknowledged}건 중 유실 0건`, en: `0 lost of ${analysis.acknowledged} acknowledged` }
          : { ko: `확인된 ${analysis.acknowledged}건 중 ${analysis.lost.length}건 유실 (${lostList})`, en: `${analysis.lost.length} lost of ${analysis.acknowledged} acknowledged (${lostList})` },
      !readBackError && analysis.lost.length === 0,
    ),
  ];
  const servers = judgeAcknowledgingServers(before.id, failover.servers);
  criteria.push(servers.criterion);
  const pass = criteria.every((c) => c.pass);
  const fullMarks = analysis.writeGapMs !== null && analysis.writeGapMs <= RDS_FULL_MARKS_GAP_MS;
  const failed = failedNames(criteria);
  return judgement(
    pass
      ? {
          ko: `페일오버 완료: 쓰기 중단 ${secondsKo(analysis.writeGapMs)}, 확인된 쓰기 ${analysis.acknowledged}건 모두 보존${fullMarks ? ' (만점 기준 충족)' : ''}.`,
          en: `Failover completed: writes stopped for ${seconds(analysis.writeGapMs)}, all ${analysis.acknowledged} acknowledged writes kept${fullMarks ? ' (full marks)' : ''}.`,
        }
      : servers.foreign.length > 0
        ? {
            ko: `실패: API가 DB 인스턴스 ${before.id}가 아닌 다른 PostgreSQL 서버(${serverName(servers.foreign[0]!).ko})에 썼으므로 이 페일오버는 애플리케이션의 쓰기에 대해 아무것도 증명하지 않습니다 (실패 항목: ${failed.ko}).`,
            en: `Failed: the API wrote to another PostgreSQL server (${serverName(servers.foreign[0]!).en}), not to DB instance ${before.id}, so this failover proves nothing about the application's writes (failed: ${failed.en}).`,
          }
        : {
            ko: `실패: ${failed.ko} (쓰기 중단 ${secondsKo(analysis.writeGapMs)}, 유실 ${analysis.lost.length}건).`,
            en: `Failed: ${failed.en} (write gap ${seconds(analysis.writeGapMs)}, ${analysis.lost.length} lost writes).`,
          },
    criteria,
    {
      // Not knowing where the writes went is not a verdict on the deployment.
      error: readBackError !== undefined || (servers.unknown && servers.foreign.length === 0 && criteria.filter((c) => !c.pass).length === 1),
      metrics: {
        writeGapMs: analysis.writeGapMs === null ? null : Math.round(analysis.writeGapMs),
        lostWrites: analysis.lost.length,
        acknowledgedWrites: analysis.acknowledged,
        writesSent: analysis.sent,
        unconfirmedCommittedWrites: analysis.unconfirmedCommitted,
        fullMarks: analysis.writeGapMs !== null && gapOk && fullMarks ? 1 : 0,
        probeIntervalMs: failover.probeIntervalMs,
        observeMs: limits.observeMs,
        foreignServerWrites: servers.foreign.reduce((sum, s) => sum + s.writes, 0),
      },
    },
  );
}

