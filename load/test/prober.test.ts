import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../sandbox/servers/ports';
import { Prober, type ProbeRecord } from '../prober';
import { startHttpServer, type TestServer } from './support/http-server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startHttpServer>[0]): Promise<TestServer> {
  const server = await startHttpServer(handler);
  servers.push(server);
  return server;
}

function probeOnce(url: string, timeoutMs = 500): Promise<ProbeRecord> {
  const prober = new Prober({ intervalMs: 1000, maxDurationMs: 1, timeoutMs, request: () => ({ url: new URL(url) }) });
  prober.start();
  return prober.done.then(() => prober.records[0]!);
}

describe('fixed-schedule prober', () => {
  it('keeps sending on schedule while an earlier probe hangs (open loop)', async () => {
    const arrivals: number[] = [];
    let releaseSlow!: () => void;
    const slowReleased = new Promise<void>((r) => (releaseSlow = r));
    const server = await serve((req, res) => {
      const seq = Number(new URL(req.url!, 'http://x').searchParams.get('seq'));
      arrivals.push(seq);
      if (seq === 2) {
        void slowReleased.then(() => res.end('slow'));
      } else {
        res.end('ok');
        // Answer the slow probe only once five later probes have arrived.
        if (arrivals.filter((s) => s > 2).length >= 5) releaseSlow();
      }
    });
    const prober = new Prober({
      intervalMs: 20,
      maxDurationMs: 400,
      timeoutMs: 5000,
      request: (seq) => ({ url: new URL(`${server.url}/?seq=${seq}`) }),
    });
    prober.start();
    await prober.done;
    const bySeq = new Map(prober.records.map((r) => [r.seq, r]));
    const slow = bySeq.get(2)!;
    expect(slow.ok).toBe(true);
    // Probes 3..7 went out (and were answered) while probe 2 was still waiting.
    for (const seq of [3, 4, 5, 6, 7]) {
      expect(bySeq.get(seq)!.sentAt).toBeLessThan(slow.doneAt);
      expect(bySeq.get(seq)!.doneAt).toBeLessThan(slow.doneAt);
    }
    // Every probe was due one interval after the previous one, whatever the answers.
    const sorted = [...prober.records].sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i]!.intendedAt - sorted[i - 1]!.intendedAt).toBeCloseTo(20, 6);
    }
    // Latency is measured from the intended send time.
    for (const r of sorted) expect(r.latencyMs).toBeCloseTo(r.doneAt - r.intendedAt, 6);
  });

  it('stops by itself at its maximum duration', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const prober = new Prober({ intervalMs: 50, maxDurationMs: 500, timeoutMs: 1000, request: () => ({ url: new URL(server.url) }) });
    prober.start();
    await prober.done;
    // Probes due at 0, 50, ..., 450 ms: exactly ten.
    expect(prober.records.map((r) => r.seq).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('stop() ends the schedule and waits for the probes in flight', async () => {
    const server = await serve((_req, res) => setTimeout(() => res.end('ok'), 100));
    const prober = new Prober({ intervalMs: 10, maxDurationMs: 60_000, timeoutMs: 2000, request: () => ({ url: new URL(server.url) }) });
    prober.start();
    await new Promise((r) => setTimeout(r, 200));
    await prober.stop();
    const sent = prober.sentCount;
    expect(sent).toBeGreaterThan(0);
    expect(prober.records).toHaveLength(sent);
    expect(prober.records.every((r) => r.ok)).toBe(true);
  });

  it('names the failures a user would see: timeout, refused, reset, 5xx, 4xx', async () => {
    const hang = await serve(() => {});
    const reset = await serve((req) => req.socket.destroy());
    const error = await serve((_req, res) => {
      res.statusCode = 503;
      res.end('down');
    });
    const missing = await serve((_req, res) => {
      res.statusCode = 404;
      res.end('nope');
    });
    const closedPort = await freePort();
    const timeout = await probeOnce(hang.url, 200);
    expect(timeout).toMatchObject({ ok: false, errorKind: 'timeout' });
    expect(timeout.latencyMs).toBeGreaterThanOrEqual(200);
    expect(await probeOnce(`http://127.0.0.1:${closedPort}/`)).toMatchObject({ ok: false, errorKind: 'refused' });
    expect(await probeOnce(reset.url)).toMatchObject({ ok: false, errorKind: 'reset' });
    expect(await probeOnce(error.url)).toMatchObject({ ok: false, errorKind: 'http5xx', status: 503 });
    expect(await probeOnce(missing.url)).toMatchObject({ ok: false, errorKind: 'http4xx', status: 404 });
  });

  it('lets a judge refuse an answer that does not acknowledge the probe', async () => {
    const server = await serve((_req, res) => res.end(JSON.stringify({ seq: 999 })));
    const prober = new Prober({
      intervalMs: 1000,
      maxDurationMs: 1,
      timeoutMs: 500,
      firstSeq: 7,
      request: () => ({ url: new URL(server.url) }),
      judge: (outcome, seq) => (JSON.parse(outcome.body!).seq === seq ? { ok: true } : { ok: false, errorKind: 'mismatch' }),
    });
    prober.start();
    await prober.done;
    expect(prober.records).toEqual([expect.objectContaining({ seq: 7, ok: false, errorKind: 'mismatch', status: 200 })]);
  });
});
