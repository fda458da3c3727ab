"""CloudFormation: AWS::ElastiCache::ReplicationGroup, through the patched ElastiCache backend.

Missing in moto 5.2.5: moto's CloudFormation has no model for the type; the stack skips it
(no Redis at all), and `Fn::GetAtt <Group>.PrimaryEndPoint.Address` resolves to nothing.

Real AWS (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html):
the properties are CreateReplicationGroup's
(https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html):
NumCacheClusters nodes placed in PreferredCacheClusterAZs or the subnet group's AZs,
AutomaticFailoverEnabled, MultiAZEnabled, Engine/EngineVersion, CacheNodeType, Port,
AtRestEncryptionEnabled, TransitEncryptionEnabled, AuthToken, SecurityGroupIds,
CacheSubnetGroupName, snapshot and maintenance windows, Tags. ReplicationGroupId is optional
(CloudFormation generates one within the API's constraints: at most 40 characters, lowercase
letters, digits and hyphens, starting with a letter). `Ref` returns the replication group's
ID; `Fn::GetAtt` gives PrimaryEndPoint.Address / .Port, ReaderEndPoint.Address / .Port,
ConfigurationEndPoint.Address / .Port (cluster mode) and ReadEndPoint.Addresses / .Ports
(quoted, comma-separated) and their .List forms. Description, node type, automatic failover,
Multi-AZ, snapshot settings, maintenance window, engine version and tags update in place
(ModifyReplicationGroup); a change of ID, engine, port, subnet group, at-rest encryption
or node placement replaces the group. Deleting the stack deletes the group and its member
clusters (CloudFormation waits until it is gone).

What the patch does: a CloudFormationModel whose create calls moto's create_replication_group
with the CloudFormation properties, so the emulator's own patches of that method apply as for
an API call (elasticache_num_cache_clusters.py: NumCacheClusters and AZ placement, AWS's
parameter rules; elasticache_member_clusters.py: the member cache clusters with their
security groups and tags). Update goes through modify_replication_group (the fields moto
has) and sets the others on the model; delete goes through delete_replication_group (which
removes the member clusters) and then forgets the group and its tags.
"""

import random
import re
import string
from typing import Any

# Properties whose change replaces the group (their "Update requires: Replacement").
_REPLACING = (
    "ReplicationGroupId",
    "Engine",
    "Port",
    "CacheSubnetGroupName",
    "AtRestEncryptionEnabled",
    "KmsKeyId",
    "PreferredCacheClusterAZs",
    "NumNodeGroups",
    "NodeGroupConfiguration",
    "SnapshotArns",
    "SnapshotName",
    "GlobalReplicationGroupId",
    "DataTieringEnabled",
    "NetworkType",
)


def _bool(value: Any) -> bool | None:
    if value is None:
        return None
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def generated_id(logical_id: str) -> str:
    """A replication group ID in the API's constraints: lowercase, <= 40, starts with a letter."""
    stem = re.sub(r"[^a-z0-9]", "", logical_id.lower())[:26] or "rg"
    if not stem[0].isalpha():
        stem = "rg" + stem[:24]
    return f"{stem}-{''.join(random.choices(string.ascii_lowercase + string.digits, k=13))}"


