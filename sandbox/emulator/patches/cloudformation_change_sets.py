"""CloudFormation: ExecuteChangeSet deploys a stack as CreateStack/UpdateStack do.

Missing in moto 5.2.5: ExecuteChangeSet only runs the resource map's update, so a stack
created through a change set (what the CDK CLI does: CreateChangeSet + ExecuteChangeSet)
has its resources but no outputs' exports (a later stack's Fn::ImportValue fails with
"No export named ... found"), no stack description, and an UPDATE change set never
refreshes the stack's outputs, exports or tags.

Real AWS: executing a change set "updates the stack using the changes in the change set";
for a change set of type CREATE the stack is created from the change set's template, its
outputs and exports exist once it is CREATE_COMPLETE.
https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ExecuteChangeSet.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-exports.html

What the patch does: a CREATE change set creates the stack exactly as moto's CreateStack
does (resource map from the change set's template and parameters, exports unique in the
region and registered, create events); an UPDATE change set goes through moto's
UpdateStack (Stack.update) and then re-registers the stack's exports. A failure while
creating is left to `cloudformation_create_failed.py` (the stack rolls back).
"""

from typing import Any


def apply() -> None:
    from moto.cloudformation.exceptions import ValidationError
    from moto.cloudformation.models import CloudFormationBackend

    def find_change_set(backend: Any, change_set_name: str, stack_name: str | None) -> Any:
        if change_set_name in backend.change_sets:
            return backend.change_sets[change_set_name]
        for change_set in backend.change_sets.values():
            if change_set.change_set_name == change_set_name and (
                stack_name is None or stack_name in (change_set.stack_name, change_set.stack_id)
            ):
                return change_set
        raise ValidationError(stack_name, message=f"ChangeSet [{change_set_name}] does not exist")

    def register_exports(backend: Any, stack: Any) -> None:
        for name in [name for name, export in backend.exports.items() if export.exporting_stack_id == stack.stack_id]:
            backend.exports.pop(name)
        backend._validate_export_uniqueness(stack)
        for export in stack.exports:
            backend.exports[export.name] = export

    def execute_change_set(self: Any, change_set_name: str, stack_name: str | None = None) -> None:
        change_set = find_change_set(self, change_set_name, stack_name)
        if change_set.execution_status != "AVAILABLE":
            raise ValidationError(
                change_set.stack_name,
                message=f"ChangeSet [{change_set.change_set_id}] cannot be executed in its current execution status of [{change_set.execution_status}]",
            )
        stack = self.stacks[change_set.stack_id]
        change_set.execution_status = "EXECUTE_IN_PROGRESS"
        if change_set.change_set_type == "CREATE":
            stack.template = change_set.template
            stack._parse_template()
            stack.parameters = change_set.parameters
            if change_set.tags:
                stack.tags = change_set.tags
            # moto made the REVIEW_IN_PROGRESS stack without the region's exports: Fn::ImportValue needs them.
            stack.cross_stack_resources = self.exports
            stack.resource_map = stack._create_resource_map()
            stack.output_map = stack._create_output_map()
            self._validate_export_uniqueness(stack)
            stack._add_stack_event("CREATE_IN_PROGRESS", resource_status_reason="User Initiated")
            stack.create_resources()
            if stack.status == "CREATE_COMPLETE":
                register_exports(self, stack)
        else:
            stack.update(
                change_set.template,
                role_arn=change_set.role_arn,
                parameters=self._resolve_update_parameters(
                    instance=stack,
                    incoming_params=[{"ParameterKey": k, "ParameterValue": v} for k, v in (change_set.parameters or {}).items()],
                ),
                tags=change_set.tags,
            )
            register_exports(self, stack)
        change_set.execution_status = "EXECUTE_COMPLETE"

    CloudFormationBackend.execute_change_set = execute_change_set
