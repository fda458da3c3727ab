// One HTTP request with a hard timeout, and the kind of failure a user would have seen.
// node:http rather than fetch: the error codes (ECONNREFUSED, ECONNRESET...) are what
// tells a refused connection (nothing listens) from a reset one (the server died mid-way).
import http from 'node:http';
import https from 'node:https';
import { nowMs } from './clock';
import { connectOverride } from './resolve';

/** How a request failed, as the per-second series counts it. */
export type ErrorKind = 'timeout' | 'refused' | 'reset' | 'http5xx' | 'http4xx' | 'http3xx' | 'dns' | 'mismatch' | 'other';

export interface HttpRequestSpec {
  url: URL;
  method?: 'GET' | 'POST';
  /** JSON body (sent with content-type application/json). */
  json?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
  agent?: http.Agent;
}

export interface HttpOutcome {
  /** A 2xx answer. */
  ok: boolean;
  status?: number;
  errorKind?: ErrorKind;
  /** The response body (first 64 KiB), when there was one. */
  body?: string;
  headers?: http.IncomingHttpHeaders;
  /** Epoch ms when the answer (or the failure) arrived. */
  doneAt: number;
  /** The low-level error message, for the notes. */
  error?: string;
}

const MAX_BODY = 64 * 1024;

class RequestTimeout extends Error {
  readonly code = 'ETIMEDOUT_PROBE';
}

export function classifyError(error: unknown): ErrorKind {
  if (error instanceof RequestTimeout) return 'timeout';
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
    case 'UND_ERR_SOCKET':
      return 'reset';
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return 'timeout';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    default:
      // "socket hang up": the server closed the connection without an answer.
      if (error instanceof Error && /socket hang up/i.test(error.message)) return 'reset';
      return 'other';
  }
}

export function classifyStatus(status: number): ErrorKind | undefined {
  if (status >= 500) return 'http5xx';
  if (status >= 400) return 'http4xx';
  if (status >= 300) return 'http3xx';
  return status >= 200 ? undefined : 'other';
}

export function httpRequest(spec: HttpRequestSpec): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<HttpOutcome, 'doneAt'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, doneAt: nowMs() });
    };
    const payload = spec.json === undefined ? undefined : Buffer.from(JSON.stringify(spec.json));
    const client = spec.url.protocol === 'https:' ? https : http;
    // CLOUDMART_RESOLVE names the host: connect there, still asking for the URL's host (Host header, TLS name).
    const connect = connectOverride(spec.url);
    const request = client.request(
      spec.url,
      {
        method: spec.method ?? (payload ? 'POST' : 'GET'),
        agent: spec.agent,
        ...(connect ? { hostname: connect.address, ...(connect.port ? { port: connect.port } : {}), servername: spec.url.hostname } : {}),
        headers: {
          ...(connect ? { host: spec.url.host } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...spec.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const errorKind = classifyStatus(status);
          finish({
            ok: errorKind === undefined,
            status,
            ...(errorKind ? { errorKind } : {}),
            body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
            headers: response.headers,
          });
        });
        response.on('error', (error) => finish({ ok: false, status: response.statusCode, errorKind: classifyError(error), error: error.message }));
      },
    );
    const timer = setTimeout(() => request.destroy(new RequestTimeout(`no answer within ${spec.timeoutMs} ms`)), spec.timeoutMs);
    request.on('error', (error) => finish({ ok: false, errorKind: classifyError(error), error: error.message }));
    request.end(payload);
  });
}
