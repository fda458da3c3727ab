// The grading rubric: category weights, points per check, partial credit, the checks no
// waiver can change, and how drills count. One file (YAML or JSON) applied the same way to
// every student; reports/rubric/default.yaml is the course default.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CATEGORIES, Category, Severity, type DrillKind, DRILL_KINDS } from '../../contract/report';
import { UsageError } from '../../contract/errors';

const CHECK_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)+$/;

const MetricPartial = z.strictObject({
  by: z.literal('metric'),
  /** A number in the drill's metrics or the check's evidence; lower is better. */
  metric: z.string().min(1),
  /** At or below this value: full points. */
  full: z.number(),
  /** Above this value: no points. */
  limit: z.number(),
  /** The share earned right at the limit (linear from 1 at `full`). */
  shareAtLimit: z.number().min(0).max(1),
});
const ResourcesPartial = z.strictObject({ by: z.literal('resources') });
export const PartialRule = z.discriminatedUnion('by', [MetricPartial, ResourcesPartial]);
export type PartialRule = z.infer<typeof PartialRule>;

const CheckRule = z.strictObject({
  points: z.number().min(0).optional(),
  partial: PartialRule.optional(),
});
export type CheckRule = z.infer<typeof CheckRule>;

const DrillRule = z.strictObject({
  points: z.number().min(0),
  severity: Severity.default('high'),
  partial: PartialRule.optional(),
});
export type DrillRule = z.infer<typeof DrillRule>;

const checkIdKey = z.string().regex(CHECK_ID, 'is not a check id (like rds.multi-az)');

const RubricFile = z.strictObject({
  name: z.string().min(1).default('custom'),
  weights: z.strictObject({
    architecture: z.number().min(0),
    'high-availability': z.number().min(0),
    security: z.number().min(0),
    monitoring: z.number().min(0),
  }),
  severityPoints: z.strictObject({
    critical: z.number().min(0),
    high: z.number().min(0),
    medium: z.number().min(0),
    low: z.number().min(0),
  }),
  checks: z.record(checkIdKey, CheckRule).default({}),
  neverWaivable: z.array(checkIdKey).default([]),
  /**
   * check -> the checks that need what it finds. A dependent check that is not-applicable
   * because the resource is missing counts as failed while its prerequisite fails or errors:
   * leaving Redis out must not score better than a Redis without failover.
   */
  prerequisites: z.record(checkIdKey, z.array(checkIdKey)).default({}),
  drills: z
    .strictObject({
      category: Category.default('high-availability'),
      checks: z.record(checkIdKey, DrillRule).default({}),
    })
    .default({ category: 'high-availability', checks: {} }),
  waivers: z.strictObject({ publicKey: z.string().min(1).optional() }).optional(),
});

export interface Rubric extends z.infer<typeof RubricFile> {
  /** Where the rubric came from (a file path or "default"). */
  source: string;
  /** sha256 of the rubric's normalized content (comments and key order do not change it). */
  digest: string;
}

const DEFAULT_PATH = fileURLToPath(new URL('./default.yaml', import.meta.url));

/** Parses and validates a rubric; every problem is a UsageError naming the file and the field. */
export function parseRubric(text: string, source: string): Rubric {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new UsageError(`${source}: the rubric is not valid YAML or JSON (${firstLine(error)}).`, { cause: error });
  }
  const parsed = RubricFile.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the file';
    throw new UsageError(`${source}: ${where}: ${issue.message}.`);
  }
  const rubric = parsed.data;
  checkWeights(rubric.weights, source);
  for (const [id, rule] of Object.entries(rubric.checks)) checkPartial(rule.partial, `${source}: checks.${id}`);
  for (const [id, rule] of Object.entries(rubric.drills.checks)) {
    if (!isDrillId(id)) {
      throw new UsageError(`${source}: drills.checks.${id}: drill checks are ${DRILL_KINDS.map((k) => `drill.${k}`).join(', ')}.`);
    }
    checkPartial(rule.partial, `${source}: drills.checks.${id}`);
  }
  const digest = createHash('sha256').update(JSON.stringify(sortKeys(rubric))).digest('hex').slice(0, 16);
  return { ...rubric, source, digest };
}

/** Reads a rubric file; without a path, the course default. */
export function loadRubric(file?: string): Rubric {
  const target = file ?? DEFAULT_PATH;
  let text: string;
  try {
    text = readFileSync(target, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the rubric file ${target}: ${firstLine(error)}.`, { cause: error });
  }
  return parseRubric(text, file ? target : 'default rubric');
}

export function defaultRubric(): Rubric {
  return loadRubric();
}

/** The public key path the rubric names, resolved against the rubric file's folder. */
export function rubricWaiverKeyPath(rubric: Rubric): string | undefined {
  const key = rubric.waivers?.publicKey;
  if (!key) return undefined;
  const base = rubric.source === 'default rubric' ? path.dirname(DEFAULT_PATH) : path.dirname(rubric.source);
  return path.resolve(base, key);
}

/**
 * Rejects a rubric that names checks the catalog does not know: a typo in an override
 * would otherwise silently change nobody's grade. `known` is the live check ids (the
 * caller owns the catalog; reports/ does not import checks/); drill ids are always known.
 */
export function assertRubricKnowsChecks(rubric: Rubric, known: Iterable<string>): void {
  const ids = new Set(known);
  const unknown = rubricCheckIds(rubric).filter((id) => !ids.has(id) && !isDrillId(id));
  if (unknown.length) {
    throw new UsageError(
      `${rubric.source}: unknown check id${unknown.length > 1 ? 's' : ''} ${[...new Set(unknown)].join(', ')} (a typo? see checks.md for the ids).`,
    );
  }
}

/** Every check id the rubric names outside its drills section. */
export function rubricCheckIds(rubric: Pick<Rubric, 'checks' | 'neverWaivable' | 'prerequisites'>): string[] {
  return [...Object.keys(rubric.checks), ...rubric.neverWaivable, ...Object.entries(rubric.prerequisites).flat(2)];
}

export function isDrillId(id: string): boolean {
  return (DRILL_KINDS as readonly string[]).some((kind) => id === `drill.${kind as DrillKind}`);
}

function checkWeights(weights: Record<Category, number>, source: string): void {
  const total = CATEGORIES.reduce((sum, c) => sum + weights[c], 0);
  if (Math.abs(total - 100) > 1e-9) {
    const parts = CATEGORIES.map((c) => `${c} ${weights[c]}`).join(' + ');
    throw new UsageError(`${source}: the category weights add up to ${round(total)}, they must add up to 100 (${parts}).`);
  }
}

function checkPartial(rule: PartialRule | undefined, where: string): void {
  if (rule?.by === 'metric' && !(rule.limit > rule.full)) {
    throw new UsageError(`${where}.partial: limit (${rule.limit}) must be greater than full (${rule.full}).`);
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
}
