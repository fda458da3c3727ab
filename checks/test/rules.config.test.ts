// The one check configuration: the defaults of checks.md and the course, overridable, and a
// bad override is a usage error with one clear sentence.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { DEFAULT_CHECK_CONFIG, DEFAULT_REQUIRED_ALARMS, resolveCheckConfig } from '../config';

describe('check config', () => {
  it('has the defaults of checks.md', () => {
    expect(DEFAULT_CHECK_CONFIG).toMatchObject({
      backupRetentionDays: 7,
      budgetUsd: 0.8,
      labMinutes: 50,
      cacheSnapshotRetentionDays: 1,
      minAvailabilityZones: 2,
      minAsgCapacity: 2,
      appPort: 8080,
      dbPort: 5432,
      redisPort: 6379,
      studentTagKey: 'cloudmart:student',
      expiresTagKey: 'cloudmart:expires-at',
    });
    expect(DEFAULT_CHECK_CONFIG.requiredAlarms.map((a) => a.id)).toEqual(['asg-cpu', 'alb-5xx', 'alb-unhealthy-hosts', 'rds-cpu', 'rds-free-storage', 'redis-cpu-or-memory']);
    expect(DEFAULT_CHECK_CONFIG.requiredAlarms).toEqual(DEFAULT_REQUIRED_ALARMS);
  });

  it('takes overrides and keeps the other defaults', () => {
    const config = resolveCheckConfig({ budgetUsd: 1.2, labMinutes: 60 });
    expect(config).toEqual({ ...DEFAULT_CHECK_CONFIG, budgetUsd: 1.2, labMinutes: 60 });
  });

  it.each([
    [{ budgetUsd: -1 }, /budgetUsd/],
    [{ backupRetentionDays: 'seven' }, /backupRetentionDays/],
    [{ budgetUSD: 1 }, /budgetUSD|Unrecognized/],
    [{ requiredAlarms: [] }, /requiredAlarms/],
  ])('rejects %j with a usage error', (overrides, pattern) => {
    expect(() => resolveCheckConfig(overrides)).toThrow(UsageError);
    expect(() => resolveCheckConfig(overrides)).toThrow(pattern);
  });
});
