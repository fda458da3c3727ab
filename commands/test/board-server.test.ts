// The live board's server (issue 17, part 2): 127.0.0.1 only, the page with its policy, the
// current state first on the event stream and every publish after it, nothing else answered.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startBoardServer, type BoardServer } from '../board-server';

let server: BoardServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function request(url: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.host ? { host: options.host } : {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the event stream and resolves with the first `count` board events' data. */
function events(url: string, count: number, onOpen: () => void = () => {}): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const got: string[] = [];
    const req = http.get(`${url}events`, (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^event: board\ndata: (.*)$/m.exec(block);
          if (data) got.push(data[1]!);
          if (got.length === 1 && data) onOpen();
          if (got.length === count) {
            req.destroy();
            resolve(got);
          }
        }
      });
    });
    req.on('error', (e) => (got.length === count ? undefined : reject(e)));
  });
}

describe('board server', () => {
  it('listens on 127.0.0.1 and serves the page', async () => {
    server = await startBoardServer({ port: 0, page: () => '<!doctype html><p>board</p>', update: () => '{}' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await request(server.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toBe('<!doctype html><p>board</p>');
  });

  it('sends the current state when a page connects, then each published one', async () => {
    let state = 1;
    server = await startBoardServer({ port: 0, page: () => '', update: () => JSON.stringify({ round: state }) });
    const s = server;
    const received = await events(s.url, 2, () => {
      state = 2;
      s.publish();
    });
    expect(received.map((d) => JSON.parse(d))).toEqual([{ round: 1 }, { round: 2 }]);
  });

  it('answers nothing else: 404 for other paths, 405 for other methods, 403 for another Host', async () => {
    server = await startBoardServer({ port: 0, page: () => 'page', update: () => '{}' });
    expect((await request(`${server.url}class.json`)).status).toBe(404);
    expect((await request(server.url, { method: 'POST' })).status).toBe(405);
    const rebound = await request(server.url, { host: 'evil.example:80' });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('page');
    const port = new URL(server.url).port;
    expect((await request(server.url, { host: `localhost:${port}` })).status).toBe(200);
  });

  it('says a port in use in one sentence', async () => {
    server = await startBoardServer({ port: 0, page: () => '', update: () => '{}' });
    const port = Number(new URL(server.url).port);
    await expect(startBoardServer({ port, page: () => '', update: () => '{}' })).rejects.toThrow(`Port ${port} is already in use: give another --port.`);
  });
});
