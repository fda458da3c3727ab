// judgeRedisFailover on hand-made observations: every criterion passing and failing, and
// every precondition that stops the drill. No process, no emulator, no clock.
import { describe, expect, it } from 'vitest';
import { judgeRedisFailover } from '../../drills/judges/redis-failover';
import type { RedisFailoverObservations } from '../../drills/observations';
import type { CacheState } from '../../target';
import { LIMITS, probes } from '../support/observations';

const BEFORE: CacheState = {
  id: 'cloudmart-redis',
  status: 'available',
  automaticFailover: true,
  multiAz: true,
  nodeGroupId: '0001',
  members: [
    { id: 'cloudmart-redis-001', role: 'primary', availabilityZone: 'ap-northeast-2a' },
    { id: 'cloudmart-redis-002', role: 'replica', availabilityZone: 'ap-northeast-2c' },
  ],
};
const FAULT_AT = 10_000;
// The replication group's endpoints resolved before and after the failover (AWS), as the API names its Redis.
const OWN = { runIds: [], addresses: ['10.0.21.5', '10.0.22.6'], source: 'master.cloudmart-redis.abc.apn2.cache.amazonaws.com (DNS)' };
const OWN_SERVER = { runId: 'a1b2c3', address: '10.0.21.5' };

/** A failover that went well: 1000 reads every 100 ms, 5 of them failing right after the fault. */
function observed(change: Partial<NonNullable<RedisFailoverObservations['failover']>> = {}): RedisFailoverObservations {
  const reads = change.reads ?? probes(0, 100_000, 100, { failing: [[FAULT_AT, FAULT_AT + 500]], detail: 'hit' });
  return {
    before: BEFORE,
    baseline: reads.filter((r) => r.intendedAt < FAULT_AT),
    failover: {
      probeIntervalMs: 100,
      faultAt: FAULT_AT,
      primaryAfter: 'cloudmart-redis-002',
      // ElastiCache API reference, TestFailover: "Test Failover API called for node group ...", then "Failover from primary node ... to replica node ... completed".
      steps: ['test-failover-called', 'failover-completed', 'recovering', 'recovered'],
      reads,
      servers: { servers: [{ ...OWN_SERVER, reads: 995 }], unidentified: 0, own: OWN },
      ...change,
    },
  };
}

function criterion(observations: RedisFailoverObservations, name: string, limits = LIMITS) {
  const found = judgeRedisFailover(observations, limits).verdict.criteria.find((c) => c.name === name);
  if (!found) throw new Error(`no criterion "${name}"`);
  return found;
}

