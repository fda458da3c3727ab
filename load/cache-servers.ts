// Which Redis server served the redis-failover drill's reads, and whether it is the
// deployment's own. The API names it on cached reads that carry the drill token
// (x-cache-server: <run_id>@<address>, stacks/workload/src/routes/products.ts); an app
// whose reads never reach the replication group it fails over (no Redis at all, or
// another one) proves nothing by keeping its error rate low.
import type { OwnCacheServers } from './target';

/** A Redis server as the API names it: INFO server run_id and the address it connected to. */
export interface CacheServerSeen {
  runId: string | null;
  address: string | null;
}

/** The x-cache-server header, or undefined when absent or empty. */
export function cacheServerOf(header: unknown): CacheServerSeen | undefined {
  if (typeof header !== 'string') return undefined;
  const at = header.indexOf('@');
  if (at < 0) return undefined;
  const server = { runId: header.slice(0, at) || null, address: header.slice(at + 1) || null };
  return server.runId || server.address ? server : undefined;
}

/** The servers that served the drill's cached reads, counted; cached reads that named none, apart. */
export interface CacheServersSeen {
  servers: (CacheServerSeen & { reads: number })[];
  unidentified: number;
}

export class CacheServerTally {
  private readonly counts = new Map<string, CacheServerSeen & { reads: number }>();
  private unidentified = 0;

  add(server: CacheServerSeen | undefined): void {
    if (!server) {
      this.unidentified += 1;
      return;
    }
    const key = `${server.runId ?? ''}@${server.address ?? ''}`;
    const known = this.counts.get(key);
    if (known) known.reads += 1;
    else this.counts.set(key, { ...server, reads: 1 });
  }

  result(): CacheServersSeen {
    return { servers: [...this.counts.values()].map((s) => ({ ...s })), unidentified: this.unidentified };
  }
}

/** Every identity the target knows must match; knowing none proves nothing. */
export function isOwnCacheServer(server: CacheServerSeen, own: OwnCacheServers): boolean {
  if (own.runIds.length === 0 && own.addresses.length === 0) return false;
  const runOk = own.runIds.length === 0 || (server.runId !== null && own.runIds.includes(server.runId));
  const addressOk = own.addresses.length === 0 || (server.address !== null && own.addresses.includes(server.address));
  return runOk && addressOk;
}

export function mergeOwnCacheServers(a: OwnCacheServers, b: OwnCacheServers): OwnCacheServers {
  const union = (x: string[], y: string[]) => [...new Set([...x, ...y])];
  return { runIds: union(a.runIds, b.runIds), addresses: union(a.addresses, b.addresses), source: a.source === b.source ? a.source : `${a.source}; ${b.source}` };
}
