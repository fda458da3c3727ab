// drill.rds-failover (checks.md): a forced failover completes (AZ and secondary AZ swap,
// failover events seen), the write gap seen through the application is within the
// limit (120 s; 60 s for full marks) and no acknowledged write is lost.
//
// The run records (judges/rds-failover.ts judges): preconditions, then a baseline of
// writes, then RebootDBInstance with ForceFailover while the prober keeps writing on its
// fixed schedule, then the watch of the AWS side, then the writes read back from the
// database.
//
// Two clocks, two judgements: the write gap is what users saw, judged on the limit; the
// failover itself is what AWS reports, and AWS takes its time ("Failover times are
// typically 60-120 seconds", RDS User Guide, Concepts.MultiAZ.Failover; the events can
// come later still), so the drill keeps watching status, AZs and events for the
// observation window (options.observeMs, 10 minutes by default) and stops as soon as
// everything awaited is seen.
import type { DrillResult } from '../../contract/report';
import { nowMs } from '../clock';
import { Prober } from '../prober';
import type { OwnDatabaseServers } from '../target';
import { AcknowledgingServerTally, analyseWrites, fetchCommittedWrites, judgeWrite, mergeOwnServers, writeProbeRequest, writeSeqBase } from '../writes';
import { DrillRun, type DrillContext } from './drill-runner';
import { azSwapped, failoverCompletedSeen, failoverNotAttempted, judgeRdsFailover, judgeRdsFailoverPreconditions } from './judges/rds-failover';
import { DatabaseObserver } from './observe';
import type { RdsFailoverObservations } from './observations';
import { writesSettled } from './settled';
import { seconds, secondsKo } from './wording';

export async function runRdsFailoverDrill(context: DrillContext): Promise<DrillResult> {
  return new DrillRun('rds-failover', context).execute(recordRdsFailover, judgeRdsFailover);
}


async function recordRdsFailover(run: DrillRun): Promise<RdsFailoverObservations> {
  const { target, options } = run;
  run.phase('preconditions', 'Checking the DB instance and the write path');
  const before = await target.database.describe();
  run.timeline.add(
    'api-call',
    `DescribeDBInstances ${before.id}: ${before.status}, Multi-AZ ${before.multiAz}, AZ ${before.availabilityZone ?? '?'}, standby ${before.secondaryAvailabilityZone ?? 'none'}${before.clusterId ? `, member of DB cluster ${before.clusterId}` : ''}`,
    { ...before },
  );
  const observations: RdsFailoverObservations = { before };
  if (judgeRdsFailoverPreconditions(observations)) return observations;

  // The deployment's own database servers, looked up now and again after the failover
  // (on AWS the endpoint's address moves to the new primary).
  const ownLooks: (OwnDatabaseServers | { error: string })[] = [await lookUpOwnServers(run)];
  const acknowledgedBy = new AcknowledgingServerTally();

  const seqBase = writeSeqBase();
  const prober = run.own(
    new Prober({
      intervalMs: options.probeIntervalMs,
      maxDurationMs: Math.max(1000, run.remainingMs()),
      timeoutMs: options.probeTimeoutMs,
      firstSeq: seqBase,
      request: writeProbeRequest(target.appUrl, target.drillToken),
      judge: (outcome, seq) => {
        const verdict = judgeWrite(outcome, seq);
        if (verdict.ok) acknowledgedBy.add(verdict.server);
        return verdict;
      },
      onRecord: (r) => run.record({ intendedAt: r.intendedAt, ok: r.ok, ...(r.errorKind ? { errorKind: r.errorKind } : {}), latencyMs: r.latencyMs }),
    }),
  );
  run.phase('baseline', `Writing every ${options.probeIntervalMs} ms to ${new URL('/drill/write', target.appUrl).href} before the failover`);
  prober.start();
  await run.wait(options.baselineMs);
  // Give the last baseline probes their answer before judging the baseline.
  await run.waitUntil(() => prober.records.some((r) => r.ok), options.probeTimeoutMs);
  observations.baseline = [...prober.records];
  if (judgeRdsFailoverPreconditions(observations)) {
    await prober.stop();
    return observations;
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

  run.phase('recovery', `Watching the failover for up to ${seconds(options.observeMs)}: status, AZs and events (AWS reports a failover a minute or two after the call), while the writes go on`);
  const missing = await run.awaitAws(() => {
    const left: { ko: string; en: string }[] = [];
    if (!writesSettled(prober.records, faultAt, options.settleMs)) left.push({ ko: '쓰기 재개', en: 'writes to resume' });
    if (failoverNotAttempted(observer.eventIds())) return left;
    if (!azSwapped(before, observer.latest)) left.push({ ko: 'AZ 교체와 available 상태', en: 'the AZ swap and status available' });
    if (!failoverCompletedSeen(observer.eventIds())) left.push({ ko: '완료 이벤트(RDS-EVENT-0015/0049)', en: 'the completion event (RDS-EVENT-0015/0049)' });
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
  ownLooks.push(await lookUpOwnServers(run));
  const writes = prober.records;
  const lastSeq = seqBase + prober.sentCount - 1;
  let readBack: { committed: number[] } | { error: string };
  try {
    readBack = { committed: (await fetchCommittedWrites(target.appUrl, seqBase, lastSeq, { drillToken: target.drillToken })).map((w) => w.seq) };
    run.timeline.add('note', `Read back ${readBack.committed.length} committed writes (seq ${seqBase}..${lastSeq})`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    readBack = { error: message };
    run.note({ ko: `쓰기를 다시 읽지 못했습니다: ${message}`, en: `Could not read the writes back: ${message}` });
  }
  // The write gap goes into the timeline where it happened; the judge weighs it.
  const analysis = analyseWrites(writes, 'committed' in readBack ? readBack.committed : [], faultAt, endMs);
  if (analysis.gapFrom !== undefined) {
    run.timeline.add('note', `Write gap ${seconds(analysis.writeGapMs)}: last acknowledged write before the outage`, { seconds: (analysis.gapFrom - run.startMs) / 1000 }, analysis.gapFrom);
    if (analysis.gapTo !== undefined) run.timeline.add('note', 'First acknowledged write after the outage', {}, analysis.gapTo);
  }
  observations.failover = {
    probeIntervalMs: options.probeIntervalMs,
    faultAt,
    endMs,
    ...(observer.latest ? { after: observer.latest } : {}),
    eventIds: observer.eventIds(),
    writes,
    readBack,
    servers: { ...acknowledgedBy.result(), own: combineOwnLooks(ownLooks) },
  };
  return observations;
}

async function lookUpOwnServers(run: DrillRun): Promise<OwnDatabaseServers | { error: string }> {
  try {
    const own = await run.target.database.ownServers();
    run.timeline.add('note', `The deployment's own database: ${[...own.systemIdentifiers.map((id) => `system identifier ${id}`), ...own.addresses].join(', ') || 'nothing known'} (${own.source})`);
    return own;
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The union of the looks, or the first error: one missing look (before or after the
 * failover) would make the writes of that side look foreign.
 */
function combineOwnLooks(looks: (OwnDatabaseServers | { error: string })[]): OwnDatabaseServers | { error: string } {
  const failed = looks.find((look): look is { error: string } => 'error' in look);
  if (failed) return failed;
  return (looks as OwnDatabaseServers[]).reduce(mergeOwnServers);
}
