// CLOUDMART_RESOLVE (load/resolve.ts): the drill's own name resolution, for a deployment
// whose names have no DNS here (split-horizon, the emulator). The endpoints' addresses
// (what a server sees a connection arrive on) and where the drill's HTTP requests and
// load connect, keeping the URL's Host header.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../http-probe';
import { startLoad } from '../load-runner';
import { connectOverride, resolveEntries, resolveOverrides } from '../resolve';

const ALB = 'cloudmart-me-app-1.ap-northeast-2.elb.amazonaws.com';
let server: http.Server;
let port: number;
const hosts: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    hosts.push(request.headers.host ?? '');
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  delete process.env.CLOUDMART_RESOLVE;
  await new Promise((resolve) => server.close(resolve));
});

describe('CLOUDMART_RESOLVE', () => {
  it('parses host:address and host:address:port; the addresses leave the port out', () => {
    const value = `${ALB.toUpperCase()}:127.0.0.1:8080,db.example:10.0.3.7,db.example:10.0.4.9,v6.example:fd00::1`;
    expect(resolveEntries(value).get(ALB)).toEqual([{ address: '127.0.0.1', port: 8080 }]);
    expect(resolveOverrides(value).get('db.example')).toEqual(['10.0.3.7', '10.0.4.9']);
    expect(resolveOverrides(value).get(ALB)).toEqual(['127.0.0.1']);
    expect(resolveEntries(value).get('v6.example')).toEqual([{ address: 'fd00::1' }]);
    expect(connectOverride(new URL(`http://${ALB}/drill/write`), value)).toEqual({ address: '127.0.0.1', port: 8080 });
    expect(connectOverride(new URL('http://other.example/'), value)).toBeUndefined();
    expect(() => resolveEntries('no-address')).toThrow('CLOUDMART_RESOLVE entry "no-address" is not host:address[:port].');
    expect(() => resolveEntries('h:1.2.3.4:70000')).toThrow(/is not host:address\[:port\]/);
  });

  it("sends the drill's probes and its load to the named address and port, asking for the URL's host", async () => {
    const url = new URL(`http://${ALB}/products/1`);
    process.env.CLOUDMART_RESOLVE = `${ALB}:127.0.0.1:${port}`;
    hosts.length = 0;
    expect(await httpRequest({ url, timeoutMs: 2000 })).toMatchObject({ ok: true, status: 200, body: 'ok' });
    let ok = 0;
    const load = startLoad({ baseUrl: `http://${ALB}`, paths: ['/products/1'], rate: 10, durationMs: 500, timeoutMs: 1000, recorder: { record: (r: { ok: boolean }) => void (ok += r.ok ? 1 : 0) } as never });
    await load.done;
    await load.stop();
    expect(ok).toBeGreaterThan(0);
    expect(new Set(hosts)).toEqual(new Set([ALB]));
  });
});
