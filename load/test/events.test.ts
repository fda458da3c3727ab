import { describe, expect, it } from 'vitest';
import { cacheFailoverStep, rdsEventId } from '../events';

describe('service event messages', () => {
  it('recognises the RDS failover event IDs from DescribeEvents messages', () => {
    expect(rdsEventId('Multi-AZ instance failover started.')).toBe('RDS-EVENT-0013');
    expect(rdsEventId('A Multi-AZ failover that resulted in the promotion of a standby instance has started.')).toBe('RDS-EVENT-0013');
    expect(rdsEventId('Multi-AZ failover to standby complete - DNS propagation may take a few minutes.')).toBe('RDS-EVENT-0015');
    expect(rdsEventId('Multi-AZ instance failover completed')).toBe('RDS-EVENT-0049');
    expect(rdsEventId('A Multi-AZ failover has completed.')).toBe('RDS-EVENT-0049');
    expect(rdsEventId('Amazon RDS is not attempting a requested failover because a failover recently occurred on the DB instance.')).toBe('RDS-EVENT-0034');
    expect(rdsEventId('DB instance restarted')).toBe('RDS-EVENT-0006');
    expect(rdsEventId('Backing up DB instance')).toBeUndefined();
    expect(rdsEventId('A Multi-AZ activation has started after a successful instance recovery.')).toBeUndefined();
  });

  it('recognises the ElastiCache TestFailover steps, both wordings of the completion', () => {
    expect(cacheFailoverStep('Test Failover API called for node group 0001')).toBe('test-failover-called');
    expect(cacheFailoverStep('Failover from primary node cm-001 to replica node cm-002 completed')).toBe('failover-completed');
    expect(cacheFailoverStep('Failover from master node cm-001 to replica node cm-002 completed')).toBe('failover-completed');
    expect(cacheFailoverStep('Failover to replica node test-cluster-0001-002 completed')).toBe('failover-completed');
    expect(cacheFailoverStep('Recovering cache nodes 0001')).toBe('recovering');
    expect(cacheFailoverStep('Finished recovery for cache nodes 0001')).toBe('recovered');
    expect(cacheFailoverStep('Cache cluster created')).toBeUndefined();
  });
});
