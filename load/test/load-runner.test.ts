import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../sandbox/servers/ports';
import { startLoad } from '../load-runner';
import { SeriesRecorder } from '../series';
import { startHttpServer, type TestServer } from './support/http-server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('load runner (autocannon at a fixed rate, our own timings)', () => {
  it('offers the requested rate, stops by itself at the duration and records every answer', async () => {
    const paths: string[] = [];
    const server = await startHttpServer((req, res) => {
      paths.push(req.url!);
      res.end('ok');
    });
    servers.push(server);
    const recorder = new SeriesRecorder(Date.now());
    const load = startLoad({ baseUrl: server.url, paths: ['/products/1', '/products/2'], rate: 40, durationMs: 2000, timeoutMs: 1000, recorder });
    const summary = await load.done;
    // 40 req/s for 2 s: autocannon sends each connection's quota per one-second window,
    // so a run holds two or three windows; never more than that.
    expect(summary.sent).toBeGreaterThanOrEqual(80);
    expect(summary.sent).toBeLessThanOrEqual(120);
    const totals = recorder.totals();
    expect(totals.sent).toBe(summary.answered);
    expect(totals.ok).toBe(totals.sent);
    expect(totals.p99).not.toBeNull();
    expect(new Set(paths)).toEqual(new Set(['/products/1', '/products/2']));
    recorder.destroy();
  });

  it('counts errors by kind: 5xx answers and refused connections', async () => {
    const server = await startHttpServer((_req, res) => {
      res.statusCode = 502;
      res.end('bad gateway');
    });
    servers.push(server);
    const recorder = new SeriesRecorder(Date.now());
    await startLoad({ baseUrl: server.url, paths: ['/'], rate: 10, durationMs: 1000, timeoutMs: 500, recorder }).done;
    expect(recorder.totals().errors.http5xx).toBeGreaterThan(0);
    expect(recorder.totals().ok).toBe(0);

    const closed = await freePort();
    const refused = new SeriesRecorder(Date.now());
    await startLoad({ baseUrl: `http://127.0.0.1:${closed}`, paths: ['/'], rate: 10, durationMs: 1000, timeoutMs: 500, recorder: refused }).done;
    expect(refused.totals().errors.refused).toBeGreaterThan(0);
    expect(refused.totals().ok).toBe(0);
  });

  it('stops early when asked (the signal aborts)', async () => {
    const server = await startHttpServer((_req, res) => res.end('ok'));
    servers.push(server);
    const recorder = new SeriesRecorder(Date.now());
    const controller = new AbortController();
    const load = startLoad({ baseUrl: server.url, paths: ['/'], rate: 20, durationMs: 60_000, timeoutMs: 1000, recorder, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const summary = await load.done;
    expect(summary.finishedAt - summary.startedAt).toBeLessThan(10_000);
    expect(summary.sent).toBeLessThan(20 * 10);
  });
});
