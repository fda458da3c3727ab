// Grading integrity of drill.rds-failover on the local rehearsal: an application that
// writes to another database than the deployment's (here a third, unrelated PostgreSQL
// server) sees a perfect failover, because its writes never touched the database that
// failed over. The drill must fail it for that reason, not pass it with a zero gap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '../../sandbox/servers/postgres';
import { drillOptions, runDrill } from '../drills/index';
import type { Rehearsal } from '../local/rehearsal';
import { startTestRehearsal } from './support/rehearsal';

let elsewhere: RunningPostgres;
let rehearsal: Rehearsal;

beforeAll(async () => {
  elsewhere = await startPostgres({ password: 'not-the-deployment' });
  rehearsal = await startTestRehearsal({ instances: 2, apiDatabaseUrl: elsewhere.url });
});

afterAll(async () => {
  await rehearsal?.stop();
  await elsewhere?.destroy();
});

describe('rds-failover: an API that writes to another database', () => {
  it('fails with the reason that another PostgreSQL server acknowledged the writes, naming its system identifier', async () => {
    const result = await runDrill('rds-failover', { target: rehearsal.target, options: drillOptions('rds-failover', { probeIntervalMs: 50 }, 'local') });
    const criteria = Object.fromEntries(result.verdict.criteria.map((c) => [c.name, c]));
    const own = criteria["writes acknowledged by the deployment's own database"]!;
    expect(own.pass).toBe(false);
    expect(own.actual).toMatch(/^\d+ of \d+ acknowledged writes came from another PostgreSQL server: system identifier \d+, address 127\.0\.0\.1$/);
    expect(own.actual).not.toContain(rehearsal.postgres.systemIdentifier);
    expect(own.expected).toContain(`system identifier ${rehearsal.postgres.systemIdentifier}`);
    expect(result.status).toBe('fail');
    expect(result.verdict.summary.en).toMatch(/^Failed: the API wrote to another PostgreSQL server \(system identifier \d+, address 127\.0\.0\.1\), not to DB instance local-postgres/);
    expect(result.verdict.summary.ko).toMatch(/^실패: API가 DB 인스턴스 local-postgres가 아닌 다른 PostgreSQL 서버/);
    // Without this check it would have passed: the writes never stopped and none was lost.
    expect(criteria['write gap seen through the application']!.pass).toBe(true);
    expect(criteria['no acknowledged write lost']!.pass).toBe(true);
    expect(result.metrics.foreignServerWrites).toBe(result.metrics.acknowledgedWrites);
  });
});
