// Service events as the drills read them. DescribeEvents carries the message, not the
// event ID, so the RDS event IDs of "Amazon RDS event categories and event messages"
// (USER_Events.Messages) are recognised from the messages RDS writes for them.

export type RdsFailoverEventId = 'RDS-EVENT-0013' | 'RDS-EVENT-0015' | 'RDS-EVENT-0049' | 'RDS-EVENT-0034' | 'RDS-EVENT-0006';

const RDS_PATTERNS: [RdsFailoverEventId, RegExp][] = [
  // "Multi-AZ instance failover started." / "A Multi-AZ failover that resulted in the promotion of a standby instance has started."
  ['RDS-EVENT-0013', /multi-az (instance )?failover started|promotion of a standby instance has started/i],
  // "Multi-AZ failover to standby complete - DNS propagation may take a few minutes." / "... is complete."
  ['RDS-EVENT-0015', /failover to standby complete|promotion of a standby instance is complete/i],
  // "Multi-AZ instance failover completed" / "A Multi-AZ failover has completed."
  ['RDS-EVENT-0049', /multi-az (instance )?failover (has )?completed/i],
  // "Amazon RDS is not attempting a requested failover because a failover recently occurred on the DB instance."
  ['RDS-EVENT-0034', /not attempting a requested failover/i],
  ['RDS-EVENT-0006', /^(the )?db instance restarted/i],
];

export function rdsEventId(message: string): RdsFailoverEventId | undefined {
  return RDS_PATTERNS.find(([, pattern]) => pattern.test(message))?.[0];
}

export type CacheFailoverStep = 'test-failover-called' | 'failover-completed' | 'recovering' | 'recovered';

const CACHE_PATTERNS: [CacheFailoverStep, RegExp][] = [
  ['test-failover-called', /test failover api called for node group/i],
  // "Failover from primary node A to replica node B completed", "Failover to replica node B completed"
  ['failover-completed', /failover (from (primary|master) node \S+ )?to replica node \S+ completed/i],
  ['recovering', /^recovering cache nodes/i],
  ['recovered', /^finished recovery for cache nodes/i],
];

export function cacheFailoverStep(message: string): CacheFailoverStep | undefined {
  return CACHE_PATTERNS.find(([, pattern]) => pattern.test(message))?.[0];
}
