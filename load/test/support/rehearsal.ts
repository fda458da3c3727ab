// The local rehearsal for tests: real PostgreSQL, Redis and CloudMart API processes on
// loopback, built exactly as `drill --target local` builds them.
import { sandboxRehearsalServers } from '../../local/rehearsal-servers';
import { workloadLauncher } from '../../local/api-process';
import { startRehearsal, type Rehearsal, type RehearsalOptions } from '../../local/rehearsal';

export function startTestRehearsal(options: Partial<Omit<RehearsalOptions, 'servers'>> & { apiEnv?: Record<string, string> } = {}): Promise<Rehearsal> {
  const { apiEnv, ...rest } = options;
  return startRehearsal({
    servers: sandboxRehearsalServers(),
    // No reconnect back-off: the ground-truth tests measure the outage, not the API's patience.
    ...rest,
    launcher: rest.launcher ?? workloadLauncher({ env: { DB_RECONNECT_BACKOFF_MAX_MS: '0', ...apiEnv } }),
  });
}
