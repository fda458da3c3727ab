"""CloudFormation: AWS::SecretsManager::RotationSchedule turns rotation on, as DescribeSecret shows.

Missing in moto 5.2.5: moto's CloudFormation has no model for the type, so a stack's secret
is never configured for rotation (DescribeSecret has no RotationEnabled). moto's own
RotateSecret also knows only RotationRules.AutomaticallyAfterDays: a ScheduleExpression
(what CDK writes: "rate(30 days)") and Duration are dropped.

Real AWS (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-rotationschedule.html):
configures rotation of SecretId with RotationLambdaARN (or a HostedRotationLambda, which
needs the AWS::SecretsManager-2020-07-23 transform) and RotationRules
(AutomaticallyAfterDays, ScheduleExpression, Duration); RotateImmediatelyOnUpdate says
whether the secret rotates at once. `Ref` returns the secret's ARN. DescribeSecret then
shows RotationEnabled true, RotationLambdaARN, RotationRules and NextRotationDate; in
DescribeSecret AutomaticallyAfterDays "is calculated from the rotation schedule"
(https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotationRulesType.html).
Deleting the resource cancels rotation (CancelRotateSecret: RotationEnabled false).

What the patch does: a CloudFormationModel that checks the secret and the rotation function
exist in moto's backends (RotateSecret's "Resource not found for ARN" otherwise) and records
the rotation on moto's secret; DescribeSecret returns the rules as given (with
AutomaticallyAfterDays computed from a `rate(N days)` schedule). The emulator runs no
rotation function code (its Lambda functions hold no runnable code), so the secret value
is not rotated: the four rotation steps AWS would run are not emulated. A
HostedRotationLambda is refused with one sentence (no transform for it here).
"""

import re
import time
from typing import Any

_RATE_DAYS = re.compile(r"^rate\((\d+) days?\)$")


def _days_of(rules: dict[str, Any]) -> int | None:
    if rules.get("AutomaticallyAfterDays") is not None:
        return int(rules["AutomaticallyAfterDays"])
    match = _RATE_DAYS.match(str(rules.get("ScheduleExpression", "")).strip())
    return int(match.group(1)) if match else None


def apply() -> None:
    from moto.core.common_models import CloudFormationModel
    from moto.cloudformation import parsing
    from moto.cloudformation.exceptions import ValidationError
    from moto.secretsmanager.exceptions import ResourceNotFoundException
    from moto.secretsmanager.models import FakeSecret, secretsmanager_backends

    original_to_dict = FakeSecret.to_dict

    def to_dict(self: Any) -> dict[str, Any]:
        out = original_to_dict(self)
        rules = getattr(self, "cloudmart_rotation_rules", None)
        if self.rotation_requested and rules is not None:
            out["RotationRules"] = rules
        return out

    FakeSecret.to_dict = to_dict

    class RotationSchedule(CloudFormationModel):

        # moto files models by the service named in their module (InstanceTrackerMeta).
        __module__ = "moto.secretsmanager.models"

        def __init__(self, secret_arn: str):
            self.secret_arn = secret_arn

        @staticmethod
        def cloudformation_type() -> str:
            return "AWS::SecretsManager::RotationSchedule"

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
        ) -> "RotationSchedule":
            properties = cloudformation_json.get("Properties") or {}
            if properties.get("HostedRotationLambda"):
                raise ValidationError(
                    message="The emulator has no AWS::SecretsManager-2020-07-23 transform: give the RotationSchedule a RotationLambdaARN instead of a HostedRotationLambda."
                )
            backend = secretsmanager_backends[account_id][region_name]
            secret = backend.describe_secret(properties["SecretId"])
            function_arn = properties.get("RotationLambdaARN")
            if not function_arn:
                raise ValidationError(message="A RotationSchedule needs a RotationLambdaARN.")
            from moto.awslambda.utils import get_backend

            try:
                get_backend(account_id, region_name).get_function(function_arn)
            except Exception:
                raise ResourceNotFoundException(f"Resource not found for ARN '{function_arn}'.")
            rules = {k: v for k, v in (properties.get("RotationRules") or {}).items() if k in ("AutomaticallyAfterDays", "ScheduleExpression", "Duration")}
            days = _days_of(rules)
            if days is not None:
                rules["AutomaticallyAfterDays"] = days
                secret.auto_rotate_after_days = days
                secret.next_rotation_date = int(time.time()) + days * 86400
            secret.rotation_requested = True
            secret.rotation_enabled = True
            secret.rotation_lambda_arn = function_arn
            secret.cloudmart_rotation_rules = rules
            return cls(secret.arn)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "RotationSchedule":
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

        def delete(self, account_id: str, region_name: str) -> None:
            backend = secretsmanager_backends[account_id][region_name]
            if self.secret_arn in backend.secrets:
                secret = backend.secrets[self.secret_arn]
                secret.rotation_enabled = False
                secret.next_rotation_date = None

    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
