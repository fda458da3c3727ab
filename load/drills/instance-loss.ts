// drill.instance-loss (checks.md): after one app instance is terminated, user-visible
// errors stop within the limit and the ASG is back to desired capacity with healthy
// targets. The prober reads GET /products/:id on a fixed schedule; one InService
// instance of the group is terminated (TerminateInstanceInAutoScalingGroup, without
// decrementing the desired capacity, so the group must replace it).
//
// The error window is what users saw, judged on the limit; the replacement is what Auto
// Scaling and the target group report, and a new instance takes minutes to launch and
// pass its health checks: the drill watches the group for the longer of the recovery
// limit and the observation window, and judges the recovery time on its own limit.
import type { DrillResult } from '../../contract/report';
import { nowMs } from '../clock';
import { Prober } from '../prober';
import { GroupObserver, servingInstances } from './observe';
import { productProbeRequest } from './redis-failover';
import { criterion, DrillRun, failedNames, same, seconds, secondsKo, type DrillContext } from './run';

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
        criteria: [
          criterion({ ko: '손실 전 정상 인스턴스 2대 이상', en: 'at least 2 healthy instances before the loss' }, { ko: 'InService이고 정상인 인스턴스 2대 이상', en: '>= 2 InService and healthy' }, same(String(serving.length)), false),
        ],
      };
    }
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
    const watchMs = Math.max(options.recoveryLimitMs, options.observeMs);
    run.phase('recovery', `Watching for up to ${seconds(watchMs)} while the group replaces the instance and the reads go on`);
    const missing = await run.awaitAws(() => {
      const left: { ko: string; en: string }[] = [];
      if (!recovered()) left.push({ ko: `정상 인스턴스 ${desired}대로 회복`, en: `the group back to ${desired} healthy instances` });
      if (!quiet()) left.push({ ko: '오류 없는 조회', en: 'error-free reads' });
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
    recovered();
    const errors = prober.records.filter((r) => r.intendedAt >= faultAt && !r.ok).sort((a, b) => a.intendedAt - b.intendedAt);
    const lastError = errors.at(-1);
    // User-visible errors: from the termination to the last failed probe.
    const errorWindowMs = lastError ? lastError.intendedAt - faultAt + options.probeIntervalMs : 0;
    const recoveryMs = recoveredAt !== undefined ? recoveredAt - faultAt : null;
    const final = observer.latest!;
    const finalServing = servingInstances(final);
    const zones = new Set(finalServing.map((i) => i.availabilityZone ?? '?'));
    const victimGone = !final.group.instances.some((i) => i.id === victim.id);
    const criteria = [
      criterion(
        { ko: '사용자에게 보인 오류가 제한 시간 안에 멈춤', en: 'user-visible errors stop within the limit' },
        { ko: `손실 후 ${secondsKo(options.limitMs)} 안에 오류 종료`, en: `errors end <= ${seconds(options.limitMs)} after the loss` },
        errors.length ? { ko: `${secondsKo(errorWindowMs)} 동안 조회 실패 ${errors.length}건`, en: `${errors.length} failed reads over ${seconds(errorWindowMs)}` } : { ko: '조회 실패 없음', en: 'no failed read' },
        errorWindowMs <= options.limitMs,
      ),
      criterion(
        { ko: '그룹이 원하는 용량과 정상 타깃으로 회복', en: 'group back to desired capacity with healthy targets' },
        { ko: `${secondsKo(options.recoveryLimitMs)} 안에 InService이고 정상인 인스턴스 ${desired}대`, en: `${desired} InService and healthy within ${seconds(options.recoveryLimitMs)}` },
        recoveryMs !== null
          ? { ko: `${secondsKo(recoveryMs)} 후 ${finalServing.length}대 서비스 (AZ ${[...zones].join(', ')})`, en: `${finalServing.length} serving after ${seconds(recoveryMs)} (zones ${[...zones].join(', ')})` }
          : { ko: `관찰 ${secondsKo(watchMs)}이 끝날 때 ${desired}대 중 ${finalServing.length}대 서비스`, en: `${finalServing.length} serving of ${desired} when the ${seconds(watchMs)} watch ended` },
        recoveryMs !== null && recoveryMs <= options.recoveryLimitMs,
      ),
      criterion(
        { ko: '종료된 인스턴스가 교체됨', en: 'the terminated instance was replaced' },
        { ko: `${victim.id} 대신 새 인스턴스`, en: `a new instance instead of ${victim.id}` },
        victimGone ? { ko: `${victim.id} 빠짐`, en: `${victim.id} gone` } : { ko: `${victim.id}가 아직 그룹에 있음`, en: `${victim.id} still in the group` },
        victimGone,
      ),
    ];
    const pass = criteria.every((c) => c.pass);
    return {
      summary: pass
        ? {
            ko: `인스턴스 손실 후 오류 ${secondsKo(errorWindowMs)} 이내 종료, ${secondsKo(recoveryMs)} 만에 원하는 용량(${desired}) 회복.`,
            en: `After losing an instance, errors stopped within ${seconds(errorWindowMs)} and the group was back to ${desired} healthy instances in ${seconds(recoveryMs)}.`,
          }
        : {
            ko: `실패: ${failedNames(criteria).ko}.`,
            en: `Failed: ${failedNames(criteria).en}.`,
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
