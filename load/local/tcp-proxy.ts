// A TCP proxy on a fixed 127.0.0.1 port: the rehearsal's stand-in for a DNS name that
// moves (the RDS endpoint, the ElastiCache primary endpoint) and for the network between
// a primary and its standby.
// - repoint(): new connections go to another server; open ones are cut, as they are
//   when a failover takes the old primary away;
// - pause()/resume(): the endpoint is gone (connections refused) and back, for
//   outages of a known length;
// - stall()/unstall(): bytes stop flowing but connections stay open, like a congested
//   or partitioned link (replication lag).
import net from 'node:net';

export class TcpProxy {
  private server: net.Server | undefined;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  private stalled = false;
  private boundPort: number;

  constructor(
    private targetPort: number,
    port = 0,
  ) {
    this.boundPort = port;
  }

  get port(): number {
    return this.boundPort;
  }

  get target(): number {
    return this.targetPort;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  async start(): Promise<number> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.address() as net.AddressInfo).port;
    return this.boundPort;
  }

  /** Sends new connections to `port` and cuts the open ones. */
  repoint(port: number): void {
    this.targetPort = port;
    this.dropConnections();
  }

  dropConnections(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Stops listening and cuts every connection: the endpoint refuses connections. */
  async pause(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.dropConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async resume(): Promise<void> {
    if (!this.server) await this.start();
  }

  /** Bytes stop flowing in both directions; connections stay open. */
  stall(): void {
    this.stalled = true;
    for (const { client, upstream } of this.pairs) hold(client, upstream);
  }

  unstall(): void {
    this.stalled = false;
    for (const { client, upstream } of this.pairs) flow(client, upstream);
  }

  async close(): Promise<void> {
    await this.pause();
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect({ host: '127.0.0.1', port: this.targetPort });
    const pair = { client, upstream };
    this.pairs.add(pair);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    if (this.stalled) hold(client, upstream);
    else flow(client, upstream);
  }
}

// Unpiping (not just pausing) keeps a drained destination from resuming the source.
function hold(client: net.Socket, upstream: net.Socket): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}

function flow(client: net.Socket, upstream: net.Socket): void {
  client.pipe(upstream);
  upstream.pipe(client);
}
