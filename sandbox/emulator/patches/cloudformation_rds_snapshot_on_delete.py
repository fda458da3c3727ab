"""CloudFormation: a stack's AWS::RDS::DBInstance with DeletionPolicy Snapshot leaves a final snapshot.

Missing in moto 5.2.5: moto's CloudFormation ignores DeletionPolicy Snapshot (it knows only
Retain): DeleteStack deletes the DB instance without a final snapshot, so a deployment looks
gone without a trace while on AWS a manual DB snapshot (with its storage cost) stays behind.

Real AWS: "For resources that support snapshots (AWS::RDS::DBInstance, ...), CloudFormation
creates a snapshot for the resource before deleting it"; Snapshot is also the default policy
of an AWS::RDS::DBInstance that does not name a DBClusterIdentifier. The policy applies when
the stack is deleted and when an update removes the resource from the template, not when an
update replaces it.
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
The instance is deleted as DeleteDBInstance with a FinalDBSnapshotIdentifier deletes it: a
manual snapshot that carries the instance's tags when CopyTagsToSnapshot is on
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html).

What the patch does: when the stack deletes such an instance, moto's delete_db_instance is
called with a final snapshot identifier (<instance>-final-<suffix>: the name is the
emulator's, AWS does not document the one it generates), so DescribeDBSnapshots and the
tagging API show the snapshot after DeleteStack. A protected instance still refuses deletion
first (cloudformation_delete_failed.py).
"""

import random
import string
from typing import Any


def applies(resource_json: dict[str, Any]) -> bool:
    if resource_json.get("Type") != "AWS::RDS::DBInstance":
        return False
    policy = resource_json.get("DeletionPolicy")
    if policy is None:
        return not (resource_json.get("Properties") or {}).get("DBClusterIdentifier")
    return policy == "Snapshot"


def apply() -> None:
    from moto.cloudformation import parsing
    from moto.rds.models import rds_backends

    original = parsing.ResourceMap._delete_resource

    def _delete_resource(self: Any, parsed_resource: Any, resource_json: dict[str, Any]) -> None:
        if not applies(resource_json) or not hasattr(parsed_resource, "db_instance_identifier"):
            return original(self, parsed_resource, resource_json)
        backend = rds_backends[self._account_id][self._region_name]
        identifier = parsed_resource.db_instance_identifier
        if identifier not in backend.databases:
            return None
        suffix = "".join(random.choices(string.ascii_lowercase + string.digits, k=8))
        backend.delete_db_instance(identifier, final_db_snapshot_identifier=f"{identifier}-final-{suffix}"[:255])
        return None

    parsing.ResourceMap._delete_resource = _delete_resource
