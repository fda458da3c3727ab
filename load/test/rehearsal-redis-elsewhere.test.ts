// Grading integrity of drill.redis-failover on the local rehearsal: an application whose
// cache is another Redis (a third, unrelated server) keeps serving through a failover of the
// deployment's replication group because its reads never touch it. The drill must fail it
// for that reason, not pass it with zero errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from '../../sandbox/servers/redis';
import { drillOptions, runDrill } from '../drills/index';
import type { Rehearsal } from '../local/rehearsal';
import { startTestRehearsal } from './support/rehearsal';

let elsewhere: RunningRedis;
let rehearsal: Rehearsal;

beforeAll(async () => {
  elsewhere = await startRedis();
  rehearsal = await startTestRehearsal({ instances: 2, apiRedisUrl: elsewhere.url });
});

afterAll(async () => {
  await rehearsal?.stop();
  await elsewhere?.destroy();
});

describe('redis-failover: an API whose cache is another Redis', () => {
  it('fails with the reason that another Redis server served the cached reads, naming its run_id', async () => {
    const runId = /run_id:([0-9a-f]+)/.exec(elsewhere.cli('INFO', 'server'))![1]!;
    const result = await runDrill('redis-failover', { target: rehearsal.target, options: drillOptions('redis-failover', {}, 'local') });
    const criteria = Object.fromEntries(result.verdict.criteria.map((c) => [c.name, c]));
    const own = criteria["cached reads served by the deployment's own Redis"]!;
    expect(own.pass).toBe(false);
    expect(own.actual).toMatch(new RegExp(`^\\d+ of \\d+ cached reads came from another Redis server: run_id ${runId}, address 127\\.0\\.0\\.1$`));
    expect(result.status).toBe('fail');
    expect(result.verdict.summary.en).toMatch(/^Failed: the application's cached reads did not reach replication group local-redis/);
    // Without this check it would have passed: the failover happened and the shop kept serving.
    expect(criteria['failover completed: the primary role moved']!.pass).toBe(true);
    expect(criteria['application kept serving (error rate)']!.pass).toBe(true);
  });
});
