// The class report's data: one row per student (graded or not, and why), the pass rate of
// every check across the class (which concept the class missed), and the score summary.
// Built from the students' Reports only; the renderers (class-html/csv/json) read this.
import { z } from 'zod';
import { CATEGORIES, Category, Severity, type Report } from '../../contract/report';
import { shownStatus } from '../render/blocked';
import { TOOL } from '../../contract/version';
import type { RosterProblem } from './roster';

const Percents = z.object({
  architecture: z.number().nullable(),
  'high-availability': z.number().nullable(),
  security: z.number().nullable(),
  monitoring: z.number().nullable(),
});

/** Why a student has no grade: the kind of failure (grade's error rows) and one line. */
export const StudentError = z.object({ kind: z.enum(['unreachable', 'usage', 'timeout', 'internal']), message: z.string() });
export type StudentError = z.infer<typeof StudentError>;
export type StudentErrorKind = StudentError['kind'];

export const ClassRow = z.object({
  student: z.string(),
  name: z.string(),
  status: z.enum(['graded', 'error']),
  percent: z.number().optional(),
  points: z.number().optional(),
  maxPoints: z.number().optional(),
  /** Per category: points / maxPoints as a percentage (null when it had nothing to score). */
  categories: Percents.optional(),
  failed: z.number().optional(),
  errored: z.number().optional(),
  waived: z.number().optional(),
  emulated: z.boolean().optional(),
  /** The score of the previous grading, when the roster was graded before. */
  previousPercent: z.number().optional(),
  error: StudentError.optional(),
  /** Relative path of the student's HTML report from the class report. */
  reportHref: z.string().optional(),
});
export type ClassRow = z.infer<typeof ClassRow>;

export const CheckStat = z.object({
  id: z.string(),
  category: Category,
  severity: Severity,
  title: z.object({ ko: z.string(), en: z.string() }).optional(),
  pass: z.number(),
  fail: z.number(),
  error: z.number(),
  notApplicable: z.number(),
  waived: z.number(),
  /** Students whose missing tier blocked the check (it cost them its points). */
  blocked: z.number().default(0),
  /** pass / (pass + fail + error + blocked), in percent; null when no student had it scored. */
  passRate: z.number().nullable(),
});
export type CheckStat = z.infer<typeof CheckStat>;

export const ClassReport = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('cloudmart-class-report'),
  tool: z.object({ name: z.string(), version: z.string() }),
  generatedAt: z.string(),
  /** The rubric every graded report names; `mixed` lists them when they differ. */
  rubric: z.object({ name: z.string(), digest: z.string() }).optional(),
  rubricsMixed: z.array(z.object({ name: z.string(), digest: z.string() })).optional(),
  summary: z.object({
    students: z.number(),
    graded: z.number(),
    notGraded: z.number(),
    mean: z.number().nullable(),
    median: z.number().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
  }),
  students: z.array(ClassRow),
  /** Lowest pass rate first: the concepts the class missed most. */
  checks: z.array(CheckStat),
  /** `reason` in English; `reasonKo` (additive) for Korean output. */
  rosterProblems: z.array(z.object({ line: z.number(), reason: z.string(), reasonKo: z.string().optional() })),
  ignoredColumns: z.array(z.string()).default([]),
});
export type ClassReport = z.infer<typeof ClassReport>;

export type StudentResult =
  | { student: string; name: string; report: Report; reportHref?: string }
  | { student: string; name: string; error: StudentError };

/** Per category: the report's percentage, null when the category had nothing to score (the class table and the live board). */
export function categoryPercents(report: Pick<Report, 'score'>): Record<Category, number | null> {
  return Object.fromEntries(
    CATEGORIES.map((id) => {
      const c = report.score.categories.find((x) => x.id === id);
      return [id, c && c.maxPoints > 0 ? c.percent : null];
    }),
  ) as Record<Category, number | null>;
}

export function buildClassReport(
  results: readonly StudentResult[],
  options: { rosterProblems?: (Omit<RosterProblem, 'reasonKo'> & { reasonKo?: string })[]; ignoredColumns?: string[]; generatedAt: string; tool?: { name: string; version: string } },
): ClassReport {
  const students: ClassRow[] = results.map((r) => {
    if ('error' in r) return { student: r.student, name: r.name, status: 'error', error: r.error };
    const rep = r.report;
    const categories = categoryPercents(rep);
    const last = rep.history?.[rep.history.length - 1];
    return {
      student: r.student,
      name: r.name,
      status: 'graded',
      percent: rep.score.percent,
      points: rep.score.points,
      maxPoints: rep.score.maxPoints,
      categories,
      failed: rep.checks.filter((c) => c.status === 'fail').length,
      errored: rep.checks.filter((c) => c.status === 'error').length,
      waived: rep.checks.filter((c) => c.status === 'waived').length,
      ...(rep.target.emulated ? { emulated: true } : {}),
      ...(last ? { previousPercent: last.percent } : {}),
      ...(r.reportHref ? { reportHref: r.reportHref } : {}),
    };
  });

  const graded = results.filter((r): r is Extract<StudentResult, { report: Report }> => 'report' in r);
  const stats = new Map<string, CheckStat>();
  for (const { report } of graded) {
    for (const c of report.checks) {
      let s = stats.get(c.id);
      if (!s) {
        s = { id: c.id, category: c.category, severity: c.severity, ...(c.title ? { title: c.title } : {}), pass: 0, fail: 0, error: 0, notApplicable: 0, waived: 0, blocked: 0, passRate: null };
        stats.set(c.id, s);
      }
      const status = shownStatus(c);
      if (status === 'not-applicable') s.notApplicable++;
      else s[status]++;
    }
  }
  const checks = [...stats.values()]
    .map((s) => {
      const scored = s.pass + s.fail + s.error + s.blocked;
      return { ...s, passRate: scored ? Math.round((1000 * s.pass) / scored) / 10 : null };
    })
    .sort((a, b) => (a.passRate ?? 101) - (b.passRate ?? 101) || a.id.localeCompare(b.id));

  const percents = graded.map((g) => g.report.score.percent).sort((a, b) => a - b);
  const rubrics = [...new Map(graded.filter((g) => g.report.rubric).map((g) => [g.report.rubric!.digest, g.report.rubric!])).values()];

  return ClassReport.parse({
    schemaVersion: 1,
    kind: 'cloudmart-class-report',
    tool: options.tool ?? { name: TOOL.name, version: TOOL.version },
    generatedAt: options.generatedAt,
    ...(rubrics.length === 1 ? { rubric: rubrics[0] } : {}),
    ...(rubrics.length > 1 ? { rubricsMixed: rubrics } : {}),
    summary: {
      students: results.length,
      graded: graded.length,
      notGraded: results.length - graded.length,
      mean: percents.length ? round1(percents.reduce((a, b) => a + b, 0) / percents.length) : null,
      median: percents.length ? round1(median(percents)) : null,
      min: percents.length ? percents[0]! : null,
      max: percents.length ? percents[percents.length - 1]! : null,
    },
    students,
    checks,
    rosterProblems: options.rosterProblems ?? [],
    ignoredColumns: options.ignoredColumns ?? [],
  });
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
