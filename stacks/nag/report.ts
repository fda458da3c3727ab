// Reads the validation report aws-cdk-lib writes at synth (validation-report.json in the
// cloud assembly) and turns it into NagFinding records (contract/report.ts): one per
// rule/finding and resource, acknowledged ones included with their reason.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { NagFinding } from '../../contract/report';
import { NAG_PACKS } from './packs';
import { baseRuleId, nagRuleCatalog } from './rule-catalog';

export const VALIDATION_REPORT_FILE = 'validation-report.json';

/** A violation reported by a plugin other than the nag packs (CloudFormation schema validation, construct annotations). */
export interface OtherViolation {
  plugin: string;
  ruleName: string;
  severity: string;
  description: string;
  resources: string[];
}

export interface ValidationOutcome {
  /** Every nag finding: unacknowledged (`suppressed: false`) and acknowledged (`suppressed: true`, with reason). */
  findings: NagFinding[];
  other: OtherViolation[];
  /** A plugin that crashed instead of reporting: the gate cannot be trusted then. */
  pluginFailures: string[];
}

interface ReportViolation {
  ruleName: string;
  description: string;
  severity: string;
  customSeverity?: string;
  violatingConstructs: { constructPath?: string; resourceLogicalId?: string; templatePath?: string }[];
  reason?: string;
}

interface ReportFile {
  pluginReports: {
    pluginName: string;
    conclusion: 'success' | 'failure';
    metadata?: Record<string, string>;
    violations: ReportViolation[];
    suppressedViolations?: ReportViolation[];
  }[];
}

/** Names a violating construct: `Stack/LogicalId` for the app, the logical ID for an included template. */
export type ResourceLabeler = (constructPath: string) => string;

/** Labels construct paths by their CloudFormation identity (stack name and logical ID). */
export function cfnResourceLabeler(root: IConstruct, options: { withStackName: boolean }): ResourceLabeler {
  const labels = new Map<string, string>();
  for (const construct of root.node.findAll()) {
    if (!CfnResource.isCfnResource(construct)) continue;
    const stack = Stack.of(construct);
    const logicalId = stack.resolve(construct.logicalId) as string;
    labels.set(construct.node.path, options.withStackName ? `${stack.stackName}/${logicalId}` : logicalId);
  }
  return (constructPath) => labels.get(constructPath) ?? constructPath;
}

export function readValidationReport(assemblyDir: string, label: ResourceLabeler): ValidationOutcome {
  const file = path.join(assemblyDir, VALIDATION_REPORT_FILE);
  const outcome: ValidationOutcome = { findings: [], other: [], pluginFailures: [] };
  if (!existsSync(file)) return outcome; // written whenever a plugin ran; absent = nothing ran
  const report = JSON.parse(readFileSync(file, 'utf8')) as ReportFile;
  const nagPlugins = new Set(NAG_PACKS.map((pack) => pack.name));
  const catalog = nagRuleCatalog();
  for (const plugin of report.pluginReports) {
    if (plugin.conclusion === 'failure' && plugin.violations.length === 0 && !plugin.suppressedViolations?.length) {
      outcome.pluginFailures.push(plugin.metadata?.error ?? `Validation plugin ${plugin.pluginName} failed without a report.`);
      continue;
    }
    if (!nagPlugins.has(plugin.pluginName)) {
      for (const v of plugin.violations) {
        outcome.other.push({
          plugin: plugin.pluginName,
          ruleName: v.ruleName,
          severity: v.customSeverity ?? v.severity,
          description: v.description,
          resources: v.violatingConstructs.map((c) => (c.constructPath ? label(c.constructPath) : (c.resourceLogicalId ?? '?'))),
        });
      }
      continue;
    }
    const toFindings = (violations: ReportViolation[] | undefined, suppressed: boolean) => {
      for (const v of violations ?? []) {
        const rule = catalog.get(baseRuleId(v.ruleName));
        const level: NagFinding['level'] = rule?.level ?? (v.severity === 'error' ? 'error' : 'warning');
        const explanation = rule ? `${rule.info} ${rule.explanation}` : v.description;
        for (const c of v.violatingConstructs) {
          outcome.findings.push({
            ruleId: v.ruleName,
            resource: c.constructPath ? label(c.constructPath) : (c.resourceLogicalId ?? '?'),
            level,
            explanation,
            suppressed,
            ...(suppressed ? { reason: v.reason ?? '' } : {}),
          });
        }
      }
    };
    toFindings(plugin.violations, false);
    toFindings(plugin.suppressedViolations, true);
  }
  return outcome;
}

/** Unacknowledged findings at or above a level. */
export function unacknowledged(findings: readonly NagFinding[], levels: readonly NagFinding['level'][] = ['error', 'warning', 'info']): NagFinding[] {
  return findings.filter((f) => !f.suppressed && levels.includes(f.level));
}
