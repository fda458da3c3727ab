// The k6 scripts of load/k6/: type-checked against @types/k6 (k6 itself is AGPL and is
// never installed), linted for a threshold on every objective, and their summaries
// imported as DrillResults.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { importK6Summary } from '../k6-import';
import { lintK6Script } from './support/k6-lint';

const ROOT = path.resolve(import.meta.dirname, '../..');
const K6 = path.join(ROOT, 'load/k6');
const SUMMARIES = path.join(ROOT, 'fixtures/k6-summaries');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const scripts = readdirSync(K6).filter((f) => f.endsWith('.ts'));
const summary = (name: string) => JSON.parse(readFileSync(path.join(SUMMARIES, name), 'utf8')) as unknown;

describe('k6 scripts: type check against @types/k6', () => {
  it('has the scripts', () => {
    expect(scripts.sort()).toEqual(['rds-failover-probe.ts', 'redis-failover-probe.ts', 'scale-out.ts']);
  });

  it('type-checks with its own tsconfig', () => {
    const result = spawnSync(process.execPath, [TSC, '-p', path.join(K6, 'tsconfig.json')], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('catches a script that misuses the k6 API (the check can fail)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-k6-'));
    try {
      mkdirSync(path.join(dir, 'lib'));
      copyFileSync(path.join(K6, 'lib/common.ts'), path.join(dir, 'lib/common.ts'));
      const broken = readFileSync(path.join(K6, 'scale-out.ts'), 'utf8').replace("timeout: '5s'", 'timeout: true');
      writeFileSync(path.join(dir, 'scale-out.ts'), broken);
      const config = JSON.parse(readFileSync(path.join(K6, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { compilerOptions: Record<string, unknown> };
      config.compilerOptions.typeRoots = [path.join(ROOT, 'node_modules/@types')];
      writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config));
      const result = spawnSync(process.execPath, [TSC, '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      expect(result.status).not.toBe(0);
      expect(result.stdout).toMatch(/scale-out\.ts.*error TS2322/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('k6 scripts: a threshold on every objective, open-loop scenarios', () => {
  for (const script of scripts) {
    it(`${script}`, () => {
      const lint = lintK6Script(readFileSync(path.join(K6, script), 'utf8'), script);
      expect(lint.problems).toEqual([]);
      expect(lint.thresholds).toEqual(expect.arrayContaining(['http_req_failed', 'http_req_duration', ...lint.metrics]));
      expect(lint.executors).toEqual(['constant-arrival-rate']);
    });
  }

  it('reports a metric without a threshold and a closed-loop scenario (the lint can fail)', () => {
    const lint = lintK6Script(`
      import http from 'k6/http';
      import { Trend } from 'k6/metrics';
      const gap = new Trend('write_gap_ms');
      export const options = { scenarios: { s: { executor: 'constant-vus', vus: 1, duration: '1m' } }, thresholds: { http_req_failed: ['rate<0.01'] } };
      export default function () { http.get('http://x'); gap.add(1); }
    `);
    expect(lint.problems).toEqual([
      'no threshold on write_gap_ms',
      'no threshold on http_req_duration',
      'scenario executor constant-vus is closed-loop; use constant-arrival-rate or ramping-arrival-rate',
    ]);
  });
});

describe('drill --import-k6: k6 summaries as DrillResults', () => {
  it('imports a passing scale-out summary (handleSummary data) with its thresholds as criteria', () => {
    const result = importK6Summary(summary('scale-out-pass.json'), { fileName: 'scale-out-pass.json' });
    expect(result).toMatchObject({ id: 'drill.scale-out', kind: 'scale-out', source: 'k6', status: 'pass', target: 'aws', simulated: false, startedAt: '2026-11-20T05:10:03.512Z', finishedAt: '2026-11-20T05:25:13.924Z', series: [] });
    expect(result.verdict.criteria).toEqual([
      { name: 'k6 threshold dropped_iterations', expected: 'count<450', actual: '12', pass: true },
      { name: 'k6 threshold http_req_duration', expected: 'p(95)<1000', actual: '512.8', pass: true },
      { name: 'k6 threshold http_req_duration', expected: 'p(99)<2000', actual: '1402.6', pass: true },
      { name: 'k6 threshold http_req_failed', expected: 'rate<0.01', actual: '0.001', pass: true },
    ]);
    expect(result.metrics).toMatchObject({ requests: 45000, p95Ms: 512.8, p99Ms: 1402.6, droppedIterations: 12 });
    expect(result.notes.join(' ')).toMatch(/whether the ASG scaled out .* was not measured by k6/);
  });

  it('imports a failing rds-failover probe and says what k6 cannot check', () => {
    const result = importK6Summary(summary('rds-failover-gap-too-long.json'));
    expect(result.status).toBe('fail');
    expect(result.verdict.criteria.find((c) => c.name === 'k6 threshold write_gap_ms')).toEqual({ name: 'k6 threshold write_gap_ms', expected: 'max<=120000', actual: '137204', pass: false });
    expect(result.metrics).toMatchObject({ writeGapMs: 137204, lostWrites: null });
    expect(result.verdict.summary.en).toMatch(/^4 of 6 k6 thresholds failed: /);
    expect(result.notes.join(' ')).toMatch(/cannot check that no acknowledged write was lost/);
  });

  it('reads the --summary-export format, where true means the threshold failed, and infers the drill', () => {
    const result = importK6Summary(summary('summary-export-redis.json'), { fallbackFinishedAt: new Date('2026-11-20T07:00:00Z') });
    expect(result).toMatchObject({ kind: 'redis-failover', status: 'pass', finishedAt: '2026-11-20T07:00:00.000Z' });
    expect(result.verdict.criteria.find((c) => c.name === 'k6 threshold read_served')).toEqual({ name: 'k6 threshold read_served', expected: 'rate>=0.99', actual: '0.998', pass: true });
    const crossed = JSON.parse(JSON.stringify(summary('summary-export-redis.json'))) as { metrics: { http_req_failed: { thresholds: Record<string, boolean> } } };
    crossed.metrics.http_req_failed.thresholds['rate<=0.01'] = true;
    expect(importK6Summary(crossed).status).toBe('fail');
  });

  it('refuses what it cannot read, with one sentence', () => {
    expect(() => importK6Summary([])).toThrow(UsageError);
    expect(() => importK6Summary({ hello: 1 })).toThrow(/^The file is not a k6 summary: it has no "metrics" object\.$/);
    expect(() => importK6Summary({ metrics: { vus: { value: 1 } } })).toThrow(/does not say which drill it belongs to/);
    expect(() => importK6Summary({ version: '1', results: {} })).toThrow(/new machine-readable summary/);
    expect(() => importK6Summary({ metrics: { http_reqs: { values: { count: 1 }, thresholds: { 'count>0': 'yes' } } } }, { kind: 'scale-out' })).toThrow(/unexpected form/);
  });

  it('imports what the scripts\' handleSummary writes (the round trip)', async () => {
    (globalThis as { __ENV?: Record<string, string> }).__ENV = { BASE_URL: 'http://alb.example', SUMMARY_OUT: 'out.json' };
    try {
      // Imported by URL: the project's tsc must not type-check k6 code against Node's types.
      const common = (await import(pathToFileURL(path.join(K6, 'lib/common.ts')).href)) as { summaryOutput(data: unknown, kind: string): Record<string, string> };
      const data = JSON.parse(readFileSync(path.join(SUMMARIES, 'scale-out-pass.json'), 'utf8')) as { cloudmart?: unknown };
      delete data.cloudmart;
      const files = common.summaryOutput(data, 'scale-out');
      expect(Object.keys(files).sort()).toEqual(['out.json', 'stdout']);
      expect(files.stdout).toMatch(/ok {3}http_req_failed rate<0\.01/);
      const result = importK6Summary(JSON.parse(files['out.json']!));
      expect(result).toMatchObject({ kind: 'scale-out', status: 'pass' });
      // testRunDurationMs 910412.5, to the millisecond.
      expect(Math.abs(Date.parse(result.finishedAt) - Date.parse(result.startedAt) - 910412.5)).toBeLessThanOrEqual(1);
    } finally {
      delete (globalThis as { __ENV?: unknown }).__ENV;
    }
  });
});
