"""CloudFormation: AWS::SecretsManager::ResourcePolicy attaches the policy to the secret.

Missing in moto 5.2.5: moto's CloudFormation has no model for the type; the secret keeps no
resource policy (GetResourcePolicy returns none).

Real AWS (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-resourcepolicy.html):
attaches ResourcePolicy (a JSON document or object) to the secret SecretId, as
PutResourcePolicy does (BlockPublicPolicy optional); `Ref` returns the secret's ARN; deleting
the resource removes the policy (DeleteResourcePolicy).
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html

What the patch does: a CloudFormationModel whose handlers call moto's own backend
(put_resource_policy, delete_resource_policy), so GetResourcePolicy shows the stack's policy.
"""

import json
from typing import Any


def apply() -> None:
    from moto.core.common_models import CloudFormationModel
    from moto.cloudformation import parsing
    from moto.secretsmanager.models import secretsmanager_backends

    class SecretResourcePolicy(CloudFormationModel):

        # moto files models by the service named in their module (InstanceTrackerMeta).
        __module__ = "moto.secretsmanager.models"

        def __init__(self, secret_arn: str):
            self.secret_arn = secret_arn

        @staticmethod
        def cloudformation_type() -> str:
            return "AWS::SecretsManager::ResourcePolicy"

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @property
        def physical_resource_id(self) -> str:
            return self.secret_arn

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr == "Id"

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

            if attribute_name == "Id":
                return self.secret_arn
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "SecretResourcePolicy":
            properties = cloudformation_json.get("Properties") or {}
            policy = properties["ResourcePolicy"]
            document = policy if isinstance(policy, str) else json.dumps(policy)
            backend = secretsmanager_backends[account_id][region_name]
            arn, _ = backend.put_resource_policy(properties["SecretId"], document)
            return cls(arn)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "SecretResourcePolicy":
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

        def delete(self, account_id: str, region_name: str) -> None:
            backend = secretsmanager_backends[account_id][region_name]
            if self.secret_arn in backend.secrets:
                backend.delete_resource_policy(self.secret_arn)

    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
