// The rehearsal's RDS Multi-AZ instance: a PostgreSQL primary with a streaming standby,
// reached through ONE endpoint (a TCP proxy on a fixed port) that moves on failover.
// - synchronous (the default, like RDS Multi-AZ): synchronous_standby_names='*' and
//   synchronous_commit=on, so a COMMIT returns only once the standby has the WAL;
// - asynchronous: no synchronous standby, for the ground-truth test that a drill
//   catches lost writes.
// The standby reaches the primary through a second proxy (the replication link), which
// can be stalled to inject replication lag.
//
// failover(): the old primary is killed (SIGKILL, gone like a failed host), the standby
// is promoted (pg_promote), and the endpoint is repointed to it. Events with the
// messages RDS writes for a Multi-AZ failover are recorded, marked as local.
//
// The servers themselves come from the caller through PostgresServers (the real ones:
// rehearsal-servers.ts, with sandbox/servers), so a standby can be rebuilt mid-drill.
import pg from 'pg';
import type { RunningPostgres } from '../../sandbox/servers/postgres';
import { isoAt, nowMs } from '../clock';
import type { ServiceEvent } from '../target';
import { TcpProxy } from './tcp-proxy';

/** How the rehearsal gets real PostgreSQL servers (rehearsal-servers.ts implements it with sandbox/servers). */
export interface PostgresServers {
  /** A fresh primary (initdb) with these postgresql.conf settings and extra pg_hba lines. */
  primary(options: { password: string; settings: Record<string, string>; hba: string[] }): Promise<RunningPostgres>;
  /**
   * A standby: pg_basebackup (with -R, so it is a standby) from 127.0.0.1:sourcePort,
   * then started with these settings (which may override primary_conninfo).
   */
  standby(options: { password: string; sourcePort: number; settings: Record<string, string> }): Promise<RunningPostgres>;
}

export interface PostgresPairOptions {
  password?: string;
  synchronous?: boolean;
  /** Fixed endpoint port (0: any free port). */
  endpointPort?: number;
  zones?: [string, string];
}

export class PostgresPair {
  readonly events: ServiceEvent[] = [];
  readonly id = 'local-postgres';
  private standby: RunningPostgres | undefined;
  private zones: [string, string];

  private rebuilding: Promise<void> | undefined;
  /**
   * The pair's PostgreSQL system identifier: set by initdb on the primary and copied by
   * pg_basebackup to every standby, so it names this database across failovers, and no
   * other server on the machine has it. The drill checks writes were acknowledged by it.
   */
  systemIdentifier = '';

  private constructor(
    private readonly servers: PostgresServers,
    private primary: RunningPostgres,
    standby: RunningPostgres,
    readonly endpoint: TcpProxy,
    private link: TcpProxy,
    readonly password: string,
    readonly synchronous: boolean,
    zones: [string, string],
  ) {
    this.standby = standby;
    this.zones = zones;
  }

  static async start(servers: PostgresServers, options: PostgresPairOptions = {}): Promise<PostgresPair> {
    const password = options.password ?? 'cloudmart-rehearsal';
    const synchronous = options.synchronous ?? true;
    const primary = await servers.primary({
      password,
      settings: {
        wal_level: 'replica',
        max_wal_senders: '5',
        wal_keep_size: '64MB',
        // Any connected standby is the synchronous one; COMMIT waits for it.
        ...(synchronous ? { synchronous_standby_names: '*', synchronous_commit: 'on' } : {}),
      },
      hba: ['host replication postgres 127.0.0.1/32 scram-sha-256'],
    });
    const endpoint = new TcpProxy(primary.port, options.endpointPort ?? 0);
    let built: { standby: RunningPostgres; link: TcpProxy } | undefined;
    try {
      built = await buildStandby(servers, primary, password);
      await endpoint.start();
      const pair = new PostgresPair(servers, primary, built.standby, endpoint, built.link, password, synchronous, options.zones ?? ['local-a', 'local-b']);
      await pair.waitForStreaming();
      const [control] = await query<{ id: string }>(primary.port, password, 'SELECT system_identifier::text AS id FROM pg_control_system()');
      pair.systemIdentifier = control!.id;
      return pair;
    } catch (error) {
      await endpoint.close();
      await built?.link.close();
      await built?.standby.destroy();
      await primary.destroy();
      throw error;
    }
  }

