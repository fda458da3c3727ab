// Ports on 127.0.0.1 for the servers that run without AWS: the sandbox's PostgreSQL and
// Redis, and the local rehearsal's API processes and proxies (load/local).
import net from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once something accepts TCP connections on 127.0.0.1:port; rejects after
 * timeoutMs, or as soon as stillAlive() says the process meant to listen there has exited.
 * The messages are lower-case clauses: callers embed them in their own sentence.
 */
export async function waitForPort(port: number, timeoutMs = 15_000, stillAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (!stillAlive()) throw new Error(`the process meant to listen on 127.0.0.1:${port} exited`);
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
