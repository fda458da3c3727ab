// drill.rds-failover (checks.md): a forced failover completes (AZ and secondary AZ swap,
// failover events seen), the write gap seen through the application is within the
// limit (120 s; 60 s for full marks) and no acknowledged write is lost.
//
// Preconditions, then a baseline of writes, then RebootDBInstance with ForceFailover
// while the prober keeps writing on its fixed schedule, then the watch of the AWS side,
// then the check that every acknowledged write is in the database.
//
// Two clocks, two judgements: the write gap is what users saw, judged on the limit; the
// failover itself is what AWS reports, and AWS takes its time ("Failover times are
// typically 60-120 seconds", RDS User Guide, Concepts.MultiAZ.Failover; the events can
// come later still), so the drill keeps watching status, AZs and events for the
// observation window (options.observeMs, 10 minutes by default) and stops as soon as
// everything awaited is seen.
import type { DrillResult } from '../../contract/report';
import { nowMs } from '../clock';
import { RDS_FULL_MARKS_GAP_MS } from '../limits';
import { Prober } from '../prober';
import { analyseWrites, fetchCommittedWrites, judgeWrite, writeProbeRequest, writeSeqBase } from '../writes';
import { DatabaseObserver } from './observe';
import { criterion, DrillRun, failedNames, same, seconds, secondsKo, type DrillContext } from './run';

const COMPLETED_EVENTS = ['RDS-EVENT-0015', 'RDS-EVENT-0049'];

