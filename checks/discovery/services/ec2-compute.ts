// EC2 reached through the Auto Scaling groups: the launch templates they use (and any
// template of a stack or tagged), and their instances (and any instance of a stack or tagged).
import type { LaunchTemplateUse } from '../../collectors/ec2';
import { dataOr, derive } from '../../collectors/collected';
import type { GraphContext } from '../graph-context';
import { CFN } from '../resource-types';
import type { RegionLists, Selection } from '../selection';
import { tagRecord } from '../tags';

export function selectLaunchTemplates(
  ctx: GraphContext,
  lists: { ec2: Pick<RegionLists['ec2'], 'launchTemplates'> },
  found: Pick<Selection, 'autoScalingGroups'>,
): Pick<Selection, 'launchTemplateUses'> {
  const { isSeed, ours, take } = ctx;
  const uses = new Map<string, LaunchTemplateUse>();
  for (const g of dataOr(found.autoScalingGroups, [])) {
    const spec = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
    if (!spec) continue;
    const key = spec.LaunchTemplateId ?? `name:${spec.LaunchTemplateName}`;
    const use = uses.get(key) ?? {
      ...(spec.LaunchTemplateId ? { launchTemplateId: spec.LaunchTemplateId } : { launchTemplateName: spec.LaunchTemplateName! }),
      versions: [],
    };
    const version = spec.Version ?? '$Default';
    if (!use.versions.includes(version)) use.versions.push(version);
    uses.set(key, use);
  }
  const launchTemplates = dataOr(lists.ec2.launchTemplates, []);
  for (const use of uses.values()) {
    const lt = launchTemplates.find((t) => t.LaunchTemplateId === use.launchTemplateId || (use.launchTemplateName && t.LaunchTemplateName === use.launchTemplateName));
    const id = lt?.LaunchTemplateId ?? use.launchTemplateId;
    if (id) take(CFN.lt, id, { tags: lt ? tagRecord(lt.Tags) : null });
  }
  for (const lt of launchTemplates) if (isSeed(CFN.lt, lt.LaunchTemplateId) || ours(tagRecord(lt.Tags))) take(CFN.lt, lt.LaunchTemplateId!, { tags: tagRecord(lt.Tags) }, 'tag');
  return { launchTemplateUses: [...uses.values()] };
}

export function selectInstances(
  ctx: GraphContext,
  lists: { ec2: Pick<RegionLists['ec2'], 'instances'> },
  found: Pick<Selection, 'autoScalingGroups'>,
): Pick<Selection['ec2'], 'instances'> {
  const { isSeed, ours, foreign, take } = ctx;
  const asgInstanceIds = new Set(dataOr(found.autoScalingGroups, []).flatMap((g) => (g.Instances ?? []).map((i) => i.InstanceId!)));
  const instances = derive(lists.ec2.instances, (all) =>
    all.filter((i) => !foreign(tagRecord(i.Tags)) && (asgInstanceIds.has(i.InstanceId!) || isSeed(CFN.instance, i.InstanceId) || ours(tagRecord(i.Tags)))),
  );
  // An instance of the groups was reached through them, even when it carries the tag.
  for (const i of dataOr(instances, [])) take(CFN.instance, i.InstanceId!, { tags: tagRecord(i.Tags) }, ours(tagRecord(i.Tags)) && !asgInstanceIds.has(i.InstanceId!) ? 'tag' : 'graph');
  return { instances };
}
