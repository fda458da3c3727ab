// `npm run bench -- --only load`: how faithful the drills' traffic is.
// 1. The fixed-schedule prober: actual vs intended send time (skew) at 10, 100 and 1000
//    probes/s. Target: p99 skew under 5 ms at 100 probes/s.
// 2. The load runner (autocannon at a fixed rate, our own timings): achieved vs requested
//    rate. Target: within 5 % of requested. Beside it, wrk (C, closed loop, as many
//    requests as the endpoint takes) on the same endpoint says what the endpoint can do,
//    so a missed rate can be told from a saturated server.
// The endpoint is a plain loopback HTTP server in a child process of its own, so its
// work does not share our event loop.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Prober } from '../../load/prober';
import { startLoad } from '../../load/load-runner';
import { SeriesRecorder } from '../../load/series';
import { round } from '../stats';
import type { BenchCase, BenchTarget } from '../types';

const WRK = '/usr/bin/wrk';
const SERVER = `require('http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;

async function startEndpoint(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`the endpoint exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}/`, child };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function proberSkew(url: string, ratePerSecond: number, durationMs: number) {
  const prober = new Prober({ intervalMs: 1000 / ratePerSecond, maxDurationMs: durationMs, timeoutMs: 2000, request: () => ({ url: new URL(url) }) });
  prober.start();
  await prober.done;
  const skews = prober.records.map((r) => r.sentAt - r.intendedAt).sort((a, b) => a - b);
  const failed = prober.records.filter((r) => !r.ok).length;
  return {
    probesPerSecond: ratePerSecond,
    probes: prober.records.length,
    failed,
    skewP50Ms: round(percentile(skews, 50), 3),
    skewP99Ms: round(percentile(skews, 99), 3),
    skewMaxMs: round(skews.at(-1) ?? NaN, 3),
  };
}

async function loadRate(url: string, rate: number, durationMs: number) {
  const recorder = new SeriesRecorder(Date.now());
  const summary = await startLoad({ baseUrl: url, paths: ['/'], rate, durationMs, timeoutMs: 2000, recorder }).done;
  const totals = recorder.totals();
  recorder.destroy();
  return {
    requestedRate: rate,
    achievedRate: round(summary.achievedRate, 1),
    ratioToRequested: round(summary.achievedRate / rate, 3),
    answered: summary.answered,
    errors: totals.sent - totals.ok,
    p50Ms: totals.p50,
    p99Ms: totals.p99,
    connections: summary.connections,
  };
}

function wrk(url: string, durationS: number) {
  const result = spawnSync(WRK, ['-t2', '-c32', `-d${durationS}s`, '--latency', url], { encoding: 'utf8' });
  if (result.status !== 0) return { error: (result.stderr || result.stdout).trim() };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(result.stdout)?.[1];
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(result.stdout);
  const toMs = (value: string, unit: string) => Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
  return { reqPerSec: rps ? Number(rps) : NaN, p99Ms: p99 ? round(toMs(p99[1]!, p99[2]!), 3) : NaN, connections: 32, note: 'closed loop: as fast as the endpoint answers' };
}

const benchCase: BenchCase = {
  name: 'load',
  description: 'prober schedule accuracy (10/100/1000 probes/s) and load runner achieved vs requested rate, beside wrk, on loopback',
  async run() {
    const endpoint = await startEndpoint();
    try {
      const prober = [];
      for (const [rate, durationMs] of [
        [10, 5000],
        [100, 5000],
        [1000, 3000],
      ] as const) {
        prober.push(await proberSkew(endpoint.url, rate, durationMs));
      }
      const load = [];
      for (const rate of [100, 500, 1000]) load.push(await loadRate(endpoint.url, rate, 6000));
      const reference = wrk(endpoint.url, 5);
      const at100 = prober.find((p) => p.probesPerSecond === 100)!;
      const targets: BenchTarget[] = [
        { name: 'prober p99 skew at 100 probes/s', target: '< 5 ms', actual: `${at100.skewP99Ms} ms`, met: at100.skewP99Ms < 5 },
        ...load.map((l) => ({
          name: `load runner achieved rate at ${l.requestedRate} req/s`,
          target: 'within 5 % of requested',
          actual: `${l.achievedRate} req/s (${round((l.ratioToRequested - 1) * 100, 1)} %)`,
          met: Math.abs(l.ratioToRequested - 1) <= 0.05,
        })),
      ];
      return {
        results: { prober, loadRunner: load, wrk: reference },
        targets,
        notes: [
          'Skew = actual send time - intended send time of each probe (open loop: a probe never waits for an earlier one).',
          'The load runner paces with autocannon (per-connection quota per one-second window); latency is ours, measured from the intended send time.',
          'wrk is closed-loop at 32 connections: its req/s is the endpoint capacity, not a rate it was asked for.',
        ],
      };
    } finally {
      endpoint.child.kill('SIGKILL');
    }
  },
};

export default benchCase;
