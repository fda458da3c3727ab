// IAM (global): the instance profiles the launch templates name, their roles, the
// policies attached to those roles, and the documents of the inline and customer-managed
// ones (AWS-managed policies are known by name: AdministratorAccess is enough to judge).
// Also the tags of the deployment's roles: the tagging API never returns IAM roles, so
// iam:ListRoleTags is the only place they can be read.
import type { InstanceProfile } from '@aws-sdk/client-iam';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import { serialize } from '../inventory/serialize';
import type { Collected, InstanceRole, PolicyDocumentRef, Serialized, Tags } from '../inventory/types';
import { mapLimit } from '../../contract/bounded';
import { allPages, attempt } from './collected';
import { awsSdk } from '../aws/sdk';

const {
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  IAMClient,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  paginateListRoleTags,
} = awsSdk('@aws-sdk/client-iam');

export const OPERATIONS = declareOperations('iam', [
  'GetInstanceProfile',
  'ListAttachedRolePolicies',
  'ListRolePolicies',
  'GetRolePolicy',
  'GetPolicy',
  'GetPolicyVersion',
  'ListRoleTags',
]);

export interface IamCollected {
  instanceProfiles: Collected<Serialized<InstanceProfile>[]>;
  instanceRoles: Collected<InstanceRole[]>;
}

/** `profiles` are instance profile names or ARNs, as a launch template names them. */
export async function describeInstanceProfiles(session: AwsSession, profiles: string[]): Promise<IamCollected> {
  const client = session.client(IAMClient, 'iam');
  const names = [...new Set(profiles.map((p) => (p.startsWith('arn:') ? p.split('/').pop()! : p)))];
  const fetched = await attempt('iam:GetInstanceProfile', () =>
    mapLimit(names, 8, async (name) => (await client.send(new GetInstanceProfileCommand({ InstanceProfileName: name }))).InstanceProfile),
  );
  if (fetched.status !== 'collected') return { instanceProfiles: fetched, instanceRoles: fetched };
  const instanceProfiles = fetched.data.filter((p): p is InstanceProfile => p !== undefined);
  const roles = instanceProfiles.flatMap((profile) => (profile.Roles ?? []).map((role) => ({ profile, role })));

  const [attached, inline] = await Promise.all([
    attempt('iam:ListAttachedRolePolicies', () =>
      mapLimit(roles, 8, ({ role }) => allPages(paginateListAttachedRolePolicies({ client }, { RoleName: role.RoleName }), (p) => p.AttachedPolicies)),
    ),
    attempt('iam:ListRolePolicies', () =>
      mapLimit(roles, 8, ({ role }) => allPages(paginateListRolePolicies({ client }, { RoleName: role.RoleName }), (p) => p.PolicyNames)),
    ),
  ]);
  if (attached.status !== 'collected') return { instanceProfiles: collectedProfiles(instanceProfiles), instanceRoles: attached };
  if (inline.status !== 'collected') return { instanceProfiles: collectedProfiles(instanceProfiles), instanceRoles: inline };

  const customerManaged = [...new Set(attached.data.flat().map((p) => p.PolicyArn!).filter((arn) => arn && !/^arn:[^:]+:iam::aws:policy\//.test(arn)))];
  const [managedDocs, inlineDocs] = await Promise.all([
    managedPolicyDocuments(session, customerManaged),
    attempt('iam:GetRolePolicy', () =>
      mapLimit(roles, 8, ({ role }, index) =>
        mapLimit(inline.data[index] ?? [], 8, async (policyName): Promise<PolicyDocumentRef> => {
          const out = await client.send(new GetRolePolicyCommand({ RoleName: role.RoleName, PolicyName: policyName }));
          return { name: policyName, document: decodeURIComponent(out.PolicyDocument ?? '') };
        }),
      ),
    ),
  ]);
  if (managedDocs.status !== 'collected') return { instanceProfiles: collectedProfiles(instanceProfiles), instanceRoles: managedDocs };
  if (inlineDocs.status !== 'collected') return { instanceProfiles: collectedProfiles(instanceProfiles), instanceRoles: inlineDocs };

  const instanceRoles: InstanceRole[] = roles.map(({ profile, role }, index) => {
    const attachedPolicies = attached.data[index] ?? [];
    return {
      roleName: role.RoleName ?? '',
      roleArn: role.Arn ?? '',
      instanceProfileArn: profile.Arn ?? '',
      attachedPolicies: serialize(attachedPolicies),
      policyDocuments: [
        ...attachedPolicies.flatMap((p) => managedDocs.data.filter((d) => d.arn === p.PolicyArn)),
        ...(inlineDocs.data[index] ?? []),
      ],
    };
  });
  return { instanceProfiles: collectedProfiles(instanceProfiles), instanceRoles: { status: 'collected', data: instanceRoles } };
}

async function managedPolicyDocuments(session: AwsSession, arns: string[]): Promise<Collected<PolicyDocumentRef[]>> {
  const client = session.client(IAMClient, 'iam');
  const policies = await attempt('iam:GetPolicy', () => mapLimit(arns, 8, async (arn) => (await client.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy));
  if (policies.status !== 'collected') return policies;
  return attempt('iam:GetPolicyVersion', () =>
    mapLimit(policies.data, 8, async (policy, index): Promise<PolicyDocumentRef> => {
      const arn = policy?.Arn ?? arns[index]!;
      const out = await client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy?.DefaultVersionId ?? 'v1' }));
      return { name: policy?.PolicyName ?? arn.split('/').pop()!, arn, document: decodeURIComponent(out.PolicyVersion?.Document ?? '') };
    }),
  );
}

function collectedProfiles(profiles: InstanceProfile[]): Collected<Serialized<InstanceProfile>[]> {
  return { status: 'collected', data: serialize(profiles) };
}

/** The tags of each role (by role name), one paginated iam:ListRoleTags per role. */
export async function roleTags(session: AwsSession, roleNames: string[]): Promise<Collected<Record<string, Tags>>> {
  const client = session.client(IAMClient, 'iam');
  const names = [...new Set(roleNames)];
  return attempt('iam:ListRoleTags', async () => {
    const lists = await mapLimit(names, 8, (RoleName) => allPages(paginateListRoleTags({ client }, { RoleName }), (p) => p.Tags));
    return Object.fromEntries(names.map((name, index) => [name, Object.fromEntries((lists[index] ?? []).map((t) => [t.Key ?? '', t.Value ?? '']))]));
  });
}
