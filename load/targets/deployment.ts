// Which resources a drill acts on: the deployment's ALB (where users arrive), its target
// group, its Auto Scaling group, its RDS instance and its Redis replication group.
// A drill only ever touches these; the descriptor comes from the inventory that
// discovery collected (fromInventory) or from explicit flags.
import { UsageError } from '../../contract/errors';
import type { Inventory } from '../../checks/inventory/types';

export interface DrillDeployment {
  region: string;
  /** Where users reach the shop: http(s)://<ALB DNS name>, or any URL in front of it. */
  appUrl?: string;
  loadBalancerName?: string;
  targetGroupArn?: string;
  autoScalingGroupName?: string;
  dbInstanceIdentifier?: string;
  replicationGroupId?: string;
}

export interface DeploymentChoice {
  deployment: DrillDeployment;
  /** Why something was left out or how a choice was made, for the drill's notes. */
  notes: string[];
}

/** The parts of the deployment a drill kind needs. */
export const NEEDS: Record<string, (keyof DrillDeployment)[]> = {
  'scale-out': ['appUrl', 'autoScalingGroupName', 'targetGroupArn'],
  'rds-failover': ['appUrl', 'dbInstanceIdentifier'],
  'redis-failover': ['appUrl', 'replicationGroupId'],
  'instance-loss': ['appUrl', 'autoScalingGroupName', 'targetGroupArn'],
};

const LABELS: Record<keyof DrillDeployment, string> = {
  region: 'region',
  appUrl: 'application URL (the ALB; --url)',
  loadBalancerName: 'load balancer',
  targetGroupArn: 'target group (--target-group)',
  autoScalingGroupName: 'Auto Scaling group (--asg)',
  dbInstanceIdentifier: 'RDS DB instance (--db-instance)',
  replicationGroupId: 'ElastiCache replication group (--replication-group)',
};

export function requireParts(kind: string, deployment: DrillDeployment): void {
  const missing = (NEEDS[kind] ?? []).filter((key) => !deployment[key]);
  if (missing.length > 0) {
    throw new UsageError(`The ${kind} drill needs the deployment's ${missing.map((k) => LABELS[k]).join(' and ')}, and none was found; check the deployment or pass it explicitly.`);
  }
}

/**
 * The drill's view of a collected inventory: the internet-facing ALB, the target group
 * that both the ALB forwards to and the ASG registers in, that ASG, the PostgreSQL
 * instance (not a read replica) and the Redis replication group.
 */
export function fromInventory(inventory: Inventory): DeploymentChoice {
  const notes: string[] = [];
  const data = <T>(c: { status: 'collected'; data: T } | { status: 'not-collected'; operation: string; reason: string }, what: string): T | undefined => {
    if (c.status === 'collected') return c.data;
    notes.push(`${what} could not be read (${c.operation}: ${c.reason}).`);
    return undefined;
  };
  const balancers = (data(inventory.elbv2.loadBalancers, 'Load balancers') ?? []).filter((lb) => lb.Type === 'application');
  const targetGroups = data(inventory.elbv2.targetGroups, 'Target groups') ?? [];
  const listeners = data(inventory.elbv2.listeners, 'Listeners') ?? [];
  const groups = data(inventory.autoscaling.groups, 'Auto Scaling groups') ?? [];
  const dbs = data(inventory.rds.instances, 'RDS instances') ?? [];
  const replicationGroups = data(inventory.elasticache.replicationGroups, 'Replication groups') ?? [];

  // The ASG attached to a target group of an internet-facing ALB.
  const facing = balancers.filter((lb) => lb.Scheme === 'internet-facing');
  const candidates = facing.length ? facing : balancers;
  let chosen: { lb: (typeof balancers)[number]; tg?: (typeof targetGroups)[number]; asg?: (typeof groups)[number] } | undefined;
  for (const lb of candidates) {
    const tgs = targetGroups.filter((tg) => (tg.LoadBalancerArns ?? []).includes(lb.LoadBalancerArn ?? ''));
    for (const tg of tgs) {
      const asg = groups.find((g) => (g.TargetGroupARNs ?? []).includes(tg.TargetGroupArn ?? ''));
      if (asg) {
        chosen = { lb, tg, asg };
        break;
      }
    }
    if (chosen) break;
    chosen ??= { lb, ...(tgs[0] ? { tg: tgs[0] } : {}) };
  }
  if (candidates.length > 1) notes.push(`${candidates.length} application load balancers found; the drill uses ${chosen?.lb.LoadBalancerName}.`);
  const asg = chosen?.asg ?? (groups.length === 1 ? groups[0] : undefined);
  if (!chosen?.asg && groups.length > 1) notes.push(`${groups.length} Auto Scaling groups found and none is attached to the ALB's target group; pass --asg.`);

  let appUrl: string | undefined;
  if (chosen?.lb.DNSName) {
    const own = listeners.filter((l) => l.LoadBalancerArn === chosen!.lb.LoadBalancerArn);
    const https = own.find((l) => l.Protocol === 'HTTPS');
    const http = own.find((l) => l.Protocol === 'HTTP');
    const listener = https ?? http;
    const scheme = listener?.Protocol === 'HTTPS' ? 'https' : 'http';
    const port = listener?.Port && listener.Port !== (scheme === 'https' ? 443 : 80) ? `:${listener.Port}` : '';
    appUrl = `${scheme}://${chosen.lb.DNSName}${port}`;
  }

  const primaries = dbs.filter((db) => !db.ReadReplicaSourceDBInstanceIdentifier);
  const postgres = primaries.filter((db) => (db.Engine ?? '').includes('postgres'));
  const db = (postgres.length ? postgres : primaries)[0];
  if ((postgres.length || primaries.length) > 1) notes.push(`${postgres.length || primaries.length} DB instances found; the drill uses ${db?.DBInstanceIdentifier}.`);
  const redis = replicationGroups.find((g) => (g.Engine ?? 'redis') !== 'memcached') ?? replicationGroups[0];
  if (replicationGroups.length > 1) notes.push(`${replicationGroups.length} replication groups found; the drill uses ${redis?.ReplicationGroupId}.`);

  const deployment: DrillDeployment = {
    region: inventory.target.region,
    ...(appUrl ? { appUrl } : {}),
    ...(chosen?.lb.LoadBalancerName ? { loadBalancerName: chosen.lb.LoadBalancerName } : {}),
    ...(chosen?.tg?.TargetGroupArn ? { targetGroupArn: chosen.tg.TargetGroupArn } : {}),
    ...(asg?.AutoScalingGroupName ? { autoScalingGroupName: asg.AutoScalingGroupName } : {}),
    ...(db?.DBInstanceIdentifier ? { dbInstanceIdentifier: db.DBInstanceIdentifier } : {}),
    ...(redis?.ReplicationGroupId ? { replicationGroupId: redis.ReplicationGroupId } : {}),
  };
  return { deployment, notes };
}
