"""CloudFormation: stack-level tags and the aws:cloudformation:* tags reach the resources.

Missing in moto 5.2.5: only EC2 resources of a stack get the stack's tags and
aws:cloudformation:stack-name / stack-id / logical-id; every other resource (a DB instance,
a load balancer, a bucket, a secret, a log group, ...) carries only the Tags written in the
template.

Real AWS: "CloudFormation automatically creates the following stack-level tags with the
aws: prefix: aws:cloudformation:logical-id, aws:cloudformation:stack-id,
aws:cloudformation:stack-name", and stack-level tags propagate to the resources of the stack
(propagation varies by resource type; an Auto Scaling group's instances get them regardless
of PropagateAtLaunch).
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html

What the patch does: before a resource of one of the types below is created or updated by
a stack, the stack's tags and the three aws:cloudformation:* tags are added to its tag
property (a tag written in the template keeps its value). EC2 types are left to moto,
which already tags them, except Elastic IPs, which it does not. Types whose CloudFormation schema has no tag property (policies,
listeners, routes, dashboards, ...) get nothing, as on AWS.

Why we need it: verify's ownership rule reads aws:cloudformation:stack-name to tell a
student's own resources from another student's stack that carries their student tag.
"""

from typing import Any

# Resource type -> (tag property, shape). "list": [{"Key", "Value"}]; "asg": the same with
# PropagateAtLaunch; "map": {"key": "value"}. (AWS::SSM::Parameter is left out: moto's handler
# cannot read its map-shaped Tags.) From each type's page of the CloudFormation
# template reference (aws-resource-<service>-<type>.html, property "Tags" or as named).
TAG_PROPERTY = {
    "AWS::AutoScaling::AutoScalingGroup": ("Tags", "asg"),
    "AWS::Backup::BackupPlan": ("BackupPlanTags", "map"),
    "AWS::Backup::BackupVault": ("BackupVaultTags", "map"),
    "AWS::CloudFront::Distribution": ("Tags", "list"),
    "AWS::CloudWatch::Alarm": ("Tags", "list"),
    # moto tags the other EC2 types itself, but not an Elastic IP (cloudformation_eip_tags.py
    # applies only the template's own Tags).
    "AWS::EC2::EIP": ("Tags", "list"),
    "AWS::ElastiCache::ReplicationGroup": ("Tags", "list"),
    "AWS::ElastiCache::SubnetGroup": ("Tags", "list"),
    "AWS::ElasticLoadBalancingV2::LoadBalancer": ("Tags", "list"),
    "AWS::ElasticLoadBalancingV2::TargetGroup": ("Tags", "list"),
    "AWS::IAM::Role": ("Tags", "list"),
    "AWS::KMS::Key": ("Tags", "list"),
    "AWS::Lambda::Function": ("Tags", "list"),
    "AWS::Logs::LogGroup": ("Tags", "list"),
    "AWS::RDS::DBInstance": ("Tags", "list"),
    "AWS::RDS::DBSubnetGroup": ("Tags", "list"),
    "AWS::S3::Bucket": ("Tags", "list"),
    "AWS::SNS::Topic": ("Tags", "list"),
    "AWS::SecretsManager::Secret": ("Tags", "list"),
}


def stack_level_tags(resources_map: Any, logical_id: str) -> dict[str, str]:
    tags = {key: value for key, value in (resources_map.tags or {}).items() if not key.startswith("aws:cloudformation:")}
    tags["aws:cloudformation:stack-name"] = resources_map["AWS::StackName"]
    tags["aws:cloudformation:stack-id"] = resources_map["AWS::StackId"]
    tags["aws:cloudformation:logical-id"] = logical_id
    return tags


def with_stack_tags(resource_json: dict[str, Any], tags: dict[str, str]) -> dict[str, Any]:
    entry = TAG_PROPERTY.get(resource_json.get("Type", ""))
    if entry is None:
        return resource_json
    prop, shape = entry
    properties = dict(resource_json.get("Properties") or {})
    current = properties.get(prop)
    if shape == "map":
        merged = {**tags, **(current or {})}
    else:
        written = {tag.get("Key") for tag in (current or []) if isinstance(tag, dict)}
        added = [
            {"Key": key, "Value": value, **({"PropagateAtLaunch": True} if shape == "asg" else {})}
            for key, value in tags.items()
            if key not in written
        ]
        merged = [*(current or []), *added]
    properties[prop] = merged
    return {**resource_json, "Properties": properties}


def apply() -> None:
    from moto.cloudformation import parsing

    original_create = parsing.parse_and_create_resource
    original_update = parsing.parse_and_update_resource

    def parse_and_create_resource(logical_id: str, resource_json: dict[str, Any], resources_map: Any, account_id: str, region_name: str) -> Any:
        tagged = with_stack_tags(resource_json, stack_level_tags(resources_map, logical_id))
        return original_create(logical_id, tagged, resources_map, account_id, region_name)

    def parse_and_update_resource(logical_id: str, resource_json: dict[str, Any], resources_map: Any, account_id: str, region_name: str) -> Any:
        tagged = with_stack_tags(resource_json, stack_level_tags(resources_map, logical_id))
        return original_update(logical_id, tagged, resources_map, account_id, region_name)

    parsing.parse_and_create_resource = parse_and_create_resource
    parsing.parse_and_update_resource = parse_and_update_resource
