// The verdict of drill.restore (checks.md) from what the run saw: the DB restored to a
// temporary instance becomes available within the limit (RTO, default 30 min), holds every
// write acknowledged before the restore point up to the RPO limit (default 5 min for a
// point in time), is readable with the application's credentials, and the temporary
// instance is deleted afterwards. Pure: no I/O, no clock.
//
// RPO, measured: the acknowledged writes before the restore point, oldest first; the
// restore keeps them up to the first one missing. RPO is the time from the newest write
// acknowledged before the restore point back to the last write kept before that first
// gap (0 when none is missing). A restore that keeps none of them lost at least the whole
// write window: RPO is then a lower bound, and says so.
import type { DrillLimits, RestoreObservations } from '../observations';
import { same, seconds, secondsKo } from '../wording';
import { criterion, failedNames, judgement, unfinished, type DrillJudgement } from './judgement';

/** A write probe of the drill (the prober's record, as the observations carry it). */
type WriteRecord = NonNullable<RestoreObservations['restore']>['writes'][number];

export interface RestoredWritesAnalysis {
  /** Writes acknowledged at or before the restore point. */
  acknowledgedBefore: number;
  /** Of those, the ones the restored instance does not hold (seq, oldest first). */
  missing: number[];
  /** Writes the restored instance holds that were acknowledged after the restore point (a point-in-time restore went past its target). */
  presentAfterPoint: number;
  /** Null when no write was acknowledged before the restore point. */
  rpoMs: number | null;
  /** True when none of the writes was kept: the loss is at least rpoMs. */
  rpoLowerBound: boolean;
  /** Epoch ms the newest write before the restore point was acknowledged, and the newest one kept before any gap. */
  newestAcknowledgedAt?: number;
  newestKeptAt?: number;
}

export function analyseRestoredWrites(writes: WriteRecord[], present: Iterable<number>, restorePointMs: number): RestoredWritesAnalysis {
  const held = new Set(present);
  const before = writes.filter((w) => w.ok && w.doneAt <= restorePointMs).sort((a, b) => a.doneAt - b.doneAt);
  const presentAfterPoint = writes.filter((w) => w.doneAt > restorePointMs && held.has(w.seq)).length;
  const missing = before.filter((w) => !held.has(w.seq)).map((w) => w.seq);
  const newest = before.at(-1);
  if (!newest) return { acknowledgedBefore: 0, missing, presentAfterPoint, rpoMs: null, rpoLowerBound: false };
  const firstGap = before.findIndex((w) => !held.has(w.seq));
  if (firstGap === -1) return { acknowledgedBefore: before.length, missing, presentAfterPoint, rpoMs: 0, rpoLowerBound: false, newestAcknowledgedAt: newest.doneAt, newestKeptAt: newest.doneAt };
  if (firstGap === 0) {
    return { acknowledgedBefore: before.length, missing, presentAfterPoint, rpoMs: newest.doneAt - before[0]!.intendedAt, rpoLowerBound: true, newestAcknowledgedAt: newest.doneAt };
  }
  const kept = before[firstGap - 1]!;
  return { acknowledgedBefore: before.length, missing, presentAfterPoint, rpoMs: newest.doneAt - kept.doneAt, rpoLowerBound: false, newestAcknowledgedAt: newest.doneAt, newestKeptAt: kept.doneAt };
}

const FROM_WORDS = {
  'point-in-time': { ko: '특정 시점 복원', en: 'point-in-time restore' },
  snapshot: { ko: '스냅샷에서 복원', en: 'restore from a snapshot' },
  'recovery-point': { ko: 'AWS Backup 복구 시점에서 복원', en: 'restore from an AWS Backup recovery point' },
} as const;

