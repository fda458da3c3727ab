// The write probe of the rds-failover drill and what it proves: POST /drill/write
// {"seq": n} is acknowledged (201, or 200 for a repeat) only after the row is
// committed, so every acknowledged seq must be readable afterwards (GET /drill/writes).
// A missing one is a lost acknowledged write: the failover threw away data a user was
// told was saved.
import { DRILL_TOKEN_HEADER } from '../stacks/workload/src/drill-token';
import { httpRequest, type HttpOutcome } from './http-probe';
import type { ProbeRecord, ProbeSpec } from './prober';
import type { OwnDatabaseServers } from './target';

/** Sequence numbers of one run: unique per run (ms clock x 1000), within 2^53 for centuries. */
export function writeSeqBase(nowMs = Date.now()): number {
  return Math.floor(nowMs) * 1000;
}

/** The header that opens the drill endpoints (none without a token: the API answers 404). */
export function drillHeaders(drillToken: string | undefined): Record<string, string> {
  return drillToken ? { [DRILL_TOKEN_HEADER]: drillToken } : {};
}

export function writeProbeRequest(appUrl: string, drillToken: string | undefined): ProbeSpec['request'] {
  const url = new URL('/drill/write', appUrl);
  const headers = drillHeaders(drillToken);
  return (seq) => ({ url, method: 'POST', json: { seq }, headers });
}

/**
 * The PostgreSQL server that acknowledged a write, as the API names it in its answer
 * (`server`: inet_server_addr() and pg_control_system().system_identifier). null: not said.
 */
export interface AcknowledgingServer {
  address: string | null;
  systemIdentifier: string | null;
}

function serverOf(value: unknown): AcknowledgingServer | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { address, systemIdentifier } = value as Record<string, unknown>;
  const server = { address: typeof address === 'string' && address ? address : null, systemIdentifier: typeof systemIdentifier === 'string' && systemIdentifier ? systemIdentifier : null };
  return server.address || server.systemIdentifier ? server : undefined;
}

/**
 * A write is acknowledged when the API says 201/200 AND names our sequence number;
 * `server` is the database server the answer names (absent when it names none).
 */
export function judgeWrite(outcome: HttpOutcome, seq: number): { ok: boolean; errorKind?: 'mismatch'; detail?: string; server?: AcknowledgingServer } {
  try {
    const body = JSON.parse(outcome.body ?? '') as { seq?: unknown; committedAt?: unknown; server?: unknown };
    if (Number(body.seq) !== seq) return { ok: false, errorKind: 'mismatch' };
    const server = serverOf(body.server);
    return { ok: true, ...(typeof body.committedAt === 'string' ? { detail: body.committedAt } : {}), ...(server ? { server } : {}) };
  } catch {
    return { ok: false, errorKind: 'mismatch' };
  }
}

/** The servers that acknowledged a drill's writes, counted; writes whose answer named none, counted apart. */
export interface AcknowledgingServers {
  servers: (AcknowledgingServer & { writes: number })[];
  unidentified: number;
}

export class AcknowledgingServerTally {
  private readonly counts = new Map<string, AcknowledgingServer & { writes: number }>();
  private unidentified = 0;

  add(server: AcknowledgingServer | undefined): void {
    if (!server) {
      this.unidentified += 1;
      return;
    }
    const key = `${server.systemIdentifier ?? ''}@${server.address ?? ''}`;
    const known = this.counts.get(key);
    if (known) known.writes += 1;
    else this.counts.set(key, { ...server, writes: 1 });
  }

  result(): AcknowledgingServers {
    return { servers: [...this.counts.values()].map((s) => ({ ...s })), unidentified: this.unidentified };
  }
}

/** Both looks at the own servers (before and after the failover) together. */
export function mergeOwnServers(a: OwnDatabaseServers, b: OwnDatabaseServers): OwnDatabaseServers {
  const union = (x: string[], y: string[]) => [...new Set([...x, ...y])];
  return { systemIdentifiers: union(a.systemIdentifiers, b.systemIdentifiers), addresses: union(a.addresses, b.addresses), source: a.source === b.source ? a.source : `${a.source}; ${b.source}` };
}

/**
 * Whether a server is one of the deployment's own: every kind of identity the target
 * knows must match (a system identifier known locally, an address on AWS). Knowing none
 * proves nothing, so it is never "own".
 */
export function isOwnServer(server: AcknowledgingServer, own: OwnDatabaseServers): boolean {
  if (own.systemIdentifiers.length === 0 && own.addresses.length === 0) return false;
  const idOk = own.systemIdentifiers.length === 0 || (server.systemIdentifier !== null && own.systemIdentifiers.includes(server.systemIdentifier));
  const addressOk = own.addresses.length === 0 || (server.address !== null && own.addresses.includes(server.address));
  return idOk && addressOk;
}

