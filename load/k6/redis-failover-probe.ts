// CloudMart read probe for an ElastiCache failover, for k6: GET /products/:id (the cached
// read path) on a fixed schedule while you test the failover yourself
// (aws elasticache test-failover --replication-group-id <id> --node-group-id 0001).
// The shop must keep serving: reads fall back to PostgreSQL (x-cache: bypass) while
// Redis is away.
//
//   k6 run -e BASE_URL=http://<ALB DNS name> -e INTERVAL_MS=200 -e DURATION_MINUTES=10 load/k6/redis-failover-probe.ts
import http from 'k6/http';
import { Counter, Rate } from 'k6/metrics';
import type { Options } from 'k6/options';
import { baseUrl, envNumber, summaryOutput, type SummaryData } from './lib/common.ts';

const INTERVAL_MS = envNumber('INTERVAL_MS', 200, 10, 60_000);
const DURATION_MINUTES = envNumber('DURATION_MINUTES', 10, 1, 30);
const MAX_ERROR_RATE = envNumber('MAX_ERROR_RATE', 0.01, 0, 1);

const readServed = new Rate('read_served');
const cacheBypass = new Counter('cache_bypass');

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
    // drill.redis-failover: the application keeps serving (error rate within the limit).
    http_req_failed: [`rate<=${MAX_ERROR_RATE}`],
    read_served: [`rate>=${1 - MAX_ERROR_RATE}`],
    http_req_duration: ['p(95)<1000'],
    // Informational: how many reads went straight to PostgreSQL. Any number passes.
    cache_bypass: ['count>=0'],
  },
};

let next = 0;

export default function (): void {
  next += 1;
  const response = http.get(`${baseUrl()}/products/${(next % 8) + 1}`, { timeout: '2s', tags: { name: 'product' } });
  const served = response.status === 200;
  readServed.add(served);
  if (served && response.headers['X-Cache'] === 'bypass') cacheBypass.add(1);
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutput(data, 'redis-failover');
}
