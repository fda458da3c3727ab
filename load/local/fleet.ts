// The rehearsal's Auto Scaling group: CloudMart API processes on loopback, registered in
// the local balancer like instances in a target group. It keeps the desired number of
// processes running (a process that dies is replaced), spreads them over two labelled
// "zones", and follows a target-tracking policy on requests per target: when the load
// per healthy target passes the target value, desired capacity goes up and processes are
// added. Every launch and termination is recorded as a scaling activity.
//
// All of this is a simulation of EC2 Auto Scaling: the drill result says so.
import { isoAt, nowMs } from '../clock';
import type { GroupState, ScalingActivity, ScalingPolicyInfo } from '../target';
import type { LocalBalancer } from './balancer';
import { freePort } from '../../sandbox/servers/ports';

export interface ApiEnv {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** The drill token the API processes require on /drill/* (DRILL_TOKEN). */
  drillToken: string;
}

/** One running API process (an "instance"). */
export interface ApiInstance {
  port: number;
  pid?: number;
  /** Resolves when the process has exited, for whatever reason. */
  exited: Promise<void>;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** The instance vanished (SIGKILL). */
  kill(): Promise<void>;
}

/** Starts one API process and resolves once it listens. */
export type ApiLauncher = (env: ApiEnv) => Promise<ApiInstance>;

export interface FleetOptions {
  launcher: ApiLauncher;
  balancer: LocalBalancer;
  databaseUrl: string;
  redisUrl: string;
  drillToken: string;
  minSize: number;
  maxSize: number;
  desired: number;
  zones?: string[];
  /** Target tracking on requests per target per second (ALBRequestCountPerTarget-like). */
  targetRequestsPerSecond?: number;
  evaluationMs?: number;
  cooldownMs?: number;
  /** How long it takes the group to notice that an instance died. */
  detectMs?: number;
}

interface Member {
  id: string;
  zone: string;
  port: number;
  lifecycle: 'Pending' | 'InService' | 'Terminating';
  health: 'Healthy' | 'Unhealthy';
  instance: ApiInstance;
  expectedExit: boolean;
}

export class LocalFleet {
  readonly activities: ScalingActivity[] = [];
  private readonly members = new Map<string, Member>();
  private desired: number;
  private readonly zones: string[];
  private counter = 0;
  private launching = 0;
  /** Zones of the launches in progress, so concurrent launches spread too. */
  private readonly launchingZones: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastScale = 0;
  private stopped = false;
  private readonly launches = new Set<Promise<void>>();

  constructor(private readonly options: FleetOptions) {
    this.desired = options.desired;
    this.zones = options.zones ?? ['local-a', 'local-b'];
  }

  get policy(): ScalingPolicyInfo {
    return { name: 'local-target-tracking', type: 'TargetTrackingScaling', metric: 'requests', targetValue: this.options.targetRequestsPerSecond ?? 20 };
  }

  /** Launches the desired processes and waits until they serve behind the balancer. */
  async start(timeoutMs = 60_000): Promise<void> {
    this.reconcile();
    await Promise.all([...this.launches]);
    const deadline = nowMs() + timeoutMs;
    while (this.inService().length < this.desired) {
      if (nowMs() > deadline) throw new Error(`the local API processes did not become healthy within ${timeoutMs} ms`);
      this.refreshLifecycle();
      await new Promise((r) => setTimeout(r, 100));
    }
    this.timer = setInterval(() => this.tick(), this.options.evaluationMs ?? 1000);
  }

  describe(): GroupState {
    this.refreshLifecycle();
    return {
      name: 'local-api-fleet',
      minSize: this.options.minSize,
      maxSize: this.options.maxSize,
      desiredCapacity: this.desired,
      instances: [...this.members.values()].map((m) => ({ id: m.id, availabilityZone: m.zone, lifecycleState: m.lifecycle, healthStatus: m.health })),
    };
  }

