// `npm run bench -- --only api`: throughput and latency of the CloudMart API (the bundle
// that instances run, started with plain node in a child process of its own, logging at
// info level to a file as under systemd) against real PostgreSQL and Redis on loopback.
// Two endpoints: GET /products/:id served from the Redis cache, and POST /orders (one
// PostgreSQL transaction per order). Each is loaded by autocannon (programmatic, the load
// generator of load/) and by wrk (C, Debian's package) as the reference for what this
// machine can do; the ratio autocannon / wrk says how much of it autocannon reaches.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, waitForPort } from '../../sandbox/servers/ports';
import { startPostgres } from '../../sandbox/servers/postgres';
import { startRedis } from '../../sandbox/servers/redis';
import { buildWorkloadBundle } from '../../stacks/workload/bundle';
import { round } from '../stats';
import type { BenchCase, BenchTarget } from '../types';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TMP = path.resolve(HERE, '../tmp/api');
const WRK = '/usr/bin/wrk';

const CONNECTIONS = 32;
const DURATION_S = 8;
const WARMUP_S = 2;
const PRODUCT_ID = 1;
// Orders go round-robin over the seeded catalogue, as a shop's do: one hot row would
// measure PostgreSQL's row lock queue rather than the API.
const ORDER_PRODUCTS = 24;
const orderBody = (productId: number) => JSON.stringify({ items: [{ productId, quantity: 1 }] });

interface LoadFigures {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  socketErrors: number;
}

async function runAutocannon(url: string, options: { method: 'GET' | 'POST'; durationS: number }): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: options.durationS,
    method: options.method,
    ...(options.method === 'POST'
      ? {
          headers: { 'content-type': 'application/json' },
          requests: [{ setupRequest: (request) => ({ ...request, body: orderBody((next++ % ORDER_PRODUCTS) + 1) }) }],
        }
      : {}),
  });
  return {
    reqPerSec: round(result.requests.total / result.duration, 0),
    p50Ms: round(result.latency.p50, 2),
    p99Ms: round(result.latency.p99, 2),
    requests: result.requests.total,
    non2xx: result.non2xx,
    socketErrors: result.errors,
  };
}

// wrk reports its own figures from a Lua done() hook as one JSON line.
const WRK_REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"non2xx":%d,"socketErrors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
`;

// The same round-robin order bodies as autocannon's.
const WRK_ORDERS = `
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local next = 0
request = function()
  next = next + 1
  return wrk.format(nil, nil, nil, string.format('{"items":[{"productId":%d,"quantity":1}]}', (next % ${ORDER_PRODUCTS}) + 1))
