"""CloudFormation: a stack's AWS::ElastiCache::ReplicationGroup with DeletionPolicy Snapshot leaves a final snapshot.

Missing in moto 5.2.5: moto's CloudFormation ignores DeletionPolicy Snapshot (it knows only
Retain): DeleteStack deletes the replication group without a final backup, while on AWS a
snapshot (with its storage cost) stays behind.

Real AWS: "For resources that support snapshots (AWS::ElastiCache::ReplicationGroup, ...),
CloudFormation creates a snapshot for the resource before deleting it"; the policy applies
when the stack is deleted and when an update removes the resource, not when an update
replaces it.
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
A final snapshot of a replication group is what DeleteReplicationGroup with
FinalSnapshotIdentifier makes
(https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteReplicationGroup.html).

What the patch does: before the stack deletes such a group (cloudformation_elasticache_replication_group.py),
moto's own create_snapshot makes a snapshot of it (<group>-final-<suffix>: the name is the
emulator's, AWS does not document the one it generates), so DescribeSnapshots shows it after
DeleteStack.
"""

import random
import string
from typing import Any


def apply() -> None:
    from moto.cloudformation import parsing
    from moto.elasticache.models import elasticache_backends

    original = parsing.ResourceMap._delete_resource

    def _delete_resource(self: Any, parsed_resource: Any, resource_json: dict[str, Any]) -> None:
        if resource_json.get("Type") == "AWS::ElastiCache::ReplicationGroup" and resource_json.get("DeletionPolicy") == "Snapshot":
            backend = elasticache_backends[self._account_id][self._region_name]
            group_id = getattr(parsed_resource, "group_id", None)
            if group_id in backend.replication_groups:
                suffix = "".join(random.choices(string.ascii_lowercase + string.digits, k=8))
                backend.create_snapshot(
                    snapshot_name=f"{group_id}-final-{suffix}",
                    replication_group_id=group_id,
                    cache_cluster_id=None,
                    kms_key_id=None,
                    tags=None,
                )
        return original(self, parsed_resource, resource_json)

    parsing.ResourceMap._delete_resource = _delete_resource
