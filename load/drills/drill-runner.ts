// What every drill's run shares: the clock, the timeline, the per-second series, the
// phases, live progress, stopping on Ctrl-C or on any error, and turning what the run
// observed into a DrillResult through the drill's judge (load/drills/judges/). A drill
// file only says what to do and what to record; its judge says what it means.
import { DrillResult, type Bilingual, type DrillKind } from '../../contract/report';
import { nowMs, isoAt, sleep } from '../clock';
import type { ErrorKind } from '../http-probe';
import { SeriesRecorder, type RequestSample } from '../series';
import type { DrillTarget, RestoreSourceKind } from '../target';
import { Timeline } from '../timeline';
import { NO_VERDICT, type DrillJudgement } from './judges/judgement';
import type { DrillLimits } from './observations';
import { round } from './wording';

export interface DrillOptions extends DrillLimits {
  /** Hard cap on the whole drill, baseline and tail included. */
  durationMs: number;
  probeIntervalMs: number;
  probeTimeoutMs: number;
  /** Offered load (req/s) for scale-out. */
  rate: number;
  /** Traffic before the fault, to see the normal state. */
  baselineMs: number;
  /** Steady, error-free traffic required after recovery before the drill ends. */
  settleMs: number;
  /** restore: what to restore from, and (point in time) the moment to restore to instead of the latest. */
  restoreFrom: RestoreSourceKind;
  restoreTimeMs?: number;
}

/** The limits in force, from the options a drill runs with. */
export function limitsOf(options: DrillOptions): DrillLimits {
  return { limitMs: options.limitMs, maxErrorRate: options.maxErrorRate, recoveryLimitMs: options.recoveryLimitMs, observeMs: options.observeMs, rpoLimitMs: options.rpoLimitMs };
}

export interface DrillProgress {
  kind: DrillKind;
  /** Seconds since the drill started. */
  t: number;
  phase: string;
  /** Requests sent / answered OK in the last second, and its errors by kind. */
  sent: number;
  ok: number;
  errors: Partial<Record<ErrorKind, number>>;
  /** What the drill watches right now, e.g. "desired 3, in service 2, healthy 2", in both languages. */
  state?: Bilingual;
  /** What the drill still waits for from AWS, and for how long at most, in both languages. */
  awaiting?: Bilingual;
}

export interface DrillContext {
  target: DrillTarget;
  options: DrillOptions;
  signal?: AbortSignal;
  onProgress?: (progress: DrillProgress) => void;
}

interface Stoppable {
  stop(): unknown;
}

export class DrillRun {
  readonly startMs = nowMs();
  readonly startedAt = isoAt(this.startMs);
  readonly timeline = new Timeline(this.startMs);
  readonly recorder = new SeriesRecorder(this.startMs);
  readonly notes: Bilingual[] = [];
  /** Shown in the live progress line. */
  state: Bilingual | undefined;
  /** Shown in the live progress line while the drill waits for AWS (see awaitAws). */
  awaiting: Bilingual | undefined;
  private phaseName = 'start';
  private window = { sent: 0, ok: 0, errors: {} as Partial<Record<ErrorKind, number>> };
  private readonly stoppables: Stoppable[] = [];
  private readonly controller = new AbortController();
  private readonly notedErrors = new Set<string>();

  constructor(
    readonly kind: DrillKind,
    readonly context: DrillContext,
  ) {
    const outer = context.signal;
    if (outer) {
      if (outer.aborted) this.controller.abort();
      else outer.addEventListener('abort', () => this.controller.abort(), { once: true });
    }
  }

  get target(): DrillTarget {
    return this.context.target;
  }

  get options(): DrillOptions {
    return this.context.options;
  }

  /** Aborts on Ctrl-C (the caller's signal), on any error, and at the end of the drill. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  /** Milliseconds since the drill started. */
  elapsedMs(): number {
    return nowMs() - this.startMs;
  }

