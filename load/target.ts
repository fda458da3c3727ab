// What a drill may do to a deployment and what it may look at: ONE interface, two
// implementations. targets/aws.ts makes the AWS SDK v3 calls (against AWS, or any
// endpoint such as the emulator); targets/local.ts drives the local rehearsal
// (PostgreSQL primary/standby, Redis primary/replica, API processes behind a balancer).
// Drills only ever talk to this interface, so the same drill code runs on both.
import type { Bilingual } from '../contract/report';

/** A mutating call the drill made, as it appears in the timeline. */
export interface ActionRecord {
  /** e.g. "rds:RebootDBInstance", or "local:pg_promote" for the rehearsal. */
  operation: string;
  /** The resource acted on. */
  resource: string;
  /** The request's parameters, for the timeline. */
  request: Record<string, unknown>;
}

/** An event a service reported (RDS DescribeEvents, ElastiCache DescribeEvents, ...). */
export interface ServiceEvent {
  /** ISO-8601. */
  at: string;
  source: string;
  message: string;
}

export interface DatabaseState {
  id: string;
  /** Set when the instance is a member of a DB cluster (DBClusterIdentifier): Aurora or a Multi-AZ DB cluster. */
  clusterId?: string;
  engine?: string;
  status: string;
  multiAz: boolean;
  availabilityZone?: string;
  secondaryAvailabilityZone?: string;
}

/**
 * The deployment's own database servers, as the target knows them: the PostgreSQL system
 * identifiers (the local rehearsal's pair) and the addresses its endpoint resolves to (AWS).
 */
export interface OwnDatabaseServers {
  systemIdentifiers: string[];
  addresses: string[];
  /** Where they were learnt, for the verdict (e.g. the endpoint name that was resolved). */
  source: string;
}

export interface DatabaseActions {
  describe(): Promise<DatabaseState>;
  /**
   * The deployment's own database servers right now, to check that the writes the drill
   * sees acknowledged reached them (an RDS failover moves the address: ask before and after).
   */
  ownServers(): Promise<OwnDatabaseServers>;
  /** RebootDBInstance with ForceFailover (AWS), promote the standby (local). */
  forceFailover(): Promise<ActionRecord>;
  /** Events about the instance since the given time, oldest first. */
  eventsSince(since: Date): Promise<ServiceEvent[]>;
}

export interface CacheMember {
  id: string;
  role: 'primary' | 'replica' | 'unknown';
  availabilityZone?: string;
}

export interface CacheState {
  id: string;
  status: string;
  automaticFailover: boolean;
  multiAz: boolean;
  nodeGroupId: string;
  members: CacheMember[];
}

/**
 * The deployment's own Redis servers: the run_ids of the rehearsal's processes (local), the
 * addresses the replication group's endpoints resolve to (AWS).
 */
export interface OwnCacheServers {
  runIds: string[];
  addresses: string[];
  /** Where they were learnt, for the verdict. */
  source: string;
}

export interface CacheActions {
  describe(): Promise<CacheState>;
  /** The deployment's own Redis servers right now (a failover moves the primary: ask before and after). */
  ownServers(): Promise<OwnCacheServers>;
  /** ElastiCache TestFailover (AWS), promote the replica (local). */
  testFailover(nodeGroupId: string): Promise<ActionRecord>;
  eventsSince(since: Date): Promise<ServiceEvent[]>;
}

export interface GroupInstance {
  id: string;
  availabilityZone?: string;
  /** Pending, InService, Terminating, ... */
  lifecycleState: string;
  /** Healthy / Unhealthy, as the group sees it. */
  healthStatus: string;
}

export interface GroupState {
  name: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  instances: GroupInstance[];
}

export interface TargetHealth {
  /** The target's id (the EC2 instance id, or the local API process id). */
  id: string;
  port?: number;
  /** initial, healthy, unhealthy, unused, draining, unavailable. */
  state: string;
  reason?: string;
}

export interface ScalingPolicyInfo {
  name: string;
  type: string;
  /** What the policy scales on: CPU (push it with /drill/burn) or requests per target. */
  metric: 'cpu' | 'requests' | 'other';
  targetValue?: number;
}

