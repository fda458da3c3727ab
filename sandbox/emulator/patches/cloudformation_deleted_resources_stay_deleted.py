"""CloudFormation: reading a deleted resource of a stack never creates it again.

Missing in moto 5.2.5: a stack's ResourceMap creates a resource lazily the first time it is
looked up. DeleteStack deletes each resource and forgets it, so any later look-up
(ListStackResources or DescribeStackResources of the deleted stack by its id, as the CDK CLI
and our cleanup do to follow a deletion; or of a DELETE_FAILED stack) creates the resource
again: a DELETE_COMPLETE stack leaves a second, live copy of its load balancer, group,
database... and ListStackResources reports it CREATE_COMPLETE.

Real AWS: "For deleted stacks, ListStackResources returns resource information for up to 90
days after the stack has been deleted"; reading never creates anything, and a deleted
resource is reported DELETE_COMPLETE (one kept by DeletionPolicy Retain: DELETE_SKIPPED).
https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStackResources.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResourceSummary.html

What the patch does: ResourceMap.delete remembers each resource it deleted (logical id,
physical id, type); a later look-up answers that record instead of creating the resource;
ListStackResources reports the record's DELETE_COMPLETE, and DELETE_SKIPPED for what a
deleted stack retained.

Why we need it: destroy and cleanup follow a deletion with ListStackResources; without this
patch every deleted stack came back as live, tagged resources that cleanup then found.
"""

from typing import Any


class DeletedResource:
    """What remains of a deleted resource: what ListStackResources shows of it."""

    def __init__(self, logical_id: str, physical_id: str, resource_type: str):
        self.logical_resource_id = logical_id
        self.physical_resource_id = physical_id
        self.cf_resource_type = resource_type
        self.cloudmart_resource_status = "DELETE_COMPLETE"

    def is_created(self) -> bool:
        return True


def apply() -> None:
    from moto.cloudformation.parsing import ResourceMap
    from moto.cloudformation.responses import CloudFormationResponse

    original_delete = ResourceMap.delete
    original_getitem = ResourceMap.__getitem__

    def deleted_records(resource_map: Any) -> dict[str, DeletedResource]:
        if "_cloudmart_deleted" not in resource_map.__dict__:
            resource_map._cloudmart_deleted = {}
        return resource_map._cloudmart_deleted

    def delete(self: Any) -> None:
        before = {
            logical_id: (getattr(resource, "physical_resource_id", "") or "", getattr(resource, "cf_resource_type", "") or "")
            for logical_id, resource in self._parsed_resources.items()
            if logical_id in self._resource_json_map and resource is not None and not isinstance(resource, str)
        }
        try:
            original_delete(self)
        finally:
            for logical_id, (physical_id, resource_type) in before.items():
                if logical_id not in self._parsed_resources:
                    deleted_records(self)[logical_id] = DeletedResource(logical_id, physical_id, resource_type)
        for logical_id, resource_json in self._resource_json_map.items():
            if resource_json.get("DeletionPolicy") == "Retain" and logical_id in self._parsed_resources:
                kept = self._parsed_resources[logical_id]
                if kept is not None and not isinstance(kept, str):
                    kept.cloudmart_resource_status = "DELETE_SKIPPED"

    def getitem(self: Any, key: str) -> Any:
        record = deleted_records(self).get(key)
        if record is not None and key not in self._parsed_resources:
            return record
        return original_getitem(self, key)

    original_list = CloudFormationResponse.list_stack_resources

    def list_stack_resources(self: Any) -> Any:
        result = original_list(self)
        _stack, resources = self.cloudformation_backend.list_stack_resources(self._get_param("StackName"))
        statuses = {getattr(r, "logical_resource_id", ""): getattr(r, "cloudmart_resource_status", None) for r in resources}
        for summary in result.result.get("StackResourceSummaries", []):
            status = statuses.get(summary["LogicalResourceId"])
            if status:
                summary["ResourceStatus"] = status
        return result

    ResourceMap.delete = delete
    ResourceMap.__getitem__ = getitem
    CloudFormationResponse.list_stack_resources = list_stack_resources
