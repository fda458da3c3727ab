// An in-memory stand-in for the CloudMart API's drill-facing endpoints, on loopback: the
// "application behind the ALB" for drills whose AWS side runs in the emulator.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, startHttpServer, type TestServer } from './http-server';

/** The database server the fake shop says acknowledged its writes (what POST /drill/write names). */
export const FAKE_SHOP_DB_SERVER = { address: '10.0.11.20', systemIdentifier: '7301000000000000001' };
/** The Redis server it names on cached reads (x-cache-server); the tests resolve every name to this one address. */
export const FAKE_SHOP_CACHE_SERVER = `0123456789abcdef@${FAKE_SHOP_DB_SERVER.address}`;

export interface FakeShop extends TestServer {
  writes: Map<number, string>;
  /** While true, every request answers 503 (the database is away). */
  down: boolean;
}

export async function startFakeShop(): Promise<FakeShop> {
  const writes = new Map<number, string>();
  const state = { down: false };
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-cache': 'hit', 'x-cache-server': FAKE_SHOP_CACHE_SERVER }).end(JSON.stringify(body));
  };
  const server = await startHttpServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://shop');
    if (url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
    if (state.down) return json(res, 503, { error: 'database unavailable' });
    if (req.method === 'POST' && url.pathname === '/drill/write') {
      const seq = Number(JSON.parse(await readBody(req)).seq);
      const existing = writes.get(seq);
      if (existing) return json(res, 200, { seq, committedAt: existing, server: FAKE_SHOP_DB_SERVER });
      const committedAt = new Date().toISOString();
      writes.set(seq, committedAt);
      return json(res, 201, { seq, committedAt, server: FAKE_SHOP_DB_SERVER });
    }
    if (url.pathname === '/drill/writes') {
      const since = Number(url.searchParams.get('since') ?? -1);
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const rows = [...writes.entries()].filter(([seq]) => seq > since).sort((a, b) => a[0] - b[0]).slice(0, limit).map(([seq, committedAt]) => ({ seq, committedAt }));
      return json(res, 200, { writes: rows, next: rows.length ? rows.at(-1)!.seq : null });
    }
    if (url.pathname === '/drill/burn') return json(res, 200, { burnedMs: Number(url.searchParams.get('ms') ?? 0) });
    const product = /^\/products\/(\d+)$/.exec(url.pathname);
    if (product) return json(res, 200, { id: Number(product[1]), name: 'product' });
    return json(res, 404, { error: 'not found' });
  });
  return Object.assign(server, {
    writes,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
  });
}
