// The nag gate on any CloudFormation template (JSON or YAML), for students who built their
// deployment another way: the template is included with cloudformation-include into a
// throwaway app, the same packs run at synth, and the validation report gives the findings.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { parseDocument } from 'yaml';
import { UsageError } from '../../contract/errors';
import type { NagFinding } from '../../contract/report';
import { FEATURE_FLAGS } from '../feature-flags';
import { addNagGate } from './gate';
import { cfnResourceLabeler, readValidationReport } from './report';

export interface TemplateNagResult {
  template: string;
  findings: NagFinding[];
  pluginFailures: string[];
}

/** Runs the nag packs on a template file. A file that is not a readable CloudFormation template is a UsageError. */
export function nagTemplateFile(templateFile: string): TemplateNagResult {
  const file = path.resolve(templateFile);
  checkTemplateFile(templateFile, file);
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-nag-'));
  try {
    const app = new App({
      outdir,
      analyticsReporting: false,
      builtinCloudFormationValidation: false,
      context: { ...FEATURE_FLAGS, '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    const stack = new Stack(app, 'NagTemplate');
    try {
      new CfnInclude(stack, 'Template', { templateFile: file });
    } catch (error) {
      throw new UsageError(
        { ko: `${templateFile} 을(를) CloudFormation 템플릿으로 읽을 수 없습니다: ${firstLine(error)}`, en: `${templateFile} could not be read as a CloudFormation template: ${firstLine(error)}` },
        { cause: error },
      );
    }
    addNagGate(app);
    const assembly = app.synth();
    const outcome = readValidationReport(assembly.directory, cfnResourceLabeler(app, { withStackName: false }));
    return { template: templateFile, findings: outcome.findings, pluginFailures: outcome.pluginFailures };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** One clear sentence for a missing, unreadable, non-JSON/YAML or non-CloudFormation file. */
function checkTemplateFile(name: string, file: string): void {
  let text: string;
  try {
    if (!statSync(file).isFile()) {
      throw new UsageError({ ko: `${name} 은(는) 파일이 아닙니다. CloudFormation 템플릿(JSON 또는 YAML)을 주세요.`, en: `${name} is not a file: pass a CloudFormation template (JSON or YAML).` });
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(
      {
        ko: `템플릿 ${name} 을(를) 읽을 수 없습니다: ${missing ? '그런 파일이 없습니다' : firstLine(error)}.`,
        en: `Cannot read the template ${name}: ${missing ? 'no such file' : firstLine(error)}.`,
      },
      { cause: error },
    );
  }
  // JSON is YAML. CloudFormation's short-form tags (!Ref, !Sub...) are unknown to the YAML
  // parser and only warned about; cloudformation-include reads them properly later.
  const parsed = parseDocument(text);
  if (parsed.errors.length > 0) {
    const why = firstLine(parsed.errors[0]);
    throw new UsageError({ ko: `${name} 은(는) JSON도 YAML도 아닙니다: ${why}`, en: `${name} is neither JSON nor YAML: ${why}` });
  }
  const document: unknown = parsed.toJS();
  const resources = (document as { Resources?: unknown } | null)?.Resources;
  if (!document || typeof document !== 'object' || Array.isArray(document) || !resources || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new UsageError({ ko: `${name} 은(는) CloudFormation 템플릿이 아닙니다: Resources 섹션이 없습니다.`, en: `${name} is not a CloudFormation template: it has no Resources section.` });
  }
  for (const [logicalId, resource] of Object.entries(resources as Record<string, unknown>)) {
    const type = (resource as { Type?: unknown } | null)?.Type;
    if (typeof type !== 'string' || !type.includes('::')) {
      throw new UsageError({
        ko: `${name} 은(는) 올바른 CloudFormation 템플릿이 아닙니다: 리소스 ${logicalId} 에 Type 이 없습니다.`,
        en: `${name} is not a valid CloudFormation template: resource ${logicalId} has no Type.`,
      });
    }
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).replace(/[.:]\s*$/, '') + '.';
}
