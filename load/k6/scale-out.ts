// CloudMart scale-out load for k6: the offered load of `cloudmart drill scale-out`, at a
// fixed arrival rate (open loop: k6 starts iterations on schedule whatever the answers).
// k6 measures what users see; whether the ASG scaled out (desired capacity, new
// instances InService and healthy in >= 2 AZs) is for the ASG's activity history or
// `cloudmart drill scale-out`.
//
//   k6 run -e BASE_URL=http://<ALB DNS name> -e RATE=50 -e DURATION=15m -e SCALING_METRIC=cpu load/k6/scale-out.ts
import http from 'k6/http';
import { check } from 'k6';
import type { Options } from 'k6/options';
import { baseUrl, drillHeaders, envNumber, summaryOutput, type SummaryData } from './lib/common.ts';

const RATE = envNumber('RATE', 50, 1, 1000);
const DURATION_MINUTES = envNumber('DURATION_MINUTES', 15, 1, 30);
// cpu: /drill/burn pushes CPU (ASGAverageCPUUtilization policies); requests: product reads.
const ON_CPU = (__ENV.SCALING_METRIC ?? 'cpu') !== 'requests';
const BURN_MS = envNumber('BURN_MS', 50, 1, 500);
const planned = RATE * DURATION_MINUTES * 60;

export const options: Options = {
  scenarios: {
    load: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: `${DURATION_MINUTES}m`,
      preAllocatedVUs: Math.min(RATE * 2, 500),
      maxVUs: Math.min(RATE * 10, 2000),
      gracefulStop: '10s',
    },
  },
  thresholds: {
    // Users see errors for less than 1 % of the requests.
    http_req_failed: ['rate<0.01'],
    // Latency stays usable while the group grows.
    http_req_duration: ['p(95)<1000', 'p(99)<2000'],
    // The offered load really was offered: under 1 % of the planned iterations dropped.
    dropped_iterations: [`count<${Math.max(1, Math.floor(planned * 0.01))}`],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
};

const BASE = baseUrl();
let next = 0;

export default function (): void {
  next += 1;
  const url = ON_CPU ? `${BASE}/drill/burn?ms=${BURN_MS}` : `${BASE}/products/${(next % 8) + 1}`;
  const response = http.get(url, { timeout: '5s', tags: { name: ON_CPU ? 'burn' : 'product' }, headers: ON_CPU ? drillHeaders() : {} });
  check(response, { 'answered 2xx': (r) => r.status >= 200 && r.status < 300 });
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutput(data, 'scale-out');
}
