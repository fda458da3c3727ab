// The live board's "cost so far": what a student's deployment has cost from each resource's
// creation until now, at the dated price table's on-demand prices (stacks/cost/), against the
// lab budget (USD 0.80). The resources and their prices are the ones cost.within-budget uses
// (costedResourcesFromInventory, estimateCost): only the duration differs, per resource.
//
// Creation times, from what AWS publishes in the describe calls the inventory already holds:
// EC2 instances (and their root volumes) LaunchTime, NAT gateways CreateTime, load balancers
// CreatedTime, DB instances InstanceCreateTime, Redis ReplicationGroupCreateTime (else the
// first member's CacheClusterCreateTime). Public IPv4 addresses, alarms, dashboards, buckets
// and distributions carry no creation time there: they are counted from the deployment's first
// resource, an upper bound the board says it used (never a lower one). Resources already
// deleted are not in the inventory, and LaunchTime is an instance's last launch (a stopped and
// started instance counts from its restart), so a student may have paid more than shown.
import { UsageError } from '../contract/errors';
import type { Inventory } from '../contract/inventory';
import type { Bilingual } from '../contract/report';
import { costedResourcesFromInventory } from '../checks/rules/cost.within-budget';
import { read } from '../checks/rules/lib/collected';
import { applicationLoadBalancers, dbId, dbInstances, redisGroups, rgId } from '../checks/rules/lib/deployment';
import { estimateCost, LAB_DEFAULTS, loadPriceTable, type CostedResource } from '../stacks/cost/estimator';
import type { CostSoFar } from '../reports/class/board/board-model';

export function costSoFar(inventory: Inventory, now: Date, budgetUsd: number = LAB_DEFAULTS.budgetUsd): CostSoFar {
  let resources: CostedResource[];
  let created: CreationTimes;
  try {
    resources = costedResourcesFromInventory(inventory);
    created = creationTimes(inventory);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { known: false, reason: { ko: `리소스를 읽지 못했습니다: ${message}`, en: `Could not read the resources: ${message}` } };
  }
  const known = [...created.instances.map((i) => i.at), ...created.nats, ...created.albs, ...created.dbs.values(), ...created.redis.values()].filter((t): t is number => t !== undefined);
  if (resources.length === 0) return { known: true, usd: 0, budgetUsd, priceTableAsOf: loadPriceTable().asOf, assumedFromFirst: 0 };
  if (known.length === 0) {
    return { known: false, reason: { ko: 'AWS가 알려 준 생성 시각이 있는 리소스가 없습니다.', en: 'No resource has a creation time in AWS.' } };
  }
  const first = Math.min(...known);
  const minutesSince = (at: number | undefined) => Math.max(0, now.getTime() - (at ?? first)) / 60_000;
  const mean = (times: (number | undefined)[]) => (times.length ? times.reduce<number>((sum, t) => sum + minutesSince(t), 0) / times.length : minutesSince(first));
  // Resources counted from the first: those whose creation time is missing, and the kinds that publish none.
  let assumedFromFirst = [...created.instances.map((i) => i.at), ...created.nats, ...created.albs, ...created.dbs.values(), ...created.redis.values()].filter((t) => t === undefined).length;
  let usd = 0;
  for (const resource of resources) {
    // Every price is per hour or per month, linear in time: a record of `count` resources
    // created at different times costs count x price x their mean running time.
    let minutes: number;
    switch (resource.kind) {
      case 'ec2':
        minutes = mean(created.instances.filter((i) => i.type === resource.instanceType).map((i) => i.at));
        break;
      case 'ebs':
        // Root volumes are created with their instance.
        minutes = mean(created.instances.map((i) => i.at));
        break;
      case 'nat-gateway':
        minutes = mean(created.nats);
        break;
      case 'alb':
        minutes = mean(created.albs);
        break;
      case 'rds':
        minutes = minutesSince(created.dbs.get(labelOf(resource)));
        break;
      case 'elasticache':
        minutes = minutesSince(created.redis.get(labelOf(resource)));
        break;
      default:
        minutes = minutesSince(first);
        assumedFromFirst += 'count' in resource ? resource.count : 1;
    }
    if (minutes <= 0) continue;
    try {
      usd += estimateCost([resource], { minutes, budgetUsd }).totalUsd;
    } catch (error) {
      // A type the price table lacks: unknown, never priced at 0.
      if (error instanceof UsageError) return { known: false, reason: { ko: error.in('ko'), en: error.in('en') } };
      throw error;
    }
  }
  return { known: true, usd: Math.round(usd * 1e4) / 1e4, budgetUsd, priceTableAsOf: loadPriceTable().asOf, assumedFromFirst };
}

interface CreationTimes {
  /** Running (or pending) instances: the ones priced. */
  instances: { type: string; at: number | undefined }[];
  nats: (number | undefined)[];
  albs: (number | undefined)[];
  dbs: Map<string, number | undefined>;
  redis: Map<string, number | undefined>;
}

function creationTimes(inventory: Inventory): CreationTimes {
  const time = (iso: string | undefined) => (iso ? Date.parse(iso) : undefined);
  const running = read(inventory.ec2.instances).filter((i) => i.State?.Name === 'running' || i.State?.Name === 'pending');
  const nats = read(inventory.ec2.natGateways).filter((n) => n.State === undefined || n.State === 'available' || n.State === 'pending');
  const members = new Map(read(inventory.elasticache.cacheClusters).map((c) => [c.CacheClusterId, time(c.CacheClusterCreateTime)]));
  return {
    instances: running.map((i) => ({ type: i.InstanceType ?? '?', at: time(i.LaunchTime) })),
    nats: nats.map((n) => time(n.CreateTime)),
    albs: applicationLoadBalancers(inventory).map((lb) => time(lb.CreatedTime)),
    dbs: new Map(dbInstances(inventory).map((db) => [dbId(db), time(db.InstanceCreateTime)])),
    redis: new Map(
      redisGroups(inventory).map((g) => {
        const memberTimes = (g.MemberClusters ?? []).map((id) => members.get(id)).filter((t): t is number => t !== undefined);
        return [rgId(g), time(g.ReplicationGroupCreateTime) ?? (memberTimes.length ? Math.min(...memberTimes) : undefined)];
      }),
    ),
  };
}

/** The id an RDS or Redis record carries as its label (costedResourcesFromInventory puts it there). */
function labelOf(resource: CostedResource): string {
  const label: string | Bilingual | undefined = resource.label;
  return typeof label === 'string' ? label : (label?.en ?? '');
}