  /** Time left under the drill's hard cap. */
  remainingMs(): number {
    return this.options.durationMs - this.elapsedMs();
  }

  phase(name: string, message: string): void {
    this.phaseName = name;
    this.timeline.add('phase', message, { phase: name });
  }

  /** A sentence for the result's notes, in both languages (the timeline keeps the English). */
  note(message: Bilingual): void {
    this.notes.push(message);
    this.timeline.add('note', message.en);
  }

  /** Every request sample goes through here: into the series and the progress line. */
  record(sample: RequestSample): void {
    this.recorder.record(sample);
    this.window.sent += 1;
    if (sample.ok) this.window.ok += 1;
    else {
      const kind = sample.errorKind ?? 'other';
      this.window.errors[kind] = (this.window.errors[kind] ?? 0) + 1;
    }
  }

  /** Stopped when the drill ends, whatever way it ends. */
  own<T extends Stoppable>(thing: T): T {
    this.stoppables.push(thing);
    return thing;
  }

  /** Sleeps, but wakes up at once on Ctrl-C. */
  wait(ms: number): Promise<void> {
    return sleep(Math.min(ms, Math.max(0, this.remainingMs())), this.signal);
  }

  /** Polls `done` until it holds, the time runs out, or the drill is stopped. */
  async waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number, pollMs = 250): Promise<boolean> {
    const deadline = nowMs() + Math.min(timeoutMs, Math.max(0, this.remainingMs()));
    for (;;) {
      if (await done()) return true;
      if (this.aborted || nowMs() >= deadline) return false;
      await sleep(Math.min(pollMs, deadline - nowMs()), this.signal);
    }
  }

  /**
   * Waits for AWS to report everything the drill awaits, for at most windowMs (default
   * options.observeMs) after the fault. `missing` lists what is still awaited (empty: done); the progress
   * line shows it with the time left. Returns what was still missing at the end.
   */
  async awaitAws(missing: () => { ko: string; en: string }[], faultAt: number, windowMs = this.options.observeMs, pollMs = 500): Promise<{ ko: string; en: string }[]> {
    const deadline = faultAt + windowMs;
    let left = missing();
    await this.waitUntil(
      () => {
        left = missing();
        const remaining = Math.max(0, Math.round((deadline - nowMs()) / 1000));
        this.awaiting = left.length
          ? { ko: `기다리는 중: ${left.map((m) => m.ko).join(', ')} (최대 ${remaining}초 더)`, en: `waiting for ${left.map((m) => m.en).join(', ')} (up to ${remaining} s more)` }
          : undefined;
        return left.length === 0;
      },
      Math.max(0, deadline - nowMs()),
      pollMs,
    );
    this.awaiting = undefined;
    return missing();
  }

  /**
   * Calls `observe` every `intervalMs` until the drill ends. A failing observation is
   * noted once (the same failure again is not repeated) and the watch goes on.
   */
  watch(name: string, observe: () => Promise<void>, intervalMs: number): { stop(): Promise<void>; once(): Promise<void> } {
    let stopped = false;
    let running: Promise<void> = Promise.resolve();
    const step = async (): Promise<void> => {
      try {
        await observe();
      } catch (error) {
        const message = `${name}: ${error instanceof Error ? error.message : String(error)}`;
        if (!this.notedErrors.has(message)) {
          this.notedErrors.add(message);
          this.note({ ko: `관찰 실패(드릴은 계속됩니다): ${message}`, en: `Observation failed (the drill goes on): ${message}` });
        }
      }
    };
    const loop = async (): Promise<void> => {
      while (!stopped && !this.aborted) {
        running = step();
        await running;
        await sleep(intervalMs, this.signal);
      }
    };
    void loop();
    const handle = {
      stop: async () => {
        stopped = true;
        await running;
      },
      /** One more observation now (e.g. the final state before the verdict). */
      once: async () => {
        await running;
        running = step();
        await running;
      },
    };
    this.own(handle);
    return handle;
  }

  /**
   * Runs the drill's recording body, then judges what it recorded; whatever happens, the
   * load stops and a result comes back (status 'error' when the body threw or was stopped).
   */
  async execute<Observations>(record: (run: DrillRun) => Promise<Observations>, judge: (observations: Observations, limits: DrillLimits) => DrillJudgement): Promise<DrillResult> {
    const ticker = setInterval(() => this.emitProgress(), 1000);
    const resources = Object.entries(this.target.resources).map(([kind, name]) => `${kind} ${name}`);
    this.timeline.add('note', `Drill ${this.kind} on ${this.target.kind === 'local' ? 'the local rehearsal' : 'AWS'}: users reach ${this.target.appUrl}${resources.length ? `; ${resources.join(', ')}` : ''}`, {
      appUrl: this.target.appUrl,
      ...this.target.resources,
      options: { ...this.options },
    });
    let judgement: DrillJudgement | undefined;
    let failure: unknown;
    try {
      judgement = judge(await record(this), limitsOf(this.options));
    } catch (error) {
      failure = error;
    } finally {
      clearInterval(ticker);
      for (const thing of this.stoppables.reverse()) {
        try {
          await thing.stop();
        } catch {
          /* stopping is best effort; the result still comes back */
        }
      }
    }
    const interrupted = this.context.signal?.aborted ?? false;
    const t = Math.round(this.elapsedMs() / 1000);
    if (interrupted) this.note({ ko: `사용자가 t=${t}초에 중단했습니다. 부하를 멈췄고, 판정은 그때까지 측정한 것만 다룹니다.`, en: `Stopped by the user at t=${t} s; the load was stopped and the verdict covers what was measured so far.` });
    if (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      this.note({ ko: `드릴이 오류로 멈췄습니다: ${message}`, en: `The drill stopped on an error: ${message}` });
    }
    this.phase('done', interrupted ? 'Drill interrupted' : failure ? 'Drill ended on an error' : 'Drill finished');
    return this.result(judgement, interrupted || failure !== undefined);
  }

  private emitProgress(): void {
    const progress: DrillProgress = {
      kind: this.kind,
      t: Math.round(this.elapsedMs() / 1000),
      phase: this.phaseName,
      sent: this.window.sent,
      ok: this.window.ok,
      errors: this.window.errors,
      ...(this.state ? { state: this.state } : {}),
      ...(this.awaiting ? { awaiting: this.awaiting } : {}),
    };
    this.window = { sent: 0, ok: 0, errors: {} };
    try {
      this.context.onProgress?.(progress);
    } catch {
      /* a broken progress printer must not end the drill */
    }
  }

  private result(judgement: DrillJudgement | undefined, broken: boolean): DrillResult {
    const status: DrillResult['status'] = broken || !judgement ? 'error' : judgement.status;
    const totals = this.recorder.totals();
    const result = DrillResult.parse({
      id: `drill.${this.kind}`,
      kind: this.kind,
      target: this.target.kind,
      simulated: this.target.simulated,
      startedAt: this.startedAt,
      finishedAt: isoAt(nowMs()),
      status,
      verdict: judgement?.verdict ?? { summary: NO_VERDICT, criteria: [] },
      metrics: {
        requests: totals.sent,
        ok: totals.ok,
        errorRate: round(totals.errorRate, 4),
        p50Ms: totals.p50,
        p95Ms: totals.p95,
        p99Ms: totals.p99,
        ...(judgement?.metrics ?? {}),
      },
      series: this.recorder.series(),
      timeline: this.timeline.list(),
      notes: [...this.target.notes, ...this.notes].map((n) => n.en),
      notesKo: [...this.target.notes, ...this.notes].map((n) => n.ko),
      source: 'harness',
    });
    this.recorder.destroy();
    return result;
  }
}
