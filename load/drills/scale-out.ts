// drill.scale-out (checks.md): under the generated load the ASG raises desired capacity
// above its minimum, the new instances turn InService and healthy in the target group,
// spread over >= 2 AZs, within the time limit (default 15 min).
//
// The run records, judges/scale-out.ts judges. The load runner offers a fixed rate
// toward the application: /drill/burn when the group scales on CPU, product reads when it
// scales on requests per target. The load stops as soon as the group has scaled (or at
// the limit, on Ctrl-C, on any error).
import type { DrillResult } from '../../contract/report';
import { nowMs } from '../clock';
import { httpRequest } from '../http-probe';
import { startLoad, type LoadSummary } from '../load-runner';
import { DrillRun, type DrillContext } from './drill-runner';
import { groupScaledOut, judgeScaleOut, judgeScaleOutPreconditions } from './judges/scale-out';
import { GroupObserver } from './observe';
import type { ScaleOutObservations } from './observations';
import { PROBE_PRODUCT_IDS } from './redis-failover';
import { seconds } from './wording';
import { drillHeaders } from '../writes';

/** CPU burnt per request when the policy scales on CPU (the API caps it at BURN_MAX_MS). */
export const BURN_MS_PER_REQUEST = 50;

export async function runScaleOutDrill(context: DrillContext): Promise<DrillResult> {
  return new DrillRun('scale-out', context).execute(recordScaleOut, judgeScaleOut);
}

async function recordScaleOut(run: DrillRun): Promise<ScaleOutObservations> {
  const { target, options } = run;
  run.phase('preconditions', 'Checking the Auto Scaling group, its scaling policy and targets');
  const observer = new GroupObserver(run, new Date(Date.now() - 60_000));
  await observer.observe();
  const start = observer.latest!;
  const policies = await target.group.scalingPolicies();
  run.timeline.add('api-call', `DescribePolicies: ${policies.length ? policies.map((p) => `${p.name} (${p.type}, ${p.metric}${p.targetValue !== undefined ? ` target ${p.targetValue}` : ''})`).join('; ') : 'none'}`, { policies });
  const observations: ScaleOutObservations = { start, policies };
  if (judgeScaleOutPreconditions(observations)) return observations;
  const onCpu = policies.some((p) => p.metric === 'cpu') || !policies.some((p) => p.metric === 'requests');
  const paths = onCpu ? [`/drill/burn?ms=${BURN_MS_PER_REQUEST}`] : PROBE_PRODUCT_IDS.map((id) => `/products/${id}`);
  const headers = onCpu ? drillHeaders(target.drillToken) : {};
  const check = await httpRequest({ url: new URL(paths[0]!, target.appUrl), headers, timeoutMs: options.probeTimeoutMs });
  observations.loadPath = { path: paths[0]!, onCpu, ok: check.ok, answer: String(check.status ?? check.errorKind) };
  if (judgeScaleOutPreconditions(observations)) return observations;
  const initial = new Set(start.group.instances.map((i) => i.id));
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
      headers,
      rate: options.rate,
      durationMs: Math.min(options.limitMs, run.remainingMs()),
      timeoutMs: options.probeTimeoutMs,
      recorder: run,
      signal: run.signal,
    }),
  );

  const scaled = (): boolean => groupScaledOut(observer.latest, { loadStart, initial });
  const loadEnded = { value: false };
  void load.done.then(() => (loadEnded.value = true));
  await run.waitUntil(() => scaled() || loadEnded.value, options.limitMs, 1000);
  const stoppedBecause = scaled() ? 'the group scaled out' : loadEnded.value ? 'the time limit was reached' : run.aborted ? 'the drill was stopped' : 'the time limit was reached';
  run.phase('stop', `Stopping the load: ${stoppedBecause}`);
  const summary: LoadSummary = await load.stop();
  await watch.once();
  await watch.stop();
  await metricWatch.stop();
  const endMs = nowMs();

  if (summary.error) run.note({ ko: `부하 실행기가 보고한 오류: ${summary.error}`, en: `The load runner reported: ${summary.error}` });
  if (peakMetric !== null) run.timeline.add('note', `Peak of the scaling metric ${metricName}: ${peakMetric}`);
  observations.load = {
    rate: options.rate,
    loadStart,
    endMs,
    history: observer.history,
    requestedRate: summary.requestedRate,
    achievedRate: summary.achievedRate,
    peakScalingMetric: peakMetric,
  };
  return observations;
}
