// The installed package and the repository CLI (`node bin/cloudmart.js`) answer the same
// input the same way: exit code, the one-sentence error, and what they print. Each case runs
// through both, in the same empty folder with the same environment, and the two results must
// be equal; each case also states the exit code it stands for, so that two equally wrong
// answers fail too. What the package leaves in the repository is package.emulator.test.ts's.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { buildAndInstall, type InstalledPackage } from '../install-offline';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REPOSITORY_CLI = path.join(ROOT, 'bin/cloudmart.js');

let installed: InstalledPackage;
let emulator: RunningEmulator;
let closedPort: number;
let work: string;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(file: string, args: string[], cwd: string): Promise<Outcome> {
  const credentials = emulatorCredentials();
  const env = { PATH: process.env.PATH, HOME: work, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_EC2_METADATA_DISABLED: 'true' };
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { cwd, env, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** A port nothing listens on: bound, read, released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-exit-codes-'));
  [installed, emulator, closedPort] = await Promise.all([buildAndInstall(), startEmulator(), freePort()]);
}, 300_000);

afterAll(async () => {
  await emulator?.stop();
  installed?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** [what, arguments (endpoints filled in at run time), the exit code both must give]. */
const CASES: [string, () => string[], number][] = [
  ['an unknown option', () => ['verify', '--bogus'], 2],
  ['an unknown option, English', () => ['verify', '--bogus', '--lang', 'en'], 2],
  ['an unknown command', () => ['frobnicate'], 2],
  ['verify without --student', () => ['verify', '--lang', 'en'], 2],
  ['--min-score out of range', () => ['verify', '--student', 's01', '--min-score', '200'], 2],
  ['a region that does not exist', () => ['verify', '--student', 's01', '--region', 'mars-1', '--lang', 'en'], 2],
  ['a time zone that does not exist', () => ['verify', '--student', 's01', '--time-zone', 'Mars/Olympus'], 2],
  ['a snapshot that does not exist', () => ['verify', '--from-snapshot', 'missing.json', '--lang', 'en'], 2],
  ['a rubric that does not exist', () => ['verify', '--student', 's01', '--rubric', 'missing.yaml'], 2],
  ['an endpoint nothing listens on', () => ['verify', '--student', 's01', '--endpoint', `http://127.0.0.1:${closedPort}`], 3],
  ['an endpoint nothing listens on, English', () => ['verify', '--student', 's01', '--endpoint', `http://127.0.0.1:${closedPort}`, '--lang', 'en'], 3],
  ['a student with no stacks', () => ['verify', '--student', 'nobody', '--endpoint', emulator.endpoint, '--lang', 'en'], 2],
  ['a student with no stacks, Korean', () => ['verify', '--student', 'nobody', '--endpoint', emulator.endpoint], 2],
  ['cleanup without --student', () => ['cleanup', '--lang', 'en'], 2],
  // Nothing to clean is not an error: cleanup lists what it found (nothing) and ends 0.
  ['cleanup of a student with no stacks', () => ['cleanup', '--student', 'nobody', '--endpoint', emulator.endpoint, '--lang', 'en'], 0],
  ['a drill without --yes', () => ['drill', 'scale-out', '--student', 's01', '--lang', 'en'], 2],
  ['an unknown drill', () => ['drill', 'earthquake', '--student', 's01', '--yes'], 2],
  ['grade with a roster that does not exist', () => ['grade', '--roster', 'missing.csv', '--lang', 'en'], 2],
  ['waivers check of a file that does not exist', () => ['waivers', 'check', '--file', 'missing.yaml', '--key', 'missing.pem', '--lang', 'en'], 2],
  ['--version', () => ['--version'], 0],
  ['--help', () => ['--help'], 0],
  ['verify --help', () => ['verify', '--help'], 0],
];

describe('the installed package and the repository CLI answer alike', () => {
  for (const [what, args, code] of CASES) {
    it(`${what}: exit ${code}, the same words`, async () => {
      const cwd = mkdtempSync(path.join(work, 'case-'));
      const [repository, packaged] = await Promise.all([run(process.execPath, [REPOSITORY_CLI, ...args()], cwd), run(installed.cloudmart, args(), cwd)]);
      expect(packaged).toEqual(repository);
      expect(repository.code).toBe(code);
      // An error is one `cloudmart:` sentence (commander adds the command's usage after a bad option).
      if (code !== 0) expect(repository.stderr.split('\n')[0]).toMatch(/^cloudmart: \S/);
      if (code !== 0 && !/^an unknown (option|command)/.test(what)) expect(repository.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});
