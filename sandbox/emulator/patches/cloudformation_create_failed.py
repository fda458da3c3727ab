"""CloudFormation: a resource that fails to create rolls the stack back.

Missing in moto 5.2.5: when a resource's handler raises while a stack is created (a
subnet in a VPC that does not exist, an invalid property), CreateStack and ExecuteChangeSet
answer that error to the call itself and leave the stack CREATE_IN_PROGRESS with the
resources created so far; no event names the failed resource.

Real AWS: the API call succeeds and creation runs on; the failing resource gets a
CREATE_FAILED event whose ResourceStatusReason is the service's error, the stack goes
ROLLBACK_IN_PROGRESS, deletes what it created and ends ROLLBACK_COMPLETE with
"The following resource(s) failed to create: [<logical ids>]. Rollback requested by user."
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stack-failure-options.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html

Why we need it: `npm run deploy -- --target local` must fail with one sentence naming the
resource and why (what the CDK CLI prints from the events), not with an emulator 500, and
leave nothing half created.
"""

from typing import Any


def apply() -> None:
    from moto.cloudformation import parsing
    from moto.cloudformation.models import Event, Stack

    original_parse_and_create = parsing.parse_and_create_resource

    def parse_and_create_resource(logical_id: str, resource_json: dict[str, Any], resources_map: Any, account_id: str, region_name: str) -> Any:
        try:
            return original_parse_and_create(logical_id, resource_json, resources_map, account_id, region_name)
        except Exception as error:
            # Resources are created depth first (a Ref creates its target): keep the innermost.
            if not hasattr(error, "cloudmart_failed_resource"):
                error.cloudmart_failed_resource = (logical_id, resource_json.get("Type", ""))  # type: ignore[attr-defined]
            raise

    parsing.parse_and_create_resource = parse_and_create_resource

    original_create_resources = Stack.create_resources

    def create_resources(self: Any) -> None:
        try:
            original_create_resources(self)
        except Exception as error:
            logical_id, resource_type = getattr(error, "cloudmart_failed_resource", (self.name, "AWS::CloudFormation::Stack"))
            message = getattr(error, "message", None) or str(error)
            code = getattr(error, "code", None) or type(error).__name__
            self.events.append(
                Event(
                    stack_id=self.stack_id,
                    stack_name=self.name,
                    logical_resource_id=logical_id,
                    physical_resource_id="",
                    resource_type=resource_type,
                    resource_status="CREATE_FAILED",
                    resource_status_reason=f'Resource handler returned message: "{message}" (HandlerErrorCode: {code})',
                    resource_properties=None,
                )
            )
            reason = f"The following resource(s) failed to create: [{logical_id}]. Rollback requested by user."
            self._add_stack_event("ROLLBACK_IN_PROGRESS", resource_status_reason=reason)
            try:
                self.resource_map.delete()
            except Exception:
                pass  # what could not be rolled back stays, as a failed rollback would leave it
            self.status = "ROLLBACK_COMPLETE"
            self.stack_status_reason = reason
            self._add_stack_event("ROLLBACK_COMPLETE")

    Stack.create_resources = create_resources