  /** The drill's instance loss: the process vanishes (SIGKILL); the group replaces it. */
  async terminate(id: string): Promise<void> {
    const member = this.members.get(id);
    if (!member) throw new Error(`instance ${id} is not in the local group`);
    this.activity(`Terminating EC2 instance: ${id}`, `At ${isoAt(nowMs())} instance ${id} was taken out of service in response to a user request.`);
    await member.instance.kill();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.launches]);
    await Promise.allSettled(
      [...this.members.values()].map((m) => {
        m.expectedExit = true;
        return m.instance.stop();
      }),
    );
    this.members.clear();
  }

  private inService(): Member[] {
    return [...this.members.values()].filter((m) => m.lifecycle === 'InService');
  }

  private refreshLifecycle(): void {
    const health = new Map(this.options.balancer.health().map((h) => [h.id, h.state]));
    for (const member of this.members.values()) {
      if (member.lifecycle === 'Pending' && health.get(member.id) === 'healthy') member.lifecycle = 'InService';
    }
  }

  private tick(): void {
    if (this.stopped) return;
    this.refreshLifecycle();
    this.evaluatePolicy();
    this.reconcile();
  }

  private evaluatePolicy(): void {
    const target = this.options.targetRequestsPerSecond;
    if (!target) return;
    const window = (this.options.evaluationMs ?? 1000) * 3;
    const { perTarget, total } = this.options.balancer.requestRatePerTarget(window);
    const cooling = nowMs() - this.lastScale < (this.options.cooldownMs ?? 5000);
    if (perTarget <= target || cooling || this.desired >= this.options.maxSize) return;
    const wanted = Math.min(this.options.maxSize, Math.max(this.desired + 1, Math.ceil(total / target)));
    this.activity(
      'Setting desired capacity',
      `At ${isoAt(nowMs())} a monitor alarm TargetTracking-local-AlarmHigh in state ALARM triggered policy local-target-tracking changing the desired capacity from ${this.desired} to ${wanted}.`,
    );
    this.desired = wanted;
    this.lastScale = nowMs();
  }

  /** Launches processes until running + launching reaches the desired capacity. */
  private reconcile(): void {
    if (this.stopped) return;
    const alive = [...this.members.values()].filter((m) => m.lifecycle !== 'Terminating').length;
    for (let i = alive + this.launching; i < this.desired; i++) {
      const launch = this.launch().catch((error: unknown) => {
        this.activity('Launching a new EC2 instance', `Launching a new instance failed: ${error instanceof Error ? error.message : String(error)}`, 'Failed');
      });
      this.launches.add(launch);
      void launch.finally(() => this.launches.delete(launch));
    }
  }

  private leastUsedZone(): string {
    const counts = new Map(this.zones.map((z) => [z, 0]));
    for (const m of this.members.values()) if (m.lifecycle !== 'Terminating') counts.set(m.zone, (counts.get(m.zone) ?? 0) + 1);
    for (const zone of this.launchingZones) counts.set(zone, (counts.get(zone) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => a[1] - b[1])[0]![0];
  }

  private async launch(): Promise<void> {
    this.launching += 1;
    const id = `local-i-${String(++this.counter).padStart(3, '0')}`;
    const zone = this.leastUsedZone();
    this.launchingZones.push(zone);
    try {
      const port = await freePort();
      const before = this.members.size;
      const instance = await this.options.launcher({ port, databaseUrl: this.options.databaseUrl, redisUrl: this.options.redisUrl, drillToken: this.options.drillToken });
      if (this.stopped) {
        await instance.stop();
        return;
      }
      const member: Member = { id, zone, port, lifecycle: 'Pending', health: 'Healthy', instance, expectedExit: false };
      this.members.set(id, member);
      this.options.balancer.register({ id, port });
      this.activity(
        `Launching a new EC2 instance: ${id}`,
        `At ${isoAt(nowMs())} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${before} to ${before + 1}.`,
      );
      void instance.exited.then(() => this.onExit(member));
    } finally {
      this.launching -= 1;
      this.launchingZones.splice(this.launchingZones.indexOf(zone), 1);
    }
  }

  private onExit(member: Member): void {
    if (member.expectedExit || this.stopped) return;
    // EC2 status checks take a moment to see a vanished instance.
    setTimeout(() => {
      if (this.stopped || this.members.get(member.id) !== member) return;
      member.health = 'Unhealthy';
      member.lifecycle = 'Terminating';
      this.activity(`Terminating EC2 instance: ${member.id}`, `At ${isoAt(nowMs())} an instance was taken out of service in response to an EC2 health check indicating it has been terminated or stopped.`);
      this.options.balancer.deregister(member.id);
      this.members.delete(member.id);
      this.reconcile();
    }, this.options.detectMs ?? 1000).unref();
  }

  private activity(description: string, cause: string, status = 'Successful'): void {
    this.activities.push({ id: `local-activity-${this.activities.length + 1}`, at: isoAt(nowMs()), description, cause, status });
  }
}
