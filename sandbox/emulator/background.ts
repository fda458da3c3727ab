// The local emulator that outlives one command: `deploy --target local` starts it (or finds
// it running), `verify`, `drill`, `cleanup` and `destroy` with `--target local` use the
// deployment in it, `npm run emulator -- --stop` ends it. Its endpoint and process id are
// kept in .emulator/background.json beside its log, so a student's
// `npm run deploy -- --target local --student me && npm run verify -- --target local --student me`
// reaches the same emulated account twice.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnreachableError } from '../../contract/errors';
import { installEmulator } from './emulator';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const STATE_DIR = path.join(ROOT, '.emulator');
const STATE_FILE = path.join(STATE_DIR, 'background.json');
const LOG_FILE = path.join(STATE_DIR, 'background.log');
const VENV_PYTHON = path.join(ROOT, '.venv/emulator/bin/python');
const SERVER_SCRIPT = path.join(HERE, 'server.py');

export interface BackgroundEmulator {
  endpoint: string;
  pid: number;
  /** true when this call started it, false when it was already running. */
  started: boolean;
}

interface State {
  endpoint: string;
  pid: number;
}

function readState(): State | undefined {
  try {
    const state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as State;
    return typeof state.endpoint === 'string' && Number.isInteger(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The port accepts a connection (cheap: no moto request, whose state dump can be large). */
function answers(endpoint: string): Promise<boolean> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port), timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** The background emulator if one is running and answers, else undefined (a stale state file is removed). */
export async function findBackgroundEmulator(): Promise<BackgroundEmulator | undefined> {
  const state = readState();
  if (!state) return undefined;
  if (alive(state.pid) && (await answers(state.endpoint))) return { ...state, started: false };
  rmSync(STATE_FILE, { force: true });
  return undefined;
}

/** Finds the background emulator or starts it (detached from this process, logging to .emulator/background.log). */
export async function ensureBackgroundEmulator(options: { timeoutMs?: number } = {}): Promise<BackgroundEmulator> {
  const found = await findBackgroundEmulator();
  if (found) return found;
  installEmulator();
  mkdirSync(STATE_DIR, { recursive: true });
  const log = openSync(LOG_FILE, 'w');
  const child = spawn(VENV_PYTHON, [SERVER_SCRIPT, '--port', '0'], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  closeSync(log);
  child.unref();
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    const match = /EMULATOR_READY (http:\/\/127\.0\.0\.1:\d+)/.exec(readFileSync(LOG_FILE, 'utf8'));
    if (match) {
      const state = { endpoint: match[1]!, pid: child.pid! };
      writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
      return { ...state, started: true };
    }
    if (child.exitCode !== null || !alive(child.pid!)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    process.kill(child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
  throw new UnreachableError({
    ko: `로컬 AWS 에뮬레이터가 시작되지 않았습니다. 이유는 ${path.relative(process.cwd(), LOG_FILE)} 에 있습니다.`,
    en: `The local AWS emulator did not start; ${path.relative(process.cwd(), LOG_FILE)} says why.`,
  });
}

/** Stops the background emulator (everything deployed in it is gone). Returns whether one was running. */
export async function stopBackgroundEmulator(): Promise<boolean> {
  const state = readState();
  rmSync(STATE_FILE, { force: true });
  if (!state || !alive(state.pid)) return false;
  process.kill(state.pid, 'SIGTERM');
  for (let waited = 0; waited < 5_000 && alive(state.pid); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  if (alive(state.pid)) process.kill(state.pid, 'SIGKILL');
  return true;
}

export const BACKGROUND_EMULATOR_LOG = LOG_FILE;
