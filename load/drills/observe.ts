// Watching the deployment while a drill runs: each observer polls the target, keeps the
// latest state, and writes what changed into the timeline (capacity changes,
// target-health transitions, failover events, AZ and role moves). Polled events are
// added once each, at the time the service says they happened.
import { cacheFailoverStep, rdsEventId } from '../events';
import type { CacheState, DatabaseState, GroupState, ScalingActivity, ServiceEvent } from '../target';
import type { DrillRun } from './drill-runner';
import { cachePrimary } from './judges/redis-failover';
import type { GroupSnapshot } from './observations';

function eventTime(event: { at: string }): number {
  const ms = Date.parse(event.at);
  return Number.isFinite(ms) ? ms : Date.now();
}

export class DatabaseObserver {
  latest: DatabaseState | undefined;
  readonly events: (ServiceEvent & { id?: string })[] = [];

  constructor(
    private readonly run: DrillRun,
    private readonly since: Date,
  ) {}

  async observe(): Promise<void> {
    const db = this.run.target.database;
    const [state, events] = await Promise.all([db.describe(), db.eventsSince(this.since)]);
    const previous = this.latest;
    this.latest = state;
    if (previous && previous.status !== state.status) {
      this.run.timeline.add('event', `DB instance ${state.id} status ${previous.status} -> ${state.status}`, { status: state.status });
    }
    const data = { availabilityZone: state.availabilityZone, secondaryAvailabilityZone: state.secondaryAvailabilityZone };
    if (previous && previous.availabilityZone !== state.availabilityZone) {
      this.run.timeline.add('event', `DB instance ${state.id}: primary moved ${previous.availabilityZone ?? '?'} -> ${state.availabilityZone ?? '?'}${state.secondaryAvailabilityZone ? `, standby in ${state.secondaryAvailabilityZone}` : ', no standby yet'}`, data);
    } else if (previous && previous.secondaryAvailabilityZone !== state.secondaryAvailabilityZone) {
      this.run.timeline.add('event', `DB instance ${state.id}: ${state.secondaryAvailabilityZone ? `standby back in ${state.secondaryAvailabilityZone}` : 'standby gone'}`, data);
    }
    for (const [index, event] of events.entries()) {
      const id = rdsEventId(event.message);
      const added = this.run.timeline.addOnce(`rds:${event.at}:${index}:${event.message}`, 'event', `${id ? `${id} ` : ''}${event.message}`, { source: event.source, ...(id ? { eventId: id } : {}) }, eventTime(event));
      if (added) this.events.push({ ...event, ...(id ? { id } : {}) });
    }
    this.run.state = { ko: `DB ${state.status}, ${state.availabilityZone ?? '?'}`, en: `db ${state.status} in ${state.availabilityZone ?? '?'}` };
  }

  /** Events seen so far count from here on: those of an earlier failover are not this one's. */
  private firstOwn = 0;

  /** Call right before the fault: the events listed until now belong to the past. */
  markFault(): void {
    this.firstOwn = this.events.length;
  }

  /** The RDS event IDs of the events listed since markFault(), in order. */
  eventIds(): string[] {
    return this.events
      .slice(this.firstOwn)
      .map((e) => e.id)
      .filter((id): id is string => Boolean(id));
  }
}

export class CacheObserver {
  latest: CacheState | undefined;
  readonly events: (ServiceEvent & { step?: string })[] = [];

  constructor(
    private readonly run: DrillRun,
    private readonly since: Date,
  ) {}

  primary(state = this.latest): string | undefined {
    return cachePrimary(state);
  }

  async observe(): Promise<void> {
    const cache = this.run.target.cache;
    const [state, events] = await Promise.all([cache.describe(), cache.eventsSince(this.since)]);
    const previous = this.latest;
    this.latest = state;
    if (previous && this.primary(previous) !== this.primary(state)) {
      this.run.timeline.add('event', `Replication group ${state.id}: primary ${this.primary(previous) ?? 'none'} -> ${this.primary(state) ?? 'none'}`, { primary: this.primary(state) });
    }
    if (previous && previous.status !== state.status) {
      this.run.timeline.add('event', `Replication group ${state.id} status ${previous.status} -> ${state.status}`, { status: state.status });
    }
    for (const [index, event] of events.entries()) {
      const step = cacheFailoverStep(event.message);
      const added = this.run.timeline.addOnce(`cache:${event.at}:${index}:${event.source}:${event.message}`, 'event', `${event.source}: ${event.message}`, { source: event.source, ...(step ? { step } : {}) }, eventTime(event));
      if (added) this.events.push({ ...event, ...(step ? { step } : {}) });
    }
    this.run.state = { ko: `캐시 프라이머리 ${this.primary(state) ?? '없음'} (${state.status})`, en: `cache primary ${this.primary(state) ?? 'none'} (${state.status})` };
  }

