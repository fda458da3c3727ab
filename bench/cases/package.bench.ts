// `npm run bench -- --only package` (issue 16): the CloudShell package against the repository.
// - size: the packed tarball and the installed package (CloudShell gives 1 GB of home), after
//   `npm run build`'s build and an offline install into an empty folder (package/install-offline.ts);
// - cold start of `cloudmart --help`: the installed package vs the repository CLI
//   (`node bin/cloudmart.js`, tsx and the sources), fresh processes, alternating;
// - cold `cloudmart verify` of the emulated reference deployment (emulator already running and
//   warmed), the installed package (checks in-process) vs the repository CLI (vitest suites).
// Targets: installed size at most 20 MB; installed verify no slower than the repository's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAndInstall } from '../../package/install-offline';
import { createScenario } from '../../sandbox/scenarios/index';
import { BENCH_REGION, emulatorCredentialEnv, startBenchEmulator } from '../lib/emulator';
import { spread, timed } from '../lib/summary';
import { measureProcess, round } from '../stats';
import type { BenchCase } from '../types';

// The pinned AWS SDK supports Node 20; its notice about later versions is noise in the bench output (bin/cloudmart.js sets the same).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REPOSITORY_CLI = path.join(ROOT, 'bin/cloudmart.js');
const HELP_RUNS = 7;
const VERIFY_RUNS = 5;
const MAX_INSTALLED_MB = 20;
const MB = 1_000_000;

/** Bytes under a folder (du -sb: apparent size, what the files hold). */
function bytesUnder(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

async function run(): Promise<Awaited<ReturnType<BenchCase['run']>>> {
  const build = await timed(() => buildAndInstall());
  const installed = build.value;
  const emulator = await startBenchEmulator();
  const work = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-bench-package-'));
  try {
    const packedBytes = statSync(installed.tarball).size;
    const installedBytes = bytesUnder(path.join(installed.prefix, 'node_modules'));

    // The two ways of starting `cloudmart`, alternating so that load on the machine hits both alike.
    const ways = {
      installed: (args: string[]) => measureProcess(installed.cloudmart, args, { HOME: work }),
      repository: (args: string[]) => measureProcess(process.execPath, [REPOSITORY_CLI, ...args], { HOME: work }),
    };
    const help = { installed: [] as number[], repository: [] as number[] };
    const helpCpu = { installed: [] as number[], repository: [] as number[] };
    for (let i = 0; i < HELP_RUNS; i++) {
      for (const way of ['installed', 'repository'] as const) {
        const m = await ways[way](['--help']);
        if (m.exitCode !== 0) throw new Error(`${way} cloudmart --help exited ${m.exitCode}: ${m.stderr}`);
        help[way].push(m.wallMs);
        helpCpu[way].push(m.cpuMs);
      }
    }

    await createScenario('reference', { endpoint: emulator.endpoint, region: BENCH_REGION, student: 's01' });
    const verifyArgs = (out: string) => ['verify', '--student', 's01', '--endpoint', emulator.endpoint, '--out', out, '--quiet'];
    // One untimed run: moto builds each service's app on its first request.
    await measureProcess(installed.cloudmart, verifyArgs(path.join(work, 'warm')), emulatorCredentialEnv());
    const verify = { installed: [] as number[], repository: [] as number[] };
    const verifyCpu = { installed: [] as number[], repository: [] as number[] };
    for (let i = 0; i < VERIFY_RUNS; i++) {
      for (const way of ['installed', 'repository'] as const) {
        const out = path.join(work, `${way}-${i}`);
        const m =
          way === 'installed'
            ? await measureProcess(installed.cloudmart, verifyArgs(out), { ...emulatorCredentialEnv(), HOME: work })
            : await measureProcess(process.execPath, [REPOSITORY_CLI, ...verifyArgs(out)], { ...emulatorCredentialEnv(), HOME: work });
        if (m.exitCode !== 0) throw new Error(`${way} cloudmart verify exited ${m.exitCode}: ${m.stderr}`);
        verify[way].push(m.wallMs);
        verifyCpu[way].push(m.cpuMs);
      }
    }

    const helpInstalled = spread(help.installed);
    const helpRepository = spread(help.repository);
    const verifyInstalled = spread(verify.installed);
    const verifyRepository = spread(verify.repository);
    return {
      results: {
        size: {
          packedMB: round(packedBytes / MB, 2),
          installedMB: round(installedBytes / MB, 2),
          bundleMB: round(installed.bundleBytes / MB, 2),
          assets: installed.assets,
        },
        buildPackAndInstallMs: round(build.ms, 0),
        helpWallMs: { installed: helpInstalled, repository: helpRepository },
        helpCpuMs: { installed: spread(helpCpu.installed), repository: spread(helpCpu.repository) },
        verifyWallMs: { installed: verifyInstalled, repository: verifyRepository },
        verifyCpuMs: { installed: spread(verifyCpu.installed), repository: spread(verifyCpu.repository) },
      },
      targets: [
        { name: 'installed size', target: `<= ${MAX_INSTALLED_MB} MB`, actual: `${round(installedBytes / MB, 2)} MB`, met: installedBytes <= MAX_INSTALLED_MB * MB },
        {
          name: 'installed verify vs the repository CLI (median wall time)',
          target: `<= ${verifyRepository.median} ms`,
          actual: `${verifyInstalled.median} ms`,
          met: verifyInstalled.median <= verifyRepository.median,
        },
      ],
      notes: [
        'Sizes in MB of 10^6 bytes: packed = the .tgz npm pack writes; installed = node_modules of an empty folder after npm install --offline of the tarball (du -sb).',
        `helpWallMs/helpCpuMs: cloudmart --help in a fresh process, ${HELP_RUNS} runs each, installed and repository alternating. verifyWallMs/verifyCpuMs: cloudmart verify --student s01 --endpoint <emulator> --quiet (all formats) of the emulated reference, ${VERIFY_RUNS} runs each, alternating, after one untimed warm-up of the emulator; the emulator's start is excluded.`,
        'The installed package runs the checks in-process (package/in-process-check-run.ts); the repository CLI runs them as vitest live suites.',
      ],
    };
  } finally {
    await emulator.stop();
    installed.remove();
    rmSync(work, { recursive: true, force: true });
  }
}

const packageCase: BenchCase = {
  name: 'package',
  description: 'the CloudShell package: packed and installed size, cold --help and verify of the installed package vs the repository CLI',
  run,
};

export default packageCase;