/** The verdict when the drill cannot go on; undefined while it may. */
export function judgeRestorePreconditions(observations: RestoreObservations): DrillJudgement | undefined {
  const { source, baseline, from } = observations;
  if (source.clusterId) {
    // A DB cluster's members are restored with the cluster (RDS API reference, RestoreDBInstanceToPointInTime: "doesn't apply to Aurora"; RestoreDBClusterToPointInTime).
    return judgement(
      {
        ko: `DB 인스턴스 ${source.id}는 DB 클러스터 ${source.clusterId}의 멤버입니다. 이 드릴은 DB 인스턴스 복원만 지원하며 DB 클러스터 복원(RestoreDBClusterToPointInTime)은 지원하지 않으므로 판정하지 않았습니다.`,
        en: `DB instance ${source.id} is a member of the DB cluster ${source.clusterId}; this drill restores DB instances only, not DB clusters (RestoreDBClusterToPointInTime), so it did not judge anything.`,
      },
      [
        criterion(
          { ko: 'DB 인스턴스(DB 클러스터 아님)', en: 'a DB instance (not a DB cluster)' },
          { ko: 'DB 클러스터에 속하지 않은 DB 인스턴스', en: 'a DB instance outside any DB cluster' },
          { ko: `DB 클러스터 ${source.clusterId}의 멤버(지원하지 않음)`, en: `member of DB cluster ${source.clusterId} (not supported)` },
          false,
        ),
      ],
      { error: true },
    );
  }
  if (source.status !== 'available') {
    return judgement(
      { ko: `DB 인스턴스 ${source.id}의 상태가 ${source.status}입니다. available이 된 뒤 다시 실행하세요.`, en: `DB instance ${source.id} is ${source.status}; run the drill again once it is available.` },
      [criterion({ ko: '드릴 전 DB 인스턴스가 available', en: 'DB instance available before the drill' }, same('available'), same(source.status), false)],
      { error: true },
    );
  }
  if (from === 'point-in-time' && source.backupRetentionDays === 0) {
    // BackupRetentionPeriod 0 turns automated backups off, and with them point-in-time recovery (RDS User Guide, USER_WorkingWithAutomatedBackups).
    return judgement(
      {
        ko: `DB 인스턴스 ${source.id}의 자동 백업이 꺼져 있어(보존 기간 0일) 특정 시점으로 복원할 수 없습니다. 백업 보존 기간을 7일 이상으로 두세요.`,
        en: `DB instance ${source.id} has automated backups off (retention 0 days), so it cannot be restored to a point in time; keep backups for 7 days or more.`,
      },
      [criterion({ ko: '자동 백업 켜짐', en: 'automated backups on' }, { ko: '보존 기간 1일 이상', en: 'retention of 1 day or more' }, { ko: '보존 기간 0일', en: 'retention 0 days' }, false)],
    );
  }
  if (baseline && !baseline.some((r) => r.ok)) {
    const kinds = [...new Set(baseline.map((r) => r.errorKind ?? 'ok'))].join(', ');
    return judgement(
      {
        ko: `복원 전에 쓰기가 한 번도 성공하지 않았습니다(${kinds}). API가 실행 중이고 DRILL_ENDPOINTS=on인지 확인하세요.`,
        en: `No write was acknowledged before the restore (${kinds}); check that the API runs with DRILL_ENDPOINTS=on.`,
      },
      [criterion({ ko: '복원 전 확인된 쓰기', en: 'writes acknowledged before the restore' }, same('> 0'), same('0'), false)],
      { error: true },
    );
  }
  return undefined;
}

