// Builds the workload asset that the compute tier's user data installs on each instance:
// one self-contained ES module (the API and every npm package it uses, so instances in
// private subnets need no registry), the systemd unit and install.sh.
//
//   <outDir>/install.sh                run as root: bash install.sh /etc/cloudmart/api.env
//   <outDir>/cloudmart-api.service     unit template (install.sh fills in the paths)
//   <outDir>/server.mjs (+ .map)       the API: node server.mjs
//   <outDir>/THIRD-PARTY-NOTICES.txt   licences of the bundled packages
//   <outDir>/manifest.json             what was built, when, with checksums
//
// Programmatic: buildWorkloadBundle(outDir?) -> outDir (default stacks/workload/dist), or
// buildWorkloadBundleSync(outDir?) where a CDK construct needs it synchronously.
// Command line: npx tsx stacks/workload/bundle.ts [outDir]
import { createHash } from 'node:crypto';
import { copyFileSync, chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildSync, type BuildOptions, type BuildResult, type Metafile } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
export const DEFAULT_BUNDLE_DIR = path.join(HERE, 'dist');
export const BUNDLE_ENTRY = 'server.mjs';

// esbuild's ESM output cannot call require(); the CommonJS packages inside (pg, ioredis,
// fastify...) need one for Node's built-in modules.
const REQUIRE_SHIM = "import { createRequire as __cloudmartCreateRequire } from 'node:module';\nconst require = __cloudmartCreateRequire(import.meta.url);";

/** Builds the bundle into outDir (replacing it) and returns the directory. */
export async function buildWorkloadBundle(outDir: string = DEFAULT_BUNDLE_DIR): Promise<string> {
  const dir = prepare(outDir);
  return finish(dir, await build(esbuildOptions(dir)));
}

/** The same, synchronously: for a CDK app that builds its assets while constructing. */
export function buildWorkloadBundleSync(outDir: string = DEFAULT_BUNDLE_DIR): string {
  const dir = prepare(outDir);
  return finish(dir, buildSync(esbuildOptions(dir)));
}

function prepare(outDir: string): string {
  const dir = path.resolve(outDir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

function esbuildOptions(dir: string) {
  return {
    entryPoints: [path.join(HERE, 'src/main.ts')],
    outfile: path.join(dir, BUNDLE_ENTRY),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: REQUIRE_SHIM },
    // pg loads its optional native binding only when asked (pg.native), which we never do.
    external: ['pg-native'],
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none', // the notices file below carries every licence in full
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  } satisfies BuildOptions;
}

function finish(dir: string, result: BuildResult<{ metafile: true }>): string {
  if (result.errors.length > 0) throw new Error(`Bundling the workload failed: ${result.errors.map((e) => e.text).join('; ')}`);

  for (const file of ['install.sh', 'cloudmart-api.service']) copyFileSync(path.join(HERE, file), path.join(dir, file));
  chmodSync(path.join(dir, 'install.sh'), 0o755);
  const packages = bundledPackages(result.metafile);
  writeFileSync(path.join(dir, 'THIRD-PARTY-NOTICES.txt'), notices(packages));

  const checksums = Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((file) => [file, createHash('sha256').update(readFileSync(path.join(dir, file))).digest('hex')]),
  );
  const manifest = {
    name: 'cloudmart-api',
    entry: BUNDLE_ENTRY,
    node: '>=20',
    builtAt: new Date().toISOString(),
    packages: packages.map((p) => `${p.name}@${p.version}`),
    sha256: checksums,
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return dir;
}

interface BundledPackage {
  name: string;
  version: string;
  license: string;
  licenseText: string | undefined;
}

/** The npm packages whose code ended up in the bundle, from esbuild's metafile. */
function bundledPackages(metafile: Metafile): BundledPackage[] {
  const roots = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const at = input.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const rest = input.slice(at + 'node_modules/'.length).split('/');
    const name = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    roots.add(path.join(ROOT, input.slice(0, at), 'node_modules', name));
  }
  return [...roots]
    .map((root) => {
      const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string; license?: unknown };
      const licenseFile = readdirSync(root).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
      return {
        name: pkg.name,
        version: pkg.version,
        license: typeof pkg.license === 'string' ? pkg.license : JSON.stringify(pkg.license ?? 'UNKNOWN'),
        licenseText: licenseFile ? readFileSync(path.join(root, licenseFile), 'utf8').trim() : undefined,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function notices(packages: BundledPackage[]): string {
  const parts = [
    'The CloudMart API bundle (server.mjs) contains the following npm packages.',
    '',
    ...packages.map((p) => `${p.name}@${p.version}  ${p.license}`),
  ];
  for (const p of packages) {
    parts.push('', '-'.repeat(78), `${p.name}@${p.version} (${p.license})`, '', p.licenseText ?? `(no licence file shipped; package.json says ${p.license})`);
  }
  return parts.join('\n') + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = await buildWorkloadBundle(process.argv[2]);
  process.stdout.write(`${path.relative(process.cwd(), dir) || '.'}\n`);
}
