// The reference deployment as a student's `npm run deploy` leaves it: the six stacks that
// `npm run synth` writes (buildReferenceApp, one description of the reference), synthesized
// for the scenario's student and expiry, created by the emulator's CloudFormation in
// deployment order with the stack tags the CDK CLI passes. Not a copy of the stacks: a
// defect that can be expressed as a change to the templates edits them before they are
// created (`change`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Stack } from '@aws-sdk/client-cloudformation';
import { CreateStackCommand, DescribeStackEventsCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { buildReferenceApp, type CloudFormationTemplate } from '../../../stacks/app';
import type { ProfileName } from '../../../stacks/config';
import { buildWorkloadBundle } from '../../../stacks/workload/bundle';
import type { ScenarioContext } from '../scenario';

/** Where `cdk bootstrap` records its version; every synthesized stack's BootstrapVersion parameter reads it. */
const BOOTSTRAP_VERSION_PARAMETER = '/cdk-bootstrap/hnb659fds/version';
/** The version the CDK CLI 2.1148 bootstrap template writes (>= the 6 the templates' rule asks for). */
const BOOTSTRAP_VERSION = '30';

export interface SynthesizedStack {
  name: string;
  template: CloudFormationTemplate;
  /** The stack-level tags the CDK CLI passes to CreateChangeSet. */
  tags: Record<string, string>;
}

export interface ReferenceStacksOptions {
  profile?: ProfileName;
  /** Edits the synthesized templates (by stack name) before they are created: a defect. */
  change?: (templates: Record<string, CloudFormationTemplate>) => void;
}

let bundleDir: Promise<string> | undefined;

/**
 * Synthesized stacks by student, profile and expiry: a test file creates the same student's
 * reference many times (one per emulated account), and synthesis costs ~0.4 s each time.
 * Callers get copies, so a defect's `change` never edits the cached templates.
 */
const synthesized = new Map<string, Promise<SynthesizedStack[]>>();

/** The reference stacks of `student` in deployment order, synthesized without the nag gate (the stacks' own tests run it). */
export async function synthesizeReferenceStacks(student: string, expiresAt: string, profile: ProfileName = 'production'): Promise<SynthesizedStack[]> {
  const key = JSON.stringify([student, profile, expiresAt]);
  let stacks = synthesized.get(key);
  if (!stacks) {
    stacks = synthesize(student, expiresAt, profile);
    synthesized.set(key, stacks);
    stacks.catch(() => synthesized.delete(key));
  }
  return structuredClone(await stacks);
}

async function synthesize(student: string, expiresAt: string, profile: ProfileName): Promise<SynthesizedStack[]> {
  bundleDir ??= buildWorkloadBundle();
  const workloadBundleDir = await bundleDir;
  const outdir = mkdtempSync(path.join(tmpdir(), 'cloudmart-reference-'));
  try {
    const { app, stackList } = buildReferenceApp({ student, profile, expiresAt, workloadBundleDir, outdir, builtinValidation: false, nag: false });
    const assembly = app.synth();
    return stackList.map((stack) => {
      const artifact = assembly.getStackByName(stack.stackName);
      return { name: artifact.stackName, template: artifact.template as CloudFormationTemplate, tags: { ...artifact.tags } };
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Creates the stacks in the scenario's account and waits for each; a stack that does not reach CREATE_COMPLETE throws with CloudFormation's reason. */
export async function deployReferenceStacks(ctx: ScenarioContext, options: ReferenceStacksOptions = {}): Promise<void> {
  const stacks = await synthesizeReferenceStacks(ctx.student, ctx.expiresAt, options.profile);
  options.change?.(Object.fromEntries(stacks.map((s) => [s.name, s.template])));
  // The account is bootstrapped, as `npm run deploy` makes sure of.
  await ctx.clients.ssm.send(new PutParameterCommand({ Name: BOOTSTRAP_VERSION_PARAMETER, Value: BOOTSTRAP_VERSION, Type: 'String', Overwrite: true }));
  const { cloudformation } = ctx.clients;
  for (const stack of stacks) {
    await cloudformation.send(
      new CreateStackCommand({
        StackName: stack.name,
        TemplateBody: JSON.stringify(stack.template),
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
        Tags: Object.entries(stack.tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    const created = (await cloudformation.send(new DescribeStacksCommand({ StackName: stack.name }))).Stacks?.[0];
    if (created?.StackStatus !== 'CREATE_COMPLETE') throw new Error(await whyNotCreated(ctx, stack.name, created));
  }
}

async function whyNotCreated(ctx: ScenarioContext, name: string, stack: Stack | undefined): Promise<string> {
  const events = (await ctx.clients.cloudformation.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents ?? [];
  const failed = events.filter((e) => e.ResourceStatus?.endsWith('_FAILED')).map((e) => `${e.LogicalResourceId} (${e.ResourceType}): ${e.ResourceStatusReason}`);
  return `The emulator did not create ${name}: ${stack?.StackStatus ?? 'no stack'}${stack?.StackStatusReason ? `, ${stack.StackStatusReason}` : ''}${failed.length ? ` ${failed.join('; ')}` : ''}`;
}
