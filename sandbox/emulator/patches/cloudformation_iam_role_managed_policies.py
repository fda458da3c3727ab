"""CloudFormation: AWS::IAM::Role attaches its ManagedPolicyArns.

Missing in moto 5.2.5: the CloudFormation handler of AWS::IAM::Role creates the role and its
inline Policies but ignores ManagedPolicyArns, and an update changes only the description.
A role a stack gives AdministratorAccess has no managed policy at all in the emulator, so
`iam.instance-role-least-privilege` would pass a role AWS would hold with full access: a
silent pass.

Real AWS: "ManagedPolicyArns: A list of Amazon Resource Names (ARNs) of the IAM managed
policies that you want to attach to the role"; an update attaches the added ones and
detaches the removed ones; an ARN that does not exist fails the resource.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html

What the patch does: after moto creates the role, each ARN is attached through the backend's
attach_role_policy (NoSuchEntity for an unknown policy, as AWS); on update the attachments
are made to match the new list; when the stack deletes the role, CloudFormation's handler
detaches them first (IAM refuses DeleteRole while policies are attached: "Cannot delete
entity, must detach all policies first", https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html).
"""

from typing import Any


def apply() -> None:
    from moto.iam.models import Role, iam_backends
    from moto.utilities.utils import get_partition

    original_create = Role.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
    original_update = Role.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def attached(role: Any) -> set[str]:
        return {p.arn for p in role.managed_policies.values()}

    def sync(role: Any, wanted: list[str], account_id: str, region_name: str) -> None:
        backend = iam_backends[account_id][get_partition(region_name)]
        for arn in attached(role) - set(wanted):
            backend.detach_role_policy(arn, role.name)
        for arn in [a for a in wanted if a not in attached(role)]:
            backend.attach_role_policy(arn, role.name)

    def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        role = original_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        sync(role, list(cloudformation_json["Properties"].get("ManagedPolicyArns") or []), account_id, region_name)
        return role

    def update_from_cloudformation_json(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> Any:
        role = original_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        sync(role, list(cloudformation_json["Properties"].get("ManagedPolicyArns") or []), account_id, region_name)
        return role

    original_delete = Role.delete_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def delete_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> None:
        backend = iam_backends[account_id][get_partition(region_name)]
        for role in list(backend.roles.values()):
            if role.name == resource_name:
                sync(role, [], account_id, region_name)
        original_delete(cls, resource_name, cloudformation_json, account_id, region_name)

    Role.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    Role.delete_from_cloudformation_json = classmethod(delete_from_cloudformation_json)
    Role.update_from_cloudformation_json = classmethod(update_from_cloudformation_json)
