// The package as a student gets it, for the package's tests and its bench case: built
// (package/build.ts) into a temporary folder, packed, then installed from the tarball into an
// empty folder with `npm install --offline` and an empty cache, so that anything the package
// would need to fetch fails the install.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildPackage, type BuiltPackage } from './build';

export interface InstalledPackage extends BuiltPackage {
  /** The empty folder the tarball was installed into. */
  prefix: string;
  /** The installed `cloudmart` (node_modules/.bin/cloudmart). */
  cloudmart: string;
  /** What `npm install` printed. */
  installLog: string;
  remove(): void;
}

export async function buildAndInstall(): Promise<InstalledPackage> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-package-'));
  const built = await buildPackage({ dist: path.join(work, 'dist') });
  const prefix = path.join(work, 'install');
  const cache = path.join(work, 'empty-npm-cache');
  mkdirSync(prefix);
  mkdirSync(cache);
  // Asynchronous: a test may serve something (the emulator, a credentials endpoint) from this process meanwhile.
  const { stdout: installLog } = await promisify(execFile)('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', cache, built.tarball], {
    cwd: prefix,
    encoding: 'utf8',
    // npm reads its settings from the environment too: none of the repository's may leak in.
    env: { PATH: process.env.PATH, HOME: work },
  });
  return {
    ...built,
    prefix,
    cloudmart: path.join(prefix, 'node_modules/.bin/cloudmart'),
    installLog,
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}
