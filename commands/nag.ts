// `cloudmart nag --template FILE`: the cdk-nag packs on any CloudFormation template.
// Returns the findings (contract NagFinding records), the JSON file for the CLI to write
// and the exit code: 1 when an error-level finding is unacknowledged, else 0. A file that
// is not a CloudFormation template throws a UsageError (exit 2).
import { ExitCode, type Language } from '../contract/errors';
import { Report, type NagFinding } from '../contract/report';
import { NAG_PACKS } from '../stacks/nag/packs';
import { nagTemplateFile } from '../stacks/nag/template';

import { DEFAULT_NAG_OUT } from './defaults';

export { DEFAULT_NAG_OUT };

export interface NagOptions {
  template: string;
  /** Where the JSON of the findings goes (default reports/out/nag-findings.json). */
  out?: string;
}

export interface NagResult {
  template: string;
  findings: NagFinding[];
  /** Unacknowledged error-level findings: what makes the exit code 1. */
  blocking: NagFinding[];
  pluginFailures: string[];
  files: { path: string; content: string }[];
  exitCode: number;
}

export function nag(options: NagOptions): NagResult {
  const result = nagTemplateFile(options.template);
  // The file has the shape of report.json's `nag` section, so a report can carry it as is.
  const section = Report.shape.nag.unwrap().parse({ template: result.template, findings: result.findings });
  const blocking = result.findings.filter((f) => !f.suppressed && f.level === 'error');
  const failed = blocking.length > 0 || result.pluginFailures.length > 0;
  return {
    template: result.template,
    findings: result.findings,
    blocking,
    pluginFailures: result.pluginFailures,
    files: [{ path: options.out ?? DEFAULT_NAG_OUT, content: JSON.stringify(section, null, 2) + '\n' }],
    exitCode: failed ? ExitCode.checksFailed : ExitCode.ok,
  };
}

/** The text `cloudmart nag` prints: every finding with rule ID, resource, level and explanation. */
export function formatNagResult(result: NagResult, lang: Language = 'ko'): string {
  const ko = lang === 'ko';
  const packs = NAG_PACKS.map((p) => p.name).join(', ');
  const out: string[] = [
    ko ? `cdk-nag (${packs}) 검사 결과, ${result.template}: 발견 ${result.findings.length}건` : `cdk-nag (${packs}) on ${result.template}: ${result.findings.length} finding(s)`,
  ];
  if (ko && result.findings.length > 0) out.push('  (규칙 설명은 cdk-nag 원문 그대로 영어입니다.)');
  const order: Record<NagFinding['level'], number> = { error: 0, warning: 1, info: 2 };
  const sorted = [...result.findings].sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || order[a.level] - order[b.level] || a.ruleId.localeCompare(b.ruleId));
  for (const f of sorted) {
    out.push(`  ${f.suppressed ? 'ack ' : f.level === 'error' ? 'FAIL' : 'warn'} ${f.ruleId} [${f.level}] ${f.resource}`);
    out.push(`       ${f.explanation}`);
    if (f.suppressed) out.push(`       ${ko ? '예외 인정 사유' : 'acknowledged'}: ${f.reason ?? ''}`);
  }
  for (const failure of result.pluginFailures) out.push(`  ${ko ? '플러그인 실패' : 'plugin failure'}: ${failure}`);
  const files = result.files.map((f) => f.path).join(', ');
  const pluginFailed = result.pluginFailures.length > 0;
  out.push(
    '',
    result.exitCode === 0
      ? ko
        ? `nag: 통과 (예외 인정되지 않은 error 수준 발견 없음). 발견 내용을 ${files} 에 썼습니다.`
        : `nag: OK (no unacknowledged error-level finding); findings written to ${files}`
      : ko
        ? `nag: 실패 (예외 인정되지 않은 error 수준 발견 ${result.blocking.length}건${pluginFailed ? ', 플러그인 실패' : ''}). 발견 내용을 ${files} 에 썼습니다.`
        : `nag: FAILED (${result.blocking.length} unacknowledged error-level finding(s)${pluginFailed ? ', a plugin failed' : ''}); findings written to ${files}`,
  );
  return out.join('\n') + '\n';
}
