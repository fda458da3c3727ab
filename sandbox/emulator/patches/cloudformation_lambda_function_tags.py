"""CloudFormation: a stack's AWS::Lambda::Function keeps its Tags.

Missing in moto 5.2.5: the CloudFormation handler of AWS::Lambda::Function passes a fixed
list of properties to CreateFunction and drops Tags, so a function created by a stack has no
tags at all: neither the template's nor the stack's (cloudformation_stack_tags.py adds those
to the Tags property). The reference Data stack's rotation function, created by the nested
stack of the Secrets Manager rotation application (cloudformation_sam_serverless_application.py),
then lacks the cleanup tags (cloudmart:student, cloudmart:expires-at) that tags.cleanup
requires of every taggable resource.

Real AWS: Tags is a property of AWS::Lambda::Function
(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html);
a stack's tags, and a nested stack's, are applied to the resources it creates
(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html);
ListTags and the tagging API return them.

What the patch does: after moto's handler has created (or updated) the function, the
template's Tags are set on it through moto's own TagResource, as CreateFunction with Tags
would have done.
"""

from typing import Any


def _tag_map(tags: Any) -> dict[str, str]:
    if isinstance(tags, dict):
        return {str(k): str(v) for k, v in tags.items()}
    return {t["Key"]: str(t["Value"]) for t in tags or [] if isinstance(t, dict) and "Key" in t}


def apply() -> None:
    from moto.awslambda.models import LambdaFunction
    from moto.awslambda.utils import get_backend

    original_create = LambdaFunction.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
    original_update = LambdaFunction.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        function = original_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        tags = _tag_map((cloudformation_json.get("Properties") or {}).get("Tags"))
        if tags:
            get_backend(account_id, region_name).tag_resource(function.function_arn, tags)
        return function

    def update_from_cloudformation_json(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> Any:
        function = original_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        function.tags.clear()
        tags = _tag_map((cloudformation_json.get("Properties") or {}).get("Tags"))
        if tags:
            get_backend(account_id, region_name).tag_resource(function.function_arn, tags)
        return function

    LambdaFunction.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    LambdaFunction.update_from_cloudformation_json = classmethod(update_from_cloudformation_json)
