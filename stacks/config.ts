// The deployment's settings, validated once: every tier and stack reads the frozen result
// and never re-checks it. Bad input becomes one UsageError sentence (exit 2).
import { statSync } from 'node:fs';
import { z } from 'zod';
import { UsageError } from '../contract/errors';

/** The course deploys to Seoul only; the AZs are explicit so synth needs no AWS lookup. */
export const REGION = 'ap-northeast-2';
export const AVAILABILITY_ZONES = ['ap-northeast-2a', 'ap-northeast-2c'] as const;

export const PROFILES = ['lab', 'default', 'production'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** How long a deployment lives before cleanup may delete it: the lab session plus deploy and grading time. */
export const DEFAULT_LIFETIME_MINUTES = 120;

/** The ports of the CloudMart tiers. The API port is fixed by the workload contract. */
export const PORTS = {
  app: 8080,
  // Not the engines' defaults (5432, 6379): cdk-nag RDS11 / AEC5. The API reads the
  // database port from the RDS secret and the Redis port from REDIS_PORT.
  database: 5433,
  cache: 6380,
} as const;

// Lowercase letters, digits and inner hyphens: valid in stack names, tag values, log
// group names and S3-friendly identifiers alike, so one rule serves every resource.
const STUDENT_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?$/;

/** What a valid student ID looks like, for the sentences that reject one. */
export const STUDENT_ID_RULE = {
  ko: '학생 ID는 영문 소문자, 숫자, 가운데 하이픈으로 된 1-24자입니다(예: kim-minsu, s2026001)',
  en: 'a student ID is 1-24 lowercase letters, digits or inner hyphens (e.g. kim-minsu or s2026001)',
} as const;

export const StudentId = z.string().regex(STUDENT_PATTERN, STUDENT_ID_RULE.en);

/** An IPv4 CIDR the ALB lets reach /drill/* (deploy --drill-source-cidr). */
export const DrillSourceCidr = z
  .string()
  .regex(/^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\/(?:3[0-2]|[12]?\d)$/, 'the drill source CIDR must be an IPv4 CIDR such as 203.0.113.7/32');

const DeploymentSchema = z.object({
  student: StudentId,
  profile: z.enum(PROFILES).default('default'),
  /** ISO-8601 UTC time after which cleanup may delete the deployment. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  /** The directory the workload bundle builder produced; shipped to the instances as an S3 asset. */
  workloadBundleDir: z.string().min(1),
  /** Turns on the API's drill endpoints (class drills only). */
  drillEndpoints: z.boolean().default(false),
  /** With drillEndpoints: the ALB forwards /drill/* only from this IPv4 CIDR (others get 404). */
  drillSourceCidr: DrillSourceCidr.optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Optional e-mail address subscribed to the alarm topic (the subscription must be confirmed). */
  alarmEmail: z.email().optional(),
  /** AWS account to pin the stacks to; default: the account of the deploying credentials. */
  account: z
    .string()
    .regex(/^\d{12}$/, 'an AWS account ID is 12 digits')
    .optional(),
});

export type DeploymentInput = z.input<typeof DeploymentSchema>;

export interface DeploymentConfig {
  readonly student: string;
  readonly profile: ProfileName;
  readonly expiresAt: string;
  readonly workloadBundleDir: string;
  readonly drillEndpoints: boolean;
  readonly drillSourceCidr?: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly alarmEmail?: string;
  readonly account?: string;
  readonly region: typeof REGION;
  readonly stackPrefix: string;
}

/** Validates the input once and returns the frozen configuration every tier reads. */
export function parseDeploymentConfig(input: DeploymentInput, now: Date = new Date()): DeploymentConfig {
  const parsed = DeploymentSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'input';
    throw new UsageError(`Invalid deployment setting ${field}: ${issue.message}.`);
  }
  const value = parsed.data;
  if (value.drillSourceCidr && !value.drillEndpoints) {
    throw new UsageError('Invalid deployment setting drillSourceCidr: it restricts the drill endpoints, so it needs drillEndpoints=true.');
  }
  let isDirectory = false;
  try {
    isDirectory = statSync(value.workloadBundleDir).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) {
    throw new UsageError(`The workload bundle directory ${value.workloadBundleDir} does not exist: build it first (npm run synth builds it).`);
  }
  const expiresAt = value.expiresAt ? new Date(value.expiresAt).toISOString() : defaultExpiry(now);
  return Object.freeze({
    student: value.student,
    profile: value.profile,
    expiresAt: expiresAt.replace(/\.\d{3}Z$/, 'Z'),
    workloadBundleDir: value.workloadBundleDir,
    drillEndpoints: value.drillEndpoints,
    ...(value.drillSourceCidr ? { drillSourceCidr: value.drillSourceCidr } : {}),
    logLevel: value.logLevel,
    ...(value.alarmEmail ? { alarmEmail: value.alarmEmail } : {}),
    ...(value.account ? { account: value.account } : {}),
    region: REGION,
    stackPrefix: stackPrefix(value.student),
  });
}

/** Now plus the default lifetime, rounded up to the minute so the tag reads well. */
export function defaultExpiry(now: Date = new Date(), lifetimeMinutes = DEFAULT_LIFETIME_MINUTES): string {
  const ms = Math.ceil((now.getTime() + lifetimeMinutes * 60_000) / 60_000) * 60_000;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function stackPrefix(student: string): string {
  return `CloudMart-${student}-`;
}

/** The stacks of one deployment, in deployment order. */
export const STACK_SUFFIXES = ['Network', 'Data', 'App', 'Frontend', 'Observability', 'Backup'] as const;
export type StackSuffix = (typeof STACK_SUFFIXES)[number];

export function stackNames(student: string): Record<StackSuffix, string> {
  const prefix = stackPrefix(student);
  return Object.fromEntries(STACK_SUFFIXES.map((suffix) => [suffix, `${prefix}${suffix}`])) as Record<StackSuffix, string>;
}
