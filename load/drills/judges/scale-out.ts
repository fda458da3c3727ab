// The verdict of drill.scale-out (checks.md) from what the run saw: under the generated
// load the group raised desired capacity above its minimum, new instances turned
// InService and healthy in the target group, spread over >= 2 AZs, within the time limit.
// Pure: no I/O, no clock.
import { servingInstances, type DrillLimits, type GroupSnapshot, type ScaleOutObservations } from '../observations';
import { round, same, seconds, secondsKo } from '../wording';
import { criterion, failedNames, judgement, unfinished, type DrillJudgement } from './judgement';

/**
 * The group has scaled out in this snapshot, taken under the load: desired above the
 * minimum, at least one instance that was not there before serving, serving instances in
 * >= 2 AZs.
 */
export function groupScaledOut(snapshot: GroupSnapshot | undefined, load: { loadStart: number; initial: ReadonlySet<string> }): boolean {
  if (!snapshot || snapshot.at < load.loadStart) return false;
  const serving = servingInstances(snapshot);
  const fresh = serving.filter((i) => !load.initial.has(i.id));
  const zones = new Set(serving.map((i) => i.availabilityZone ?? '?'));
  return snapshot.group.desiredCapacity > snapshot.group.minSize && fresh.length > 0 && zones.size >= 2;
}

/**
 * The verdict when the drill cannot go on: the group has no room or no scaling policy, or
 * the load path does not answer. Undefined while the drill may go on.
 */
export function judgeScaleOutPreconditions(observations: ScaleOutObservations): DrillJudgement | undefined {
  const { group } = observations.start;
  if (group.maxSize <= group.minSize || group.desiredCapacity >= group.maxSize) {
    return judgement(
      {
        ko: `ASG ${group.name}의 최대 용량(${group.maxSize})이 더 늘어날 여지가 없습니다(최소 ${group.minSize}, 원하는 ${group.desiredCapacity}). 최대 용량을 늘리세요.`,
        en: `ASG ${group.name} cannot grow: max ${group.maxSize}, min ${group.minSize}, desired ${group.desiredCapacity}; raise its maximum size.`,
      },
      [criterion({ ko: '확장할 여유', en: 'room to scale out' }, { ko: '최대 용량 > 원하는 용량', en: 'max size > desired capacity' }, { ko: `최소 ${group.minSize}, 원하는 ${group.desiredCapacity}, 최대 ${group.maxSize}`, en: `min ${group.minSize}, desired ${group.desiredCapacity}, max ${group.maxSize}` }, false)],
    );
  }
  if (observations.policies.length === 0) {
    return judgement(
      { ko: `ASG ${group.name}에 스케일링 정책이 없어 부하가 있어도 늘어나지 않습니다.`, en: `ASG ${group.name} has no scaling policy, so load cannot make it grow.` },
      [criterion({ ko: '스케일링 정책 있음', en: 'a scaling policy exists' }, { ko: '정책 1개 이상', en: '>= 1 policy' }, { ko: '없음', en: 'none' }, false)],
    );
  }
  const loadPath = observations.loadPath;
  if (loadPath && !loadPath.ok) {
    return judgement(
      {
        ko: `부하 경로 ${loadPath.path}가 응답하지 않습니다(${loadPath.answer}). ${loadPath.onCpu ? 'API에 DRILL_ENDPOINTS=on이 설정됐는지 ' : ''}확인하세요.`,
        en: `The load path ${loadPath.path} does not answer (${loadPath.answer}); ${loadPath.onCpu ? 'check that the API runs with DRILL_ENDPOINTS=on' : 'check the application URL'}.`,
      },
      [criterion({ ko: '부하 경로 응답', en: 'load path answers' }, same('2xx'), same(loadPath.answer), false)],
      { error: true },
    );
  }
  return undefined;
}

export function judgeScaleOut(observations: ScaleOutObservations, limits: DrillLimits): DrillJudgement {
  const stopped = judgeScaleOutPreconditions(observations);
  if (stopped) return stopped;
  const { start, load } = observations;
  if (!load) return unfinished();
  const group = start.group;
  const initial = new Set(group.instances.map((i) => i.id));
  const { history, loadStart, endMs } = load;
  const peakDesired = history.reduce((peak, snapshot) => Math.max(peak, snapshot.group.desiredCapacity), 0);
  const scaledAt = history.find((snapshot) => groupScaledOut(snapshot, { loadStart, initial }))?.at;
  const final = history.at(-1) ?? start;
  const serving = servingInstances(final);
  const fresh = serving.filter((i) => !initial.has(i.id));
  const zones = [...new Set(serving.map((i) => i.availabilityZone ?? '?'))];
  const timeToScaleMs = scaledAt !== undefined ? scaledAt - loadStart : null;
  const criteria = [
    criterion({ ko: '원하는 용량이 최소보다 커짐', en: 'desired capacity rose above the minimum' }, same(`> ${group.minSize}`), { ko: `최고 ${peakDesired} (최소 ${group.minSize}, 최대 ${group.maxSize})`, en: `peak ${peakDesired} (min ${group.minSize}, max ${group.maxSize})` }, peakDesired > group.minSize),
    criterion({ ko: '새 인스턴스가 InService이고 대상 그룹에서 정상', en: 'new instances InService and healthy in the target group' }, { ko: '새 인스턴스 1대 이상 서비스', en: '>= 1 new instance serving' }, fresh.length ? same(fresh.map((i) => `${i.id} (${i.availabilityZone ?? '?'})`).join(', ')) : { ko: '없음', en: 'none' }, fresh.length > 0),
    criterion({ ko: '서비스 인스턴스가 2개 이상 AZ에 분산', en: 'serving instances spread over >= 2 AZs' }, { ko: 'AZ 2개 이상', en: '>= 2 AZs' }, zones.length ? same(zones.join(', ')) : { ko: '없음', en: 'none' }, zones.length >= 2),
    criterion(
      { ko: '제한 시간 안에', en: 'within the time limit' },
      { ko: `<= ${secondsKo(limits.limitMs)}`, en: `<= ${seconds(limits.limitMs)}` },
      timeToScaleMs !== null ? { ko: secondsKo(timeToScaleMs), en: seconds(timeToScaleMs) } : { ko: `${secondsKo(endMs - loadStart)} 안에 확장되지 않음`, en: `not within ${seconds(endMs - loadStart)}` },
      timeToScaleMs !== null && timeToScaleMs <= limits.limitMs,
    ),
  ];
  const pass = criteria.every((c) => c.pass);
  return judgement(
    pass
      ? {
          ko: `부하 ${load.rate} req/s에서 ${secondsKo(timeToScaleMs)} 만에 확장: 원하는 용량 최대 ${peakDesired}, ${zones.length}개 AZ에 ${serving.length}대 정상.`,
          en: `Under ${load.rate} req/s the group scaled out in ${seconds(timeToScaleMs)}: desired up to ${peakDesired}, ${serving.length} healthy instances in ${zones.length} AZs.`,
        }
      : {
          ko: `실패: ${failedNames(criteria).ko}.`,
          en: `Failed: ${failedNames(criteria).en}.`,
        },
    criteria,
    {
      metrics: {
        timeToScaleMs: timeToScaleMs === null ? null : Math.round(timeToScaleMs),
        peakDesired,
        minSize: group.minSize,
        maxSize: group.maxSize,
        servingAtEnd: serving.length,
        zonesAtEnd: zones.length,
        requestedRate: load.requestedRate,
        achievedRate: round(load.achievedRate, 1),
        peakScalingMetric: load.peakScalingMetric,
      },
    },
  );
}
