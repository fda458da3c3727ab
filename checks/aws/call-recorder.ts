// Counts the AWS requests a run sends, by operation, with a middleware on every client.
// It sits at the initialize step, above the retry middleware: a request retried after
// throttling counts once, each page of a paginated call counts once. It also keeps each
// request's input, so a test can prove no request is ever sent twice.
import { operationName } from './operations';
import type { ServiceKey } from './services';

export interface RecordedCall {
  operation: string;
  region: string;
  /** The command input as JSON (stable key order), to spot duplicates. */
  input: string;
  /** Milliseconds since the recorder was created, when the request was sent and when it was answered (retries included). */
  startMs: number;
  endMs?: number;
}

/** The part of an SDK v3 client the recorder needs (spares a dependency on @smithy/types). */
export interface ClientWithMiddleware {
  middlewareStack: { add(middleware: any, options: { step: 'initialize'; name: string; override: boolean }): void };
}

export class CallRecorder {
  readonly calls: RecordedCall[] = [];
  private readonly origin = performance.now();

  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of [...this.calls].sort((a, b) => a.operation.localeCompare(b.operation))) {
      counts[call.operation] = (counts[call.operation] ?? 0) + 1;
    }
    return counts;
  }

  /** Requests sent more than once with the same input to the same region. */
  duplicates(): RecordedCall[] {
    const seen = new Set<string>();
    const dupes: RecordedCall[] = [];
    for (const call of this.calls) {
      const key = `${call.region} ${call.operation} ${call.input}`;
      if (seen.has(key)) dupes.push(call);
      seen.add(key);
    }
    return dupes;
  }

  private now(): number {
    return Math.round((performance.now() - this.origin) * 10) / 10;
  }

  attach(client: ClientWithMiddleware, service: ServiceKey, region: string): void {
    const middleware = (next: (args: { input: unknown }) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: unknown }) => {
      const call: RecordedCall = { operation: operationName(service, context.commandName ?? 'Unknown'), region, input: stableJson(args.input), startMs: this.now() };
      this.calls.push(call);
      try {
        return await next(args);
      } finally {
        call.endMs = this.now();
      }
    };
    client.middlewareStack.add(middleware, { step: 'initialize', name: 'cloudmartCallRecorder', override: true });
  }
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
