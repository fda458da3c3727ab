// The janitor's permissions: cleanup's own policy (cleanup/iam/policy.ts, generated from the
// operations the code declares), with the deletions of the tiers' main resources allowed only
// on resources that carry a cloudmart:student tag, where the service documents a resource-tag
// condition key for that action. IAM cannot compare the tag with a student it does not know,
// so the condition is "carries the tag"; which student's it is, cleanup decides (plan.ts).
// An action stays unconditioned where AWS documents no such key for it (or the resource it
// acts on cannot carry tags: a route, a security group rule, a NAT gateway's network
// interface), because a condition on a key AWS never sends denies every call.
// Publishing to its own topic is granted by the stack (topic.grantPublish), not here.
import type { PolicyDocument } from '../../checks/iam/policy';
import { STUDENT_TAG } from '../../checks/discovery/tags';
import { cleanupPolicy } from '../iam/policy';

export interface JanitorStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: '*';
  Condition?: Record<string, Record<string, string>>;
}

export interface JanitorPolicyDocument {
  Version: '2012-10-17';
  Statement: JanitorStatement[];
}

/** Deletions limited to tagged resources, by the condition key each service documents for them. */
export const TAG_CONDITIONED: readonly { actions: readonly string[]; key: string; source: string }[] = [
  {
    actions: ['autoscaling:DeleteAutoScalingGroup', 'autoscaling:UpdateAutoScalingGroup'],
    key: `autoscaling:ResourceTag/${STUDENT_TAG}`,
    source: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/security_iam_id-based-policy-examples.html',
  },
  {
    actions: ['rds:DeleteDBInstance', 'rds:ModifyDBInstance'],
    key: `rds:db-tag/${STUDENT_TAG}`,
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAM.SpecifyingCustomTags.html',
  },
  {
    actions: ['ec2:TerminateInstances'],
    key: `aws:ResourceTag/${STUDENT_TAG}`,
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_ec2-start-stop-match-tags.html',
  },
];

export function janitorPolicy(base: PolicyDocument = cleanupPolicy()): JanitorPolicyDocument {
  const conditioned = new Set(TAG_CONDITIONED.flatMap((c) => c.actions));
  const statements: JanitorStatement[] = base.Statement.map((s) => ({ ...s, Action: s.Action.filter((a) => !conditioned.has(a)) }));
  for (const [index, { actions, key }] of TAG_CONDITIONED.entries()) {
    const present = actions.filter((a) => base.Statement.some((s) => s.Action.includes(a)));
    if (present.length === 0) continue;
    statements.push({ Sid: `CloudMartJanitorTaggedOnly${index + 1}`, Effect: 'Allow', Action: present, Resource: '*', Condition: { Null: { [key]: 'false' } } });
  }
  return { Version: '2012-10-17', Statement: statements.filter((s) => s.Action.length > 0) };
}
