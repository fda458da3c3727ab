// drill.instance-loss (checks.md): after one app instance is terminated, user-visible
// errors stop within the limit and the ASG is back to desired capacity with healthy
// targets. The prober reads GET /products/:id on a fixed schedule; one InService
// instance of the group is terminated (TerminateInstanceInAutoScalingGroup, without
// decrementing the desired capacity, so the group must replace it).
//
// The run records, judges/instance-loss.ts judges. The error window is what users saw,
// judged on the limit; the replacement is what Auto Scaling and the target group report,
// and a new instance takes minutes to launch and pass its health checks: the drill
// watches the group for the longer of the recovery limit and the observation window, and
// judges the recovery time on its own limit.
import type { DrillResult } from '../../contract/report';
import { nowMs } from '../clock';
import { Prober } from '../prober';
import { DrillRun, type DrillContext } from './drill-runner';
import { groupRecovered, instanceLossWatchMs, judgeInstanceLoss, judgeInstanceLossPreconditions } from './judges/instance-loss';
import { GroupObserver } from './observe';
import { servingInstances, type InstanceLossObservations } from './observations';
import { productProbeRequest } from './redis-failover';
import { probesSettled } from './settled';
import { seconds, secondsKo } from './wording';

export async function runInstanceLossDrill(context: DrillContext): Promise<DrillResult> {
  return new DrillRun('instance-loss', context).execute(recordInstanceLoss, judgeInstanceLoss);
}


async function recordInstanceLoss(run: DrillRun): Promise<InstanceLossObservations> {
  const { target, options } = run;
  run.phase('preconditions', 'Checking the Auto Scaling group and its targets');
  const observer = new GroupObserver(run, new Date(Date.now() - 60_000));
  await observer.observe();
  const start = observer.latest!;
  const serving = servingInstances(start);
  run.timeline.add('api-call', `DescribeAutoScalingGroups ${start.group.name}: desired ${start.group.desiredCapacity}, ${serving.length} instance(s) InService and healthy`, {
    desired: start.group.desiredCapacity,
    serving: serving.map((i) => i.id),
  });
  const observations: InstanceLossObservations = { start };
  if (judgeInstanceLossPreconditions(observations)) return observations;
  if (start.group.desiredCapacity < start.group.minSize || serving.length < start.group.desiredCapacity) {
    run.note({
      ko: `드릴 전에 그룹이 안정 상태가 아니었습니다(원하는 용량 ${start.group.desiredCapacity}, 서비스 중 ${serving.length}대).`,
      en: `The group was not steady before the drill (desired ${start.group.desiredCapacity}, ${serving.length} serving).`,
    });
  }

  const prober = run.own(
    new Prober({
      intervalMs: options.probeIntervalMs,
      maxDurationMs: Math.max(1000, run.remainingMs()),
      timeoutMs: options.probeTimeoutMs,
      request: productProbeRequest(target.appUrl),
      onRecord: (r) => run.record({ intendedAt: r.intendedAt, ok: r.ok, ...(r.errorKind ? { errorKind: r.errorKind } : {}), latencyMs: r.latencyMs }),
    }),
  );
  const watch = run.watch('Auto Scaling group', () => observer.observe(), target.pollIntervalMs);
  run.phase('baseline', `Reading products every ${options.probeIntervalMs} ms through ${target.appUrl}`);
  prober.start();
  await run.wait(options.baselineMs);

  // The victim: a serving instance in the zone with the most serving instances, so the
  // loss never empties a zone that has only one.
  const byZone = new Map<string, number>();
  for (const i of serving) byZone.set(i.availabilityZone ?? '?', (byZone.get(i.availabilityZone ?? '?') ?? 0) + 1);
  const victim = [...serving].sort((a, b) => (byZone.get(b.availabilityZone ?? '?') ?? 0) - (byZone.get(a.availabilityZone ?? '?') ?? 0) || a.id.localeCompare(b.id))[0]!;
  run.phase('loss', `Terminating instance ${victim.id} (${victim.availabilityZone ?? '?'})`);
  const faultAt = nowMs();
  const action = await target.group.terminateInstance(victim.id);
  run.timeline.add('api-call', `${action.operation} ${action.resource}`, action.request, faultAt);

  const desired = start.group.desiredCapacity;
  const watchMs = instanceLossWatchMs(options);
  run.phase('recovery', `Watching for up to ${seconds(watchMs)} while the group replaces the instance and the reads go on`);
  const missing = await run.awaitAws(() => {
    const left: { ko: string; en: string }[] = [];
    if (!groupRecovered(observer.latest, { faultAt, victimId: victim.id, desired })) left.push({ ko: `정상 인스턴스 ${desired}대로 회복`, en: `the group back to ${desired} healthy instances` });
    if (!probesSettled(prober.records, faultAt, options.settleMs)) left.push({ ko: '오류 없는 조회', en: 'error-free reads' });
    return left;
  }, faultAt, watchMs);
  if (missing.length && !run.aborted) {
    run.note({
      ko: `인스턴스 손실 후 ${secondsKo(watchMs)} 동안 관찰했지만 다음을 보지 못했습니다: ${missing.map((m) => m.ko).join(', ')}.`,
      en: `Watched for ${seconds(watchMs)} after the loss without seeing ${missing.map((m) => m.en).join(', ')}.`,
    });
  }

  run.phase('verify', 'Stopping the reads');
  await prober.stop();
  await watch.once();
  await watch.stop();
  observations.loss = {
    probeIntervalMs: options.probeIntervalMs,
    victim: { id: victim.id, ...(victim.availabilityZone ? { availabilityZone: victim.availabilityZone } : {}) },
    faultAt,
    history: observer.history,
    reads: prober.records,
  };
  return observations;
}
