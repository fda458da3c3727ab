// CloudMart write probe for an RDS failover, for k6: POST /drill/write {"seq": n} on a
// fixed schedule (open loop) while you force the failover yourself
// (aws rds reboot-db-instance --db-instance-identifier <id> --force-failover).
// teardown() reads the committed writes back (GET /drill/writes) and reports the longest
// stretch between two consecutive commits: the write gap users saw.
//
// What k6 cannot check: that NO acknowledged write was lost (k6 keeps no per-request
// record shared between VUs). `cloudmart drill rds-failover` checks that.
//
//   k6 run -e BASE_URL=http://<ALB DNS name> -e DRILL_TOKEN=<token> -e INTERVAL_MS=200 -e DURATION_MINUTES=10 load/k6/rds-failover-probe.ts
// (the token: the value of the deployment's secret tagged cloudmart:drill-token)
import http from 'k6/http';
import exec from 'k6/execution';
import { Counter, Rate, Trend } from 'k6/metrics';
import type { Options } from 'k6/options';
import { baseUrl, drillHeaders, envNumber, summaryOutput, type SummaryData } from './lib/common.ts';

const INTERVAL_MS = envNumber('INTERVAL_MS', 200, 10, 60_000);
const DURATION_MINUTES = envNumber('DURATION_MINUTES', 10, 1, 30);
const GAP_LIMIT_MS = envNumber('GAP_LIMIT_MS', 120_000, 1000, 1_800_000);

const writeAcknowledged = new Rate('write_acknowledged');
const writesAcknowledged = new Counter('writes_acknowledged');
const writesCommitted = new Counter('writes_committed');
const writeGap = new Trend('write_gap_ms', true);

export const options: Options = {
  scenarios: {
    probe: {
      executor: 'constant-arrival-rate',
      rate: 1,
      timeUnit: `${INTERVAL_MS}ms`,
      duration: `${DURATION_MINUTES}m`,
      preAllocatedVUs: 20,
      maxVUs: 200,
      gracefulStop: '5s',
    },
  },
  thresholds: {
    // drill.rds-failover: the write gap seen through the application (120 s; 60 s for full marks).
    write_gap_ms: [`max<=${GAP_LIMIT_MS}`],
    // Writes were acknowledged at all (the drill endpoints are on).
    writes_acknowledged: ['count>0'],
    // The acknowledged writes were read back afterwards.
    writes_committed: ['count>0'],
    // Outside the failover almost every write goes through.
    write_acknowledged: ['rate>0.8'],
    http_req_failed: ['rate<0.2'],
    http_req_duration: ['p(95)<2000'],
  },
};

interface SetupData {
  seqBase: number;
}

export function setup(): SetupData {
  // Sequence numbers unique to this run (the same scheme as the harness).
  return { seqBase: Date.now() * 1000 };
}

export default function (data: SetupData): void {
  const seq = data.seqBase + exec.scenario.iterationInTest;
  const response = http.post(`${baseUrl()}/drill/write`, JSON.stringify({ seq }), {
    headers: { 'content-type': 'application/json', ...drillHeaders() },
    timeout: '2s',
    tags: { name: 'drill-write' },
  });
  let ok = false;
  if (response.status === 200 || response.status === 201) {
    const body = response.json() as { seq?: number } | null;
    ok = body !== null && Number(body.seq) === seq;
  }
  writeAcknowledged.add(ok);
  if (ok) writesAcknowledged.add(1);
}

export function teardown(data: SetupData): void {
  const committed: number[] = [];
  let since = data.seqBase - 1;
  for (let page = 0; page < 1000; page++) {
    const response = http.get(`${baseUrl()}/drill/writes?since=${since}&limit=1000`, { timeout: '10s', headers: drillHeaders() });
    if (response.status !== 200) break;
    const body = response.json() as { writes: { seq: number; committedAt: string }[]; next: number | null };
    for (const write of body.writes) committed.push(Date.parse(write.committedAt));
    if (body.next === null || body.writes.length === 0) break;
    since = body.next;
  }
  writesCommitted.add(committed.length);
  let gap = 0;
  for (let i = 1; i < committed.length; i++) gap = Math.max(gap, (committed[i] ?? 0) - (committed[i - 1] ?? 0));
  writeGap.add(gap);
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutput(data, 'rds-failover');
}