export function judgeRestore(observations: RestoreObservations, limits: DrillLimits): DrillJudgement {
  const stopped = judgeRestorePreconditions(observations);
  if (stopped) return stopped;
  const { restore, from } = observations;
  if (!restore) return unfinished();
  const rtoMs = restore.availableAt !== undefined ? restore.availableAt - restore.requestedAt : null;
  const rtoOk = rtoMs !== null && rtoMs <= limits.limitMs;
  const readBackError = 'error' in restore.readBack ? restore.readBack.error : undefined;
  const present = 'present' in restore.readBack ? restore.readBack.present : [];
  const analysis = analyseRestoredWrites(restore.writes, present, restore.restorePointMs);
  const measured = restore.availableAt !== undefined && !readBackError;
  const rpoOk = measured && analysis.rpoMs !== null && !analysis.rpoLowerBound && analysis.rpoMs <= limits.rpoLimitMs;
  const missingList = `seq ${analysis.missing.slice(0, 10).join(', ')}${analysis.missing.length > 10 ? ', ...' : ''}`;
  const rpoText = analysis.rpoLowerBound ? { ko: `${secondsKo(analysis.rpoMs)} 이상`, en: `at least ${seconds(analysis.rpoMs)}` } : { ko: secondsKo(analysis.rpoMs), en: seconds(analysis.rpoMs) };
  const deletionError = 'error' in restore.deletion ? restore.deletion.error : undefined;

  const criteria = [
    criterion(
      { ko: '복원된 인스턴스가 제한 시간 안에 available (RTO)', en: 'restored instance available within the limit (RTO)' },
      { ko: `요청부터 available까지 <= ${secondsKo(limits.limitMs)}`, en: `<= ${seconds(limits.limitMs)} from the request to available` },
      rtoMs !== null
        ? { ko: `${secondsKo(rtoMs)} (임시 인스턴스 ${restore.instanceId})`, en: `${seconds(rtoMs)} (temporary instance ${restore.instanceId})` }
        : { ko: `available이 되지 않음 (마지막 상태 ${restore.lastStatus})`, en: `not available (last status ${restore.lastStatus})` },
      rtoOk,
    ),
    criterion(
      { ko: '복원 지점 전에 확인된 쓰기 보존 (RPO)', en: 'writes acknowledged before the restore point kept (RPO)' },
      { ko: `잃은 데이터 <= ${secondsKo(limits.rpoLimitMs)}`, en: `data lost <= ${seconds(limits.rpoLimitMs)}` },
      !measured
        ? readBackError
          ? { ko: `복원된 데이터를 읽지 못해 측정하지 못함 (${readBackError})`, en: `not measured: the restored data could not be read (${readBackError})` }
          : { ko: '복원이 끝나지 않아 측정하지 못함', en: 'not measured: the restore did not finish' }
        : analysis.rpoMs === null
          ? { ko: '복원 지점 전에 확인된 쓰기가 없어 측정하지 못함(복원 시점이 드릴의 쓰기보다 이름)', en: "not measured: no write was acknowledged before the restore point (it precedes the drill's writes)" }
          : analysis.missing.length === 0
          ? { ko: `RPO 0초: 확인된 ${analysis.acknowledgedBefore}건 모두 있음`, en: `RPO 0 s: all ${analysis.acknowledgedBefore} acknowledged writes present` }
          : {
              ko: `RPO ${rpoText.ko}: 확인된 ${analysis.acknowledgedBefore}건 중 ${analysis.missing.length}건 없음 (${missingList})`,
              en: `RPO ${rpoText.en}: ${analysis.missing.length} of ${analysis.acknowledgedBefore} acknowledged writes missing (${missingList})`,
            },
      rpoOk,
    ),
    criterion(
      { ko: '복원된 데이터를 애플리케이션 자격 증명으로 읽을 수 있음', en: "restored data readable with the application's credentials" },
      { ko: '드릴 쓰기 테이블을 읽음', en: 'the drill writes table is read' },
      readBackError
        ? { ko: `읽지 못함 (${readBackError})`, en: `not readable (${readBackError})` }
        : restore.availableAt === undefined
          ? { ko: '복원이 끝나지 않아 읽지 않음', en: 'not read: the restore did not finish' }
          : { ko: `${present.length}건 읽음 (${'via' in restore.readBack ? restore.readBack.via.ko : ''})`, en: `${present.length} rows read (${'via' in restore.readBack ? restore.readBack.via.en : ''})` },
      restore.availableAt !== undefined && !readBackError,
    ),
    criterion(
      { ko: '임시 인스턴스 삭제', en: 'temporary instance deleted' },
      { ko: '최종 스냅샷 없이 삭제 요청이 받아들여짐', en: 'deletion without a final snapshot accepted' },
      deletionError
        ? { ko: `삭제하지 못함 (${deletionError}): ${restore.instanceId}을(를) 직접 삭제하세요`, en: `not deleted (${deletionError}): delete ${restore.instanceId} yourself` }
        : { ko: `${restore.instanceId}: ${'status' in restore.deletion ? restore.deletion.status : ''}`, en: `${restore.instanceId}: ${'status' in restore.deletion ? restore.deletion.status : ''}` },
      !deletionError,
    ),
  ];
  const pass = criteria.every((c) => c.pass);
  const failed = failedNames(criteria);
  const kind = FROM_WORDS[from];
  return judgement(
    pass
      ? {
          ko: `${kind.ko} 성공: RTO ${secondsKo(rtoMs)}, RPO ${rpoText.ko}, 확인된 쓰기 ${analysis.acknowledgedBefore}건 중 ${analysis.acknowledgedBefore - analysis.missing.length}건 보존, 임시 인스턴스 삭제.`,
          en: `${kind.en[0]!.toUpperCase()}${kind.en.slice(1)} passed: RTO ${seconds(rtoMs)}, RPO ${rpoText.en}, ${analysis.acknowledgedBefore - analysis.missing.length} of ${analysis.acknowledgedBefore} acknowledged writes kept, temporary instance deleted.`,
        }
      : { ko: `실패: ${failed.ko} (RTO ${secondsKo(rtoMs)}, RPO ${rpoText.ko}).`, en: `Failed: ${failed.en} (RTO ${seconds(rtoMs)}, RPO ${rpoText.en}).` },
    criteria,
    {
      error: readBackError !== undefined || (measured && analysis.rpoMs === null),
      metrics: {
        rtoMs: rtoMs === null ? null : Math.round(rtoMs),
        rpoMs: measured && analysis.rpoMs !== null ? Math.round(analysis.rpoMs) : null,
        acknowledgedWrites: analysis.acknowledgedBefore,
        missingWrites: measured ? analysis.missing.length : null,
        writesAfterRestorePoint: measured ? analysis.presentAfterPoint : null,
        restoredToLagMs: restore.restoredToMs !== undefined ? Math.round(restore.restorePointMs - restore.restoredToMs) : null,
        rtoLimitMs: limits.limitMs,
        rpoLimitMs: limits.rpoLimitMs,
        probeIntervalMs: restore.probeIntervalMs,
      },
    },
  );
}
