// The verdict of drill.instance-loss (checks.md) from what the run saw: after one app
// instance is terminated, user-visible errors stop within the limit, the group is back to
// desired capacity with healthy targets within the recovery limit, and the terminated
// instance was replaced. Pure: no I/O, no clock.
import { servingInstances, type DrillLimits, type GroupSnapshot, type InstanceLossObservations } from '../observations';
import { same, seconds, secondsKo } from '../wording';
import { criterion, failedNames, judgement, unfinished, type DrillJudgement } from './judgement';

/**
 * The group has recovered in this snapshot, taken after the loss: the victim is gone, at
 * least `desired` instances serve, and every InService instance is healthy. The group's
 * own instances count; a target left over from the lost instance (draining, or unused
 * once terminated) does not.
 */
export function groupRecovered(snapshot: GroupSnapshot | undefined, loss: { faultAt: number; victimId: string; desired: number }): boolean {
  if (!snapshot || snapshot.at < loss.faultAt) return false;
  const ids = new Set(snapshot.group.instances.map((i) => i.id));
  const healthy = new Set(snapshot.health.filter((h) => h.state === 'healthy').map((h) => h.id));
  const inService = snapshot.group.instances.filter((i) => i.lifecycleState === 'InService');
  return !ids.has(loss.victimId) && servingInstances(snapshot).length >= loss.desired && inService.every((i) => healthy.has(i.id));
}

/** How long the group is watched after the loss: the longer of the recovery limit and the observation window. */
export function instanceLossWatchMs(limits: DrillLimits): number {
  return Math.max(limits.recoveryLimitMs, limits.observeMs);
}

/** The verdict when the drill cannot go on: fewer than 2 instances serve. Undefined while it may go on. */
export function judgeInstanceLossPreconditions(observations: InstanceLossObservations): DrillJudgement | undefined {
  const serving = servingInstances(observations.start);
  if (serving.length < 2) {
    return judgement(
      {
        ko: `정상 인스턴스가 ${serving.length}대뿐이라 한 대를 잃으면 서비스가 멈춥니다. 두 AZ에 2대 이상 두고 다시 실행하세요.`,
        en: `Only ${serving.length} instance(s) serve; losing one would stop the shop. Run at least 2 instances in 2 AZs and try again.`,
      },
      [criterion({ ko: '손실 전 정상 인스턴스 2대 이상', en: 'at least 2 healthy instances before the loss' }, { ko: 'InService이고 정상인 인스턴스 2대 이상', en: '>= 2 InService and healthy' }, same(String(serving.length)), false)],
    );
  }
  return undefined;
}

export function judgeInstanceLoss(observations: InstanceLossObservations, limits: DrillLimits): DrillJudgement {
  const stopped = judgeInstanceLossPreconditions(observations);
  if (stopped) return stopped;
  const { start, loss } = observations;
  if (!loss) return unfinished();
  const { victim, faultAt, history, reads, probeIntervalMs } = loss;
  const desired = start.group.desiredCapacity;
  const watchMs = instanceLossWatchMs(limits);
  const recoveredAt = history.find((snapshot) => groupRecovered(snapshot, { faultAt, victimId: victim.id, desired }))?.at;
  const errors = reads.filter((r) => r.intendedAt >= faultAt && !r.ok).sort((a, b) => a.intendedAt - b.intendedAt);
  const lastError = errors.at(-1);
  // User-visible errors: from the termination to the last failed probe.
  const errorWindowMs = lastError ? lastError.intendedAt - faultAt + probeIntervalMs : 0;
  const recoveryMs = recoveredAt !== undefined ? recoveredAt - faultAt : null;
  const final = history.at(-1) ?? start;
  const finalServing = servingInstances(final);
  const zones = new Set(finalServing.map((i) => i.availabilityZone ?? '?'));
  const victimGone = !final.group.instances.some((i) => i.id === victim.id);
  const criteria = [
    criterion(
      { ko: '사용자에게 보인 오류가 제한 시간 안에 멈춤', en: 'user-visible errors stop within the limit' },
      { ko: `손실 후 ${secondsKo(limits.limitMs)} 안에 오류 종료`, en: `errors end <= ${seconds(limits.limitMs)} after the loss` },
      errors.length ? { ko: `${secondsKo(errorWindowMs)} 동안 조회 실패 ${errors.length}건`, en: `${errors.length} failed reads over ${seconds(errorWindowMs)}` } : { ko: '조회 실패 없음', en: 'no failed read' },
      errorWindowMs <= limits.limitMs,
    ),
    criterion(
      { ko: '그룹이 원하는 용량과 정상 타깃으로 회복', en: 'group back to desired capacity with healthy targets' },
      { ko: `${secondsKo(limits.recoveryLimitMs)} 안에 InService이고 정상인 인스턴스 ${desired}대`, en: `${desired} InService and healthy within ${seconds(limits.recoveryLimitMs)}` },
      recoveryMs !== null
        ? { ko: `${secondsKo(recoveryMs)} 후 ${finalServing.length}대 서비스 (AZ ${[...zones].join(', ')})`, en: `${finalServing.length} serving after ${seconds(recoveryMs)} (zones ${[...zones].join(', ')})` }
        : { ko: `관찰 ${secondsKo(watchMs)}이 끝날 때 ${desired}대 중 ${finalServing.length}대 서비스`, en: `${finalServing.length} serving of ${desired} when the ${seconds(watchMs)} watch ended` },
      recoveryMs !== null && recoveryMs <= limits.recoveryLimitMs,
    ),
    criterion(
      { ko: '종료된 인스턴스가 교체됨', en: 'the terminated instance was replaced' },
      { ko: `${victim.id} 대신 새 인스턴스`, en: `a new instance instead of ${victim.id}` },
      victimGone ? { ko: `${victim.id} 빠짐`, en: `${victim.id} gone` } : { ko: `${victim.id}가 아직 그룹에 있음`, en: `${victim.id} still in the group` },
      victimGone,
    ),
  ];
  const pass = criteria.every((c) => c.pass);
  return judgement(
    pass
      ? {
          ko: `인스턴스 손실 후 오류 ${secondsKo(errorWindowMs)} 이내 종료, ${secondsKo(recoveryMs)} 만에 원하는 용량(${desired}) 회복.`,
          en: `After losing an instance, errors stopped within ${seconds(errorWindowMs)} and the group was back to ${desired} healthy instances in ${seconds(recoveryMs)}.`,
        }
      : {
          ko: `실패: ${failedNames(criteria).ko}.`,
          en: `Failed: ${failedNames(criteria).en}.`,
        },
    criteria,
    {
      metrics: {
        errorWindowMs: Math.round(errorWindowMs),
        failedReadsAfterLoss: errors.length,
        recoveryMs: recoveryMs === null ? null : Math.round(recoveryMs),
        desiredCapacity: desired,
        servingAtEnd: finalServing.length,
      },
    },
  );
}
