// drill.rds-failover (checks.md): a forced failover completes (AZ and secondary AZ swap,
// failover events seen), the write gap seen through the application is within the
// limit (120 s; 60 s for full marks) and no acknowledged write is lost.
//
// Preconditions, then a baseline of writes, then RebootDBInstance with ForceFailover
// while the prober keeps writing on its fixed schedule, then the wait for the
// failover to finish and the writes to resume, then the check that every
// acknowledged write is in the database.
import type { DrillResult } from '../../contract/report';
import { nowMs } from '../clock';
import { RDS_FULL_MARKS_GAP_MS } from '../limits';
import { Prober } from '../prober';
import { analyseWrites, fetchCommittedWrites, judgeWrite, writeProbeRequest, writeSeqBase } from '../writes';
import { DatabaseObserver } from './observe';
import { criterion, DrillRun, seconds, type DrillContext } from './run';

export async function runRdsFailoverDrill(context: DrillContext): Promise<DrillResult> {
  return new DrillRun('rds-failover', context).execute(async (run) => {
    const { target, options } = run;
    run.phase('preconditions', 'Checking the DB instance and the write path');
    const before = await target.database.describe();
    run.timeline.add('api-call', `DescribeDBInstances ${before.id}: ${before.status}, Multi-AZ ${before.multiAz}, AZ ${before.availabilityZone ?? '?'}, standby ${before.secondaryAvailabilityZone ?? 'none'}`, { ...before });
    if (!before.multiAz) {
      return {
        summary: {
          ko: `DB 인스턴스 ${before.id}가 Multi-AZ가 아니어서 페일오버를 할 수 없습니다. Multi-AZ를 켜고 다시 실행하세요.`,
          en: `DB instance ${before.id} is not Multi-AZ, so it cannot fail over; turn on Multi-AZ and run the drill again.`,
        },
        criteria: [criterion('DB instance is Multi-AZ', 'MultiAZ true with a standby in another AZ', 'MultiAZ false', false)],
      };
    }
    if (before.status !== 'available') {
      return {
        status: 'error',
        summary: { ko: `DB 인스턴스 상태가 ${before.status}입니다. available이 된 뒤 다시 실행하세요.`, en: `DB instance status is ${before.status}; run the drill again once it is available.` },
        criteria: [criterion('DB instance available before the drill', 'available', before.status, false)],
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
        criteria: [criterion('writes acknowledged before the failover', '> 0', '0', false)],
      };
    }

    run.phase('failover', `Forcing a failover of ${before.id}`);
    const observer = new DatabaseObserver(run, new Date(Date.now() - 60_000));
    await observer.observe().catch(() => {});
    const faultAt = nowMs();
    const action = await target.database.forceFailover();
    run.timeline.add('api-call', `${action.operation} ${action.resource}`, action.request, faultAt);
    const watch = run.watch('DB instance', () => observer.observe(), target.pollIntervalMs);

    // The new primary is in the old standby's AZ and a standby is back in the old one.
    const swapped = (): boolean => {
      const now = observer.latest;
      return Boolean(now && now.status === 'available' && now.availabilityZone === before.secondaryAvailabilityZone && now.secondaryAvailabilityZone === before.availabilityZone);
    };
    const completedEvent = (): boolean => observer.eventIds().some((id) => id === 'RDS-EVENT-0015' || id === 'RDS-EVENT-0049');
    const notAttempted = (): boolean => observer.eventIds().includes('RDS-EVENT-0034');
    // Writes flow again: acknowledged ones since the last failure, for settleMs.
    const writesSettled = (): boolean => {
      const after = prober.records.filter((r) => r.intendedAt > faultAt);
      const lastFailure = Math.max(faultAt, ...after.filter((r) => !r.ok).map((r) => r.intendedAt));
      return after.some((r) => r.ok) && nowMs() - lastFailure >= options.settleMs && after.some((r) => r.ok && r.intendedAt > lastFailure);
    };
    run.phase('recovery', 'Waiting for the failover to complete and the writes to resume');
    const finished = await run.waitUntil(() => ((swapped() && completedEvent()) || notAttempted()) && writesSettled(), options.limitMs + options.settleMs, 500);
    if (!finished && !run.aborted) run.note(`The failover had not fully completed ${seconds(options.limitMs + options.settleMs)} after it was requested; the drill stopped waiting.`);

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
      run.note(`Could not read the writes back: ${readBackError}`);
    }
    const analysis = analyseWrites(records, committed, faultAt, endMs);
    if (analysis.gapFrom !== undefined) {
      run.timeline.add('note', `Write gap ${seconds(analysis.writeGapMs)}: last acknowledged write before the outage`, { seconds: (analysis.gapFrom - run.startMs) / 1000 }, analysis.gapFrom);
      if (analysis.gapTo !== undefined) run.timeline.add('note', 'First acknowledged write after the outage', {}, analysis.gapTo);
    }

    const after = observer.latest;
    const ids = observer.eventIds();
    const startedIndex = ids.indexOf('RDS-EVENT-0013');
    const completedIndex = ids.findIndex((id, i) => (id === 'RDS-EVENT-0015' || id === 'RDS-EVENT-0049') && i > startedIndex);
    const eventsOk = startedIndex >= 0 && completedIndex > startedIndex;
    const azSwapped = swapped();
    const gapLimit = options.limitMs;
    const gapOk = analysis.writeGapMs !== null && analysis.acknowledgedAfter && analysis.writeGapMs <= gapLimit;
    const criteria = [
      criterion(
        'failover completed: AZ and secondary AZ swapped',
        `primary ${before.availabilityZone ?? '?'} -> ${before.secondaryAvailabilityZone ?? '?'}, standby the other way`,
        after ? `primary ${after.availabilityZone ?? '?'}, standby ${after.secondaryAvailabilityZone ?? 'none'}, status ${after.status}` : 'not observed',
        azSwapped,
      ),
      criterion(
        'failover events seen',
        'RDS-EVENT-0013, then RDS-EVENT-0015 or RDS-EVENT-0049',
        notAttempted()
          ? 'RDS-EVENT-0034: RDS did not attempt the failover (a failover happened recently); run the drill again later'
          : ids.length > 0
            ? ids.join(', ')
            : 'no failover event',
        eventsOk && !notAttempted(),
      ),
      criterion(
        'write gap seen through the application',
        `<= ${seconds(gapLimit)} (<= ${seconds(RDS_FULL_MARKS_GAP_MS)} for full marks)`,
        analysis.acknowledgedAfter ? seconds(analysis.writeGapMs) : `no write acknowledged after the failover (last one ${seconds(analysis.lastAckMs !== undefined ? endMs - analysis.lastAckMs : null)} before the end)`,
        gapOk,
      ),
      criterion(
        'no acknowledged write lost',
        '0 lost',
        readBackError
          ? `could not read the writes back (${readBackError})`
          : analysis.lost.length === 0
            ? `0 lost of ${analysis.acknowledged} acknowledged`
            : `${analysis.lost.length} lost of ${analysis.acknowledged} acknowledged (seq ${analysis.lost.slice(0, 10).join(', ')}${analysis.lost.length > 10 ? ', ...' : ''})`,
        !readBackError && analysis.lost.length === 0,
      ),
    ];
    const pass = criteria.every((c) => c.pass);
    const gapText = seconds(analysis.writeGapMs);
    return {
      ...(readBackError ? { status: 'error' as const } : {}),
      summary: pass
        ? {
            ko: `페일오버 완료: 쓰기 중단 ${gapText}, 확인된 쓰기 ${analysis.acknowledged}건 모두 보존${analysis.writeGapMs !== null && analysis.writeGapMs <= RDS_FULL_MARKS_GAP_MS ? ' (만점 기준 충족)' : ''}.`,
            en: `Failover completed: writes stopped for ${gapText}, all ${analysis.acknowledged} acknowledged writes kept${analysis.writeGapMs !== null && analysis.writeGapMs <= RDS_FULL_MARKS_GAP_MS ? ' (full marks)' : ''}.`,
          }
        : {
            ko: `실패: ${criteria.filter((c) => !c.pass).map((c) => c.name).join('; ')} (쓰기 중단 ${gapText}, 유실 ${analysis.lost.length}건).`,
            en: `Failed: ${criteria.filter((c) => !c.pass).map((c) => c.name).join('; ')} (write gap ${gapText}, ${analysis.lost.length} lost writes).`,
          },
      criteria,
      metrics: {
        writeGapMs: analysis.writeGapMs === null ? null : Math.round(analysis.writeGapMs),
        lostWrites: analysis.lost.length,
        acknowledgedWrites: analysis.acknowledged,
        writesSent: analysis.sent,
        unconfirmedCommittedWrites: analysis.unconfirmedCommitted,
        fullMarks: analysis.writeGapMs !== null && gapOk && analysis.writeGapMs <= RDS_FULL_MARKS_GAP_MS ? 1 : 0,
        probeIntervalMs: options.probeIntervalMs,
      },
    };
  });
}