export async function runRdsFailoverDrill(context: DrillContext): Promise<DrillResult> {
  return new DrillRun('rds-failover', context).execute(async (run) => {
    const { target, options } = run;
    run.phase('preconditions', 'Checking the DB instance and the write path');
    const before = await target.database.describe();
    run.timeline.add(
      'api-call',
      `DescribeDBInstances ${before.id}: ${before.status}, Multi-AZ ${before.multiAz}, AZ ${before.availabilityZone ?? '?'}, standby ${before.secondaryAvailabilityZone ?? 'none'}${before.clusterId ? `, member of DB cluster ${before.clusterId}` : ''}`,
      { ...before },
    );
    if (before.clusterId) {
      // A Multi-AZ DB cluster's members report MultiAZ false and fail over with
      // FailoverDBCluster, not RebootDBInstance (RDS API reference, FailoverDBCluster).
      return {
        status: 'error',
        summary: {
          ko: `DB 인스턴스 ${before.id}는 DB 클러스터 ${before.clusterId}의 멤버입니다. 이 드릴은 Multi-AZ DB 인스턴스(RebootDBInstance 강제 페일오버)만 지원하며, DB 클러스터의 페일오버(FailoverDBCluster)는 지원하지 않으므로 판정하지 않았습니다.`,
          en: `DB instance ${before.id} is a member of the DB cluster ${before.clusterId}; this drill supports Multi-AZ DB instances (RebootDBInstance with ForceFailover) only, not DB cluster failovers (FailoverDBCluster), so it did not judge anything.`,
        },
        criteria: [
          criterion(
            { ko: 'Multi-AZ DB 인스턴스(DB 클러스터 아님)', en: 'a Multi-AZ DB instance (not a DB cluster)' },
            { ko: 'DB 클러스터에 속하지 않은 DB 인스턴스', en: 'a DB instance outside any DB cluster' },
            { ko: `DB 클러스터 ${before.clusterId}의 멤버(지원하지 않음)`, en: `member of DB cluster ${before.clusterId} (not supported)` },
            false,
          ),
        ],
      };
    }
    if (!before.multiAz) {
      return {
        summary: {
          ko: `DB 인스턴스 ${before.id}가 Multi-AZ가 아니어서 페일오버를 할 수 없습니다. Multi-AZ를 켜고 다시 실행하세요.`,
          en: `DB instance ${before.id} is not Multi-AZ, so it cannot fail over; turn on Multi-AZ and run the drill again.`,
        },
        criteria: [
          criterion(
            { ko: 'DB 인스턴스가 Multi-AZ임', en: 'DB instance is Multi-AZ' },
            { ko: 'MultiAZ true, 다른 AZ에 스탠바이', en: 'MultiAZ true with a standby in another AZ' },
            same('MultiAZ false'),
            false,
          ),
        ],
      };
    }
    if (before.status !== 'available') {
      return {
        status: 'error',
        summary: { ko: `DB 인스턴스 상태가 ${before.status}입니다. available이 된 뒤 다시 실행하세요.`, en: `DB instance status is ${before.status}; run the drill again once it is available.` },
        criteria: [criterion({ ko: '드릴 전 DB 인스턴스가 available', en: 'DB instance available before the drill' }, same('available'), same(before.status), false)],
      };
    }

    const seqBase = writeSeqBase();
    const prober = run.own(
      new Prober({
        intervalMs: options.probeIntervalMs,
        maxDurationMs: Math.max(1000, run.remainingMs()),
        timeoutMs: options.probeTimeoutMs,
        firstSeq: seqBase,
        request: writeProbeRequest(target.appUrl),
        judge: judgeWrite,
        onRecord: (r) => run.record({ intendedAt: r.intendedAt, ok: r.ok, ...(r.errorKind ? { errorKind: r.errorKind } : {}), latencyMs: r.latencyMs }),
      }),
    );
    run.phase('baseline', `Writing every ${options.probeIntervalMs} ms to ${new URL('/drill/write', target.appUrl).href} before the failover`);
    prober.start();
    await run.wait(options.baselineMs);
    // Give the last baseline probes their answer before judging the baseline.
    await run.waitUntil(() => prober.records.some((r) => r.ok), options.probeTimeoutMs);
    const baselineAcks = prober.records.filter((r) => r.ok).length;
    if (baselineAcks === 0) {
      await prober.stop();
      const kinds = [...new Set(prober.records.map((r) => r.errorKind ?? 'ok'))].join(', ');
      return {
        status: 'error',
        summary: {
          ko: `페일오버 전에 쓰기가 한 번도 성공하지 않았습니다(${kinds}). API가 실행 중이고 DRILL_ENDPOINTS=on인지 확인하세요.`,
          en: `No write was acknowledged before the failover (${kinds}); check that the API runs with DRILL_ENDPOINTS=on.`,
        },
        criteria: [criterion({ ko: '페일오버 전 확인된 쓰기', en: 'writes acknowledged before the failover' }, same('> 0'), same('0'), false)],
      };
    }

    run.phase('failover', `Forcing a failover of ${before.id}`);
    const observer = new DatabaseObserver(run, new Date(Date.now() - 60_000));
    await observer.observe().catch(() => {});
    // Events of an earlier failover (the watch reads a minute back, for clock skew) are not this one's.
    observer.markFault();
    const faultAt = nowMs();
    const action = await target.database.forceFailover();
    run.timeline.add('api-call', `${action.operation} ${action.resource}`, action.request, faultAt);
    const watch = run.watch('DB instance', () => observer.observe(), target.pollIntervalMs);

    // The new primary is in the old standby's AZ and a standby is back in the old one.
    const swapped = (): boolean => {
      const now = observer.latest;
      return Boolean(now && now.status === 'available' && now.availabilityZone === before.secondaryAvailabilityZone && now.secondaryAvailabilityZone === before.availabilityZone);
    };
    const completedEvent = (): boolean => observer.eventIds().some((id) => COMPLETED_EVENTS.includes(id));
    const notAttempted = (): boolean => observer.eventIds().includes('RDS-EVENT-0034');
    // Writes flow again: acknowledged ones since the last failure, for settleMs.
    const writesSettled = (): boolean => {
      const after = prober.records.filter((r) => r.intendedAt > faultAt);
      const lastFailure = Math.max(faultAt, ...after.filter((r) => !r.ok).map((r) => r.intendedAt));
      return after.some((r) => r.ok) && nowMs() - lastFailure >= options.settleMs && after.some((r) => r.ok && r.intendedAt > lastFailure);
    };
    run.phase('recovery', `Watching the failover for up to ${seconds(options.observeMs)}: status, AZs and events (AWS reports a failover a minute or two after the call), while the writes go on`);
    const missing = await run.awaitAws(() => {
      const left: { ko: string; en: string }[] = [];
      if (!writesSettled()) left.push({ ko: '쓰기 재개', en: 'writes to resume' });
      if (notAttempted()) return left;
      if (!swapped()) left.push({ ko: 'AZ 교체와 available 상태', en: 'the AZ swap and status available' });
      if (!completedEvent()) left.push({ ko: '완료 이벤트(RDS-EVENT-0015/0049)', en: 'the completion event (RDS-EVENT-0015/0049)' });
      return left;
    }, faultAt);
    if (missing.length && !run.aborted) {
      run.note({
        ko: `페일오버를 요청하고 ${secondsKo(options.observeMs)} 동안 관찰했지만 다음을 보지 못했습니다: ${missing.map((m) => m.ko).join(', ')}. 관찰 시간은 --observe로 늘릴 수 있습니다.`,
        en: `Watched for ${seconds(options.observeMs)} after the failover was requested without seeing ${missing.map((m) => m.en).join(', ')}; --observe gives AWS longer.`,
      });
    }

    run.phase('verify', 'Stopping the writes and reading them back');
    await prober.stop();
    const endMs = nowMs();
    await watch.once();
    await watch.stop();
    const records = prober.records;
    const lastSeq = seqBase + prober.sentCount - 1;
    let committed: number[] = [];
    let readBackError: string | undefined;
    try {
      committed = (await fetchCommittedWrites(target.appUrl, seqBase, lastSeq)).map((w) => w.seq);
      run.timeline.add('note', `Read back ${committed.length} committed writes (seq ${seqBase}..${lastSeq})`);
    } catch (error) {
      readBackError = error instanceof Error ? error.message : String(error);
      run.note({ ko: `쓰기를 다시 읽지 못했습니다: ${readBackError}`, en: `Could not read the writes back: ${readBackError}` });
    }
    const analysis = analyseWrites(records, committed, faultAt, endMs);
    if (analysis.gapFrom !== undefined) {
      run.timeline.add('note', `Write gap ${seconds(analysis.writeGapMs)}: last acknowledged write before the outage`, { seconds: (analysis.gapFrom - run.startMs) / 1000 }, analysis.gapFrom);
      if (analysis.gapTo !== undefined) run.timeline.add('note', 'First acknowledged write after the outage', {}, analysis.gapTo);
    }

    const after = observer.latest;
    const ids = observer.eventIds();
    const startedIndex = ids.indexOf('RDS-EVENT-0013');
    const completedIndex = ids.findIndex((id, i) => COMPLETED_EVENTS.includes(id) && i > startedIndex);
    const eventsOk = startedIndex >= 0 && completedIndex > startedIndex;
    const azSwapped = swapped();
    const window = { ko: `관찰 ${secondsKo(options.observeMs)} 안에`, en: `within the ${seconds(options.observeMs)} watch` };
    const gapLimit = options.limitMs;
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
              ko: `프라이머리 ${after.availabilityZone ?? '?'}, 스탠바이 ${after.secondaryAvailabilityZone ?? '없음'}, 상태 ${after.status}${azSwapped || notAttempted() ? '' : ` (${window.ko} 교체되지 않음)`}`,
              en: `${azNow}${azSwapped || notAttempted() ? '' : ` (not swapped ${window.en})`}`,
            }
          : { ko: '관찰하지 못함', en: 'not observed' },
        azSwapped,
      ),
      criterion(
        { ko: '페일오버 이벤트 확인', en: 'failover events seen' },
        { ko: `RDS-EVENT-0013, 그다음 RDS-EVENT-0015 또는 RDS-EVENT-0049 (${window.ko})`, en: `RDS-EVENT-0013, then RDS-EVENT-0015 or RDS-EVENT-0049 (${window.en})` },
        notAttempted()
          ? {
              ko: 'RDS-EVENT-0034: 최근에 페일오버가 있어 RDS가 페일오버를 시도하지 않았습니다. 나중에 다시 실행하세요',
              en: 'RDS-EVENT-0034: RDS did not attempt the failover (a failover happened recently); run the drill again later',
            }
          : ids.length > 0
            ? { ko: `${ids.join(', ')}${eventsOk ? '' : ` (${window.ko} 완료 이벤트 없음)`}`, en: `${ids.join(', ')}${eventsOk ? '' : ` (no completion event ${window.en})`}` }
            : { ko: `페일오버 이벤트 없음 (${window.ko})`, en: `no failover event ${window.en}` },
        eventsOk && !notAttempted(),
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
    const pass = criteria.every((c) => c.pass);
    const fullMarks = analysis.writeGapMs !== null && analysis.writeGapMs <= RDS_FULL_MARKS_GAP_MS;
    const failed = failedNames(criteria);
    return {
      ...(readBackError ? { status: 'error' as const } : {}),
      summary: pass
        ? {
            ko: `페일오버 완료: 쓰기 중단 ${secondsKo(analysis.writeGapMs)}, 확인된 쓰기 ${analysis.acknowledged}건 모두 보존${fullMarks ? ' (만점 기준 충족)' : ''}.`,
            en: `Failover completed: writes stopped for ${seconds(analysis.writeGapMs)}, all ${analysis.acknowledged} acknowledged writes kept${fullMarks ? ' (full marks)' : ''}.`,
          }
        : {
            ko: `실패: ${failed.ko} (쓰기 중단 ${secondsKo(analysis.writeGapMs)}, 유실 ${analysis.lost.length}건).`,
            en: `Failed: ${failed.en} (write gap ${seconds(analysis.writeGapMs)}, ${analysis.lost.length} lost writes).`,
          },
      criteria,
      metrics: {
        writeGapMs: analysis.writeGapMs === null ? null : Math.round(analysis.writeGapMs),
        lostWrites: analysis.lost.length,
        acknowledgedWrites: analysis.acknowledged,
        writesSent: analysis.sent,
        unconfirmedCommittedWrites: analysis.unconfirmedCommitted,
        fullMarks: analysis.writeGapMs !== null && gapOk && fullMarks ? 1 : 0,
        probeIntervalMs: options.probeIntervalMs,
        observeMs: options.observeMs,
      },
    };
  });
}