def apply() -> None:
    from moto.core.common_models import CloudFormationModel
    from moto.cloudformation import parsing
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
    from moto.elasticache.models import elasticache_backends

    class CloudFormationReplicationGroup(CloudFormationModel):

        # moto files models by the service named in their module (InstanceTrackerMeta).
        __module__ = "moto.elasticache.models"

        def __init__(self, group_id: str, account_id: str, region_name: str):
            self.group_id = group_id
            self.account_id = account_id
            self.region_name = region_name

        @staticmethod
        def cloudformation_type() -> str:
            return "AWS::ElastiCache::ReplicationGroup"

        @staticmethod
        def cloudformation_name_type() -> str:
            return "ReplicationGroupId"

        @property
        def physical_resource_id(self) -> str:
            return self.group_id

        def _group(self) -> Any:
            return elasticache_backends[self.account_id][self.region_name].replication_groups[self.group_id]

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr in (
                "PrimaryEndPoint.Address",
                "PrimaryEndPoint.Port",
                "ReaderEndPoint.Address",
                "ReaderEndPoint.Port",
                "ConfigurationEndPoint.Address",
                "ConfigurationEndPoint.Port",
                "ReadEndPoint.Addresses",
                "ReadEndPoint.Ports",
                "ReadEndPoint.Addresses.List",
                "ReadEndPoint.Ports.List",
            )

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            group = self._group()
            node_group = group.node_groups[0] if group.node_groups else {}
            port = str(group.port)
            if attribute_name == "ConfigurationEndPoint.Address" and group.cluster_enabled:
                return group.configuration_endpoint["address"]
            if attribute_name == "ConfigurationEndPoint.Port" and group.cluster_enabled:
                return port
            if group.cluster_enabled:
                raise UnformattedGetAttTemplateException()
            replicas = [m for m in node_group.get("node_group_members", []) if m.get("current_role") != "primary"]
            readers = [m["read_endpoint"]["address"] for m in replicas if m.get("read_endpoint")]
            values: dict[str, Any] = {
                "PrimaryEndPoint.Address": node_group.get("primary_endpoint_address"),
                "PrimaryEndPoint.Port": port,
                "ReaderEndPoint.Address": node_group.get("reader_endpoint_address"),
                "ReaderEndPoint.Port": port,
                "ReadEndPoint.Addresses": ",".join(f'"{a}"' for a in readers),
                "ReadEndPoint.Ports": ",".join(f'"{port}"' for _ in readers),
                "ReadEndPoint.Addresses.List": readers,
                "ReadEndPoint.Ports.List": [port for _ in readers],
            }
            if attribute_name not in values:
                raise UnformattedGetAttTemplateException()
            return values[attribute_name]

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "CloudFormationReplicationGroup":
            p = cloudformation_json.get("Properties") or {}
            group_id = p.get("ReplicationGroupId") or generated_id(kwargs.get("LogicalId") or resource_name)
            backend = elasticache_backends[account_id][region_name]
            group = backend.create_replication_group(
                replication_group_id=group_id.lower(),
                replication_group_description=p.get("ReplicationGroupDescription"),
                global_replication_group_id=p.get("GlobalReplicationGroupId"),
                primary_cluster_id=p.get("PrimaryClusterId"),
                automatic_failover_enabled=_bool(p.get("AutomaticFailoverEnabled")),
                multi_az_enabled=_bool(p.get("MultiAZEnabled")),
                num_cache_clusters=_int(p.get("NumCacheClusters")),
                preferred_cache_cluster_azs=list(p.get("PreferredCacheClusterAZs") or []),
                num_node_groups=_int(p.get("NumNodeGroups")),
                replicas_per_node_group=_int(p.get("ReplicasPerNodeGroup")),
                node_group_configuration=list(p.get("NodeGroupConfiguration") or []),
                cache_node_type=p.get("CacheNodeType"),
                engine=p.get("Engine"),
                engine_version=p.get("EngineVersion"),
                cache_parameter_group_name=p.get("CacheParameterGroupName"),
                cache_subnet_group_name=p.get("CacheSubnetGroupName"),
                cache_security_group_names=p.get("CacheSecurityGroupNames"),
                security_group_ids=p.get("SecurityGroupIds"),
                tags=p.get("Tags") or [],
                snapshot_arns=p.get("SnapshotArns"),
                snapshot_name=p.get("SnapshotName"),
                preferred_maintenance_window=p.get("PreferredMaintenanceWindow"),
                port=_int(p.get("Port")),
                notification_topic_arn=p.get("NotificationTopicArn"),
                auto_minor_version_upgrade=_bool(p.get("AutoMinorVersionUpgrade")),
                snapshot_retention_limit=_int(p.get("SnapshotRetentionLimit")),
                snapshot_window=p.get("SnapshotWindow"),
                auth_token=p.get("AuthToken"),
                transit_encryption_enabled=_bool(p.get("TransitEncryptionEnabled")),
                at_rest_encryption_enabled=_bool(p.get("AtRestEncryptionEnabled")),
                kms_key_id=p.get("KmsKeyId"),
                user_group_ids=p.get("UserGroupIds") or [],
                log_delivery_configurations=p.get("LogDeliveryConfigurations") or [],
                data_tiering_enabled=_bool(p.get("DataTieringEnabled")),
                network_type=p.get("NetworkType"),
                ip_discovery=p.get("IpDiscovery"),
                transit_encryption_mode=p.get("TransitEncryptionMode"),
                cluster_mode=p.get("ClusterMode"),
                serverless_cache_snapshot_name=None,
            )
            created = cls(group.replication_group_id, account_id, region_name)
            created.cloudmart_properties = p
            return created

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "CloudFormationReplicationGroup":
            p = cloudformation_json.get("Properties") or {}
            group = original_resource._group()
            current = {
                "ReplicationGroupId": group.replication_group_id,
                "Engine": group.engine,
                "Port": group.port,
                "CacheSubnetGroupName": group.cache_subnet_group_name,
                "AtRestEncryptionEnabled": group.at_rest_encryption_enabled,
                "KmsKeyId": group.kms_key_id,
            }
            replaced = any(
                key in p
                and (
                    str(p[key]).lower() != str(current[key]).lower()
                    if key in current
                    else p[key] != getattr(original_resource, "cloudmart_properties", {}).get(key)
                )
                for key in _REPLACING
            )
            if replaced:
                # Replacement: the new group first, then the old one goes (CloudFormation's order).
                replacement = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
                original_resource.delete(account_id, region_name)
                return replacement
            backend = elasticache_backends[account_id][region_name]
            backend.modify_replication_group(
                replication_group_id=group.replication_group_id,
                replication_group_description=p.get("ReplicationGroupDescription"),
                engine=None,
                cache_node_type=p.get("CacheNodeType"),
                automatic_failover_enabled=_bool(p.get("AutomaticFailoverEnabled")),
                multi_az_enabled=_bool(p.get("MultiAZEnabled")),
                snapshot_retention_limit=_int(p.get("SnapshotRetentionLimit", 0)),
            )
            if p.get("SnapshotWindow"):
                group.snapshot_window = p["SnapshotWindow"]
            if p.get("PreferredMaintenanceWindow"):
                group.preferred_maintenance_window = p["PreferredMaintenanceWindow"]
            if p.get("EngineVersion"):
                group.engine_version = p["EngineVersion"]
            if p.get("SecurityGroupIds") is not None:
                group.security_group_ids = p["SecurityGroupIds"]
            if p.get("TransitEncryptionEnabled") is not None:
                group.transit_encryption_enabled = bool(_bool(p["TransitEncryptionEnabled"]))
            backend.tagging_service.delete_all_tags_for_resource(group.arn)
            if p.get("Tags"):
                backend.tagging_service.tag_resource(group.arn, p["Tags"])
            group.tags = p.get("Tags") or []
            original_resource.cloudmart_properties = p
            return original_resource

        def delete(self, account_id: str, region_name: str) -> None:
            backend = elasticache_backends[account_id][region_name]
            if self.group_id not in backend.replication_groups:
                return
            group = backend.replication_groups[self.group_id]
            backend.delete_replication_group(self.group_id, retain_primary_cluster=False)
            backend.replication_groups.pop(self.group_id, None)
            backend.tagging_service.delete_all_tags_for_resource(group.arn)

    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
