// The rehearsal's ElastiCache replication group: a Redis primary and a replica, reached
// through one endpoint (a TCP proxy, like the primary endpoint's DNS name). failover()
// does what TestFailover does: the primary node goes down, the replica is promoted
// (REPLICAOF NO ONE), the endpoint follows it, and the old primary comes back as a
// replica of the new one. Events carry the messages ElastiCache writes, marked local.
import { Redis } from 'ioredis';
import type { RunningRedis } from '../../sandbox/servers/redis';
import { isoAt, nowMs } from '../clock';
import type { CacheMember, ServiceEvent } from '../target';
import { TcpProxy } from './tcp-proxy';

/** How the rehearsal gets real Redis servers (rehearsal-servers.ts implements it with sandbox/servers). */
export interface RedisServers {
  start(options: { password?: string; replicaOf?: number; settings?: Record<string, string> }): Promise<RunningRedis>;
}

// Redis waits 5 s by default before a diskless full sync, hoping more replicas join.
const SETTINGS = { 'repl-diskless-sync-delay': '0' };

interface Node {
  id: string;
  zone: string;
  server: RunningRedis;
}

export class RedisPair {
  readonly events: ServiceEvent[] = [];
  readonly id = 'local-redis';
  readonly nodeGroupId = '0001';

  private constructor(
    private primary: Node,
    private replica: Node,
    readonly endpoint: TcpProxy,
    readonly password: string | undefined,
  ) {}

  static async start(servers: RedisServers, options: { password?: string; endpointPort?: number } = {}): Promise<RedisPair> {
    const auth = options.password ? { password: options.password } : {};
    const primary = await servers.start({ ...auth, settings: SETTINGS });
    const replica = await servers.start({ ...auth, replicaOf: primary.port, settings: SETTINGS });
    const endpoint = new TcpProxy(primary.port, options.endpointPort ?? 0);
    await endpoint.start();
    const pair = new RedisPair({ id: 'local-redis-001', zone: 'local-a', server: primary }, { id: 'local-redis-002', zone: 'local-b', server: replica }, endpoint, options.password);
    await pair.waitForSync();
    await pair.runIds();
    return pair;
  }

  get url(): string {
    const auth = this.password ? `:${encodeURIComponent(this.password)}@` : '';
    return `redis://${auth}127.0.0.1:${this.endpoint.port}`;
  }

  private readonly knownRunIds = new Set<string>();

  /**
   * The run_id of every Redis process of the pair so far: a node restarted after a
   * failover is a new process with a new run_id, and the old one may still be named by
   * a read served before it went down.
   */
  async runIds(): Promise<string[]> {
    for (const node of [this.primary, this.replica]) {
      const id = /run_id:([0-9a-f]+)/.exec(String(await this.command(node.server.port, 'INFO', 'server').catch(() => '')))?.[1];
      if (id) this.knownRunIds.add(id);
    }
    return [...this.knownRunIds];
  }

  members(): CacheMember[] {
    return [
      { id: this.primary.id, role: 'primary', availabilityZone: this.primary.zone },
      { id: this.replica.id, role: 'replica', availabilityZone: this.replica.zone },
    ];
  }

  async failover(): Promise<void> {
    const old = this.primary;
    const promoted = this.replica;
    this.event(this.id, `Test Failover API called for node group ${this.nodeGroupId}`);
    await old.server.kill();
    await this.command(promoted.server.port, 'REPLICAOF', 'NO', 'ONE');
    this.endpoint.repoint(promoted.server.port);
    this.primary = promoted;
    this.replica = old;
    const completed = `Failover from primary node ${old.id} to replica node ${promoted.id} completed`;
    this.event(promoted.id, completed);
    this.event(this.id, completed);
    this.event(old.id, `Recovering cache nodes ${this.nodeGroupId}`);
    await old.server.start();
    await this.command(old.server.port, 'REPLICAOF', '127.0.0.1', String(promoted.server.port));
    this.event(old.id, `Finished recovery for cache nodes ${this.nodeGroupId}`);
  }

  async destroy(): Promise<void> {
    await this.endpoint.close();
    await Promise.allSettled([this.primary.server.destroy(), this.replica.server.destroy()]);
  }

  private event(source: string, message: string): void {
    this.events.push({ at: isoAt(nowMs()), source, message });
  }

  private async command(port: number, ...args: string[]): Promise<unknown> {
    const client = new Redis({ host: '127.0.0.1', port, ...(this.password ? { password: this.password } : {}), lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    await client.connect();
    try {
      return await client.call(args[0]!, ...args.slice(1));
    } finally {
      client.disconnect();
    }
  }

  private async waitForSync(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const info = String(await this.command(this.replica.server.port, 'INFO', 'replication'));
      if (/master_link_status:up/.test(info)) return;
      if (Date.now() > deadline) throw new Error('the Redis replica did not sync with its primary');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
