// The dimension sets CloudWatch publishes for each AWS metric, read from the metric catalogue
// aws-cdk-lib ships (`aws-*/lib/*-canned-metrics.generated.{js,d.ts}`, generated from
// CloudWatch's own catalogue). An alarm on a dimension set outside it never receives data:
// AWS/ElastiCache publishes per CacheClusterId (and CacheNodeId), never per ReplicationGroupId.
//
// The .js file gives each helper's namespace and metric name; its .d.ts overloads give the
// dimension sets (one overload per set; `{}` is the metric without dimensions). Loaded on first
// use, only the files of the namespaces asked for, then kept for the process. Where the files
// come from: canned-metric-files.ts.
import { cannedMetricFiles, type CannedMetricFile } from './canned-metric-files';

/** Dimension names of one published combination, sorted; [] is the metric without dimensions. */
export type DimensionSet = readonly string[];

let filesByNamespace: Map<string, CannedMetricFile[]> | undefined;
const byNamespace = new Map<string, Map<string, DimensionSet[]>>();

/** Namespace -> the catalogue files that hold its helpers (the small .js files are read once). */
function catalogueFiles(namespace: string): CannedMetricFile[] {
  if (!filesByNamespace) {
    filesByNamespace = new Map();
    for (const file of cannedMetricFiles()) {
      for (const ns of new Set([...file.code.matchAll(/namespace:"([^"]+)"/g)].map((m) => m[1]!))) {
        filesByNamespace.set(ns, [...(filesByNamespace.get(ns) ?? []), file]);
      }
    }
  }
  return filesByNamespace.get(namespace) ?? [];
}

/** Class.method -> [namespace, metric name], from the generated helpers' code. */
function helperMetrics(js: string): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const segment of js.split(/\bclass (?=\w+\{)/).slice(1)) {
    const cls = /^\w+/.exec(segment)![0];
    for (const m of segment.matchAll(/static (\w+)\(dimensions\)\{return\{namespace:"([^"]+)",metricName:"([^"]+)"/g)) {
      out.set(`${cls}.${m[1]}`, [m[2]!, m[3]!]);
    }
  }
  return out;
}

function loadNamespace(namespace: string): Map<string, DimensionSet[]> {
  const metrics = new Map<string, DimensionSet[]>();
  for (const file of catalogueFiles(namespace)) {
    const helpers = helperMetrics(file.code);
    const dts = file.dts();
    for (const segment of dts.split(/export declare class (?=\w+ \{)/).slice(1)) {
      const cls = /^\w+/.exec(segment)![0];
      for (const m of segment.matchAll(/static (\w+)\(this: void, dimensions: \{([^}]*)\}\)/g)) {
        const helper = helpers.get(`${cls}.${m[1]}`);
        if (!helper || helper[0] !== namespace) continue;
        const set = [...m[2]!.matchAll(/(\w+): string;/g)].map((d) => d[1]!).sort();
        const sets = metrics.get(helper[1]) ?? [];
        if (!sets.some((s) => sameSet(s, set))) sets.push(set);
        metrics.set(helper[1], sets);
      }
    }
  }
  return metrics;
}

function sameSet(a: DimensionSet, b: DimensionSet): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/**
 * The dimension sets CloudWatch publishes `metricName` of `namespace` with, or undefined when
 * the catalogue does not list the metric (a custom namespace or a metric newer than aws-cdk-lib).
 */
export function publishedDimensionSets(namespace: string, metricName: string): DimensionSet[] | undefined {
  let metrics = byNamespace.get(namespace);
  if (!metrics) {
    metrics = loadNamespace(namespace);
    byNamespace.set(namespace, metrics);
  }
  return metrics.get(metricName);
}

/** True, false, or undefined when the catalogue does not know the metric (nothing to judge it by). */
export function isPublishedDimensionSet(namespace: string, metricName: string, dimensionNames: readonly string[]): boolean | undefined {
  const sets = publishedDimensionSets(namespace, metricName);
  if (!sets) return undefined;
  const wanted = [...new Set(dimensionNames)].sort();
  return sets.some((s) => sameSet(s, wanted));
}

/** "CacheClusterId, CacheClusterId+CacheNodeId or no dimensions": the sets, for a sentence. */
export function describeDimensionSets(sets: readonly DimensionSet[]): string {
  const names = sets.map((s) => (s.length ? s.join('+') : 'no dimensions'));
  return names.length <= 1 ? (names[0] ?? 'nothing') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
