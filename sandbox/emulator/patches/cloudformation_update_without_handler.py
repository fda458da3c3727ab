"""CloudFormation: UpdateStack keeps a resource whose moto model has no update handler.

Missing in moto 5.2.5: when an update changes a resource whose model implements no
`update_from_cloudformation_json` (AWS::Logs::LogGroup, among others), moto replaces the
resource in the stack by None: the resource stays in the account unchanged, the stack
forgets it, `Ref` to it resolves to nothing (outputs and exports vanish) and DeleteStack
leaves it behind.

Real AWS: an update changes the resource in place or replaces it (a new physical resource,
then the old one deleted), according to the changed property's "Update requires" rule; the
stack keeps tracking the resource either way.
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-update-behaviors.html

What the patch does: for such a model the changed resource is deleted and created again
from the new properties (so a fixed name can be reused, as an in-place update would keep
it); the stack tracks the new one. Models with an update handler are moto's.
"""

from typing import Any


def apply() -> None:
    from moto.cloudformation import parsing

    original_update = parsing.parse_and_update_resource

    def parse_and_update_resource(logical_id: str, resource_json: dict[str, Any], resources_map: Any, account_id: str, region_name: str) -> Any:
        resource_class = parsing.resource_class_from_type(resource_json.get("Type", ""))
        if resource_class is None or not hasattr(resource_class.update_from_cloudformation_json, "__isabstractmethod__"):
            return original_update(logical_id, resource_json, resources_map, account_id, region_name)
        old = resources_map[logical_id]
        if old is not None:
            old_json = resources_map._resource_json_map.get(logical_id, resource_json)
            resources_map._delete_resource(old, old_json)
        return parsing.parse_and_create_resource(logical_id, resource_json, resources_map, account_id, region_name)

    parsing.parse_and_update_resource = parse_and_update_resource
