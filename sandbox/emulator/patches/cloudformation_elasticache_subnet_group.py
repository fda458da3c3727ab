"""CloudFormation: AWS::ElastiCache::SubnetGroup.

Missing in moto 5.2.5: moto's CloudFormation has no model for the type; the stack skips it,
so a replication group naming it by `Ref` gets no subnet group (and no AZs to place its
nodes in).

Real AWS (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-subnetgroup.html):
CacheSubnetGroupName (optional: CloudFormation generates one), Description, SubnetIds, Tags;
`Ref` returns the subnet group's name. ElastiCache stores the name in lowercase
(https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheSubnetGroup.html:
"Example: mysubnetgroup", the name is a lowercase string). Description and SubnetIds update
in place (ModifyCacheSubnetGroup); a new name replaces the group. A group a replication
group still uses cannot be deleted (DeleteCacheSubnetGroup: CacheSubnetGroupInUse).

What the patch does: a CloudFormationModel whose handlers call moto's own backend
(create_cache_subnet_group, which tags it, and the group's fields for an update), so
DescribeCacheSubnetGroups and the tagging API see what CreateCacheSubnetGroup would have made.
"""

from typing import Any


def apply() -> None:
    from moto.core.common_models import CloudFormationModel
    from moto.cloudformation import parsing
    from moto.elasticache.exceptions import ElastiCacheException
    from moto.elasticache.models import CacheSubnetGroup, elasticache_backends

    class CloudFormationCacheSubnetGroup(CloudFormationModel):

        # moto files models by the service named in their module (InstanceTrackerMeta).
        __module__ = "moto.elasticache.models"

        def __init__(self, name: str):
            self.name = name

        @staticmethod
        def cloudformation_type() -> str:
            return "AWS::ElastiCache::SubnetGroup"

        @staticmethod
        def cloudformation_name_type() -> str:
            return "CacheSubnetGroupName"

        @property
        def physical_resource_id(self) -> str:
            return self.name

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return False

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "CloudFormationCacheSubnetGroup":
            properties = cloudformation_json.get("Properties") or {}
            backend = elasticache_backends[account_id][region_name]
            group = backend.create_cache_subnet_group(
                cache_subnet_group_name=resource_name.lower(),
                cache_subnet_group_description=properties.get("Description", ""),
                subnet_ids=list(properties.get("SubnetIds") or []),
                tags=properties.get("Tags") or None,
            )
            return cls(group.cache_subnet_group_name)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "CloudFormationCacheSubnetGroup":
            properties = cloudformation_json.get("Properties") or {}
            backend = elasticache_backends[account_id][region_name]
            wanted_name = properties.get("CacheSubnetGroupName")
            if wanted_name and wanted_name.lower() != original_resource.name:
                replacement = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
                original_resource.delete(account_id, region_name)
                return replacement
            old = backend.cache_subnet_groups[original_resource.name]
            # Rebuilt by moto's own constructor so the subnets' AZs and VPC are read again.
            fresh = CacheSubnetGroup(
                account_id=account_id,
                region_name=region_name,
                cache_subnet_group_name=old.cache_subnet_group_name,
                cache_subnet_group_description=properties.get("Description", old.cache_subnet_group_description),
                subnet_ids=list(properties.get("SubnetIds") or old.subnet_ids),
                tags=properties.get("Tags") or None,
            )
            backend.cache_subnet_groups[old.cache_subnet_group_name] = fresh
            backend.tagging_service.delete_all_tags_for_resource(fresh.arn)
            if properties.get("Tags"):
                backend.tagging_service.tag_resource(fresh.arn, properties["Tags"])
            return original_resource

        def delete(self, account_id: str, region_name: str) -> None:
            backend = elasticache_backends[account_id][region_name]
            users = [g.replication_group_id for g in backend.replication_groups.values() if g.cache_subnet_group_name == self.name]
            if users:
                # DeleteCacheSubnetGroup: CacheSubnetGroupInUse. DeleteStack tries again after the group's users are gone.
                raise ElastiCacheException("CacheSubnetGroupInUse", f"Cache subnet group {self.name} is currently in use by replication group {users[0]}.")
            group = backend.cache_subnet_groups.pop(self.name, None)
            if group is not None:
                backend.tagging_service.delete_all_tags_for_resource(group.arn)

    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
