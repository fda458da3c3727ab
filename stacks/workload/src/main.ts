// Command-line entry of the CloudMart API: configuration from environment variables
// (README.md beside this folder lists them), secrets from Secrets Manager, then serve
// until SIGTERM/SIGINT, which shut down gracefully.
//
//   from the repository:  node --import tsx stacks/workload/src/main.ts
//   on an instance:       node /opt/cloudmart-api/server.mjs  (the bundle, under systemd)
//
// Exit codes: 0 clean shutdown; 1 failure (the database stayed unreachable, a shutdown
// that overran SHUTDOWN_TIMEOUT_MS); 2 bad configuration; 3 Secrets Manager unreachable.
import { HarnessError } from '../../../contract/errors';
import { DEFAULTS } from './config';
import { startApiFromEnv, type RunningApi } from './server';

/** A log line in the same JSON shape as the API's own (pino) lines. */
function logLine(level: 'info' | 'error' | 'fatal', msg: string, extra: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, time: new Date().toISOString(), service: 'cloudmart-api', pid: process.pid, ...extra, msg });
  (level === 'info' ? process.stdout : process.stderr).write(line + '\n');
}

async function main(): Promise<void> {
  // Signals are handled from the first moment: one that arrives while the API is still
  // starting (waiting for the database) ends the process at once, with nothing to drain.
  let api: RunningApi | undefined;
  let stopping = false;
  let shutdownTimeoutMs = DEFAULTS.shutdownTimeoutMs;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (!api) {
      logLine('info', 'stopped before serving', { signal });
      process.exit(0);
    }
    logLine('info', 'shutting down: no new connections, finishing requests in flight', { signal });
    const overrun = setTimeout(() => {
      logLine('error', 'shutdown did not finish in time; exiting', { shutdownTimeoutMs });
      process.exit(1);
    }, shutdownTimeoutMs);
    overrun.unref();
    api.close().then(
      () => {
        logLine('info', 'shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logLine('error', 'shutdown failed', { err: (error as Error).message });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const started = await startApiFromEnv(process.env);
  api = started;
  shutdownTimeoutMs = started.config.shutdownTimeoutMs;
  logLine('info', 'CloudMart API listening', { url: started.url, port: started.port, drillEndpoints: started.config.drillEndpoints });
}

main().catch((error: unknown) => {
  const exitCode = error instanceof HarnessError ? error.exitCode : 1;
  logLine('fatal', `CloudMart API did not start: ${(error as Error).message ?? String(error)}`, { exitCode });
  process.exit(exitCode);
});