  /** Events seen so far count from here on: those of an earlier failover are not this one's. */
  private firstOwn = 0;

  /** Call right before the fault: the events listed until now belong to the past. */
  markFault(): void {
    this.firstOwn = this.events.length;
  }

  /** The failover steps of the events listed since markFault(), in order. */
  steps(): string[] {
    return this.events
      .slice(this.firstOwn)
      .map((e) => e.step)
      .filter((s): s is string => Boolean(s));
  }
}

export class GroupObserver {
  latest: GroupSnapshot | undefined;
  readonly history: GroupSnapshot[] = [];
  readonly activities: ScalingActivity[] = [];

  constructor(
    private readonly run: DrillRun,
    private readonly since: Date,
  ) {}

  async observe(): Promise<void> {
    const group = this.run.target.group;
    const [state, health, activities] = await Promise.all([group.describe(), group.targetHealth(), group.activitiesSince(this.since)]);
    const snapshot: GroupSnapshot = { at: Date.now(), group: state, health };
    const previous = this.latest;
    this.latest = snapshot;
    this.history.push(snapshot);
    const inService = state.instances.filter((i) => i.lifecycleState === 'InService').length;
    const healthy = health.filter((h) => h.state === 'healthy').length;
    if (!previous || previous.group.desiredCapacity !== state.desiredCapacity || countInService(previous.group) !== inService) {
      this.run.timeline.add('capacity', `desired ${state.desiredCapacity} (min ${state.minSize}, max ${state.maxSize}), in service ${inService}`, {
        desired: state.desiredCapacity,
        min: state.minSize,
        max: state.maxSize,
        inService,
      });
    }
    const before = new Map((previous?.group.instances ?? []).map((i) => [i.id, i]));
    for (const instance of state.instances) {
      const old = before.get(instance.id);
      if (!old && previous) this.run.timeline.add('capacity', `instance ${instance.id} joined (${instance.lifecycleState}, ${instance.availabilityZone ?? '?'})`, { instance: instance.id, lifecycle: instance.lifecycleState, az: instance.availabilityZone });
      else if (old && old.lifecycleState !== instance.lifecycleState) this.run.timeline.add('capacity', `instance ${instance.id} ${old.lifecycleState} -> ${instance.lifecycleState}`, { instance: instance.id, lifecycle: instance.lifecycleState });
      before.delete(instance.id);
    }
    for (const gone of before.values()) this.run.timeline.add('capacity', `instance ${gone.id} left the group`, { instance: gone.id });
    const oldHealth = new Map((previous?.health ?? []).map((h) => [h.id, h]));
    for (const target of health) {
      const old = oldHealth.get(target.id);
      if (!old || old.state !== target.state) {
        this.run.timeline.add('target-health', `target ${target.id}: ${old?.state ?? 'new'} -> ${target.state}${target.reason ? ` (${target.reason})` : ''}`, { target: target.id, state: target.state, ...(target.reason ? { reason: target.reason } : {}) });
      }
      oldHealth.delete(target.id);
    }
    for (const gone of oldHealth.values()) this.run.timeline.add('target-health', `target ${gone.id} deregistered`, { target: gone.id, state: 'gone' });
    for (const activity of activities) {
      if (this.run.timeline.addOnce(`activity:${activity.id}`, 'event', `${activity.description} (${activity.status})`, { cause: activity.cause, activity: activity.id }, Date.parse(activity.at) || Date.now())) {
        this.activities.push(activity);
      }
    }
    this.run.state = {
      ko: `원하는 용량 ${state.desiredCapacity}, 서비스 중 ${inService}, 정상 타깃 ${healthy}`,
      en: `desired ${state.desiredCapacity}, in service ${inService}, healthy targets ${healthy}`,
    };
  }
}

export function countInService(group: GroupState): number {
  return group.instances.filter((i) => i.lifecycleState === 'InService').length;
}

