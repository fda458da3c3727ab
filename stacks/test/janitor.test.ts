// The janitor stack: it synthesizes with the reference app's cdk-nag gate and no
// unacknowledged finding (each acknowledgement reasoned); the gate stops it on a new
// finding; the Lambda runs the bundle's handler on the latest Node.js runtime, one run at a
// time, a dry run unless told `delete`, every 15 minutes by default (EventBridge Scheduler);
// its role has exactly the bundle's policy.json (tag-conditioned deletions included) and may
// publish only to its own topic; and nothing in it carries cloudmart:student (the janitor
// must never find itself).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildJanitorBundle } from '../../cleanup/janitor/bundle';
import { janitorPolicy } from '../../cleanup/janitor/policy';
import { buildJanitorApp, type JanitorAppOptions } from '../janitor/app';
import { cfnResourceLabeler, readValidationReport, unacknowledged, type ValidationOutcome } from '../nag/report';

let bundleDir: string;

function synth(options: Partial<JanitorAppOptions> = {}) {
  const built = buildJanitorApp({ bundleDir, throwOnFindings: false, outdir: mkdtempSync(path.join(os.tmpdir(), 'cloudmart-janitor-out-')), ...options });
  const assembly = built.app.synth();
  const outcome: ValidationOutcome = readValidationReport(assembly.directory, cfnResourceLabeler(built.app, { withStackName: true }));
  return { ...built, template: Template.fromStack(built.stack), raw: assembly.getStackByName(built.stack.stackName).template as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }, outcome };
}

beforeAll(async () => {
  bundleDir = await buildJanitorBundle(path.join(import.meta.dirname, '../../.tmp/janitor-bundle-stack-test'));
}, 120_000);

describe('the janitor stack', { timeout: 120_000 }, () => {
  it('passes the nag gate: no unacknowledged finding, every acknowledgement with its reason', () => {
    const { outcome } = synth();
    expect(outcome.pluginFailures).toEqual([]);
    expect(outcome.other).toEqual([]);
    expect(unacknowledged(outcome.findings)).toEqual([]);
    expect(outcome.findings.map((f) => f.ruleId).sort()).toEqual(['AwsSolutions-IAM5[Resource::*]', expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<Function\w+\.Arn>:\*\]$/)].sort());
    for (const f of outcome.findings) expect(f.reason?.length ?? 0).toBeGreaterThan(40);
  });

  it('stops at synth on a finding nobody acknowledged (the gate is live)', () => {
    const built = buildJanitorApp({ bundleDir, outdir: mkdtempSync(path.join(os.tmpdir(), 'cloudmart-janitor-out-')) });
    built.stack.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    expect(() => built.app.synth()).toThrow(/AwsSolutions-IAM5/);
  });

  it('runs the bundled handler on the latest Node.js runtime, one run at a time, a dry run by default, every 15 minutes', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Timeout: 900,
      ReservedConcurrentExecutions: 1,
      Environment: { Variables: { JANITOR_MODE: 'dry-run', JANITOR_LANG: 'ko', JANITOR_TOPIC_ARN: { Ref: Match.stringLikeRegexp('^Reports') } } },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(15 minutes)', State: 'ENABLED', Target: { RetryPolicy: { MaximumRetryAttempts: 0 } } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {});
  });

  it('deletes only when told `delete`, at the rate it is given', () => {
    const { template } = synth({ mode: 'delete', rateMinutes: 30, lang: 'en' });
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { JANITOR_MODE: 'delete', JANITOR_LANG: 'en' } } });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(30 minutes)' });
  });

  it('gives its role exactly the bundle’s policy (tag conditions included) and publish on its own topic only', () => {
    const { raw } = synth();
    const roles = Object.values(raw.Resources).filter((r) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties).includes('lambda.amazonaws.com'));
    expect(roles).toHaveLength(1);
    const inline = (roles[0]!.Properties!.Policies as { PolicyName: string; PolicyDocument: { Statement: unknown[] } }[]).find((p) => p.PolicyName === 'Cleanup')!;
    expect(inline.PolicyDocument.Statement).toEqual(janitorPolicy().Statement.map((s) => ({ ...s, Action: s.Action.length === 1 ? s.Action[0] : s.Action })));
    const publish = Object.values(raw.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => (r.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement)
      .filter((s) => [s.Action].flat().includes('sns:Publish'));
    expect(publish).toEqual([expect.objectContaining({ Action: 'sns:Publish', Resource: { Ref: expect.stringMatching(/^Reports/) } })]);
  });

  it('carries no cloudmart:student tag anywhere (the janitor is not a deployment)', () => {
    const { raw, stack } = synth();
    expect(Object.keys(stack.tags.tagValues()).filter((k) => k.startsWith('cloudmart:'))).toEqual([]);
    const tagged = Object.values(raw.Resources).filter((r) => JSON.stringify(r.Properties?.Tags ?? []).includes('cloudmart:'));
    expect(tagged).toEqual([]);
  });

  it('says in one sentence when the bundle has no policy.json', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-janitor-empty-'));
    writeFileSync(path.join(empty, 'index.mjs'), 'export const handler = () => {};\n');
    expect(() => buildJanitorApp({ bundleDir: empty })).toThrow(/^The janitor bundle has no readable .*policy\.json: build it with cleanup\/janitor\/bundle\.ts first/);
  });
});
