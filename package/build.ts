// `npm run build`: the CloudShell package (issue 16). One bundled ES module of the CLI
// (package/cli.ts -> cli/main.ts) with its dependencies inside, in a staging folder with its own
// package.json (bin `cloudmart`, no dependencies, no scripts), then `npm pack` of that folder:
//   dist/package/                         what the tarball holds
//   dist/cloudmart-harness-<version>.tgz  what an instructor hosts and students install
// The repository's own package.json keeps its dependencies; the tarball never sees them.
//
// What the bundle does differently, all decided here (the product code is unchanged):
// - the checks run in-process (package/in-process-check-run.ts stands in for
//   checks/run-check-suites.ts: the same evaluateCheck, no vitest);
// - aws-cdk-lib's canned-metric files (checks/rules/lib/canned-metric-files.ts) are read now
//   and their text put in the bundle;
// - the AWS SDK packages of checks/aws/sdk.ts are bundled (its require() takes a variable name);
// - the CDK and the local emulator stay in the repository: the modules that load them are
//   replaced by one sentence (package/repository-only/).
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile, type Plugin } from 'esbuild';
import { cannedMetricFiles } from '../checks/rules/lib/canned-metric-files';
import type { RepositoryOnly } from './repository-only/sentence';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where `npm run build` puts the package (gitignored); tests and the bench build into their own folder. */
export const DIST = path.join(ROOT, 'dist');
/** The bundle, relative to the staging folder (and to the installed package). */
export const BUNDLE = 'bin/cloudmart.js';

const at = (relative: string) => path.join(ROOT, relative);

/** Modules a command loads only when asked for what the package leaves out, and what they need. */
const REPOSITORY_ONLY: Record<string, RepositoryOnly> = {
  'commands/synth.ts': 'cdk',
  'commands/cdk.ts': 'cdk',
  'commands/nag.ts': 'cdk',
  'commands/janitor-deploy.ts': 'cdk',
  'stacks/nag/template.ts': 'template',
  'commands/emulator.ts': 'local',
  'sandbox/local-api.ts': 'local',
};

/** Modules the bundle takes from package/ instead (same exports, checked by tsc). */
const REPLACED: Record<string, string> = {
  'checks/run-check-suites.ts': 'package/in-process-check-run.ts',
  'sandbox/emulator/emulator.ts': 'package/repository-only/emulator.ts',
  'load/local/rehearsal-servers.ts': 'package/repository-only/rehearsal-servers.ts',
  'sandbox/scenarios/index.ts': 'package/repository-only/scenarios.ts',
};

/** The resolved path of a relative import, with the .ts the sources leave out. */
function resolveSource(importer: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(importer), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate;
  return undefined;
}

const packageDifferences: Plugin = {
  name: 'cloudmart-package',
  setup(on) {
    on.onResolve({ filter: /^\./ }, (args) => {
      const resolved = resolveSource(args.importer, args.path);
      if (!resolved) return undefined;
      const relative = path.relative(ROOT, resolved);
      const feature = REPOSITORY_ONLY[relative];
      if (feature && args.kind !== 'dynamic-import') {
        // Left out, it would fail as soon as the CLI starts, whatever the command.
        return { errors: [{ text: `${relative} is left out of the package (REPOSITORY_ONLY) but ${path.relative(ROOT, args.importer)} imports it statically; import it where the command runs (await import).` }] };
      }
      if (feature) return { path: relative, namespace: 'repository-only', pluginData: feature };
      const replacement = REPLACED[relative];
      // The replacement itself imports the module it stands in for.
      if (replacement && args.importer !== at(replacement)) return { path: at(replacement) };
      return undefined;
    });
    on.onLoad({ filter: /.*/, namespace: 'repository-only' }, (args) => ({
      contents: `import { repositoryOnly } from ${JSON.stringify(at('package/repository-only/sentence.ts'))};\nthrow repositoryOnly(${JSON.stringify(args.pluginData)});\n`,
      loader: 'ts',
      resolveDir: ROOT,
    }));
    // The SDK packages checks/aws/sdk.ts declares, each required by its literal name so esbuild bundles it.
    on.onLoad({ filter: /checks[\\/]aws[\\/]sdk\.ts$/ }, (args) => {
      const names = [...readFileSync(args.path, 'utf8').matchAll(/^\s*'(@aws-sdk\/[^']+)': typeof import/gm)].map((m) => m[1]!);
      if (!names.length) throw new Error('package/build.ts: found no SDK package in checks/aws/sdk.ts.');
      const loaders = names.map((name) => `  ${JSON.stringify(name)}: () => require(${JSON.stringify(name)}),`).join('\n');
      return { contents: `const LOADERS = {\n${loaders}\n};\nexport function awsSdk(name) { return LOADERS[name](); }\n`, loader: 'js' };
    });
    // aws-cdk-lib's canned-metric files, as checks/rules/lib/canned-metric-files.ts reads them now.
    on.onLoad({ filter: /checks[\\/]rules[\\/]lib[\\/]canned-metric-files\.ts$/ }, () => {
      const files = cannedMetricFiles().map((file) => ({ code: file.code, dts: file.dts() }));
      return {
        contents: `const FILES = ${JSON.stringify(files)};\nexport function cannedMetricFiles() { return FILES.map((f) => ({ code: f.code, dts: () => f.dts })); }\n`,
        loader: 'js',
      };
    });
  },
};

