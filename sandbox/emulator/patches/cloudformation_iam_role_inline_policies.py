"""CloudFormation: a stack's role keeps its inline Policies as JSON documents.

Missing in moto 5.2.5: the CloudFormation handler of AWS::IAM::Role stores each inline
policy's PolicyDocument as the Python object the template parser made, so GetRolePolicy
answers a Python repr (single quotes) instead of a JSON document; a check reading it cannot
parse it (iam.instance-role-least-privilege then says `error`).

Real AWS: GetRolePolicy returns the URL-encoded JSON policy document as put
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html); a role's
Policies property holds policy documents
(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html).

What the patch does: a policy document that is not text is stored as its JSON.
"""

import json
from typing import Any


def apply() -> None:
    from moto.iam.models import Role

    original = Role.put_policy

    def put_policy(self: Any, policy_name: str, policy_json: Any) -> None:
        if not isinstance(policy_json, str):
            policy_json = json.dumps(policy_json)
        original(self, policy_name, policy_json)

    Role.put_policy = put_policy
