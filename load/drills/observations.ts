// What a drill's run saw, kind by kind: the record a run makes and its judge reads
// (load/drills/judges/). A run only records; a judge only reads this record and the
// limits in force, so every verdict can be tested with hand-made observations.
//
// Times are epoch milliseconds (the drill clock, load/clock.ts). A field that is absent
// means the run stopped before that stage (a precondition failed, or an error or Ctrl-C
// ended it); the judges say so instead of passing.
import type { ProbeRecord } from '../prober';
import type { CacheState, DatabaseState, GroupState, OwnCacheServers, OwnDatabaseServers, ScalingPolicyInfo, TargetHealth } from '../target';
import type { AcknowledgingServers } from '../writes';
import type { CacheServersSeen } from '../cache-servers';
import type { RestoreSource, RestoreSourceKind } from '../target';
import type { Bilingual } from '../../contract/report';

/** The limits a drill is judged on (the rest of DrillOptions says how the run goes). */
export interface DrillLimits {
  /** The drill's main limit (scale-out deadline, write-gap limit, error-window limit). */
  limitMs: number;
  /** redis-failover: the share of failed probes allowed. */
  maxErrorRate: number;
  /** instance-loss: back to desired with healthy targets within this. */
  recoveryLimitMs: number;
  /**
   * How long to keep watching the AWS side (status, AZs or roles, events, replacement
   * instances) after the fault: AWS reports a failover a minute or two after the call,
   * sometimes later. The watch ends as soon as everything awaited is seen. Separate from
   * the limits, which judge what users saw.
   */
  observeMs: number;
  /** restore: the data a restore may lose (RPO); limitMs is its time to available (RTO). */
  rpoLimitMs: number;
}

/** One look at the Auto Scaling group and its target group. */
export interface GroupSnapshot {
  at: number;
  group: GroupState;
  health: TargetHealth[];
}

/** Instances InService in the group AND healthy in the target group. */
export function servingInstances(snapshot: GroupSnapshot): GroupState['instances'] {
  const healthy = new Set(snapshot.health.filter((h) => h.state === 'healthy').map((h) => h.id));
  return snapshot.group.instances.filter((i) => i.lifecycleState === 'InService' && healthy.has(i.id));
}

export interface RdsFailoverObservations {
  /** DescribeDBInstances before anything happened. */
  before: DatabaseState;
  /** The write probes answered during the baseline, before the failover was asked for. */
  baseline?: ProbeRecord[];
  /** Everything after the failover was asked for. */
  failover?: {
    probeIntervalMs: number;
    /** When RebootDBInstance (ForceFailover) was called. */
    faultAt: number;
    /** When the writes were stopped, before reading them back. */
    endMs: number;
    /** The instance as last described (absent if no description succeeded). */
    after?: DatabaseState;
    /** RDS event IDs listed since the fault, in order (events of an earlier failover left out). */
    eventIds: string[];
    /** Every write probe of the drill, baseline included. */
    writes: ProbeRecord[];
    /** The sequence numbers found in the database afterwards, or why they could not be read. */
    readBack: { committed: number[] } | { error: string };
    /**
     * Which database servers acknowledged the writes (as the API named them), and the
     * deployment's own servers (looked up before and after the failover), or why those
     * could not be learnt.
     */
    servers: AcknowledgingServers & { own: OwnDatabaseServers | { error: string } };
  };
}

export interface RedisFailoverObservations {
  /** DescribeReplicationGroups before anything happened. */
  before: CacheState;
  /** The product reads answered during the baseline. */
  baseline?: ProbeRecord[];
  /** The error name when ElastiCache refused TestFailover (e.g. TestFailoverNotAvailableFault). */
  refusedWith?: string;
  /** Everything after TestFailover was accepted. */
  failover?: {
    probeIntervalMs: number;
    /** When TestFailover was called. */
    faultAt: number;
    /** The primary's id as last described. */
    primaryAfter?: string;
    /** The failover steps of the events listed since the fault, in order (load/events.ts). */
    steps: string[];
    /** Every read probe of the drill, baseline included; `detail` is the x-cache header. */
    reads: ProbeRecord[];
    /**
     * Which Redis servers served the cached reads (x-cache hit/miss, as the API named them),
     * and the deployment's own (looked up before and after the failover), or why not.
     */
    servers: CacheServersSeen & { own: OwnCacheServers | { error: string } };
  };
}

export interface InstanceLossObservations {
  /** The group and its targets before the loss. */
  start: GroupSnapshot;
  /** Everything after one instance was terminated. */
  loss?: {
    probeIntervalMs: number;
    /** The instance terminated. */
    victim: { id: string; availabilityZone?: string };
    /** When TerminateInstanceInAutoScalingGroup was called. */
    faultAt: number;
    /** Every look at the group during the drill, oldest first (start included). */
    history: GroupSnapshot[];
    /** Every read probe of the drill. */
    reads: ProbeRecord[];
  };
}

export interface ScaleOutObservations {
  /** The group and its targets before the load. */
  start: GroupSnapshot;
  /** DescribePolicies. */
  policies: ScalingPolicyInfo[];
  /** The first load path and how it answered one request before the load. */
  loadPath?: { path: string; onCpu: boolean; ok: boolean; answer: string };
  /** Everything from the start of the load. */
  load?: {
    /** Offered rate (req/s). */
    rate: number;
    loadStart: number;
    /** When the load was stopped and the group looked at one last time. */
    endMs: number;
    /** Every look at the group during the drill, oldest first (start included). */
    history: GroupSnapshot[];
    /** What the load runner reports it offered and achieved (req/s). */
    requestedRate: number;
    achievedRate: number;
    /** The highest value of the metric the group scales on, if any was read. */
    peakScalingMetric: number | null;
  };
}

export interface RestoreObservations {
  from: RestoreSourceKind;
  /** The source DB instance before the drill. */
  source: RestoreSource;
  /** The write probes answered before the restore was asked for. */
  baseline?: ProbeRecord[];
  /** Everything after the restore was asked for. */
  restore?: {
    probeIntervalMs: number;
    /** When the restore was requested (the writes had stopped). */
    requestedAt: number;
    /**
     * The moment whose acknowledged writes the restore must hold: the request itself for
     * the latest restorable time, a snapshot or a recovery point (what a real restore
     * at that moment would keep); the asked time for a point-in-time restore to a time.
     */
    restorePointMs: number;
    /** What the service said it restores to (LatestRestorableTime, the snapshot time), if it said. */
    restoredToMs?: number;
    /** The temporary instance. */
    instanceId: string;
    /** First time the temporary instance was seen available; absent when it never was within the limit. */
    availableAt?: number;
    /** The last status seen. */
    lastStatus: string;
    /** Every write probe of the drill. */
    writes: ProbeRecord[];
    /** The drill writes found in the restored instance and how they were read, or why they could not be read. */
    readBack: { present: number[]; via: Bilingual } | { error: string };
    /** The deletion of the temporary instance: what the service answered, or why it failed. */
    deletion: { status: string } | { error: string };
  };
}
