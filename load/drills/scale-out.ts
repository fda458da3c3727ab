// drill.scale-out (checks.md): under the generated load the ASG raises desired capacity
// above its minimum, the new instances turn InService and healthy in the target group,
// spread over >= 2 AZs, within the time limit (default 15 min).
//
// The load runner offers a fixed rate toward the application: /drill/burn when the
// group scales on CPU, product reads when it scales on requests per target. The load
// stops as soon as the group has scaled (or at the limit, on Ctrl-C, on any error).
import type { DrillResult } from '../../contract/report';
import { nowMs } from '../clock';
import { httpRequest } from '../http-probe';
import { startLoad, type LoadSummary } from '../load-runner';
import { GroupObserver, servingInstances } from './observe';
import { PROBE_PRODUCT_IDS } from './redis-failover';
import { criterion, DrillRun, failedNames, round, same, seconds, secondsKo, type DrillContext } from './run';

/** CPU burnt per request when the policy scales on CPU (the API caps it at BURN_MAX_MS). */
export const BURN_MS_PER_REQUEST = 50;

export async function runScaleOutDrill(context: DrillContext): Promise<DrillResult> {
  return new DrillRun('scale-out', context).execute(async (run) => {
    const { target, options } = run;
    run.phase('preconditions', 'Checking the Auto Scaling group, its scaling policy and targets');
    const observer = new GroupObserver(run, new Date(Date.now() - 60_000));
    await observer.observe();
    const start = observer.latest!;
    const policies = await target.group.scalingPolicies();
    run.timeline.add('api-call', `DescribePolicies: ${policies.length ? policies.map((p) => `${p.name} (${p.type}, ${p.metric}${p.targetValue !== undefined ? ` target ${p.targetValue}` : ''})`).join('; ') : 'none'}`, { policies });
    const group = start.group;
    if (group.maxSize <= group.minSize || group.desiredCapacity >= group.maxSize) {
      return {
        summary: {
          ko: `ASG ${group.name}의 최대 용량(${group.maxSize})이 더 늘어날 여지가 없습니다(최소 ${group.minSize}, 원하는 ${group.desiredCapacity}). 최대 용량을 늘리세요.`,
          en: `ASG ${group.name} cannot grow: max ${group.maxSize}, min ${group.minSize}, desired ${group.desiredCapacity}; raise its maximum size.`,
        },
        criteria: [criterion({ ko: '확장할 여유', en: 'room to scale out' }, { ko: '최대 용량 > 원하는 용량', en: 'max size > desired capacity' }, { ko: `최소 ${group.minSize}, 원하는 ${group.desiredCapacity}, 최대 ${group.maxSize}`, en: `min ${group.minSize}, desired ${group.desiredCapacity}, max ${group.maxSize}` }, false)],
      };
    }
    if (policies.length === 0) {
      return {
        summary: { ko: `ASG ${group.name}에 스케일링 정책이 없어 부하가 있어도 늘어나지 않습니다.`, en: `ASG ${group.name} has no scaling policy, so load cannot make it grow.` },
        criteria: [criterion({ ko: '스케일링 정책 있음', en: 'a scaling policy exists' }, { ko: '정책 1개 이상', en: '>= 1 policy' }, { ko: '없음', en: 'none' }, false)],
      };
    }
    const onCpu = policies.some((p) => p.metric === 'cpu') || !policies.some((p) => p.metric === 'requests');
    const paths = onCpu ? [`/drill/burn?ms=${BURN_MS_PER_REQUEST}`] : PROBE_PRODUCT_IDS.map((id) => `/products/${id}`);
    const check = await httpRequest({ url: new URL(paths[0]!, target.appUrl), timeoutMs: options.probeTimeoutMs });
    if (!check.ok) {
      return {
        status: 'error',
        summary: {
          ko: `부하 경로 ${paths[0]}가 응답하지 않습니다(${check.status ?? check.errorKind}). ${onCpu ? 'API에 DRILL_ENDPOINTS=on이 설정됐는지 ' : ''}확인하세요.`,
          en: `The load path ${paths[0]} does not answer (${check.status ?? check.errorKind}); ${onCpu ? 'check that the API runs with DRILL_ENDPOINTS=on' : 'check the application URL'}.`,
        },
        criteria: [criterion({ ko: '부하 경로 응답', en: 'load path answers' }, same('2xx'), same(String(check.status ?? check.errorKind)), false)],
      };
    }
    const initial = new Set(group.instances.map((i) => i.id));
    const watch = run.watch('Auto Scaling group', () => observer.observe(), target.pollIntervalMs);
    let peakMetric: number | null = null;
    let metricName = '';
    const metricWatch = run.watch(
      'scaling metric',
      async () => {
        const metric = await target.group.metric(new Date(Date.now() - 10 * 60_000));
        metricName = `${metric.name} (${metric.unit})`;
        for (const point of metric.points) peakMetric = Math.max(peakMetric ?? point.value, point.value);
      },
      Math.max(target.pollIntervalMs, 5000),
    );

    run.phase('load', `Offering ${options.rate} req/s to ${new URL(paths[0]!, target.appUrl).href}${paths.length > 1 ? ` (and ${paths.length - 1} more paths)` : ''} for up to ${seconds(options.limitMs)}`);
    const loadStart = nowMs();
    const load = run.own(
      startLoad({
        baseUrl: target.appUrl,
        paths,
        rate: options.rate,
        durationMs: Math.min(options.limitMs, run.remainingMs()),
        timeoutMs: options.probeTimeoutMs,
        recorder: run,
        signal: run.signal,
      }),
    );

    let scaledAt: number | undefined;
    const scaled = (): boolean => {
      const now = observer.latest;
      if (!now || now.at < loadStart) return false;
      const serving = servingInstances(now);
      const fresh = serving.filter((i) => !initial.has(i.id));
      const zones = new Set(serving.map((i) => i.availabilityZone ?? '?'));
      const ok = now.group.desiredCapacity > now.group.minSize && fresh.length > 0 && zones.size >= 2;
      if (ok) scaledAt ??= now.at;
      return ok;
    };
    const loadEnded = { value: false };
    void load.done.then(() => (loadEnded.value = true));
    await run.waitUntil(() => scaled() || loadEnded.value, options.limitMs, 1000);
    const stoppedBecause = scaled() ? 'the group scaled out' : loadEnded.value ? 'the time limit was reached' : run.aborted ? 'the drill was stopped' : 'the time limit was reached';
    run.phase('stop', `Stopping the load: ${stoppedBecause}`);
    const summary: LoadSummary = await load.stop();
    await watch.once();
    await watch.stop();
    await metricWatch.stop();
    scaled();

    const final = observer.latest!;
    const serving = servingInstances(final);
    const fresh = serving.filter((i) => !initial.has(i.id));
    const zones = [...new Set(serving.map((i) => i.availabilityZone ?? '?'))];
    const timeToScaleMs = scaledAt !== undefined ? scaledAt - loadStart : null;
    const criteria = [
      criterion({ ko: '원하는 용량이 최소보다 커짐', en: 'desired capacity rose above the minimum' }, same(`> ${group.minSize}`), { ko: `최고 ${observer.peakDesired} (최소 ${group.minSize}, 최대 ${group.maxSize})`, en: `peak ${observer.peakDesired} (min ${group.minSize}, max ${group.maxSize})` }, observer.peakDesired > group.minSize),
      criterion({ ko: '새 인스턴스가 InService이고 대상 그룹에서 정상', en: 'new instances InService and healthy in the target group' }, { ko: '새 인스턴스 1대 이상 서비스', en: '>= 1 new instance serving' }, fresh.length ? same(fresh.map((i) => `${i.id} (${i.availabilityZone ?? '?'})`).join(', ')) : { ko: '없음', en: 'none' }, fresh.length > 0),
      criterion({ ko: '서비스 인스턴스가 2개 이상 AZ에 분산', en: 'serving instances spread over >= 2 AZs' }, { ko: 'AZ 2개 이상', en: '>= 2 AZs' }, zones.length ? same(zones.join(', ')) : { ko: '없음', en: 'none' }, zones.length >= 2),
      criterion(
        { ko: '제한 시간 안에', en: 'within the time limit' },
        { ko: `<= ${secondsKo(options.limitMs)}`, en: `<= ${seconds(options.limitMs)}` },
        timeToScaleMs !== null ? { ko: secondsKo(timeToScaleMs), en: seconds(timeToScaleMs) } : { ko: `${secondsKo(nowMs() - loadStart)} 안에 확장되지 않음`, en: `not within ${seconds(nowMs() - loadStart)}` },
        timeToScaleMs !== null && timeToScaleMs <= options.limitMs,
      ),
    ];
    const pass = criteria.every((c) => c.pass);
    if (summary.error) run.note({ ko: `부하 실행기가 보고한 오류: ${summary.error}`, en: `The load runner reported: ${summary.error}` });
    if (peakMetric !== null) run.timeline.add('note', `Peak of the scaling metric ${metricName}: ${peakMetric}`);
    return {
      summary: pass
        ? {
            ko: `부하 ${options.rate} req/s에서 ${secondsKo(timeToScaleMs)} 만에 확장: 원하는 용량 최대 ${observer.peakDesired}, ${zones.length}개 AZ에 ${serving.length}대 정상.`,
            en: `Under ${options.rate} req/s the group scaled out in ${seconds(timeToScaleMs)}: desired up to ${observer.peakDesired}, ${serving.length} healthy instances in ${zones.length} AZs.`,
          }
        : {
            ko: `실패: ${failedNames(criteria).ko}.`,
            en: `Failed: ${failedNames(criteria).en}.`,
          },
      criteria,
      metrics: {
        timeToScaleMs: timeToScaleMs === null ? null : Math.round(timeToScaleMs),
        peakDesired: observer.peakDesired,
        minSize: group.minSize,
        maxSize: group.maxSize,
        servingAtEnd: serving.length,
        zonesAtEnd: zones.length,
        requestedRate: summary.requestedRate,
        achievedRate: round(summary.achievedRate, 1),
        peakScalingMetric: peakMetric,
      },
    };
  });
}