end
`;

function runWrk(url: string, options: { method: 'GET' | 'POST'; durationS: number }): LoadFigures {
  const script = path.join(TMP, `wrk-${options.method.toLowerCase()}.lua`);
  const request = options.method === 'POST' ? WRK_ORDERS : '';
  writeFileSync(script, request + WRK_REPORT);
  const out = spawnSync(WRK, ['-t1', `-c${CONNECTIONS}`, `-d${options.durationS}s`, '--latency', '-s', script, url], { encoding: 'utf8', timeout: (options.durationS + 30) * 1000 });
  const line = /WRK_JSON (\{.*\})/.exec(out.stdout)?.[1];
  if (out.status !== 0 || !line) throw new Error(`wrk failed (${out.status ?? out.signal}): ${out.stderr || out.stdout}`);
  const r = JSON.parse(line) as { requests: number; durationUs: number; p50Us: number; p99Us: number; non2xx: number; socketErrors: number };
  return {
    reqPerSec: round(r.requests / (r.durationUs / 1e6), 0),
    p50Ms: round(r.p50Us / 1000, 2),
    p99Ms: round(r.p99Us / 1000, 2),
    requests: r.requests,
    non2xx: r.non2xx,
    socketErrors: r.socketErrors,
  };
}

async function cacheCounts(base: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/cloudmart_cache_requests_total\{result="(\w+)"\} (\d+)/g)) counts[m[1]!] = Number(m[2]);
  return counts;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  await exited;
  clearTimeout(killer);
}

const apiBench: BenchCase = {
  name: 'api',
  description: `CloudMart API on loopback: GET /products/:id (cache hit) and POST /orders, ${CONNECTIONS} connections x ${DURATION_S} s, autocannon beside wrk`,
  async run() {
    rmSync(TMP, { recursive: true, force: true });
    mkdirSync(TMP, { recursive: true });
    const [postgres, redis, bundleDir] = await Promise.all([startPostgres(), startRedis(), buildWorkloadBundle(path.join(TMP, 'bundle'))]);
    const port = await freePort();
    const logFile = path.join(TMP, 'api.log');
    const logFd = openSync(logFile, 'a');
    const child = spawn(process.execPath, [path.join(bundleDir, 'server.mjs')], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: postgres.url,
        REDIS_URL: redis.url,
        LOG_LEVEL: 'info',
        DB_POOL_MAX: '10',
      },
      stdio: ['ignore', logFd, logFd],
    });
    closeSync(logFd);
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitForPort(port, 60_000);
      // Enough stock that the orders never run out during the run.
      const db = new pg.Client({ connectionString: postgres.url });
      await db.connect();
      await db.query('UPDATE products SET stock = 1000000000');
      await db.end();

      const getUrl = `${base}/products/${PRODUCT_ID}`;
      await fetch(getUrl); // fills the cache
      const hitBefore = await cacheCounts(base);
      await runAutocannon(getUrl, { method: 'GET', durationS: WARMUP_S });
      const getAutocannon = await runAutocannon(getUrl, { method: 'GET', durationS: DURATION_S });
      const getWrk = runWrk(getUrl, { method: 'GET', durationS: DURATION_S });
      const hitAfter = await cacheCounts(base);
      const reads = ['hit', 'miss', 'bypass'].reduce((sum, k) => sum + (hitAfter[k] ?? 0) - (hitBefore[k] ?? 0), 0);
      const hitShare = reads > 0 ? ((hitAfter.hit ?? 0) - (hitBefore.hit ?? 0)) / reads : 0;

      // Each order takes stock and drops its product's cache entry: a realistic write.
      const orderUrl = `${base}/orders`;
      await runAutocannon(orderUrl, { method: 'POST', durationS: WARMUP_S });
      const postAutocannon = await runAutocannon(orderUrl, { method: 'POST', durationS: DURATION_S });
      const postWrk = runWrk(orderUrl, { method: 'POST', durationS: DURATION_S });

      const ratio = (a: LoadFigures, w: LoadFigures) => round(a.reqPerSec / w.reqPerSec, 2);
      const results = {
        connections: CONNECTIONS,
        durationS: DURATION_S,
        getProductCacheHit: { autocannon: getAutocannon, wrk: getWrk, autocannonToWrkRatio: ratio(getAutocannon, getWrk), cacheHitShare: round(hitShare, 4) },
        postOrders: { autocannon: postAutocannon, wrk: postWrk, autocannonToWrkRatio: ratio(postAutocannon, postWrk) },
      };
      const failures = [getAutocannon, getWrk, postAutocannon, postWrk].reduce((sum, f) => sum + f.non2xx + f.socketErrors, 0);
      const targets: BenchTarget[] = [
        { name: 'GET /products/:id (cache hit) req/s, wrk', target: '>= 2000', actual: String(getWrk.reqPerSec), met: getWrk.reqPerSec >= 2000 },
        { name: 'GET /products/:id (cache hit) p99 ms, wrk', target: '<= 50', actual: String(getWrk.p99Ms), met: getWrk.p99Ms <= 50 },
        { name: 'POST /orders req/s, wrk', target: '>= 300', actual: String(postWrk.reqPerSec), met: postWrk.reqPerSec >= 300 },
        { name: 'POST /orders p99 ms, wrk', target: '<= 250', actual: String(postWrk.p99Ms), met: postWrk.p99Ms <= 250 },
        { name: 'GET share served from the cache', target: '>= 0.99', actual: String(round(hitShare, 4)), met: hitShare >= 0.99 },
        { name: 'non-2xx responses and socket errors', target: '0', actual: String(failures), met: failures === 0 },
      ];
      return {
        results,
        targets,
        notes: [
          'The API runs as on an instance: the bundle (server.mjs) under plain node, LOG_LEVEL=info with one JSON line per request appended to a file, DB_POOL_MAX=10.',
          `POST /orders bodies go round-robin over products 1-${ORDER_PRODUCTS}, one item each, identical for both generators.`,
          'Load generator and server are separate processes; PostgreSQL (fsync off, test server) and Redis share the same machine.',
          'wrk -t1 is the reference for what the machine can do; autocannonToWrkRatio shows how much of it autocannon (Node, as used by load/) reaches.',
        ],
      };
    } finally {
      await stopChild(child);
      // Let PostgreSQL's last log lines land before its directory goes (fixture race).
      await Promise.all([postgres.stop(), redis.stop()]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await Promise.all([postgres.destroy(), redis.destroy()]);
    }
  },
};

export default apiBench;
