// Shared set-up of the stack tests: synthesize the reference app once per file (in
// beforeAll) and hand out assertion Templates by tier. The built-in CloudFormation
// validation is off here (it is not what these tests are about and costs seconds per synth).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildReferenceApp, synthesizeTemplates, type ReferenceApp, type ReferenceAppOptions } from '../app';
import type { ProfileName, StackSuffix } from '../config';
import type { CloudFormationTemplate } from '../template';

export const STUDENT = 'alice';
export const EXPIRES_AT = '2026-11-26T12:00:00Z';

/** Any directory serves as the workload bundle in stack tests: its content does not matter. */
export function fakeBundleDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-bundle-'));
  writeFileSync(path.join(dir, 'install.sh'), '#!/bin/bash\n# test bundle\n');
  return dir;
}

export interface Synthesized {
  reference: ReferenceApp;
  templates: Record<string, CloudFormationTemplate>;
  template(suffix: StackSuffix): Template;
  raw(suffix: StackSuffix): CloudFormationTemplate;
}

export function synthesize(profile: ProfileName, options: Partial<ReferenceAppOptions> = {}): Synthesized {
  const reference = buildReferenceApp({
    student: STUDENT,
    profile,
    expiresAt: EXPIRES_AT,
    workloadBundleDir: fakeBundleDir(),
    nag: false,
    builtinValidation: false,
    outdir: mkdtempSync(path.join(os.tmpdir(), 'cloudmart-cdk-out-')),
    ...options,
  });
  const templates = synthesizeTemplates(reference.app);
  const raw = (suffix: StackSuffix) => templates[`CloudMart-${STUDENT}-${suffix}`]!;
  const cache = new Map<StackSuffix, Template>();
  return {
    reference,
    templates,
    raw,
    template: (suffix) => {
      if (!cache.has(suffix)) cache.set(suffix, Template.fromJSON(raw(suffix)));
      return cache.get(suffix)!;
    },
  };
}

/** Resources of a type in a raw template, by logical ID. */
export function resourcesOf(template: CloudFormationTemplate, type: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(template.Resources)
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => [id, r.Properties ?? {}]),
  );
}

/** The logical ID an `Fn::ImportValue` export name or a Ref/GetAtt points at, for following references. */
export function refTarget(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return v.Ref;
  if (Array.isArray(v['Fn::GetAtt'])) return v['Fn::GetAtt'][0] as string;
  return undefined;
}

/**
 * Where a value points: a Ref/GetAtt in the same template, or an Fn::ImportValue followed
 * to the exporting stack's output. Returns the stack name and logical ID.
 */
export function pointsAt(templates: Record<string, CloudFormationTemplate>, stackName: string, value: unknown): { stack: string; logicalId: string } | undefined {
  const local = refTarget(value);
  if (local) return { stack: stackName, logicalId: local };
  const exportName = (value as { 'Fn::ImportValue'?: unknown } | undefined)?.['Fn::ImportValue'];
  if (typeof exportName !== 'string') return undefined;
  for (const [name, template] of Object.entries(templates)) {
    for (const output of Object.values(template.Outputs ?? {}) as { Export?: { Name?: string }; Value?: unknown }[]) {
      if (output.Export?.Name === exportName) {
        const target = refTarget(output.Value);
        return target ? { stack: name, logicalId: target } : undefined;
      }
    }
  }
  return undefined;
}
