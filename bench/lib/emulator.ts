// The local AWS emulator for bench cases: started once, with a way to read how much CPU and
// memory its processes (granian's supervisor and the one worker that runs moto) have used,
// since they bound every emulated figure.
import { readFileSync } from 'node:fs';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { childPids } from '../../sandbox/emulator/processes';

export const BENCH_REGION = 'ap-northeast-2';

export interface BenchEmulator extends RunningEmulator {
  /** The emulator's process id (server.py, a child of this process), when it could be found. */
  pid: number | undefined;
  /** Milliseconds the emulator started in (startEmulator, install check included). */
  startMs: number;
  /** CPU seconds (user + system) the emulator's processes have used so far. */
  cpuSeconds(): number;
  /** Peak resident memory of the emulator's processes so far, MiB (VmHWM, summed). */
  peakRssMiB(): number;
}

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

/** The process and its children: server.py is granian's supervisor, moto runs in its worker. */
function withChildren(pid: number): number[] {
  return [pid, ...childPids(pid)];
}

function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    let ticks = 0;
    for (const p of withChildren(pid)) {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of /proc/PID/stat (1-based); fields[] starts at field 3.
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

function peakRssOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    let kib = 0;
    for (const p of withChildren(pid)) {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1];
      if (!hwm) return NaN;
      kib += Number(hwm);
    }
    return kib / 1024;
  } catch {
    return NaN;
  }
}

export async function startBenchEmulator(): Promise<BenchEmulator> {
  const before = childPids(process.pid);
  const started = performance.now();
  const emulator = await startEmulator();
  const startMs = performance.now() - started;
  const pythonPids = [...childPids(process.pid)].filter((pid) => {
    if (before.has(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server.py');
    } catch {
      return false;
    }
  });
  const pid = pythonPids.length === 1 ? pythonPids[0] : undefined;
  return {
    endpoint: emulator.endpoint,
    port: emulator.port,
    reset: () => emulator.reset(),
    stop: () => emulator.stop(),
    pid,
    startMs,
    cpuSeconds: () => cpuSecondsOf(pid),
    peakRssMiB: () => peakRssOf(pid),
  };
}

/** Environment that makes the standard AWS credential chain answer with the emulator's credentials (children, or this process). */
export function emulatorCredentialEnv(): Record<string, string> {
  const c = emulatorCredentials();
  return {
    AWS_ACCESS_KEY_ID: c.accessKeyId,
    AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
    AWS_REGION: BENCH_REGION,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** Sets `vars` in this process's environment until the returned function restores what was there. */
export function withEnv(vars: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  // Profiles or a session token in the environment would beat the keys in the chain.
  const cleared = ['AWS_PROFILE', 'AWS_SESSION_TOKEN'].filter((k) => !(k in vars));
  const savedCleared = Object.fromEntries(cleared.map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  for (const k of cleared) delete process.env[k];
  return () => {
    for (const [k, v] of Object.entries({ ...saved, ...savedCleared })) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
