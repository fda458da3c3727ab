"""CloudFormation: a resource type the emulator cannot create is refused, never skipped.

Missing in moto 5.2.5: a resource whose type moto's CloudFormation has no model for (and no
patch adds) is skipped with a log line: the stack reaches CREATE_COMPLETE without it, so a
deployment could look complete while a resource of its template does not exist.

Real AWS: CloudFormation validates the template's resource types when the stack or the
change set is created; a type it does not know is refused with the ValidationError
"Template format error: Unrecognized resource types: [<types>]".
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html

What the patch does: CreateStack, UpdateStack and CreateChangeSet refuse a template with a
type the emulator cannot create, in AWS's shape (ValidationError, the types listed) and with
a sentence that says the emulator, not AWS, lacks them. Types moto deliberately ignores
(WaitCondition, WaitConditionHandle) are allowed. A transform's types (`AWS::Serverless::*`)
count as supported only if a patch gives them a model. A custom resource (Custom::*,
AWS::CloudFormation::CustomResource) counts only if a patch answers it: moto would invoke its
Lambda provider, which it can run only in Docker, and the stack would wait for ever.
"""

from typing import Any


def _unsupported_types(template_body: Any) -> list[str]:
    from moto.cloudformation import parsing
    from moto.cloudformation.custom_model import CustomModel
    from moto.cloudformation.models import Stack
    from moto.cloudformation.parsing import NULL_MODELS, get_model_map

    try:
        template = Stack.parse_template(template_body) if isinstance(template_body, str) else template_body
    except Exception:
        return []  # moto's own parser reports a malformed template
    if not isinstance(template, dict):
        return []
    known = get_model_map()
    missing = set()
    for resource in (template.get("Resources") or {}).values():
        resource_type = (resource or {}).get("Type", "")
        if resource_type in NULL_MODELS:
            continue
        if resource_type.startswith("Custom::") or resource_type == "AWS::CloudFormation::CustomResource":
            if parsing.resource_class_from_type(resource_type) in (CustomModel, None):
                missing.add(resource_type)
            continue
        if resource_type not in known:
            missing.add(resource_type)
    return sorted(missing)


def _refuse(template_body: Any) -> None:
    from moto.cloudformation.exceptions import ValidationError

    missing = _unsupported_types(template_body)
    if missing:
        raise ValidationError(
            message=(
                f"Template format error: Unrecognized resource types: [{', '.join(missing)}] "
                "(the local AWS emulator cannot create these resource types)"
            )
        )


def apply() -> None:
    from moto.cloudformation.models import CloudFormationBackend

    original_create_stack = CloudFormationBackend.create_stack
    original_update_stack = CloudFormationBackend.update_stack
    original_create_change_set = CloudFormationBackend.create_change_set

    def create_stack(self: Any, name: str, template: str, *args: Any, **kwargs: Any) -> Any:
        _refuse(template)
        return original_create_stack(self, name, template, *args, **kwargs)

    def update_stack(self: Any, name: str, template: str, *args: Any, **kwargs: Any) -> Any:
        _refuse(template)
        return original_update_stack(self, name, template, *args, **kwargs)

    def create_change_set(self: Any, stack_name: str, change_set_name: str, template: str, *args: Any, **kwargs: Any) -> Any:
        _refuse(template)
        return original_create_change_set(self, stack_name, change_set_name, template, *args, **kwargs)

    CloudFormationBackend.create_stack = create_stack
    CloudFormationBackend.update_stack = update_stack
    CloudFormationBackend.create_change_set = create_change_set