export interface ScalingActivity {
  id: string;
  /** ISO-8601. */
  at: string;
  description: string;
  cause: string;
  status: string;
}

export interface MetricPoint {
  /** ISO-8601. */
  at: string;
  value: number;
}

export interface GroupActions {
  describe(): Promise<GroupState>;
  targetHealth(): Promise<TargetHealth[]>;
  scalingPolicies(): Promise<ScalingPolicyInfo[]>;
  activitiesSince(since: Date): Promise<ScalingActivity[]>;
  /** Terminates one instance OF THIS GROUP; the group is expected to replace it. */
  terminateInstance(instanceId: string): Promise<ActionRecord>;
  /** The metric the group scales on, recent points (CloudWatch, or the local balancer). */
  metric(since: Date): Promise<{ name: string; unit: string; points: MetricPoint[] }>;
}

/** Where a restore drill restores from. */
export type RestoreSourceKind = 'point-in-time' | 'snapshot' | 'recovery-point';

/** The DB instance a restore drill restores, before the drill. */
export interface RestoreSource {
  id: string;
  status: string;
  /** Days automated backups are kept (0: none, so no point-in-time restore). */
  backupRetentionDays?: number;
  /** ISO-8601: the newest moment a point-in-time restore can reach right now. */
  latestRestorableTime?: string;
  /** Set when the instance is a member of a DB cluster (restored with RestoreDBClusterToPointInTime, not by this drill). */
  clusterId?: string;
}

export interface RestoreRequest {
  from: RestoreSourceKind;
  /** Point in time only: restore to this moment (epoch ms) instead of the latest restorable time. */
  restoreTimeMs?: number;
}

export interface StartedRestore {
  /** The temporary instance (DBInstanceIdentifier, or the local server's name). */
  id: string;
  action: ActionRecord;
  /** What the service says the restore holds data up to (epoch ms): the time restored to, the snapshot's time. */
  restoredToMs?: number;
  /** The snapshot or recovery point restored from, when not a point in time. */
  fromResource?: string;
}

export interface RestoreActions {
  source(): Promise<RestoreSource>;
  /**
   * The local rehearsal takes its base backup now, while the writes go on; on AWS the
   * automated backups already exist, so there is nothing to do (absent).
   */
  backup?(): Promise<ActionRecord>;
  /** Starts restoring into a new, temporary instance (the source is not touched). */
  start(request: RestoreRequest): Promise<StartedRestore>;
  /** The temporary instance's status (creating, ..., available) and endpoint once it has one. */
  describe(id: string): Promise<{ status: string; endpoint?: string }>;
  /** The drill writes stored in the temporary instance, read with the application's credentials, and how they were read. */
  readWrites(id: string, firstSeq: number, lastSeq: number): Promise<{ seqs: number[]; via: Bilingual }>;
  /** Deletes the temporary instance (no final snapshot); `status` is what the service answered. */
  remove(id: string): Promise<ActionRecord & { status: string }>;
}

export interface DrillTarget {
  readonly kind: 'aws' | 'local';
  /** True when failovers and capacity changes are simulated (the local rehearsal). */
  readonly simulated: boolean;
  /** Sentences the result must carry (e.g. that capacity changes were simulated), in both languages. */
  readonly notes: Bilingual[];
  /** Where users reach the application: the ALB (or the local balancer). */
  readonly appUrl: string;
  /**
   * The deployment's drill token, sent with every /drill/* request (x-cloudmart-drill-token);
   * undefined when none could be found (the API then answers 404, as with drills off).
   */
  readonly drillToken: string | undefined;
  /** How often describe calls may be made (AWS throttles; the rehearsal does not). */
  readonly pollIntervalMs: number;
  /** Human names of the deployment's resources, for the report. */
  readonly resources: { loadBalancer?: string; targetGroup?: string; autoScalingGroup?: string; dbInstance?: string; replicationGroup?: string };
  readonly database: DatabaseActions;
  readonly cache: CacheActions;
  readonly group: GroupActions;
  /** Restoring the database into a temporary instance (the restore drill); absent where it cannot be done. */
  readonly restore?: RestoreActions;
}
