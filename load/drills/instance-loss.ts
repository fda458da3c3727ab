// drill.instance-loss (checks.md): after one app instance is terminated, user-visible
// errors stop within the limit and the ASG is back to desired capacity with healthy
// targets. The prober reads GET /products/:id on a fixed schedule; one InService
// instance of the group is terminated (TerminateInstanceInAutoScalingGroup, without
// decrementing the desired capacity, so the group must replace it).
import type { DrillResult } from '../../contract/report';
import { nowMs } from '../clock';
import { Prober } from '../prober';
import { GroupObserver, servingInstances } from './observe';
import { productProbeRequest } from './redis-failover';
import { criterion, DrillRun, seconds, type DrillContext } from './run';

export async function runInstanceLossDrill(context: DrillContext): Promise<DrillResult> {
  return new DrillRun('instance-loss', context).execute(async (run) => {
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
    if (serving.length < 2) {
      return {
        summary: {
          ko: `정상 인스턴스가 ${serving.length}대뿐이라 한 대를 잃으면 서비스가 멈춥니다. 두 AZ에 2대 이상 두고 다시 실행하세요.`,
          en: `Only ${serving.length} instance(s) serve; losing one would stop the shop. Run at least 2 instances in 2 AZs and try again.`,
        },
        criteria: [criterion('at least 2 healthy instances before the loss', '>= 2 InService and healthy', String(serving.length), false)],
      };
    }
    if (start.group.desiredCapacity < start.group.minSize || serving.length < start.group.desiredCapacity) {
      run.note(`The group was not steady before the drill (desired ${start.group.desiredCapacity}, ${serving.length} serving).`);
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
    let recoveredAt: number | undefined;
    const recovered = (): boolean => {
      const now = observer.latest;
      if (!now || now.at < faultAt) return false;
      const ids = new Set(now.group.instances.map((i) => i.id));
      // The group's own instances count; a target left over from the lost instance
      // (draining, or unused once terminated) does not.
      const healthy = new Set(now.health.filter((h) => h.state === 'healthy').map((h) => h.id));
      const inService = now.group.instances.filter((i) => i.lifecycleState === 'InService');
      const ok = !ids.has(victim.id) && servingInstances(now).length >= desired && inService.every((i) => healthy.has(i.id));
      if (ok) recoveredAt ??= now.at;
      return ok;
    };
    const quiet = (): boolean => {
      const after = prober.records.filter((r) => r.intendedAt > faultAt);
      const lastFailure = Math.max(faultAt, ...after.filter((r) => !r.ok).map((r) => r.intendedAt));
      return nowMs() - lastFailure >= options.settleMs;
    };
    run.phase('recovery', 'Waiting for the group to replace the instance while the reads go on');
    const done = await run.waitUntil(() => recovered() && quiet(), options.recoveryLimitMs + options.settleMs, 500);
    if (!done && !run.aborted) run.note(`The group was not back to ${desired} healthy instances ${seconds(options.recoveryLimitMs)} after the loss; the drill stopped waiting.`);

    run.phase('verify', 'Stopping the reads');
    await prober.stop();
    await watch.once();
    await watch.stop();
    recovered();
    const errors = prober.records.filter((r) => r.intendedAt >= faultAt && !r.ok).sort((a, b) => a.intendedAt - b.intendedAt);
    const lastError = errors.at(-1);
    // User-visible errors: from the termination to the last failed probe.
    const errorWindowMs = lastError ? lastError.intendedAt - faultAt + options.probeIntervalMs : 0;
    const recoveryMs = recoveredAt !== undefined ? recoveredAt - faultAt : null;
    const final = observer.latest!;
    const finalServing = servingInstances(final);
    const zones = new Set(finalServing.map((i) => i.availabilityZone ?? '?'));
    const criteria = [
      criterion('user-visible errors stop within the limit', `errors end <= ${seconds(options.limitMs)} after the loss`, errors.length ? `${errors.length} failed reads over ${seconds(errorWindowMs)}` : 'no failed read', errorWindowMs <= options.limitMs),
      criterion(
        'group back to desired capacity with healthy targets',
        `${desired} InService and healthy within ${seconds(options.recoveryLimitMs)}`,
        recoveryMs !== null ? `${finalServing.length} serving after ${seconds(recoveryMs)} (zones ${[...zones].join(', ')})` : `${finalServing.length} serving of ${desired} when the drill stopped`,
        recoveryMs !== null && recoveryMs <= options.recoveryLimitMs,
      ),
      criterion('the terminated instance was replaced', `a new instance instead of ${victim.id}`, final.group.instances.some((i) => i.id === victim.id) ? `${victim.id} still in the group` : `${victim.id} gone`, !final.group.instances.some((i) => i.id === victim.id)),
    ];
    const pass = criteria.every((c) => c.pass);
    return {
      summary: pass
        ? {
            ko: `인스턴스 손실 후 오류 ${seconds(errorWindowMs)} 이내 종료, ${seconds(recoveryMs)} 만에 원하는 용량(${desired}) 회복.`,
            en: `After losing an instance, errors stopped within ${seconds(errorWindowMs)} and the group was back to ${desired} healthy instances in ${seconds(recoveryMs)}.`,
          }
        : {
            ko: `실패: ${criteria.filter((c) => !c.pass).map((c) => c.name).join('; ')}.`,
            en: `Failed: ${criteria.filter((c) => !c.pass).map((c) => c.name).join('; ')}.`,
          },
      criteria,
      metrics: {
        errorWindowMs: Math.round(errorWindowMs),
        failedReadsAfterLoss: errors.length,
        recoveryMs: recoveryMs === null ? null : Math.round(recoveryMs),
        desiredCapacity: desired,
        servingAtEnd: finalServing.length,
      },
    };
  });
}
