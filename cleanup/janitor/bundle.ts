// Builds the janitor's Lambda code: one self-contained ES module (the handler, cleanup,
// discovery and the AWS SDK clients they use, so the function depends on no runtime-provided
// SDK version), plus policy.json, the permissions that code needs (./policy.ts), which the
// janitor stack (stacks/janitor/) reads beside it: code and permissions come from one build.
//
//   <outDir>/index.mjs     handler: index.handler
//   <outDir>/policy.json   the role's policy (cleanup's, tag-conditioned where AWS allows)
//
// Two files of the harness read their surroundings at run time and are replaced while
// bundling: checks/aws/sdk.ts require()s SDK packages by name (esbuild cannot follow a name
// in a variable), so the bundle gets static imports of the same packages; contract/version.ts
// reads package.json, so the bundle gets its name and version as constants.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { janitorPolicy } from './policy';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
export const DEFAULT_JANITOR_BUNDLE_DIR = path.join(HERE, 'dist');
export const JANITOR_ENTRY = 'index.mjs';
export const JANITOR_HANDLER = 'index.handler';
export const JANITOR_POLICY_FILE = 'policy.json';

// esbuild's ESM output cannot call require(); the SDK's CommonJS inside needs one for Node's built-ins.
const REQUIRE_SHIM = "import { createRequire as __janitorCreateRequire } from 'node:module';\nconst require = __janitorCreateRequire(import.meta.url);";

export async function buildJanitorBundle(outDir: string = DEFAULT_JANITOR_BUNDLE_DIR): Promise<string> {
  const dir = path.resolve(outDir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [path.join(HERE, 'handler.ts')],
    outfile: path.join(dir, JANITOR_ENTRY),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: REQUIRE_SHIM },
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    logLevel: 'silent',
    plugins: [staticSdk(), packageVersion()],
  });
  writeFileSync(path.join(dir, JANITOR_POLICY_FILE), `${JSON.stringify(janitorPolicy(), null, 2)}\n`);
  return dir;
}

/** checks/aws/sdk.ts with static imports of every package its map names. */
function staticSdk(): Plugin {
  const sdkFile = path.join(ROOT, 'checks/aws/sdk.ts');
  return {
    name: 'janitor-static-sdk',
    setup(b) {
      b.onLoad({ filter: /[\\/]checks[\\/]aws[\\/]sdk\.ts$/ }, () => {
        const packages = [...readFileSync(sdkFile, 'utf8').matchAll(/^\s*'(@aws-sdk\/[^']+)': typeof import/gm)].map((m) => m[1]!);
        const lines = packages.map((p, i) => `import * as p${i} from '${p}';`);
        lines.push(`const PACKAGES = { ${packages.map((p, i) => `'${p}': p${i}`).join(', ')} };`);
        lines.push('export function awsSdk(name) { return PACKAGES[name]; }');
        return { contents: lines.join('\n'), loader: 'js', resolveDir: ROOT };
      });
    },
  };
}

/** contract/version.ts with the package's name and version as constants. */
function packageVersion(): Plugin {
  return {
    name: 'janitor-package-version',
    setup(b) {
      b.onLoad({ filter: /[\\/]contract[\\/]version\.ts$/ }, () => {
        const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
        return { contents: `export const TOOL = Object.freeze(${JSON.stringify({ name: pkg.name, version: pkg.version })});`, loader: 'js' };
      });
    },
  };
}
