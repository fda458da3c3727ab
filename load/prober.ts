// The fixed-schedule prober. Probe k is due at start + k * interval and goes out at that
// time whatever happened to the earlier probes (open loop): a slow or hung answer never
// delays the next probe, so an outage shows up as failed probes at the times users would
// have failed, not as a quiet gap. Every probe records its intended and actual send
// time, its outcome, and its latency measured from the INTENDED send time.
import http from 'node:http';
import https from 'node:https';
import { nowMs } from './clock';
import { httpRequest, type ErrorKind, type HttpOutcome, type HttpRequestSpec } from './http-probe';
import { clamp, MAX_PROBE_RATE, MAX_REQUEST_TIMEOUT_MS } from './limits';

export interface ProbeRecord {
  seq: number;
  /** Epoch ms the probe was due. */
  intendedAt: number;
  /** Epoch ms it actually went out. */
  sentAt: number;
  /** Epoch ms the answer or failure arrived. */
  doneAt: number;
  /** doneAt - intendedAt. */
  latencyMs: number;
  ok: boolean;
  status?: number;
  errorKind?: ErrorKind;
  /** What the probe learnt from the answer (e.g. the x-cache header, the committedAt). */
  detail?: string;
}

export interface ProbeSpec {
  intervalMs: number;
  /** The prober stops by itself after this long (hard cap, whatever stop() callers do). */
  maxDurationMs: number;
  timeoutMs: number;
  /** The request for probe number `seq`. */
  request(seq: number): Omit<HttpRequestSpec, 'timeoutMs' | 'agent'>;
  /**
   * Judges an HTTP answer beyond its status, e.g. a write probe is acknowledged only
   * when the body echoes its sequence number. Returns the detail to keep, or an error kind.
   */
  judge?(outcome: HttpOutcome, seq: number): { ok: boolean; errorKind?: ErrorKind; detail?: string };
  /** First sequence number (default 0). */
  firstSeq?: number;
  onRecord?(record: ProbeRecord): void;
}

export class Prober {
  readonly records: ProbeRecord[] = [];
  readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly agents: { http: http.Agent; https: https.Agent };
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private startedAt = 0;
  private next = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private finished!: () => void;
  /** Resolves once the prober stopped and every probe in flight has its outcome. */
  readonly done: Promise<void>;

  constructor(private readonly spec: ProbeSpec) {
    this.intervalMs = Math.max(spec.intervalMs, 1000 / MAX_PROBE_RATE);
    this.timeoutMs = clamp(spec.timeoutMs, 1, MAX_REQUEST_TIMEOUT_MS);
    // Enough sockets for every probe that can be in flight at once, so no probe
    // waits in the agent's queue behind a hung one.
    const maxSockets = Math.min(2048, Math.ceil(this.timeoutMs / this.intervalMs) + 8);
    this.agents = { http: new http.Agent({ keepAlive: true, maxSockets }), https: new https.Agent({ keepAlive: true, maxSockets }) };
    this.done = new Promise((resolve) => (this.finished = resolve));
  }

  /** Epoch ms of probe 0. */
  get startMs(): number {
    return this.startedAt;
  }

  /** Probes sent so far. */
  get sentCount(): number {
    return this.next;
  }

  start(startAt = nowMs()): void {
    this.startedAt = startAt;
    this.schedule();
  }

  /** Sends no further probe; resolves when the ones in flight have finished. */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      clearTimeout(this.timer);
      void this.drain();
    }
    await this.done;
  }

  private async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    this.agents.http.destroy();
    this.agents.https.destroy();
    this.finished();
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = nowMs();
    const deadline = this.startedAt + this.spec.maxDurationMs;
    // Send every probe that is due (several when the event loop woke up late).
    for (let due = this.dueAt(this.next); due <= now && due < deadline; due = this.dueAt(this.next)) {
      this.fire(this.next, due);
      this.next += 1;
    }
    if (this.dueAt(this.next) >= deadline) {
      void this.stop();
      return;
    }
    const wait = this.dueAt(this.next) - nowMs();
    this.timer = setTimeout(() => this.schedule(), Math.max(0, wait));
  }

  private dueAt(index: number): number {
    return this.startedAt + index * this.intervalMs;
  }

  private fire(index: number, intendedAt: number): void {
    const seq = (this.spec.firstSeq ?? 0) + index;
    const request = this.spec.request(seq);
    const agent = request.url.protocol === 'https:' ? this.agents.https : this.agents.http;
    const sentAt = nowMs();
    const pending = httpRequest({ ...request, timeoutMs: this.timeoutMs, agent }).then((outcome) => {
      const verdict = outcome.ok && this.spec.judge ? this.spec.judge(outcome, seq) : undefined;
      const ok = verdict ? verdict.ok : outcome.ok;
      const errorKind = ok ? undefined : (verdict?.errorKind ?? outcome.errorKind ?? 'other');
      const record: ProbeRecord = {
        seq,
        intendedAt,
        sentAt,
        doneAt: outcome.doneAt,
        latencyMs: outcome.doneAt - intendedAt,
        ok,
        ...(outcome.status !== undefined ? { status: outcome.status } : {}),
        ...(errorKind ? { errorKind } : {}),
        ...(verdict?.detail !== undefined ? { detail: verdict.detail } : {}),
      };
      this.records.push(record);
      this.spec.onRecord?.(record);
    });
    this.inFlight.add(pending);
    void pending.finally(() => this.inFlight.delete(pending));
  }
}