/** What must never be in the bundle: the CDK (and what cdk-nag brings), the vitest live suites. */
const LEFT_OUT = /node_modules\/(aws-cdk-lib|aws-cdk|cdk-nag|constructs|vitest|vite|@vitest)\//;

/** How each left-out package comes in: the chain of our sources from the entry, e.g. "aws-cdk-lib: cli/commands/x.ts > commands/y.ts > stacks/z.ts". */
function leftOutPackages(metafile: Metafile, entry: string): string[] {
  const ours = (file: string) => !file.includes('node_modules/') && !file.includes(':');
  // Breadth-first from the entry: the first way found to each module is a shortest one.
  const cameFrom = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (cameFrom.has(imported.path) || !metafile.inputs[imported.path]) continue;
      cameFrom.set(imported.path, file);
      queue.push(imported.path);
    }
  }
  const chains = new Map<string, string>();
  for (const file of Object.keys(metafile.inputs).filter((f) => LEFT_OUT.test(f))) {
    const chain: string[] = [];
    for (let at: string | undefined = file; at !== undefined; at = cameFrom.get(at)) if (ours(at)) chain.unshift(at);
    chains.set(`${LEFT_OUT.exec(file)![1]}: ${chain.join(' > ')}`, file);
  }
  return [...chains.keys()].slice(0, 5);
}

/** Files the sources read beside themselves (`new URL('./x', import.meta.url)`), copied beside the bundle. */
function copyAssets(metafile: Metafile, staging: string): string[] {
  const bundleDir = path.dirname(path.join(staging, BUNDLE));
  const copied = new Map<string, string>();
  for (const input of Object.keys(metafile.inputs)) {
    if (!input.endsWith('.ts') || input.includes('node_modules') || input.includes(':')) continue;
    const source = path.resolve(ROOT, input);
    for (const m of readFileSync(source, 'utf8').matchAll(/new URL\('(\.{1,2}\/[^']+)', import\.meta\.url\)/g)) {
      const relative = m[1]!;
      // contract/version.ts reads ../package.json: the staging folder's own, same name and version.
      if (path.basename(relative) === 'package.json') continue;
      const target = path.resolve(bundleDir, relative);
      const from = path.resolve(path.dirname(source), relative);
      if (copied.has(target) && copied.get(target) !== from) throw new Error(`package/build.ts: ${copied.get(target)} and ${from} would both be ${target}.`);
      copied.set(target, from);
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(from, target);
    }
  }
  return [...copied.keys()].map((file) => path.relative(staging, file));
}

/** The tarball's package.json: the repository's name, version and license; the bundle as `cloudmart`; nothing to install. */
function packageJson(): string {
  const repository = JSON.parse(readFileSync(at('package.json'), 'utf8')) as { name: string; version: string; description: string; license: string; engines: unknown };
  const manifest = {
    name: repository.name,
    version: repository.version,
    description: repository.description,
    license: repository.license,
    type: 'module',
    engines: repository.engines,
    bin: { cloudmart: BUNDLE },
    files: ['bin/'],
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export interface BuiltPackage {
  staging: string;
  tarball: string;
  bundleBytes: number;
  assets: string[];
}

export async function buildPackage(options: { dist?: string; log?: (line: string) => void } = {}): Promise<BuiltPackage> {
  const log = options.log ?? (() => {});
  const dist = options.dist ?? DIST;
  const staging = path.join(dist, 'package');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.join(staging, path.dirname(BUNDLE)), { recursive: true });
  const bundle = path.join(staging, BUNDLE);
  const result = await build({
    entryPoints: [at('package/cli.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    // HarnessError names itself after its class (contract/errors.ts): keep the names.
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [packageDifferences],
    // CommonJS dependencies require() Node's modules and name their own folder: give the ES
    // module a require, and the bundle's folder as theirs (a file they read there is then
    // missing with a clear ENOENT, never a ReferenceError).
    banner: {
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __cloudmartCreateRequire } from 'node:module';",
        "import { fileURLToPath as __cloudmartFileURLToPath } from 'node:url';",
        'const require = __cloudmartCreateRequire(import.meta.url);',
        'const __filename = __cloudmartFileURLToPath(import.meta.url);',
        "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
      ].join('\n'),
    },
  });
  const leaked = leftOutPackages(result.metafile, 'package/cli.ts');
  if (leaked.length) {
    throw new Error(`package/build.ts: the bundle would hold ${leaked.join('; ')}. Add the module that loads it to REPOSITORY_ONLY (loaded with await import where its command runs).`);
  }
  const assets = copyAssets(result.metafile, staging);
  writeFileSync(path.join(staging, 'package.json'), packageJson());
  const bundleBytes = statSync(bundle).size;
  log(`bundled ${BUNDLE} (${(bundleBytes / 2 ** 20).toFixed(1)} MiB)${assets.length ? ` and ${assets.join(', ')}` : ''}`);
  // --ignore-scripts: the staging package has none; nothing of the repository's runs either.
  const { stdout: packed } = await promisify(execFile)('npm', ['pack', staging, '--pack-destination', dist, '--ignore-scripts', '--json'], { cwd: dist, encoding: 'utf8' });
  const tarball = path.join(dist, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
  log(`packed ${path.relative(process.cwd(), tarball)}`);
  return { staging, tarball, bundleBytes, assets };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildPackage({ log: (line) => process.stdout.write(`${line}\n`) });
}