describe('judgeRedisFailover', () => {
  it('passes a failover that moved the primary, reported its events and kept 99.5 % of the reads', () => {
    const judged = judgeRedisFailover(observed(), LIMITS);
    expect(judged.status).toBe('pass');
    expect(judged.verdict.criteria.map((c) => [c.name, c.pass])).toEqual([
      ['failover completed: the primary role moved', true],
      ['failover events seen', true],
      ['application kept serving (error rate)', true],
      ["cached reads served by the deployment's own Redis", true],
    ]);
    expect(judged.verdict.summary.en).toBe('The shop kept serving through the Redis failover: 0.5 % errors.');
    expect(judged.verdict.summary.ko).toBe('Redis 페일오버 중에도 서비스 유지: 오류율 0.5 %.');
    expect(judged.metrics).toMatchObject({ errorRatePercent: 0.5, failedReads: 5, reads: 1000, errorWindowMs: 500, cacheHits: 995, cacheMisses: 0, cacheBypass: 0, maxErrorRatePercent: 1 });
    for (const c of judged.verdict.criteria) expect([c.nameKo, c.expectedKo, c.actualKo].every((text) => typeof text === 'string' && text.length > 0)).toBe(true);
  });

  it('counts the answers that bypassed the cache from the x-cache header', () => {
    const reads = probes(0, 100_000, 100, { detail: 'bypass' });
    const judged = judgeRedisFailover(observed({ reads }), LIMITS);
    expect(judged.metrics.cacheBypass).toBe(1000);
    expect(judged.verdict.summary.en).toContain('1000 answers bypassed the cache');
  });

  describe('failover completed: the primary role moved', () => {
    const name = 'failover completed: the primary role moved';
    it('passes when a replica is primary now', () => {
      expect(criterion(observed(), name)).toMatchObject({ pass: true, actual: 'primary cloudmart-redis-002' });
    });
    it('fails when the old primary is still primary within the watch', () => {
      const c = criterion(observed({ primaryAfter: 'cloudmart-redis-001' }), name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('primary cloudmart-redis-001 (not moved within the 600 s watch)');
    });
    it('fails when no primary was seen', () => {
      const { primaryAfter: _gone, ...failover } = observed().failover!;
      expect(criterion({ ...observed(), failover }, name)).toMatchObject({ pass: false, actual: 'primary none (not moved within the 600 s watch)' });
    });
  });

  describe('failover events seen', () => {
    const name = 'failover events seen';
    it('passes with the call then the completion', () => {
      expect(criterion(observed({ steps: ['test-failover-called', 'failover-completed'] }), name).pass).toBe(true);
    });
    it('fails without the completion event', () => {
      const c = criterion(observed({ steps: ['test-failover-called'] }), name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('test-failover-called');
    });
    it('fails without the call event', () => {
      expect(criterion(observed({ steps: ['failover-completed'] }), name).pass).toBe(false);
    });
    it('fails without any event', () => {
      expect(criterion(observed({ steps: [] }), name)).toMatchObject({ pass: false, actual: 'no failover event within the 600 s watch' });
    });
  });

  describe('application kept serving (error rate)', () => {
    const name = 'application kept serving (error rate)';
    it('passes at the limit', () => {
      const reads = probes(0, 100_000, 100, { failing: [[FAULT_AT, FAULT_AT + 1000]] });
      expect(criterion(observed({ reads }), name)).toMatchObject({ pass: true, actual: '1 % (10 of 1000), errors for 1 s' });
    });
    it('fails above the limit, with how long the errors lasted', () => {
      const reads = probes(0, 100_000, 100, { failing: [[FAULT_AT, FAULT_AT + 2000]] });
      const observations = observed({ reads });
      const c = criterion(observations, name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('2 % (20 of 1000), errors for 2 s');
      expect(c.actualKo).toBe('2 % (1000건 중 20건), 오류 2초 동안');
      expect(judgeRedisFailover(observations, LIMITS).verdict.summary.en).toBe('Failed: application kept serving (error rate) (2 % errors).');
    });
    it('fails when the failover has no read to judge', () => {
      expect(criterion({ ...observed({ reads: [] }), baseline: probes(0, 2000, 100) }, name).pass).toBe(false);
    });
  });

  describe("cached reads served by the deployment's own Redis", () => {
    const name = "cached reads served by the deployment's own Redis";
    it('passes when every cached read came from an address of the replication group (before and after the failover)', () => {
      const c = criterion(observed({ servers: { servers: [{ ...OWN_SERVER, reads: 500 }, { runId: 'd4e5f6', address: '10.0.22.6', reads: 495 }], unidentified: 0, own: OWN } }), name);
      expect(c).toMatchObject({ pass: true, actual: "all 995 cached reads from the deployment's own Redis" });
    });
    it('fails, with that reason, an app whose reads all bypassed Redis (no cache at all): zero errors prove nothing', () => {
      const reads = probes(0, 100_000, 100, { detail: 'bypass' });
      const judged = judgeRedisFailover(observed({ reads, servers: { servers: [], unidentified: 0, own: OWN } }), LIMITS);
      expect(judged.status).toBe('fail');
      const c = judged.verdict.criteria.find((x) => x.name === name)!;
      expect(c).toMatchObject({ pass: false, actual: 'no read was served by Redis: every answer bypassed the cache', actualKo: 'Redis가 처리한 조회 없음: 모든 응답이 캐시를 우회함' });
      expect(judged.verdict.summary.en).toMatch(/^Failed: the application's cached reads did not reach replication group cloudmart-redis/);
      expect(judged.verdict.criteria.filter((x) => !x.pass).map((x) => x.name)).toEqual([name]);
    });
    it('fails when another Redis served the reads, naming it', () => {
      const judged = judgeRedisFailover(observed({ servers: { servers: [{ runId: 'ffff', address: '10.9.9.9', reads: 995 }], unidentified: 0, own: OWN } }), LIMITS);
      expect(judged.status).toBe('fail');
      expect(judged.verdict.criteria.find((x) => x.name === name)!.actual).toBe('995 of 995 cached reads came from another Redis server: run_id ffff, address 10.9.9.9');
      expect(judged.metrics.foreignServerReads).toBe(995);
    });
    it('is an error, never a pass, when cached reads named no server or the own servers could not be found', () => {
      expect(judgeRedisFailover(observed({ servers: { servers: [], unidentified: 995, own: OWN } }), LIMITS).status).toBe('error');
      expect(judgeRedisFailover(observed({ servers: { servers: [{ ...OWN_SERVER, reads: 995 }], unidentified: 0, own: { error: 'getaddrinfo ENOTFOUND' } } }), LIMITS).status).toBe('error');
    });
  });

  describe('preconditions', () => {
    it('fails a group without a replica', () => {
      const judged = judgeRedisFailover({ before: { ...BEFORE, members: [BEFORE.members[0]!] } }, LIMITS);
      expect(judged.status).toBe('fail');
      expect(judged.verdict.summary.en).toContain('it has no replica');
    });
    it('fails a group with automatic failover off', () => {
      const judged = judgeRedisFailover({ before: { ...BEFORE, automaticFailover: false } }, LIMITS);
      expect(judged.status).toBe('fail');
      expect(judged.verdict.criteria[0]!.actual).toBe('automatic failover off, 1 replica(s)');
    });
    it('is an error while the group is not available', () => {
      expect(judgeRedisFailover({ before: { ...BEFORE, status: 'modifying' } }, LIMITS).status).toBe('error');
    });
    it('is an error when no read was served before the failover', () => {
      const judged = judgeRedisFailover({ before: BEFORE, baseline: probes(0, 2000, 100, { failing: [[0, 2000]] }) }, LIMITS);
      expect(judged.status).toBe('error');
      expect(judged.verdict.criteria[0]!.name).toBe('reads served before the failover');
    });
    it('is an error when ElastiCache refused TestFailover, saying why', () => {
      // ElastiCache API reference, TestFailover: up to 15 shards in any rolling 24-hour period; errors TestFailoverNotAvailableFault, APICallRateForCustomerExceededFault.
      const judged = judgeRedisFailover({ before: BEFORE, baseline: probes(0, 2000, 100), refusedWith: 'TestFailoverNotAvailableFault' }, LIMITS);
      expect(judged.status).toBe('error');
      expect(judged.verdict.summary.en).toContain('at most 15 shards in any rolling 24-hour period');
      expect(judged.verdict.criteria[0]).toMatchObject({ name: 'TestFailover accepted', actual: 'TestFailoverNotAvailableFault', pass: false });
    });
    it('is an error, never a pass, when the run stopped before the failover', () => {
      const judged = judgeRedisFailover({ before: BEFORE, baseline: probes(0, 2000, 100) }, LIMITS);
      expect(judged.status).toBe('error');
      expect(judged.verdict.criteria).toEqual([]);
    });
  });
});
