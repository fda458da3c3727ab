// The report.json contract (../shared/spec/interface.md), as a zod schema.
// Producers: checks/ (check results), load/ (drills), reports/ (score, waivers).
// Consumers: the renderers and class grading, which read report.json only.
// The required fields of interface.md keep their names and meaning; everything
// else here is an addition that a consumer may ignore.
import { z } from 'zod';

export const CATEGORIES = ['architecture', 'high-availability', 'security', 'monitoring'] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/**
 * `blocked` (added by issue 13): not-applicable only because a tier the check needs is missing
 * (its finding check failed, see `blockedBy`); unlike not-applicable it costs its points.
 * Reports written before it show such a check as `not-applicable` with `scoredAs`.
 */
export const CHECK_STATUSES = ['pass', 'fail', 'error', 'not-applicable', 'waived', 'blocked'] as const;
export const CheckStatus = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof CheckStatus>;

/** Text in both languages of the course. */
export const Bilingual = z.object({ ko: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

/**
 * Bilingual text that report.json files written before issue 13 held as one English string:
 * such a string is read as the same text in both languages, so old reports still parse.
 */
export const BilingualText = z.preprocess((value) => (typeof value === 'string' ? { ko: value, en: value } : value), Bilingual);

/** Evidence for one resource a check looked at. */
export const ResourceEvidence = z.object({
  id: z.string(),
  arn: z.string().optional(),
  /** CloudFormation-style type, e.g. AWS::RDS::DBInstance. */
  type: z.string().optional(),
  status: z.enum(['pass', 'fail']),
  /** The evidence line in English (interface.md). */
  detail: z.string(),
  /** The same line in Korean (absent in reports written before issue 13). */
  detailKo: z.string().optional(),
});
export type ResourceEvidence = z.infer<typeof ResourceEvidence>;

export const Refs = z.object({
  fsbp: z.array(z.string()).default([]),
  cdkNag: z.array(z.string()).default([]),
  prowler: z.array(z.string()).default([]),
});
export type Refs = z.infer<typeof Refs>;

export const Remediation = Bilingual.extend({
  /** A CDK TypeScript snippet that fixes it, where one fits. */
  cdk: z.string().optional(),
  /** The same fix as steps in the AWS console, for students who built their deployment there (absent in reports written before issue 13). */
  console: Bilingual.optional(),
  /** Said before the fix when it replaces or interrupts a resource (e.g. encryption means a new DB from a snapshot). */
  warning: Bilingual.optional(),
});
export type Remediation = z.infer<typeof Remediation>;

export const Waiver = z.object({
  reason: z.string(),
  approver: z.string(),
  expires: z.string(),
});
export type Waiver = z.infer<typeof Waiver>;

export const CheckEntry = z.object({
  id: z.string(),
  category: Category,
  severity: Severity,
  status: CheckStatus,
  points: z.number(),
  maxPoints: z.number(),
  title: Bilingual.optional(),
  /** One line saying why the check has its status (the reason of an `error`, too). */
  summary: BilingualText.optional(),
  resources: z.array(ResourceEvidence),
  /** Structured evidence beyond per-resource lines (e.g. the alarm coverage matrix). */
  evidence: z.record(z.string(), z.unknown()).optional(),
  /** Things the student should know that do not change the status. */
  notes: z.array(BilingualText).optional(),
  remediation: Remediation,
  refs: Refs,
  /** Present when status is `waived`: who approved it and why. */
  waiver: Waiver.optional(),
  /** The status the check had before a waiver turned it into `waived`. */
  originalStatus: CheckStatus.optional(),
  /** Present when the rubric gave partial credit (e.g. a drill's write gap between full marks and the limit). */
  partialCredit: z.object({ share: z.number(), basis: z.string() }).optional(),
  /** Present when the rubric scored the check as another status, e.g. a not-applicable check whose prerequisite failed counts as failed. */
  scoredAs: z.object({ status: CheckStatus, reason: z.string() }).optional(),
  /** Present when status is `blocked`: the finding checks that failed, so there was nothing to check. */
  blockedBy: z.array(z.string()).optional(),
});
export type CheckEntry = z.infer<typeof CheckEntry>;

/** How many checks of a category ended in each status (error is shown apart from fail). */
export const StatusCounts = z.object({
  pass: z.number(),
  fail: z.number(),
  error: z.number(),
  notApplicable: z.number(),
  waived: z.number(),
  /** Absent in reports written before the `blocked` status. */
  blocked: z.number().optional(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;

export const CategoryScore = z.object({
  id: Category,
  weight: z.number(),
  /** Check points earned in this category (raw, before the weight). */
  points: z.number(),
  maxPoints: z.number(),
  /** points / maxPoints as a percentage (0 when the category had nothing to score). */
  percent: z.number(),
  /** What this category adds to the total: weight x points / maxPoints. */
  weightedPoints: z.number().optional(),
  counts: StatusCounts.optional(),
});
export type CategoryScore = z.infer<typeof CategoryScore>;

/** The total: points is the sum of the categories' weightedPoints, out of maxPoints (the weights of the categories that had something to score, normally 100). */
export const Score = z.object({
  points: z.number(),
  maxPoints: z.number(),
  percent: z.number(),
  categories: z.array(CategoryScore),
});
export type Score = z.infer<typeof Score>;

export const Target = z.object({
  kind: z.enum(['aws', 'local']),
  region: z.string(),
  accountId: z.string(),
  student: z.string(),
  /** True when the deployment lives in the local emulator: the report is stamped EMULATED. */
  emulated: z.boolean().optional(),
  endpoint: z.string().optional(),
  scenario: z.string().optional(),
  /** What the graded data is, when not a live read of AWS: every format shows each stamp. */
  stamps: z.array(z.lazy(() => Stamp)).optional(),
});
export type Target = z.infer<typeof Target>;

/**
 * A report made against an endpoint that is not AWS (`--endpoint`), graded from a snapshot file
 * (`--from-snapshot`, not verified live), or holding a simulated drill (`drill --target local`).
 */
export const Stamp = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('endpoint'), endpoint: z.string() }),
  z.object({ kind: z.literal('snapshot'), file: z.string(), sha256: z.string(), collectedAt: z.string().optional() }),
  z.object({ kind: z.literal('simulated') }),
]);
export type Stamp = z.infer<typeof Stamp>;

// ---- drills (load/) ----

export const DRILL_KINDS = ['scale-out', 'rds-failover', 'redis-failover', 'instance-loss', 'restore'] as const;
export const DrillKind = z.enum(DRILL_KINDS);
export type DrillKind = z.infer<typeof DrillKind>;

/** One second of a drill's traffic, as the users saw it. */
export const DrillSecond = z.object({
  /** Seconds since the drill started. */
  t: z.number(),
  sent: z.number(),
  ok: z.number(),
  /** Errors by kind, e.g. { timeout: 3, http5xx: 1, refused: 2 }. */
  errors: z.record(z.string(), z.number()),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
});
export type DrillSecond = z.infer<typeof DrillSecond>;

export const DRILL_EVENT_KINDS = ['phase', 'api-call', 'event', 'capacity', 'target-health', 'note'] as const;
export const DrillEvent = z.object({
  /** Seconds since the drill started. */
  t: z.number(),
  at: z.string(),
  kind: z.enum(DRILL_EVENT_KINDS),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type DrillEvent = z.infer<typeof DrillEvent>;

export const DrillCriterion = z.object({
  name: z.string(),
  expected: z.string(),
  actual: z.string(),
  pass: z.boolean(),
  /** The same three in Korean (absent in results written before issue 13). */
  nameKo: z.string().optional(),
  expectedKo: z.string().optional(),
  actualKo: z.string().optional(),
});
export type DrillCriterion = z.infer<typeof DrillCriterion>;

export const DrillResult = z.object({
  /** The check id this drill scores, e.g. drill.rds-failover. */
  id: z.string(),
  kind: DrillKind,
  target: z.enum(['aws', 'local']),
  /** True when capacity changes or failovers were simulated by the local rehearsal. */
  simulated: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.enum(['pass', 'fail', 'error']),
  verdict: z.object({
    summary: Bilingual,
    criteria: z.array(DrillCriterion),
  }),
  /** Headline numbers, e.g. { writeGapMs: 5120, lostWrites: 0 }. */
  metrics: z.record(z.string(), z.number().nullable()),
  series: z.array(DrillSecond),
  timeline: z.array(DrillEvent),
  notes: z.array(z.string()).default([]),
  /** The notes in Korean, one for each of `notes` (absent in results written before issue 13). */
  notesKo: z.array(z.string()).optional(),
  /** Where the result came from when not measured by this tool (e.g. an imported k6 summary). */
  source: z.enum(['harness', 'k6']).default('harness'),
});
export type DrillResult = z.infer<typeof DrillResult>;

// ---- cdk-nag findings, when a template was checked ----

export const NagFinding = z.object({
  ruleId: z.string(),
  resource: z.string(),
  level: z.enum(['error', 'warning', 'info']),
  explanation: z.string(),
  suppressed: z.boolean(),
  reason: z.string().optional(),
});
export type NagFinding = z.infer<typeof NagFinding>;

// ---- where the deployment's resources live (issue 17: the report's deployment diagram) ----

/** A subnet's tier as its route table makes it: public (a route to an internet gateway), private, or unknown (no route table read). */
export const SubnetTier = z.enum(['public', 'private', 'unknown']);

/**
 * The deployment as discovery and the collectors found it, reduced to what the report's diagram
 * draws: which AZ each resource lives in, and which security groups guard each tier. Filled from
 * the inventory by `verify` (absent in reports made before issue 17). Ids are the ones the
 * checks' evidence names, so each drawn resource finds the checks that judged it.
 */
export const DeploymentMap = z.object({
  /** The AZs of the deployment's subnets, sorted. */
  zones: z.array(z.string()),
  subnets: z.array(z.object({ id: z.string(), zone: z.string().optional(), tier: SubnetTier })),
  natGateways: z.array(z.object({ id: z.string(), zone: z.string().optional(), subnetId: z.string().optional() })),
  /** Application load balancers: one node per AZ it is enabled in. */
  loadBalancers: z.array(z.object({ name: z.string(), zones: z.array(z.string()), securityGroups: z.array(z.string()) })),
  autoScalingGroups: z.array(z.object({ name: z.string(), zones: z.array(z.string()) })),
  /** The app instances (the ASGs' members), by the AZ they run in. */
  instances: z.array(z.object({ id: z.string(), zone: z.string().optional(), securityGroups: z.array(z.string()) })),
  /** DB instances: the primary's AZ and, for a Multi-AZ instance, the standby's (SecondaryAvailabilityZone). `cluster`: the DB cluster it is a member of. */
  databases: z.array(
    z.object({ id: z.string(), zone: z.string().optional(), standbyZone: z.string().optional(), cluster: z.string().optional(), securityGroups: z.array(z.string()) }),
  ),
  /** Redis replication groups with their nodes (NodeGroupMembers: AZ and current role). */
  caches: z.array(
    z.object({
      id: z.string(),
      nodes: z.array(z.object({ id: z.string(), zone: z.string().optional(), role: z.enum(['primary', 'replica', 'unknown']) })),
      securityGroups: z.array(z.string()),
    }),
  ),
  distributions: z.array(z.object({ id: z.string(), domain: z.string().optional() })),
  buckets: z.array(z.object({ name: z.string() })),
  /** The tiers' security groups with the TCP ports they admit from anywhere (0.0.0.0/0 or ::/0). */
  securityGroups: z.array(z.object({ id: z.string(), name: z.string().optional(), openToInternet: z.array(z.string()) })),
  dashboards: z.array(z.string()),
  alarms: z.array(z.string()),
  backupPlans: z.array(z.string()),
  /** Parts that could not be read (their dataset was not collected): drawn as `error`, never as missing or passed. */
  unread: z.array(z.enum(['network', 'alb', 'app', 'db', 'cache', 'frontend', 'monitoring', 'backup'])),
});
export type DeploymentMap = z.infer<typeof DeploymentMap>;

export const HistoryEntry = z.object({ at: z.string(), percent: z.number(), points: z.number(), maxPoints: z.number() });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Report = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.string(), version: z.string() }),
  target: Target,
  startedAt: z.string(),
  finishedAt: z.string(),
  score: Score,
  checks: z.array(CheckEntry),
  drills: z.array(DrillResult).optional(),
  nag: z.object({ template: z.string(), findings: z.array(NagFinding) }).optional(),
  /** What discovery searched and found, so a student can see what was graded. */
  discovery: z
    .object({
      stackPrefix: z.string(),
      stacks: z.array(z.string()),
      resourceCount: z.number(),
      searched: z.array(z.string()),
      /** The same lines in Korean, one for each of `searched` (absent in reports written before issue 13). */
      searchedKo: z.array(z.string()).optional(),
      /**
       * Resources tagged for the student that another student's stack created (its
       * aws:cloudformation:stack-name names CloudMart-<other>-...): left out, never graded.
       * Absent when there were none (and in reports written before issue 15).
       */
      ownershipConflicts: z
        .array(
          z.object({
            /** The resource's ARN, or the stack's id when the stack itself is in conflict. */
            resource: z.string(),
            /** CloudFormation type, e.g. AWS::EC2::SecurityGroup. */
            type: z.string(),
            /** The other student's stack that created it. */
            stack: z.string(),
            /** The student that stack belongs to. */
            student: z.string(),
          }),
        )
        .optional(),
    })
    .optional(),
  /** Waivers that were ignored, with why (unsigned, expired, never-waivable...). */
  waiversIgnored: z
    .array(
      z.object({
        checkId: z.string(),
        student: z.string(),
        reason: z.string(),
        /** The same reason in Korean (absent in reports written before issue 13). */
        reasonKo: z.string().optional(),
      }),
    )
    .optional(),
  /** Earlier scores of the same student when a roster was graded again. */
  history: z.array(HistoryEntry).optional(),
  /** Which rubric scored this report (name and a digest of its content), so a class can be shown to share one. */
  rubric: z.object({ name: z.string(), digest: z.string() }).optional(),
  /** Where the deployment's resources live, for the diagram (added by issue 17). */
  deployment: DeploymentMap.optional(),
});
export type Report = z.infer<typeof Report>;

// ---- what verify hands to scoring: the checks' outcome before points and waivers ----

/** A check's result as the checks produce it; scoring adds points and applies waivers. */
export const CheckOutcome = CheckEntry.omit({ points: true, maxPoints: true, waiver: true, originalStatus: true, partialCredit: true, scoredAs: true, blockedBy: true }).extend({
  status: z.enum(['pass', 'fail', 'error', 'not-applicable']),
});
export type CheckOutcome = z.infer<typeof CheckOutcome>;

/** One verify run before scoring: reports/ turns it (plus drills) into a Report. */
export const CheckRun = z.object({
  target: Target,
  startedAt: z.string(),
  finishedAt: z.string(),
  checks: z.array(CheckOutcome),
  discovery: Report.shape.discovery,
  drills: z.array(DrillResult).optional(),
  nag: Report.shape.nag,
  deployment: Report.shape.deployment,
});
export type CheckRun = z.infer<typeof CheckRun>;
