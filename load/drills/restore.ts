// drill.restore (checks.md): the DB restored to a temporary instance (point in time, or a
// snapshot or an AWS Backup recovery point) becomes available within the limit (RTO),
// holds every write acknowledged before the restore point up to the RPO limit, is
// readable with the application's credentials, and is deleted afterwards.
//
// The run records (judges/restore.ts judges): preconditions, then writes through the
// application on the prober's fixed schedule (the local rehearsal takes its base backup
// meanwhile), then the writes stop at a known moment and the restore is requested; the
// temporary instance is watched until available, its drill writes are read back, and it
// is deleted: always, also on Ctrl-C or an error (it is owned by the run, see drill-runner).
import type { DrillResult } from '../../contract/report';
import { isoAt, nowMs } from '../clock';
import { Prober } from '../prober';
import { judgeWrite, writeProbeRequest, writeSeqBase } from '../writes';
import { DrillRun, type DrillContext } from './drill-runner';
import { judgeRestore, judgeRestorePreconditions } from './judges/restore';
import type { RestoreObservations } from './observations';
import { seconds, secondsKo } from './wording';

export async function runRestoreDrill(context: DrillContext): Promise<DrillResult> {
  return new DrillRun('restore', context).execute(recordRestore, judgeRestore);
}

async function recordRestore(run: DrillRun): Promise<RestoreObservations> {
  const { target, options } = run;
  const restore = target.restore;
  if (!restore) throw new Error(`the ${target.kind} target cannot restore its database`);
  run.phase('preconditions', 'Checking the DB instance and its backups');
  const source = await restore.source();
  run.timeline.add('api-call', `DescribeDBInstances ${source.id}: ${source.status}, backups kept ${source.backupRetentionDays ?? '?'} days, latest restorable time ${source.latestRestorableTime ?? 'n/a'}`, { ...source });
  const observations: RestoreObservations = { from: options.restoreFrom, source };
  if (judgeRestorePreconditions(observations)) return observations;

  const seqBase = writeSeqBase();
  const prober = run.own(
    new Prober({
      intervalMs: options.probeIntervalMs,
      maxDurationMs: Math.max(1000, run.remainingMs()),
      timeoutMs: options.probeTimeoutMs,
      firstSeq: seqBase,
      request: writeProbeRequest(target.appUrl, target.drillToken),
      judge: judgeWrite,
      onRecord: (r) => run.record({ intendedAt: r.intendedAt, ok: r.ok, ...(r.errorKind ? { errorKind: r.errorKind } : {}), latencyMs: r.latencyMs }),
    }),
  );
  run.phase('baseline', `Writing every ${options.probeIntervalMs} ms to ${new URL('/drill/write', target.appUrl).href} for ${seconds(options.baselineMs)} before the restore`);
  prober.start();
  if (restore.backup) {
    // The base backup is taken while the writes go on, as a real backup is.
    await run.wait(options.baselineMs / 2);
    const action = await restore.backup();
    run.timeline.add('api-call', `${action.operation} ${action.resource}`, action.request);
    await run.wait(options.baselineMs / 2);
  } else {
    await run.wait(options.baselineMs);
  }
  await run.waitUntil(() => prober.records.some((r) => r.ok), options.probeTimeoutMs);
  // The writes stop at a known moment: every acknowledged write is older than the request.
  await prober.stop();
  observations.baseline = [...prober.records];
  if (judgeRestorePreconditions(observations) || run.aborted) return observations;

  run.phase('restore', `Restoring ${source.id} into a temporary instance (${options.restoreFrom}${options.restoreTimeMs !== undefined ? ` to ${isoAt(options.restoreTimeMs)}` : ''})`);
  const requestedAt = nowMs();
  const started = await restore.start({ from: options.restoreFrom, ...(options.restoreTimeMs !== undefined ? { restoreTimeMs: options.restoreTimeMs } : {}) });
  run.timeline.add('api-call', `${started.action.operation} ${started.action.resource}`, started.action.request, requestedAt);

  let deletion: NonNullable<RestoreObservations['restore']>['deletion'] | undefined;
  const remove = async (): Promise<void> => {
    if (deletion) return;
    deletion = { status: 'pending' };
    try {
      const action = await restore.remove(started.id);
      deletion = { status: action.status };
      run.timeline.add('api-call', `${action.operation} ${action.resource}: ${action.status}`, action.request);
      run.note({ ko: `임시 인스턴스 ${started.id}을(를) 최종 스냅샷 없이 삭제했습니다(${action.status}).`, en: `The temporary instance ${started.id} was deleted without a final snapshot (${action.status}).` });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deletion = { error: message };
      run.note({ ko: `임시 인스턴스 ${started.id}을(를) 삭제하지 못했습니다(${message}). 직접 삭제하세요.`, en: `Could not delete the temporary instance ${started.id} (${message}); delete it yourself.` });
    }
  };
  // Deleted whatever happens next: Ctrl-C, an error, the end of the drill.
  run.own({ stop: remove });

  let lastStatus = 'requested';
  let availableAt: number | undefined;
  let readBack: NonNullable<RestoreObservations['restore']>['readBack'] = { error: 'the restore did not finish' };
  try {
    run.phase('recovery', `Waiting up to ${seconds(options.limitMs)} for ${started.id} to be available`);
    await run.waitUntil(
      async () => {
        const now = await restore.describe(started.id);
        if (now.status !== lastStatus) run.timeline.add('event', `${started.id}: ${now.status}${now.endpoint ? ` at ${now.endpoint}` : ''}`, { ...now });
        lastStatus = now.status;
        const elapsed = nowMs() - requestedAt;
        run.state = { ko: `임시 인스턴스 ${started.id}: ${now.status}, ${secondsKo(elapsed)} 경과`, en: `temporary instance ${started.id}: ${now.status}, ${seconds(elapsed)} so far` };
        if (now.status === 'available') availableAt = nowMs();
        return availableAt !== undefined;
      },
      Math.max(0, requestedAt + options.limitMs - nowMs()),
      target.pollIntervalMs,
    );
    if (availableAt !== undefined) {
      run.phase('verify', `Reading the drill writes back from ${started.id}`);
      const lastSeq = seqBase + prober.sentCount - 1;
      try {
        const read = await restore.readWrites(started.id, seqBase, lastSeq);
        readBack = { present: read.seqs, via: read.via };
        run.timeline.add('note', `Read ${read.seqs.length} drill writes (seq ${seqBase}..${lastSeq}) from ${started.id} (${read.via.en})`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        readBack = { error: message };
        run.note({ ko: `복원된 인스턴스에서 쓰기를 읽지 못했습니다: ${message}`, en: `Could not read the writes from the restored instance: ${message}` });
      }
    } else if (!run.aborted) {
      run.note({
        ko: `복원을 요청하고 ${secondsKo(options.limitMs)} 동안 기다렸지만 ${started.id}이(가) available이 되지 않았습니다(마지막 상태 ${lastStatus}).`,
        en: `Waited ${seconds(options.limitMs)} after the restore request without ${started.id} becoming available (last status ${lastStatus}).`,
      });
    }
  } finally {
    run.phase('cleanup', `Deleting the temporary instance ${started.id}`);
    await remove();
  }
  observations.restore = {
    probeIntervalMs: options.probeIntervalMs,
    requestedAt,
    restorePointMs: options.restoreTimeMs ?? requestedAt,
    ...(started.restoredToMs !== undefined ? { restoredToMs: started.restoredToMs } : {}),
    instanceId: started.id,
    ...(availableAt !== undefined ? { availableAt } : {}),
    lastStatus,
    writes: prober.records,
    readBack,
    deletion: deletion ?? { error: 'not attempted' },
  };
  return observations;
}
