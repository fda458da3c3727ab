// The API's metrics, served at GET /metrics in Prometheus text format (prom-client).
// One registry per API instance, so several instances in one process (tests) never mix.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ApiMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  /** Product reads by cache outcome: hit, miss, bypass (Redis unavailable, served from PostgreSQL). */
  cacheRequests: Counter<'result'>;
  redisUp: Gauge;
  dbUnavailable: Counter<'reason'>;
  ordersPlaced: Counter;
  drillWrites: Counter<'result'>;
  burnMs: Counter;
}

export function createMetrics(poolStats: () => { total: number; idle: number; waiting: number }): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const cacheRequests = new Counter({
    name: 'cloudmart_cache_requests_total',
    help: 'Product reads by cache outcome (hit, miss, bypass = Redis unavailable, served from PostgreSQL).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  for (const result of ['hit', 'miss', 'bypass']) cacheRequests.inc({ result }, 0);
  new Gauge({
    name: 'cloudmart_db_pool_clients',
    help: 'PostgreSQL pool clients by state.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = poolStats();
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
  return {
    registry,
    httpRequests: new Counter({
      name: 'cloudmart_http_requests_total',
      help: 'HTTP requests by method, route and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'cloudmart_http_request_duration_seconds',
      help: 'HTTP request duration by method and route.',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    cacheRequests,
    redisUp: new Gauge({ name: 'cloudmart_redis_up', help: '1 when Redis is connected and ready, else 0.', registers: [registry] }),
    dbUnavailable: new Counter({
      name: 'cloudmart_db_unavailable_total',
      help: 'Requests answered 503 because PostgreSQL could not serve, by reason.',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    ordersPlaced: new Counter({ name: 'cloudmart_orders_placed_total', help: 'Orders committed.', registers: [registry] }),
    drillWrites: new Counter({
      name: 'cloudmart_drill_writes_total',
      help: 'Drill writes by result (created, duplicate).',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    burnMs: new Counter({ name: 'cloudmart_drill_burn_ms_total', help: 'Milliseconds of CPU spent by /drill/burn.', registers: [registry] }),
  };
}
