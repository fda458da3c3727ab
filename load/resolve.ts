// CLOUDMART_RESOLVE: names the drill resolves itself instead of asking DNS, as curl's
// --resolve and --connect-to do, for a network whose DNS differs from the deployment's
// (split-horizon DNS, a deployment whose names have no public DNS). One description for
// both uses: the addresses a DB or cache endpoint resolves to (targets/aws.ts) and where
// the drill's HTTP requests to the application connect (http-probe.ts).
import { UsageError } from '../contract/errors';

export const RESOLVE_ENV = 'CLOUDMART_RESOLVE';

/** Where a name resolves: an address, and for HTTP connections optionally another port. */
export interface ResolvedName {
  address: string;
  port?: number;
}

/**
 * CLOUDMART_RESOLVE="host:address[:port][,host:address[:port]...]". The port (IPv4
 * addresses and names only) sends the drill's HTTP requests to that port instead of the
 * URL's, keeping the Host header, for a stand-in listening elsewhere than 80/443.
 */
export function resolveEntries(value = process.env[RESOLVE_ENV] ?? ''): Map<string, ResolvedName[]> {
  const entries = new Map<string, ResolvedName[]>();
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.indexOf(':');
    if (at <= 0 || at === entry.length - 1) throw notHostAddress(entry);
    const host = entry.slice(0, at).toLowerCase();
    const rest = entry.slice(at + 1);
    // One colon left: address:port (an IPv6 address has several and takes no port here).
    const portMatch = /^([^:]+):(\d{1,5})$/.exec(rest);
    const resolved: ResolvedName = portMatch ? { address: portMatch[1]!, port: Number(portMatch[2]) } : { address: rest };
    if (resolved.port !== undefined && (resolved.port < 1 || resolved.port > 65_535)) throw notHostAddress(entry);
    entries.set(host, [...(entries.get(host) ?? []), resolved]);
  }
  return entries;
}

/** host -> the addresses it resolves to (ports left out): what a server sees a connection arrive on. */
export function resolveOverrides(value = process.env[RESOLVE_ENV] ?? ''): Map<string, string[]> {
  return new Map([...resolveEntries(value)].map(([host, names]) => [host, [...new Set(names.map((n) => n.address))]]));
}

/** Where an HTTP request to `url` connects, when CLOUDMART_RESOLVE names its host (the first entry). */
export function connectOverride(url: URL, value = process.env[RESOLVE_ENV] ?? ''): ResolvedName | undefined {
  if (!value) return undefined;
  return resolveEntries(value).get(url.hostname.toLowerCase())?.[0];
}

function notHostAddress(entry: string): UsageError {
  return new UsageError({ ko: `CLOUDMART_RESOLVE의 "${entry}"는 호스트:주소[:포트] 형식이 아닙니다.`, en: `CLOUDMART_RESOLVE entry "${entry}" is not host:address[:port].` });
}
