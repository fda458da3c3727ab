// judgeRdsFailover on hand-made observations: every criterion passing and failing, and
// every precondition that stops the drill. No process, no emulator, no clock.
import { describe, expect, it } from 'vitest';
import { judgeRdsFailover } from '../../drills/judges/rds-failover';
import type { RdsFailoverObservations } from '../../drills/observations';
import type { DatabaseState } from '../../target';
import { acknowledged, LIMITS, probes } from '../support/observations';

const BEFORE: DatabaseState = { id: 'cloudmart-db', status: 'available', multiAz: true, availabilityZone: 'ap-northeast-2a', secondaryAvailabilityZone: 'ap-northeast-2c' };
const SWAPPED: DatabaseState = { ...BEFORE, availabilityZone: 'ap-northeast-2c', secondaryAvailabilityZone: 'ap-northeast-2a' };
const FAULT_AT = 10_000;
// The RDS endpoint resolved before and after the failover (AWS), as the API names its server.
const OWN = { systemIdentifiers: [], addresses: ['10.0.11.20', '10.0.12.30'], source: 'cloudmart-db.abc.ap-northeast-2.rds.amazonaws.com (DNS)' };
const OWN_SERVER = { address: '10.0.11.20', systemIdentifier: '7301000000000000001' };
const END = 60_000;

/** A failover that went well: writes every 200 ms, failing for 20 s after the fault, all kept. */
function observed(change: Partial<NonNullable<RdsFailoverObservations['failover']>> = {}): RdsFailoverObservations {
  const writes = change.writes ?? probes(0, END, 200, { failing: [[FAULT_AT, FAULT_AT + 20_000]] });
  return {
    before: BEFORE,
    baseline: writes.filter((r) => r.intendedAt < FAULT_AT),
    failover: {
      probeIntervalMs: 200,
      faultAt: FAULT_AT,
      endMs: END,
      after: SWAPPED,
      // RDS User Guide, "Amazon RDS event categories and event messages" (USER_Events.Messages): 0013 failover started, 0015/0049 completed, 0034 not attempted.
      eventIds: ['RDS-EVENT-0013', 'RDS-EVENT-0049'],
      writes,
      readBack: { committed: acknowledged(writes) },
      servers: { servers: [{ ...OWN_SERVER, writes: acknowledged(writes).length }], unidentified: 0, own: OWN },
      ...change,
    },
  };
}

function criterion(observations: RdsFailoverObservations, name: string, limits = LIMITS) {
  const judged = judgeRdsFailover(observations, limits);
  const found = judged.verdict.criteria.find((c) => c.name === name);
  if (!found) throw new Error(`no criterion "${name}" in ${judged.verdict.criteria.map((c) => c.name).join(', ')}`);
  return found;
}