  /** postgres://postgres:<password>@127.0.0.1:<endpoint>/postgres: what the API connects to. */
  get url(): string {
    return `postgres://postgres:${encodeURIComponent(this.password)}@127.0.0.1:${this.endpoint.port}/postgres`;
  }

  describe(): { multiAz: boolean; availabilityZone: string; secondaryAvailabilityZone?: string; status: string } {
    // Multi-AZ is the configuration: it stays on while the new standby is being built.
    return {
      multiAz: true,
      availabilityZone: this.zones[0],
      ...(this.standby ? { secondaryAvailabilityZone: this.zones[1] } : {}),
      status: 'available',
    };
  }

  /**
   * Kills the primary, promotes the standby, repoints the endpoint; then builds a new
   * standby in the old primary's zone (RDS replaces the failed host the same way), and
   * resolves once it streams.
   */
  async failover(): Promise<void> {
    const standby = this.standby;
    if (!standby || this.rebuilding) {
      // RDS-EVENT-0034: a failover right after another one is not attempted.
      this.event('Amazon RDS is not attempting a requested failover because a failover recently occurred on the DB instance.');
      return;
    }
    this.event('Multi-AZ instance failover started.');
    await this.primary.kill();
    this.event('DB instance restarted');
    await query(standby.port, this.password, 'SELECT pg_promote(true, 60)');
    this.endpoint.repoint(standby.port);
    await this.link.close();
    const old = this.primary;
    this.primary = standby;
    this.standby = undefined;
    this.zones = [this.zones[1], this.zones[0]];
    this.event('Multi-AZ instance failover completed');
    await old.destroy();
    this.rebuilding = this.rebuildStandby();
    try {
      await this.rebuilding;
    } finally {
      this.rebuilding = undefined;
    }
  }

  /** The replication link the standby streams through. */
  get replicationLink(): TcpProxy {
    return this.link;
  }

  private async rebuildStandby(): Promise<void> {
    const built = await buildStandby(this.servers, this.primary, this.password);
    this.standby = built.standby;
    this.link = built.link;
    if (this.synchronous) {
      await query(this.primary.port, this.password, "ALTER SYSTEM SET synchronous_standby_names = '*'");
      await query(this.primary.port, this.password, 'SELECT pg_reload_conf()');
    }
    await this.waitForStreaming();
  }

  /** Replication stops flowing (lag); with synchronous commit, commits wait. */
  stallReplication(): void {
    this.link.stall();
  }

  resumeReplication(): void {
    this.link.unstall();
  }

  async destroy(): Promise<void> {
    await this.rebuilding?.catch(() => {});
    await this.endpoint.close();
    await this.link.close();
    await Promise.allSettled([this.primary.destroy(), this.standby?.destroy()]);
  }

  private event(message: string): void {
    this.events.push({ at: isoAt(nowMs()), source: this.id, message });
  }

  /** Waits until the primary reports the standby as streaming (and sync, when asked). */
  private async waitForStreaming(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await query<{ state: string; sync_state: string }>(this.primary.port, this.password, 'SELECT state, sync_state FROM pg_stat_replication');
      if (rows.some((r) => r.state === 'streaming' && (!this.synchronous || r.sync_state === 'sync'))) return;
      if (Date.now() > deadline) throw new Error(`the standby did not start streaming within ${timeoutMs} ms (${JSON.stringify(rows)})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * A standby of `primary`: base backup straight from the primary, streaming through a new
 * link proxy (named in the command-line primary_conninfo, which overrides the one
 * pg_basebackup -R wrote).
 */
async function buildStandby(servers: PostgresServers, primary: RunningPostgres, password: string): Promise<{ standby: RunningPostgres; link: TcpProxy }> {
  const link = new TcpProxy(primary.port);
  await link.start();
  try {
    const standby = await servers.standby({
      password,
      sourcePort: primary.port,
      settings: { hot_standby: 'on', primary_conninfo: `host=127.0.0.1 port=${link.port} user=postgres password=${password} application_name=standby1` },
    });
    return { standby, link };
  } catch (error) {
    await link.close();
    throw error;
  }
}

async function query<T>(port: number, password: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}
