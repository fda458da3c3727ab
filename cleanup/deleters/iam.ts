// IAM roles: out of their instance profiles, policies detached and deleted, then the role.
import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, type Deleter } from '../deleter';
import { awsSdk } from '../../checks/aws/sdk';

const {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  IAMClient,
  paginateListAttachedRolePolicies,
  paginateListInstanceProfilesForRole,
  paginateListRolePolicies,
  RemoveRoleFromInstanceProfileCommand,
} = awsSdk('@aws-sdk/client-iam');

export const OPERATIONS = declareOperations('iam', [
  'ListInstanceProfilesForRole',
  'RemoveRoleFromInstanceProfile',
  'ListAttachedRolePolicies',
  'DetachRolePolicy',
  'ListRolePolicies',
  'DeleteRolePolicy',
  'DeleteRole',
]);

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::IAM::Role',
    rank: 40,
    async remove(r, ctx) {
      const client = ctx.session.client(IAMClient, 'iam');
      const RoleName = r.id;
      await ignoringGone(async () => {
        for await (const page of paginateListInstanceProfilesForRole({ client }, { RoleName })) {
          for (const p of page.InstanceProfiles ?? []) await client.send(new RemoveRoleFromInstanceProfileCommand({ RoleName, InstanceProfileName: p.InstanceProfileName }));
        }
        for await (const page of paginateListAttachedRolePolicies({ client }, { RoleName })) {
          for (const p of page.AttachedPolicies ?? []) await client.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: p.PolicyArn }));
        }
        for await (const page of paginateListRolePolicies({ client }, { RoleName })) {
          for (const name of page.PolicyNames ?? []) await client.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: name }));
        }
        await client.send(new DeleteRoleCommand({ RoleName }));
      });
    },
  },
];