describe('judgeRdsFailover', () => {
  it('passes a failover that swapped the AZs, reported its events, stopped writes for 20 s and kept every acknowledged write', () => {
    const judged = judgeRdsFailover(observed(), LIMITS);
    expect(judged.status).toBe('pass');
    expect(judged.verdict.criteria.map((c) => [c.name, c.pass])).toEqual([
      ['failover completed: AZ and secondary AZ swapped', true],
      ['failover events seen', true],
      ['write gap seen through the application', true],
      ['no acknowledged write lost', true],
      ["writes acknowledged by the deployment's own database", true],
    ]);
    expect(judged.verdict.summary.en).toBe('Failover completed: writes stopped for 20.2 s, all 200 acknowledged writes kept (full marks).');
    expect(judged.verdict.summary.ko).toBe('페일오버 완료: 쓰기 중단 20.2초, 확인된 쓰기 200건 모두 보존 (만점 기준 충족).');
    expect(judged.metrics).toMatchObject({ writeGapMs: 20_200, lostWrites: 0, acknowledgedWrites: 200, writesSent: 300, fullMarks: 1, probeIntervalMs: 200, observeMs: 600_000 });
    for (const c of judged.verdict.criteria) expect([c.nameKo, c.expectedKo, c.actualKo].every((text) => typeof text === 'string' && text.length > 0)).toBe(true);
  });

  describe('failover completed: AZ and secondary AZ swapped', () => {
    const name = 'failover completed: AZ and secondary AZ swapped';
    it('passes when the primary is in the old standby AZ, the standby in the old primary AZ, status available', () => {
      const c = criterion(observed(), name);
      expect(c.pass).toBe(true);
      expect(c.actual).toBe('primary ap-northeast-2c, standby ap-northeast-2a, status available');
    });
    it('fails when the primary stayed in its AZ within the watch', () => {
      const c = criterion(observed({ after: BEFORE }), name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('primary ap-northeast-2a, standby ap-northeast-2c, status available (not swapped within the 600 s watch)');
      expect(c.actualKo).toContain('관찰 600초 안에 교체되지 않음');
    });
    it('fails while the swapped instance is not yet available', () => {
      expect(criterion(observed({ after: { ...SWAPPED, status: 'rebooting' } }), name).pass).toBe(false);
    });
    it('fails when the instance was never described after the fault', () => {
      const { after: _after, ...failover } = observed().failover!;
      const c = criterion({ ...observed(), failover }, name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('not observed');
    });
  });

  describe('failover events seen', () => {
    const name = 'failover events seen';
    it('passes with RDS-EVENT-0013 then RDS-EVENT-0015', () => {
      expect(criterion(observed({ eventIds: ['RDS-EVENT-0013', 'RDS-EVENT-0015'] }), name).pass).toBe(true);
    });
    it('fails without a completion event', () => {
      const c = criterion(observed({ eventIds: ['RDS-EVENT-0013'] }), name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('RDS-EVENT-0013 (no completion event within the 600 s watch)');
    });
    it('fails when the completion came before the start (an earlier failover)', () => {
      expect(criterion(observed({ eventIds: ['RDS-EVENT-0049', 'RDS-EVENT-0013'] }), name).pass).toBe(false);
    });
    it('fails without any event', () => {
      const c = criterion(observed({ eventIds: [] }), name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('no failover event within the 600 s watch');
    });
    it('fails with RDS-EVENT-0034 and says RDS did not attempt the failover', () => {
      const observations = observed({ eventIds: ['RDS-EVENT-0013', 'RDS-EVENT-0049', 'RDS-EVENT-0034'], after: BEFORE });
      const c = criterion(observations, name);
      expect(c.pass).toBe(false);
      expect(c.actual).toContain('RDS did not attempt the failover');
      // The AZ criterion does not add "not swapped": the reason is the event's.
      expect(criterion(observations, 'failover completed: AZ and secondary AZ swapped').actual).not.toContain('not swapped');
    });
  });

  describe('write gap seen through the application', () => {
    const name = 'write gap seen through the application';
    it('passes a gap within the limit, without full marks above 60 s', () => {
      const writes = probes(0, 200_000, 200, { failing: [[FAULT_AT, FAULT_AT + 90_000]] });
      const observations = observed({ writes, readBack: { committed: acknowledged(writes) }, endMs: 200_000 });
      const judged = judgeRdsFailover(observations, LIMITS);
      expect(criterion(observations, name).pass).toBe(true);
      expect(criterion(observations, name).actual).toBe('90.2 s');
      expect(judged.metrics.fullMarks).toBe(0);
      expect(judged.verdict.summary.en).not.toContain('full marks');
    });
    it('fails a gap over the limit', () => {
      const c = criterion(observed(), name, { ...LIMITS, limitMs: 10_000 });
      expect(c.pass).toBe(false);
      expect(c.expected).toBe('<= 10 s (<= 60 s for full marks)');
    });
    it('fails when no write was acknowledged after the failover, naming how long before the end the last one was', () => {
      const writes = probes(0, END, 200, { failing: [[FAULT_AT, END]] });
      const c = criterion(observed({ writes, readBack: { committed: acknowledged(writes) } }), name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('no write acknowledged after the failover (last one 50.2 s before the end)');
    });
  });

  describe('no acknowledged write lost', () => {
    const name = 'no acknowledged write lost';
    it('passes when every acknowledged write is in the database', () => {
      expect(criterion(observed(), name).actual).toBe('0 lost of 200 acknowledged');
    });
    it('fails when an acknowledged write is missing afterwards, naming its sequence number', () => {
      const base = observed();
      const committed = acknowledged(base.failover!.writes).filter((seq) => seq !== 7);
      const observations = observed({ readBack: { committed } });
      const c = criterion(observations, name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('1 lost of 200 acknowledged (seq 7)');
      expect(judgeRdsFailover(observations, LIMITS).status).toBe('fail');
    });
    it('is an error, never a pass, when the writes could not be read back', () => {
      const observations = observed({ readBack: { error: 'GET /drill/writes failed 5 times (HTTP 503)' } });
      const c = criterion(observations, name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('could not read the writes back (GET /drill/writes failed 5 times (HTTP 503))');
      expect(judgeRdsFailover(observations, LIMITS).status).toBe('error');
    });
  });

  describe("writes acknowledged by the deployment's own database", () => {
    const name = "writes acknowledged by the deployment's own database";
    const total = 200;
    it('passes when every write came from an address the DB endpoint resolved to (before and after the failover)', () => {
      const observations = observed({ servers: { servers: [{ ...OWN_SERVER, writes: 120 }, { address: '10.0.12.30', systemIdentifier: OWN_SERVER.systemIdentifier, writes: 80 }], unidentified: 0, own: OWN } });
      const c = criterion(observations, name);
      expect(c).toMatchObject({ pass: true, actual: `all ${total} acknowledged writes from the deployment's own database` });
      expect(c.expected).toBe('every write acknowledged by DB instance cloudmart-db (address 10.0.11.20 / 10.0.12.30, cloudmart-db.abc.ap-northeast-2.rds.amazonaws.com (DNS))');
      expect(judgeRdsFailover(observations, LIMITS).status).toBe('pass');
    });
    it('fails, with that reason, a zero-gap failover whose writes went to another server (a database on the instance, another student\'s)', () => {
      const elsewhere = { address: '10.0.1.99', systemIdentifier: '7399999999999999999' };
      const observations = observed({ writes: probes(0, END, 200), servers: { servers: [{ ...elsewhere, writes: 300 }], unidentified: 0, own: OWN } });
      observations.failover!.readBack = { committed: acknowledged(observations.failover!.writes) };
      const judged = judgeRdsFailover(observations, LIMITS);
      expect(judged.status).toBe('fail');
      const c = judged.verdict.criteria.find((x) => x.name === name)!;
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('300 of 300 acknowledged writes came from another PostgreSQL server: system identifier 7399999999999999999, address 10.0.1.99');
      expect(c.actualKo).toBe('확인된 쓰기 300건 중 300건을 다른 PostgreSQL 서버가 확인: 시스템 식별자 7399999999999999999, 주소 10.0.1.99');
      expect(judged.verdict.summary.en).toMatch(/^Failed: the API wrote to another PostgreSQL server \(system identifier 7399999999999999999, address 10\.0\.1\.99\), not to DB instance cloudmart-db/);
      expect(judged.verdict.summary.ko).toMatch(/^실패: API가 DB 인스턴스 cloudmart-db가 아닌 다른 PostgreSQL 서버/);
      expect(judged.metrics.foreignServerWrites).toBe(300);
      // Everything else about the run looked perfect: only the server gives it away.
      expect(judged.verdict.criteria.filter((x) => !x.pass).map((x) => x.name)).toEqual([name]);
    });
    it('fails on the system identifier locally, where every server is 127.0.0.1', () => {
      const own = { systemIdentifiers: ['7301000000000000001'], addresses: [], source: 'local-postgres (PostgreSQL system identifier)' };
      const third = { address: '127.0.0.1', systemIdentifier: '7355555555555555555' };
      expect(criterion(observed({ servers: { servers: [{ address: '127.0.0.1', systemIdentifier: '7301000000000000001', writes: 200 }], unidentified: 0, own } }), name).pass).toBe(true);
      expect(criterion(observed({ servers: { servers: [{ ...third, writes: 200 }], unidentified: 0, own } }), name).pass).toBe(false);
    });
    it('is an error, never a pass, when the API named no server', () => {
      const observations = observed({ servers: { servers: [], unidentified: 200, own: OWN } });
      const c = criterion(observations, name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('200 of 200 acknowledged writes answered without naming their server ("server"); deploy the current CloudMart API');
      expect(judgeRdsFailover(observations, LIMITS).status).toBe('error');
    });
    it("is an error, never a pass, when the deployment's own servers could not be looked up", () => {
      const observations = observed({ servers: { servers: [{ ...OWN_SERVER, writes: 200 }], unidentified: 0, own: { error: 'getaddrinfo ENOTFOUND cloudmart-db.abc' } } });
      const c = criterion(observations, name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe("could not tell which servers are the deployment's own (getaddrinfo ENOTFOUND cloudmart-db.abc)");
      expect(judgeRdsFailover(observations, LIMITS).status).toBe('error');
    });
  });

  describe('preconditions', () => {
    it('refuses a member of a DB cluster with one criterion, as an error', () => {
      const judged = judgeRdsFailover({ before: { ...BEFORE, clusterId: 'cloudmart-cluster' } }, LIMITS);
      expect(judged.status).toBe('error');
      expect(judged.verdict.criteria).toHaveLength(1);
      expect(judged.verdict.summary.en).toContain('member of the DB cluster cloudmart-cluster');
    });
    it('fails a Single-AZ instance', () => {
      const judged = judgeRdsFailover({ before: { ...BEFORE, multiAz: false } }, LIMITS);
      expect(judged.status).toBe('fail');
      expect(judged.verdict.criteria[0]).toMatchObject({ name: 'DB instance is Multi-AZ', actual: 'MultiAZ false', pass: false });
    });
    it('is an error while the instance is not available', () => {
      const judged = judgeRdsFailover({ before: { ...BEFORE, status: 'modifying' } }, LIMITS);
      expect(judged.status).toBe('error');
      expect(judged.verdict.criteria[0]).toMatchObject({ actual: 'modifying', pass: false });
    });
    it('is an error when no write was acknowledged before the failover, naming what the writes got', () => {
      const judged = judgeRdsFailover({ before: BEFORE, baseline: probes(0, 2000, 200, { failing: [[0, 2000]] }) }, LIMITS);
      expect(judged.status).toBe('error');
      expect(judged.verdict.summary.en).toBe("No write was acknowledged before the failover (timeout); check that the API runs with DRILL_ENDPOINTS=on and that the drill sent the deployment's drill token (404 without it).");
    });
    it('is an error, never a pass, when the run stopped before the failover', () => {
      const judged = judgeRdsFailover({ before: BEFORE, baseline: probes(0, 2000, 200) }, LIMITS);
      expect(judged.status).toBe('error');
      expect(judged.verdict.criteria).toEqual([]);
    });
  });
});
