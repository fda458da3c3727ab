// The live board's cost so far (issue 17, part 2): from each resource's creation time to now,
// at the dated price table's prices, with the estimator cost.within-budget uses.
// AWS publishes the creation times in the describe calls the inventory holds: EC2 Instance
// LaunchTime ("The time that the instance was last launched",
// https://boto3.amazonaws.com/v1/documentation/api/1.39.0/reference/services/ec2/instance/launch_time.html),
// RDS DBInstance InstanceCreateTime, ElastiCache ReplicationGroup.ReplicationGroupCreateTime
// ("The date and time when the cluster was created",
// https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/elasticache/aws.sdk.kotlin.services.elasticache.model/-replication-group/replication-group-create-time.html).
import { describe, expect, it } from 'vitest';
import { costedResourcesFromInventory } from '../../checks/rules/cost.within-budget';
import type { Inventory } from '../../contract/inventory';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { derive } from '../../fixtures/inventories/sdk';
import { dataOf } from '../../fixtures/inventories/variants';
import { estimateCost, LAB_DEFAULTS, loadPriceTable } from '../../stacks/cost/estimator';
import { costSoFar } from '../cost-so-far';

const CREATED = '2026-11-27T05:00:00.000Z';
const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

/** The reference deployment with every resource that publishes a creation time created at `iso`. */
function createdAt(iso: string, change: (inv: Inventory) => void = () => {}): Inventory {
  return derive(referenceInventory(), (inv) => {
    for (const i of dataOf(inv.ec2.instances)) i.LaunchTime = iso;
    for (const n of dataOf(inv.ec2.natGateways)) n.CreateTime = iso;
    for (const lb of dataOf(inv.elbv2.loadBalancers)) lb.CreatedTime = iso;
    for (const db of dataOf(inv.rds.instances)) db.InstanceCreateTime = iso;
    for (const g of dataOf(inv.elasticache.replicationGroups)) g.ReplicationGroupCreateTime = iso;
    change(inv);
  });
}

function estimate(inventory: Inventory, minutes: number): number {
  return estimateCost(costedResourcesFromInventory(inventory), { minutes, budgetUsd: LAB_DEFAULTS.budgetUsd }).totalUsd;
}

describe('cost so far', () => {
  it('equals the lab estimate for the same minutes when everything was created at once', () => {
    const inventory = createdAt(CREATED);
    for (const minutes of [10, 25, 50]) {
      const cost = costSoFar(inventory, minutesAfter(CREATED, minutes));
      expect(cost.known).toBe(true);
      if (!cost.known) continue;
      expect(cost.usd).toBeCloseTo(estimate(inventory, minutes), 3);
      expect(cost.usd).toBeGreaterThan(0);
      expect(cost).toMatchObject({ budgetUsd: 0.8, priceTableAsOf: loadPriceTable().asOf });
    }
  });

  it('grows with time and is zero at the moment of creation', () => {
    const inventory = createdAt(CREATED);
    const at = (m: number) => {
      const c = costSoFar(inventory, minutesAfter(CREATED, m));
      return c.known ? c.usd : Number.NaN;
    };
    expect(at(0)).toBe(0);
    expect(at(10)).toBeLessThan(at(20));
    expect(at(20)).toBeLessThan(at(40));
  });

  it('counts each resource from its own creation: instances launched 20 minutes later cost 20 minutes less of EC2 and their volumes', () => {
    const now = minutesAfter(CREATED, 40);
    const early = createdAt(CREATED);
    const late = createdAt(CREATED, (inv) => {
      for (const i of dataOf(inv.ec2.instances)) i.LaunchTime = minutesAfter(CREATED, 20).toISOString();
    });
    const e = costSoFar(early, now);
    const l = costSoFar(late, now);
    if (!e.known || !l.known) throw new Error('cost unknown');
    const instancesFor20Minutes = estimateCost(
      costedResourcesFromInventory(early).filter((r) => r.kind === 'ec2' || r.kind === 'ebs'),
      { minutes: 20, budgetUsd: LAB_DEFAULTS.budgetUsd },
    ).totalUsd;
    expect(e.usd - l.usd).toBeCloseTo(instancesFor20Minutes, 3);
  });

  it('counts what publishes no creation time from the deployment’s first resource, and says how many', () => {
    const inventory = createdAt(CREATED, (inv) => {
      for (const g of dataOf(inv.elasticache.replicationGroups)) delete g.ReplicationGroupCreateTime;
      for (const c of dataOf(inv.elasticache.cacheClusters)) delete c.CacheClusterCreateTime;
    });
    const cost = costSoFar(inventory, minutesAfter(CREATED, 30));
    if (!cost.known) throw new Error('cost unknown');
    // The Redis group, plus the alarms, dashboard, public IPs, bucket and distribution (no creation time in the inventory).
    expect(cost.assumedFromFirst).toBeGreaterThanOrEqual(2);
    expect(cost.usd).toBeCloseTo(estimate(inventory, 30), 3);
    // Every resource timed: only the kinds that publish none are counted from the first.
    const timed = costSoFar(createdAt(CREATED), minutesAfter(CREATED, 30));
    if (!timed.known) throw new Error('cost unknown');
    expect(timed.assumedFromFirst).toBe(cost.assumedFromFirst - 1);
  });

  it('is unknown, with the reason, when the resources could not be read', () => {
    const inventory = derive(createdAt(CREATED), (inv) => {
      inv.ec2.instances = { status: 'not-collected', operation: 'ec2:DescribeInstances', reason: 'AccessDenied: not authorized' };
    });
    const cost = costSoFar(inventory, minutesAfter(CREATED, 10));
    expect(cost).toMatchObject({ known: false, reason: { en: expect.stringContaining('AccessDenied'), ko: expect.stringContaining('AccessDenied') } });
  });

  it('is unknown when a type has no price (never priced at 0)', () => {
    const inventory = createdAt(CREATED, (inv) => {
      for (const i of dataOf(inv.ec2.instances)) i.InstanceType = 'u-24tb1.112xlarge' as never;
    });
    const cost = costSoFar(inventory, minutesAfter(CREATED, 10));
    expect(cost).toMatchObject({ known: false, reason: { en: expect.stringContaining('u-24tb1.112xlarge') } });
  });
});
