// Reads V8 CPU profiles (node --cpu-prof) and says where the time went: self time summed
// by where the code lives (an npm package, a project folder, Node's internals, the garbage
// collector, idle). Used by the bench cases that have to explain a missed target.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** Wall time the profile covers, ms. */
  spanMs: number;
  /** Self time by bucket, ms, largest first (buckets under 1 % of the span folded into "other"). */
  selfMs: Record<string, number>;
}

/** The bucket of one frame: `npm:<package>`, `project:<folder>`, `node:internal`, `(garbage collector)`, `(idle)`... */
export function bucketOf(url: string, functionName: string, projectRoot: string): string {
  if (!url) {
    if (functionName.startsWith('(')) return functionName;
    return '(native)';
  }
  if (url.startsWith('node:')) return url.startsWith('node:internal/modules') ? 'node:module loader' : 'node:internal';
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + '/node_modules/'.length).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    // The AWS SDK's many packages read as one cost.
    if (pkg.startsWith('@aws-sdk/client-')) return `npm:${pkg}`;
    if (pkg.startsWith('@aws-sdk/') || pkg.startsWith('@smithy/')) return 'npm:@aws-sdk+@smithy (core)';
    return `npm:${pkg}`;
  }
  if (file.startsWith(projectRoot + '/')) return `project:${file.slice(projectRoot.length + 1).split('/')[0]}`;
  return file;
}

export function summarizeProfile(file: string, projectRoot: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    const bucket = bucketOf(node.callFrame.url, node.callFrame.functionName, projectRoot);
    // timeDeltas[i] is the time since the previous sample: it belongs to this sample.
    totals.set(bucket, (totals.get(bucket) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const spanMs = (profile.endTime - profile.startTime) / 1000;
  const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  const selfMs: Record<string, number> = {};
  let other = 0;
  for (const [bucket, ms] of sorted) {
    if (ms >= spanMs * 0.01) selfMs[bucket] = Math.round(ms);
    else other += ms;
  }
  if (other > 0) selfMs.other = Math.round(other);
  return { file: path.basename(file), spanMs: Math.round(spanMs), selfMs };
}

/** Every profile in a directory (the main thread first, then workers, as node numbers them). */
export function summarizeProfiles(dir: string, projectRoot: string): ProfileSummary[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .map((f) => summarizeProfile(path.join(dir, f), projectRoot));
}
