// `cloudmart synth`: builds the workload bundle, synthesizes the reference stacks with the
// cdk-nag gate, and prices them for the lab. Needs no AWS credentials (explicit AZs, the
// AMI from an SSM parameter resolved at deploy time).
//
// The cloud assembly (templates, the bundle asset, validation-report.json) is written by
// aws-cdk-lib into `outdir`, as any CDK synth does; this function writes nothing else and
// returns what the CLI prints.
import type { Language } from '../contract/errors';
import type { Bilingual, NagFinding } from '../contract/report';
import { buildReferenceApp, templatesOf } from '../stacks/app';
import type { ProfileName } from '../stacks/config';
import { costedResourcesFromTemplates, estimateCost, LAB_DEFAULTS, type CostEstimate } from '../stacks/cost/estimator';
import { NAG_PACKS } from '../stacks/nag/packs';
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
  problems: Bilingual[];
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
  const problems: Bilingual[] = [
    ...(unacknowledged.length
      ? [
          {
            ko: `cdk-nag가 예외 인정되지 않은 발견 ${unacknowledged.length}건을 보고했습니다. 고치거나, 랩에서 가질 수 없는 것이면 리소스 옆에 이유와 함께 예외로 인정하세요.`,
            en: `cdk-nag reported ${unacknowledged.length} unacknowledged finding(s): fix them, or acknowledge one the lab cannot have, with a reason, next to the resource.`,
          },
        ]
      : []),
    ...validation.pluginFailures.map((failure) => ({
      ko: `검증 플러그인이 실패해서 게이트가 템플릿을 보증할 수 없습니다: ${failure}`,
      en: `A validation plugin failed, so the gate cannot vouch for the templates: ${failure}`,
    })),
    ...(validationErrors.length
      ? [{ ko: `CloudFormation 검증이 오류 ${validationErrors.length}건을 보고했습니다.`, en: `The CloudFormation validation reported ${validationErrors.length} error(s).` }]
      : []),
    ...(cost.withinBudget
      ? []
      : [
          {
            ko: `예상 비용(USD ${cost.totalUsd.toFixed(2)})이 ${cost.minutes}분 예산 USD ${cost.budgetUsd.toFixed(2)}을(를) 넘습니다.`,
            en: `The estimate (USD ${cost.totalUsd.toFixed(2)}) is over the USD ${cost.budgetUsd.toFixed(2)} budget for ${cost.minutes} minutes.`,
          },
        ]),
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

/** The text `cloudmart synth` prints, in Korean (the default) or English. */
export function formatSynthSummary(result: SynthResult, lang: Language = 'ko'): string {
  const ko = lang === 'ko';
  const out: string[] = [];
  const { deployment } = result;
  out.push(
    ko
      ? `학생 "${deployment.student}"의 CloudMart 참조 스택, 프로필 ${deployment.profile} (정리 태그 expires-at ${deployment.expiresAt})`
      : `CloudMart reference stacks for student "${deployment.student}", profile ${deployment.profile} (cleanup tag expires-at ${deployment.expiresAt})`,
  );
  out.push(`${ko ? '클라우드 어셈블리' : 'Cloud assembly'}: ${result.outdir}`, '');
  out.push(ko ? '스택 (배포 순서):' : 'Stacks (deployment order):');
  const resources = ko ? '리소스' : 'resources';
  for (const stack of result.stacks) out.push(`  ${stack.name.padEnd(36)} ${String(stack.resources).padStart(3)} ${resources}  ${stack.description.replace(/^CloudMart [^:]*: /, '')}`);
  out.push('');

  const { nag } = result;
  const packs = NAG_PACKS.map((p) => p.name).join(', ');
  out.push(
    ko
      ? `cdk-nag (${packs}): 예외 인정 안 됨 ${nag.unacknowledged.length}건, 예외 인정 ${nag.acknowledged.length}건 (규칙 설명과 인정 사유는 영어 원문)`
      : `cdk-nag (${packs}): ${nag.unacknowledged.length} unacknowledged, ${nag.acknowledged.length} acknowledged`,
  );
  for (const f of nag.unacknowledged) out.push(`  FAIL ${f.ruleId} [${f.level}] ${f.resource}`, `       ${f.explanation}`);
  for (const f of nag.acknowledged) out.push(`  ack  ${f.ruleId} ${f.resource}`, `       ${ko ? '사유' : 'reason'}: ${f.reason ?? ''}`);
  for (const failure of nag.pluginFailures) out.push(`  ${ko ? '플러그인 실패' : 'plugin failure'}: ${failure}`);
  if (result.otherViolations.length) {
    out.push('', ko ? '그 밖의 검증 발견:' : 'Other validation findings:');
    for (const v of result.otherViolations) out.push(`  ${v.plugin}: ${v.ruleName} [${v.severity}] ${v.resources.join(', ')}: ${v.description}`);
  }
  out.push('');

  const { cost } = result;
  out.push(
    ko
      ? `예상 비용: ${cost.priceTable.region}에서 ${cost.minutes}분 랩, ${cost.priceTable.asOf} 기준 온디맨드 가격`
      : `Cost estimate: ${cost.minutes}-minute lab in ${cost.priceTable.region}, on-demand prices as of ${cost.priceTable.asOf}`,
  );
  for (const line of cost.lines) {
    const description = ko ? line.descriptionKo : line.description;
    const unit = ko ? line.unitKo : line.unit;
    out.push(`  ${description.padEnd(58)} ${formatQuantity(line.quantity).padStart(9)} ${unit.padEnd(16)} x ${String(line.unitPriceUsd).padEnd(7)} = USD ${line.usd.toFixed(4)}`);
  }
  const verdict = cost.withinBudget ? (ko ? '예산 안' : 'within budget') : ko ? '예산 초과' : 'OVER BUDGET';
  out.push(`  ${(ko ? '합계' : 'Total').padEnd(58)} USD ${cost.totalUsd.toFixed(4)}  (${ko ? '예산' : 'budget'} USD ${cost.budgetUsd.toFixed(2)}: ${verdict})`);
  out.push(ko ? '  가정:' : '  Assumptions:');
  for (const assumption of ko ? cost.assumptionsKo : cost.assumptions) out.push(`    - ${assumption}`);
  out.push('');
  out.push(result.ok ? (ko ? 'synth: 통과' : 'synth: OK') : `synth: ${ko ? '실패' : 'FAILED'}\n${result.problems.map((p) => `  - ${p[lang]}`).join('\n')}`);
  return out.join('\n') + '\n';
}

function formatQuantity(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(3) : value.toPrecision(3);
}