export interface CommittedWrite {
  seq: number;
  committedAt: string;
}

/**
 * Every committed write with firstSeq <= seq <= lastSeq, paging GET /drill/writes.
 * Retries each page a few times: the database may still be settling after a failover.
 */
export async function fetchCommittedWrites(appUrl: string, firstSeq: number, lastSeq: number, options: { drillToken: string | undefined; timeoutMs?: number; attempts?: number }): Promise<CommittedWrite[]> {
  const found: CommittedWrite[] = [];
  let since = firstSeq - 1;
  for (let page = 0; page < 10_000; page++) {
    const url = new URL('/drill/writes', appUrl);
    url.searchParams.set('since', String(since));
    url.searchParams.set('limit', '1000');
    const body = await getJson(url, drillHeaders(options.drillToken), options.timeoutMs ?? 10_000, options.attempts ?? 5);
    const writes = Array.isArray(body.writes) ? (body.writes as CommittedWrite[]) : [];
    for (const write of writes) {
      const seq = Number(write.seq);
      if (seq >= firstSeq && seq <= lastSeq) found.push({ seq, committedAt: String(write.committedAt) });
    }
    const next = body.next === null || body.next === undefined ? undefined : Number(body.next);
    if (writes.length === 0 || next === undefined || !(next > since) || next >= lastSeq) break;
    since = next;
  }
  return found;
}

async function getJson(url: URL, headers: Record<string, string>, timeoutMs: number, attempts: number): Promise<Record<string, unknown>> {
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const outcome = await httpRequest({ url, headers, timeoutMs });
    if (outcome.ok) {
      try {
        return JSON.parse(outcome.body ?? '{}') as Record<string, unknown>;
      } catch {
        last = 'the answer was not JSON';
      }
    } else {
      last = outcome.status ? `HTTP ${outcome.status}` : (outcome.error ?? outcome.errorKind ?? 'no answer');
    }
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
  throw new Error(`GET ${url.pathname} failed ${attempts} times (${last})`);
}

export interface WriteAnalysis {
  sent: number;
  acknowledged: number;
  /** Acknowledged seqs that are not in the database afterwards. */
  lost: number[];
  /** Committed seqs whose answer never reached us (a timeout after the commit): not an error. */
  unconfirmedCommitted: number;
  /**
   * The longest stretch between two consecutive acknowledged writes (by intended send
   * time): last acknowledged before the outage to first acknowledged after it.
   */
  writeGapMs: number | null;
  gapFrom?: number;
  gapTo?: number;
  /** Whether any write was acknowledged after the given time (the failover request). */
  acknowledgedAfter: boolean;
  lastAckMs?: number;
}

export function analyseWrites(records: ProbeRecord[], committed: Iterable<number>, faultAtMs: number, endMs: number): WriteAnalysis {
  const present = new Set(committed);
  const acked = records.filter((r) => r.ok).sort((a, b) => a.intendedAt - b.intendedAt);
  const lost = acked.filter((r) => !present.has(r.seq)).map((r) => r.seq);
  const ackedSeqs = new Set(acked.map((r) => r.seq));
  const unconfirmedCommitted = records.filter((r) => !r.ok && present.has(r.seq) && !ackedSeqs.has(r.seq)).length;
  let writeGapMs: number | null = null;
  let gapFrom: number | undefined;
  let gapTo: number | undefined;
  for (let i = 1; i < acked.length; i++) {
    const gap = acked[i]!.intendedAt - acked[i - 1]!.intendedAt;
    if (writeGapMs === null || gap > writeGapMs) {
      writeGapMs = gap;
      gapFrom = acked[i - 1]!.intendedAt;
      gapTo = acked[i]!.intendedAt;
    }
  }
  const last = acked.at(-1);
  const acknowledgedAfter = acked.some((r) => r.intendedAt > faultAtMs);
  // No acknowledged write after the failover: the gap runs to the end of the drill.
  if (last && !acknowledgedAfter) {
    const open = endMs - last.intendedAt;
    if (writeGapMs === null || open > writeGapMs) {
      writeGapMs = open;
      gapFrom = last.intendedAt;
      gapTo = undefined;
    }
  }
  return {
    sent: records.length,
    acknowledged: acked.length,
    lost,
    unconfirmedCommitted,
    writeGapMs,
    ...(gapFrom !== undefined ? { gapFrom } : {}),
    ...(gapTo !== undefined ? { gapTo } : {}),
    acknowledgedAfter,
    ...(last ? { lastAckMs: last.intendedAt } : {}),
  };
}
