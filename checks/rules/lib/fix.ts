// What a remediation needs from the deployment it is about: the target groups the app sits
// behind (their health check path and port), the DB instances' and Redis groups' ports. A fix
// names these, never a generic constant (issue 13: "/health" broke every CloudMart target).
import type { Inventory } from '../../inventory/types';
import { read } from './collected';
import { autoScalingGroups, dbInstances, memberClusters, redisGroups, redisPort, type DbInstance, type ReplicationGroup, type TargetGroup } from './deployment';

export interface AppTargetGroup {
  name: string;
  /** The port the targets receive traffic on (the app's port). */
  port: number;
  protocol: string;
  healthPath: string;
  /** The port the health check uses: the traffic port unless set. */
  healthPort: number;
  /** True when the health check port is "traffic-port". */
  healthOnTrafficPort: boolean;
}

function describeTargetGroup(group: TargetGroup): AppTargetGroup {
  const port = group.Port ?? 80;
  const healthOnTrafficPort = (group.HealthCheckPort ?? 'traffic-port') === 'traffic-port';
  return {
    name: group.TargetGroupName ?? group.TargetGroupArn?.split(':').pop() ?? '?',
    port,
    protocol: group.HealthCheckProtocol ?? group.Protocol ?? 'HTTP',
    healthPath: group.HealthCheckPath ?? '/',
    healthPort: healthOnTrafficPort ? port : Number(group.HealthCheckPort),
    healthOnTrafficPort,
  };
}

/** The target groups the deployment's ASGs are attached to (reads autoscaling.groups, elbv2.targetGroups). */
export function appTargetGroups(inventory: Inventory): AppTargetGroup[] {
  const attached = new Set(autoScalingGroups(inventory).flatMap((g) => g.TargetGroupARNs ?? []));
  return read(inventory.elbv2.targetGroups)
    .filter((g) => attached.has(g.TargetGroupArn ?? ''))
    .map(describeTargetGroup);
}

/** The app's port as the deployment's target groups send to it, else the configured one. */
export function appPortOf(inventory: Inventory, configured: number): number {
  return appTargetGroups(inventory)[0]?.port ?? configured;
}

/** The port a DB instance listens on (its endpoint's, else its configured port). */
export function dbPortOf(db: DbInstance): number | undefined {
  return db.Endpoint?.Port ?? db.DbInstancePort ?? undefined;
}

export interface DbTarget {
  id: string;
  port: number | undefined;
}

/** The deployment's DB instances with their ports (reads rds.instances). */
export function dbTargets(inventory: Inventory): DbTarget[] {
  return dbInstances(inventory).map((db) => ({ id: db.DBInstanceIdentifier ?? '?', port: dbPortOf(db) }));
}

export interface CacheTarget {
  id: string;
  port: number;
}

/** The deployment's Redis groups with their ports (reads elasticache.replicationGroups and cacheClusters). */
export function cacheTargets(inventory: Inventory, fallbackPort: number): CacheTarget[] {
  return redisGroups(inventory).map((group: ReplicationGroup) => ({
    id: group.ReplicationGroupId ?? '?',
    port: redisPort(group, memberClusters(inventory, group), fallbackPort),
  }));
}

/** "a, b" for ids in a sentence. */
export function names(items: readonly { id: string }[] | readonly string[]): string {
  return items.map((i) => (typeof i === 'string' ? i : i.id)).join(', ');
}

/** The deployment's Auto Scaling group names, for fixes that name them (reads autoscaling.groups). */
export function asgNames(inventory: Inventory): string {
  return names(autoScalingGroups(inventory).map((g) => g.AutoScalingGroupName ?? '?'));
}
