// Every resource carries the deployment's cleanup tags (checks.md `tags.cleanup`): every
// taggable L1 resource in its template, every stack (CloudFormation copies stack tags to
// all resources that support tags), the instances and volumes the ASG launches.
import { CfnResource, Stack, TagManager } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { TAG_EXPIRES_AT, TAG_STUDENT } from '../tags';
import { EXPIRES_AT, STUDENT, resourcesOf, synthesize, type Synthesized } from './support';

let s: Synthesized;
const expected = { [TAG_STUDENT]: STUDENT, [TAG_EXPIRES_AT]: EXPIRES_AT };

beforeAll(() => {
  s = synthesize('lab');
});

/** Tags of a rendered resource, whichever of CloudFormation's three tag shapes it uses. */
function renderedTags(properties: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const key of ['Tags', 'BackupVaultTags', 'BackupPlanTags']) {
    const tags = properties[key];
    if (Array.isArray(tags)) return Object.fromEntries(tags.map((t: { Key: string; Value: unknown }) => [t.Key, t.Value]));
    if (tags && typeof tags === 'object') return tags as Record<string, unknown>;
  }
  return undefined;
}

describe('cleanup tags', () => {
  it('are on every taggable resource of every template', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const construct of s.reference.app.node.findAll()) {
      if (!CfnResource.isCfnResource(construct) || !TagManager.isTaggable(construct)) continue;
      const stack = Stack.of(construct);
      const logicalId = stack.resolve(construct.logicalId) as string;
      const rendered = s.templates[stack.stackName]!.Resources[logicalId];
      if (!rendered) continue; // e.g. a resource removed by an override
      checked++;
      const tags = renderedTags(rendered.Properties ?? {});
      for (const [key, value] of Object.entries(expected)) if (tags?.[key] !== value) missing.push(`${stack.stackName}/${logicalId} (${rendered.Type}) lacks ${key}`);
    }
    expect(checked).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('are on every stack, so CloudFormation also tags what no construct tags', () => {
    const assembly = s.reference.app.synth();
    for (const stack of assembly.stacks) {
      expect(stack.tags, stack.stackName).toMatchObject(expected);
      expect(stack.stackName.startsWith(`CloudMart-${STUDENT}-`)).toBe(true);
    }
    expect(assembly.stacks).toHaveLength(6);
  });

  it('propagate to the instances and volumes the Auto Scaling group launches', () => {
    const asg = Object.values(resourcesOf(s.raw('App'), 'AWS::AutoScaling::AutoScalingGroup'))[0]!;
    for (const [key, value] of Object.entries(expected)) {
      expect(asg.Tags).toEqual(expect.arrayContaining([{ Key: key, Value: value, PropagateAtLaunch: true }]));
    }
    const lt = Object.values(resourcesOf(s.raw('App'), 'AWS::EC2::LaunchTemplate'))[0]!;
    const specs = (lt.LaunchTemplateData as { TagSpecifications: { ResourceType: string; Tags: { Key: string; Value: string }[] }[] }).TagSpecifications;
    for (const type of ['instance', 'volume']) {
      const spec = specs.find((t) => t.ResourceType === type)!;
      expect(Object.fromEntries(spec.Tags.map((t) => [t.Key, t.Value]))).toMatchObject(expected);
    }
  });

  it('carry a default expiry of now plus the lab lifetime when none is given', () => {
    const before = Date.now();
    const fresh = synthesize('lab', { expiresAt: undefined });
    const expiresAt = Date.parse(fresh.reference.config.expiresAt);
    expect(expiresAt - before).toBeGreaterThanOrEqual(119 * 60_000);
    expect(expiresAt - before).toBeLessThanOrEqual(122 * 60_000);
    expect(fresh.reference.config.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
  });
});
