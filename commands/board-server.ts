// The live board's HTTP server: 127.0.0.1 only (a class's scores and names never leave the
// instructor's machine), node:http, two routes: `/` the page, `/events` server-sent events
// (each update is one `board` event with the rendered status and rows; a new connection gets
// the current state at once). Anything else is 404; any method but GET is 405; a request
// whose Host is not this address is 403.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../contract/errors';

export interface BoardServerOptions {
  /** 0: any free port. */
  port: number;
  /** The whole page, rendered now. */
  page: () => string;
  /** The current update as JSON (what `/events` sends first and on every publish). */
  update: () => string;
}

export interface BoardServer {
  url: string;
  /** Pushes the current update to every open page. */
  publish(): void;
  close(): Promise<void>;
}

export const BOARD_HOST = '127.0.0.1';

export async function startBoardServer(options: BoardServerOptions): Promise<BoardServer> {
  const clients = new Set<http.ServerResponse>();
  const send = (res: http.ServerResponse) => res.write(`event: board\ndata: ${options.update()}\n\n`);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    // Only pages the instructor opened by this address: another site that rebinds its own name to
    // 127.0.0.1 (DNS rebinding) sends its own Host and gets nothing.
    const port = (server.address() as AddressInfo).port;
    if (req.headers.host !== `${BOARD_HOST}:${port}` && req.headers.host !== `localhost:${port}`) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${BOARD_HOST}`);
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(options.page());
      return;
    }
    if (url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      // The browser reconnects by itself after 2 s when the connection drops.
      res.write('retry: 2000\n\n');
      send(res);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError({ ko: `포트 ${options.port} 은(는) 이미 쓰이고 있습니다: 다른 --port 를 주세요.`, en: `Port ${options.port} is already in use: give another --port.` })
          : error,
      );
    };
    server.once('error', onError);
    server.listen(options.port, BOARD_HOST, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${BOARD_HOST}:${port}/`,
    publish() {
      for (const res of clients) send(res);
    },
    async close() {
      for (const res of clients) res.end();
      clients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
