// redis-failover and instance-loss on the local rehearsal (real Redis primary/replica,
// real CloudMart API processes behind the local balancer): both pass when the
// deployment copes, and fail when it cannot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workloadLauncher } from '../local/api-process';
import { drillOptions, runDrill } from '../drills/index';
import type { ApiLauncher } from '../local/fleet';
import type { Rehearsal } from '../local/rehearsal';
import type { DrillTarget } from '../target';
import { startTestRehearsal } from './support/rehearsal';

let rehearsal: Rehearsal;
// The launcher can be told to refuse new instances: a group that cannot replace a lost one.
let launchesAllowed = true;

beforeAll(async () => {
  const real = workloadLauncher({ env: { DB_RECONNECT_BACKOFF_MAX_MS: '0' } });
  const launcher: ApiLauncher = (env) => (launchesAllowed ? real(env) : Promise.reject(new Error('no capacity in this zone (test)')));
  rehearsal = await startTestRehearsal({ instances: 2, launcher });
});

afterAll(async () => {
  await rehearsal?.stop();
});

const byName = (criteria: { name: string; pass: boolean }[]) => Object.fromEntries(criteria.map((c) => [c.name, c.pass]));

describe('redis-failover on the rehearsal', () => {
  it('promotes the replica while the shop keeps serving, and records the failover', async () => {
    const before = rehearsal.redis.members().find((m) => m.role === 'primary')!.id;
    const result = await runDrill('redis-failover', { target: rehearsal.target, options: drillOptions('redis-failover', {}, 'local') });
    expect(byName(result.verdict.criteria)).toEqual({
      'failover completed: the primary role moved': true,
      'failover events seen': true,
      'application kept serving (error rate)': true,
      "cached reads served by the deployment's own Redis": true,
    });
    expect(result.status).toBe('pass');
    expect(rehearsal.redis.members().find((m) => m.role === 'primary')!.id).not.toBe(before);
    expect(result.metrics.reads).toBeGreaterThan(20);
    expect((result.metrics.cacheHits ?? 0) + (result.metrics.cacheMisses ?? 0) + (result.metrics.cacheBypass ?? 0)).toBe((result.metrics.reads ?? 0) - (result.metrics.failedReads ?? 0));
    expect(result.timeline.some((e) => e.kind === 'event' && /Test Failover API called/.test(e.message))).toBe(true);
  });

  it('fails without acting when the group cannot fail over', async () => {
    const real = rehearsal.target;
    const noFailover: DrillTarget = { ...real, cache: { ...real.cache, describe: async () => ({ ...(await real.cache.describe()), automaticFailover: false }) } };
    const before = rehearsal.redis.events.length;
    const result = await runDrill('redis-failover', { target: noFailover, options: drillOptions('redis-failover', {}, 'local') });
    expect(result.status).toBe('fail');
    expect(result.verdict.criteria).toEqual([expect.objectContaining({ name: 'replication group can fail over', pass: false })]);
    expect(rehearsal.redis.events.length).toBe(before);
  });
});

describe('instance-loss on the rehearsal', () => {
  it('replaces a killed API process; errors stop and the group is back to desired with healthy targets', async () => {
    const result = await runDrill('instance-loss', { target: rehearsal.target, options: drillOptions('instance-loss', {}, 'local') });
    if (result.status !== 'pass') console.log(JSON.stringify({ criteria: result.verdict.criteria, notes: result.notes }, null, 1));
    expect(byName(result.verdict.criteria)).toEqual({
      'user-visible errors stop within the limit': true,
      'group back to desired capacity with healthy targets': true,
      'the terminated instance was replaced': true,
    });
    expect(result.status).toBe('pass');
    const kinds = new Set(result.timeline.map((e) => e.kind));
    for (const kind of ['phase', 'api-call', 'capacity', 'target-health', 'event']) expect(kinds).toContain(kind);
    expect(result.timeline.some((e) => e.kind === 'target-health' && /-> unhealthy|deregistered/.test(e.message))).toBe(true);
  });

  it('fails when the group cannot replace the lost instance in time', async () => {
    launchesAllowed = false;
    try {
      // The drill watches past the recovery limit (observeMs) to measure a late recovery; 5 s here.
      const result = await runDrill('instance-loss', { target: rehearsal.target, options: drillOptions('instance-loss', { recoveryLimitMs: 5000, observeMs: 5000 }, 'local') });
      expect(result.status).toBe('fail');
      expect(byName(result.verdict.criteria)['group back to desired capacity with healthy targets']).toBe(false);
      expect(result.metrics.recoveryMs).toBeNull();
    } finally {
      launchesAllowed = true;
    }
  });
});
