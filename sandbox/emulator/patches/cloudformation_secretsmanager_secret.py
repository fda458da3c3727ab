"""CloudFormation: AWS::SecretsManager::Secret, with GenerateSecretString.

Missing in moto 5.2.5: moto's CloudFormation has no model for AWS::SecretsManager::Secret;
a stack skips the resource (the secret never exists) and `Ref` to it resolves to nothing.

Real AWS (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html):
- `Ref` returns the secret's ARN; `Fn::GetAtt <Secret>.Id` too.
- Name (optional; CloudFormation generates one), Description, KmsKeyId, Tags, and either
  SecretString or GenerateSecretString
  (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-secretsmanager-secret-generatesecretstring.html):
  a password made as GetRandomPassword makes it (PasswordLength default 32,
  ExcludeCharacters, ExcludeNumbers/Punctuation/Uppercase/Lowercase, IncludeSpace,
  RequireEachIncludedType default true); with SecretStringTemplate and GenerateStringKey
  the secret is the template's JSON object with the password under that key.
- An update changes Description, KmsKeyId and Tags in place; a new SecretString becomes a
  new AWSCURRENT version.
- DeletionPolicy Retain (what CDK gives a DB secret) keeps the secret when the stack goes;
  otherwise the stack's deletion calls DeleteSecret (the API's default recovery window).

What the patch does: a CloudFormationModel for the type whose handlers call moto's own
Secrets Manager backend (create_secret, update_secret, tag_resource, delete_secret), so a
stack's secret is the one CreateSecret would have made: DescribeSecret, GetSecretValue,
ListSecrets and the tagging API see it with its tags (the stack's tags included, see
cloudformation_stack_tags.py).
"""

import json
from typing import Any


def _truthy(value: Any, default: bool = False) -> bool:
    if value is None:
        return default
    return value is True or (isinstance(value, str) and value.lower() == "true")


def generated_secret_string(spec: dict[str, Any]) -> str:
    """The value GenerateSecretString asks for, made by moto's GetRandomPassword generator."""
    from moto.secretsmanager.utils import random_password

    password = random_password(
        int(spec.get("PasswordLength", 32)),
        spec.get("ExcludeCharacters", "") or "",
        _truthy(spec.get("ExcludeNumbers")),
        _truthy(spec.get("ExcludePunctuation")),
        _truthy(spec.get("ExcludeUppercase")),
        _truthy(spec.get("ExcludeLowercase")),
        _truthy(spec.get("IncludeSpace")),
        _truthy(spec.get("RequireEachIncludedType"), default=True),
    )
    template = spec.get("SecretStringTemplate")
    key = spec.get("GenerateStringKey")
    if template is None and key is None:
        return password
    if template is None or key is None:
        from moto.cloudformation.exceptions import ValidationError

        raise ValidationError(
            message="GenerateSecretString needs both SecretStringTemplate and GenerateStringKey, or neither."
        )
    document = json.loads(template)
    document[key] = password
    return json.dumps(document, separators=(",", ":"))


def apply() -> None:
    from moto.core.common_models import CloudFormationModel
    from moto.cloudformation import parsing
    from moto.secretsmanager.models import secretsmanager_backends

    class CloudFormationSecret(CloudFormationModel):

        # moto files models by the service named in their module (InstanceTrackerMeta).
        __module__ = "moto.secretsmanager.models"

        def __init__(self, arn: str, name: str, account_id: str, region_name: str):
            self.arn = arn
            self.name = name
            self.account_id = account_id
            self.region_name = region_name

        @staticmethod
        def cloudformation_type() -> str:
            return "AWS::SecretsManager::Secret"

        @staticmethod
        def cloudformation_name_type() -> str:
            return "Name"

        @property
        def physical_resource_id(self) -> str:
            return self.arn

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr == "Id"

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

            if attribute_name == "Id":
                return self.arn
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "CloudFormationSecret":
            properties = cloudformation_json.get("Properties") or {}
            backend = secretsmanager_backends[account_id][region_name]
            if "GenerateSecretString" in properties:
                secret_string = generated_secret_string(properties["GenerateSecretString"])
            else:
                secret_string = properties.get("SecretString")
            created = json.loads(
                backend.create_secret(
                    name=resource_name,
                    secret_string=secret_string,
                    secret_binary=None,
                    description=properties.get("Description"),
                    tags=properties.get("Tags") or None,
                    kms_key_id=properties.get("KmsKeyId"),
                    client_request_token=None,
                    replica_regions=properties.get("ReplicaRegions") or [],
                    force_overwrite=False,
                )
            )
            return cls(created["ARN"], created["Name"], account_id, region_name)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "CloudFormationSecret":
            properties = cloudformation_json.get("Properties") or {}
            backend = secretsmanager_backends[account_id][region_name]
            secret = backend.secrets[original_resource.arn]
            secret.description = properties.get("Description")
            if properties.get("KmsKeyId"):
                secret.kms_key_id = properties["KmsKeyId"]
            secret.tags = properties.get("Tags") or None
            if "SecretString" in properties and properties["SecretString"] != secret.secret_string:
                backend.put_secret_value(original_resource.arn, properties["SecretString"], None, None, ["AWSCURRENT"])
            return original_resource

        def delete(self, account_id: str, region_name: str) -> None:
            backend = secretsmanager_backends[account_id][region_name]
            if self.arn in backend.secrets:
                backend.delete_secret(self.arn, recovery_window_in_days=None, force_delete_without_recovery=False)

    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
