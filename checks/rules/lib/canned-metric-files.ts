// Where the metric catalogue of published-metrics.ts comes from: aws-cdk-lib's generated
// canned-metric helpers (`aws-*/lib/*-canned-metrics.generated.{js,d.ts}`), read from
// node_modules at run time. Its own file so that a build without aws-cdk-lib (the CloudShell
// package, package/build.ts) can put these very files' text in the bundle in its place.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface CannedMetricFile {
  /** The .js: namespace and metric name of each helper. */
  code: string;
  /** The .d.ts beside the .js (its overloads carry the dimension sets), read when first asked for. */
  dts: () => string;
}

/** Every canned-metric file of the installed aws-cdk-lib. */
export function cannedMetricFiles(): CannedMetricFile[] {
  const root = dirname(createRequire(import.meta.url).resolve('aws-cdk-lib/package.json'));
  const files: CannedMetricFile[] = [];
  for (const dir of readdirSync(root)) {
    const lib = join(root, dir, 'lib');
    if (!dir.startsWith('aws-') || !existsSync(lib)) continue;
    for (const name of readdirSync(lib)) {
      if (!name.endsWith('-canned-metrics.generated.js')) continue;
      const js = join(lib, name);
      files.push({ code: readFileSync(js, 'utf8'), dts: () => readFileSync(js.replace(/\.js$/, '.d.ts'), 'utf8') });
    }
  }
  return files;
}
