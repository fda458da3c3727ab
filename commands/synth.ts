// `cloudmart synth`: builds the workload bundle, synthesizes the reference stacks with the
// cdk-nag gate, and prices them for the lab. Needs no AWS credentials (explicit AZs, the
// AMI from an SSM parameter resolved at deploy time).
//
// The cloud assembly (templates, the bundle asset, validation-report.json) is written by
// aws-cdk-lib into `outdir`, as any CDK synth does; this function writes nothing else and
// returns what the CLI prints.
import type { NagFinding } from '../contract/report';
import { buildReferenceApp, templatesOf } from '../stacks/app';
import type { ProfileName } from '../stacks/config';
import { costedResourcesFromTemplates, estimateCost, LAB_DEFAULTS, type CostEstimate } from '../stacks/cost/estimator';
import { cfnResourceLabeler, readValidationReport, type OtherViolation } from '../stacks/nag/report';
import { buildWorkloadBundle } from '../stacks/workload/bundle';

export interface SynthOptions {
  student?: string;
  profile?: ProfileName;
  expiresAt?: string;
  /** Cloud assembly directory (default cdk.out). */
  outdir?: string;
  /** aws-cdk-lib's built-in CloudFormation schema validation (default on). */
  builtinValidation?: boolean;
  /** A workload bundle directory already built; default: build it with buildWorkloadBundle(). */
  workloadBundleDir?: string;
  drillEndpoints?: boolean;
  minutes?: number;
  budgetUsd?: number;
}

export interface SynthStack {
  name: string;
  description: string;
  resources: number;
}

export interface SynthResult {
  ok: boolean;
  outdir: string;
  deployment: { student: string; profile: ProfileName; expiresAt: string };
  stacks: SynthStack[];
  nag: {
    unacknowledged: NagFinding[];
    acknowledged: NagFinding[];
    pluginFailures: string[];
  };
  /** Findings of the built-in CloudFormation validation and construct warnings. */
  otherViolations: OtherViolation[];
  cost: CostEstimate;
  /** Why ok is false, one sentence each. */
  problems: string[];
}

export const DEFAULT_SYNTH_STUDENT = 'demo';
export const DEFAULT_OUTDIR = 'cdk.out';

export async function synth(options: SynthOptions = {}): Promise<SynthResult> {
  const workloadBundleDir = options.workloadBundleDir ?? (await buildWorkloadBundle());
  const outdir = options.outdir ?? DEFAULT_OUTDIR;
  const reference = buildReferenceApp({
    student: options.student ?? DEFAULT_SYNTH_STUDENT,
    profile: options.profile ?? 'default',
    ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
    workloadBundleDir,
    drillEndpoints: options.drillEndpoints ?? false,
    outdir,
    nag: true,
    builtinValidation: options.builtinValidation ?? true,
    throwOnFindings: false, // we read the validation report and print our own summary
  });
  const assembly = reference.app.synth();
  const validation = readValidationReport(assembly.directory, cfnResourceLabeler(reference.app, { withStackName: true }));
  const templates = templatesOf(assembly);
  const cost = estimateCost(costedResourcesFromTemplates(templates), {
    minutes: options.minutes ?? LAB_DEFAULTS.minutes,
    budgetUsd: options.budgetUsd ?? LAB_DEFAULTS.budgetUsd,
  });

  const unacknowledged = validation.findings.filter((f) => !f.suppressed);
  const acknowledged = validation.findings.filter((f) => f.suppressed);
  const validationErrors = validation.other.filter((v) => v.severity === 'error' || v.severity === 'fatal');
  const problems = [
    ...(unacknowledged.length ? [`cdk-nag reported ${unacknowledged.length} unacknowledged finding(s): fix them, or acknowledge one the lab cannot have, with a reason, next to the resource.`] : []),
    ...validation.pluginFailures.map((failure) => `A validation plugin failed, so the gate cannot vouch for the templates: ${failure}`),
    ...(validationErrors.length ? [`The CloudFormation validation reported ${validationErrors.length} error(s).`] : []),
    ...(cost.withinBudget ? [] : [`The estimate (USD ${cost.totalUsd.toFixed(2)}) is over the USD ${cost.budgetUsd.toFixed(2)} budget for ${cost.minutes} minutes.`]),
  ];
  return {
    ok: problems.length === 0,
    outdir: assembly.directory,
    deployment: { student: reference.config.student, profile: reference.config.profile, expiresAt: reference.config.expiresAt },
    stacks: reference.stackList.map((stack) => ({
      name: stack.stackName,
      description: stack.templateOptions.description ?? '',
      resources: Object.keys(templates[stack.stackName]?.Resources ?? {}).length,
    })),
    nag: { unacknowledged, acknowledged, pluginFailures: validation.pluginFailures },
    otherViolations: validation.other,
    cost,
    problems,
  };
}

/** The text `cloudmart synth` prints. */
export function formatSynthSummary(result: SynthResult): string {
  const out: string[] = [];
  const { deployment } = result;
  out.push(`CloudMart reference stacks for student "${deployment.student}", profile ${deployment.profile} (cleanup tag expires-at ${deployment.expiresAt})`);
  out.push(`Cloud assembly: ${result.outdir}`, '');
  out.push('Stacks (deployment order):');
  for (const stack of result.stacks) out.push(`  ${stack.name.padEnd(36)} ${String(stack.resources).padStart(3)} resources  ${stack.description.replace(/^CloudMart [^:]*: /, '')}`);
  out.push('');

  const { nag } = result;
  out.push(`cdk-nag (AwsSolutions): ${nag.unacknowledged.length} unacknowledged, ${nag.acknowledged.length} acknowledged`);
  for (const f of nag.unacknowledged) out.push(`  FAIL ${f.ruleId} [${f.level}] ${f.resource}`, `       ${f.explanation}`);
  for (const f of nag.acknowledged) out.push(`  ack  ${f.ruleId} ${f.resource}`, `       reason: ${f.reason ?? ''}`);
  for (const failure of nag.pluginFailures) out.push(`  plugin failure: ${failure}`);
  if (result.otherViolations.length) {
    out.push('', 'Other validation findings:');
    for (const v of result.otherViolations) out.push(`  ${v.plugin}: ${v.ruleName} [${v.severity}] ${v.resources.join(', ')}: ${v.description}`);
  }
  out.push('');

  const { cost } = result;
  out.push(`Cost estimate: ${cost.minutes}-minute lab in ${cost.priceTable.region}, on-demand prices as of ${cost.priceTable.asOf}`);
  for (const line of cost.lines) {
    out.push(`  ${line.description.padEnd(58)} ${formatQuantity(line.quantity).padStart(9)} ${line.unit.padEnd(16)} x ${String(line.unitPriceUsd).padEnd(7)} = USD ${line.usd.toFixed(4)}`);
  }
  out.push(`  ${'Total'.padEnd(58)} USD ${cost.totalUsd.toFixed(4)}  (budget USD ${cost.budgetUsd.toFixed(2)}: ${cost.withinBudget ? 'within budget' : 'OVER BUDGET'})`);
  out.push('  Assumptions:');
  for (const assumption of cost.assumptions) out.push(`    - ${assumption}`);
  out.push('');
  out.push(result.ok ? 'synth: OK' : `synth: FAILED\n${result.problems.map((p) => `  - ${p}`).join('\n')}`);
  return out.join('\n') + '\n';
}

function formatQuantity(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(3) : value.toPrecision(3);
}
