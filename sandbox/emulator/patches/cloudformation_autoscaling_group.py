"""CloudFormation: AWS::AutoScaling::AutoScalingGroup keeps MetricsCollection and updates in place.

Missing in moto 5.2.5: the CloudFormation handler of AWS::AutoScaling::AutoScalingGroup
ignores MetricsCollection (DescribeAutoScalingGroups shows no EnabledMetrics), and an update
deletes the group and creates it again: its instances are replaced at once and its scaling
policies (and their alarms) disappear.

Real AWS: MetricsCollection [{Granularity, Metrics}] enables group metrics as
EnableMetricsCollection does ("If you specify Granularity and don't specify any metrics, all
metrics are enabled"); changing MinSize, MaxSize, DesiredCapacity, LaunchTemplate,
VPCZoneIdentifier, HealthCheckType, HealthCheckGracePeriod, TargetGroupARNs,
MetricsCollection or Tags updates the group with no interruption (the group keeps its name,
instances and policies); only AutoScalingGroupName (and a few placement properties) force a
replacement.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-autoscalinggroup.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-autoscalinggroup-metricscollection.html

What the patch does: after moto's handler creates the group, MetricsCollection goes through
the group's enable_metrics_collection (the `autoscaling_enabled_metrics.py` path); an update
with the same name calls update_auto_scaling_group, attaches/detaches target groups,
replaces the tags and metrics as the API calls would.

Why we need it: asg.group-metrics reads EnabledMetrics; an UpdateStack of the App stack must
not wipe the group's scaling policies (asg.scaling-policy).
"""

from typing import Any


def _tags(group_name: str, properties: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "ResourceId": group_name,
            "ResourceType": "auto-scaling-group",
            "Key": str(tag["Key"]),
            "Value": str(tag["Value"]),
            "PropagateAtLaunch": str(tag.get("PropagateAtLaunch", False)).lower() == "true",
        }
        for tag in properties.get("Tags") or []
    ]


def _collect_metrics(group: Any, properties: dict[str, Any]) -> None:
    group.metrics = []
    for entry in properties.get("MetricsCollection") or []:
        group.enable_metrics_collection(entry.get("Metrics") or [], entry.get("Granularity", "1Minute"))


def _integer(value: Any) -> int | None:
    return None if value is None else int(value)


def apply() -> None:
    from moto.autoscaling.models import FakeAutoScalingGroup, autoscaling_backends

    original_create = FakeAutoScalingGroup.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
    original_update = FakeAutoScalingGroup.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        group = original_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        _collect_metrics(group, cloudformation_json.get("Properties") or {})
        return group

    def update_from_cloudformation_json(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> Any:
        properties = cloudformation_json["Properties"]
        wanted_name = properties.get("AutoScalingGroupName")
        if wanted_name and wanted_name != original_resource.name:
            return original_update(cls, original_resource, wanted_name, cloudformation_json, account_id, region_name)
        backend = autoscaling_backends[account_id][region_name]
        name = original_resource.name
        group = backend.update_auto_scaling_group(
            name=name,
            availability_zones=properties.get("AvailabilityZones") or [],
            desired_capacity=_integer(properties.get("DesiredCapacity")),
            max_size=_integer(properties.get("MaxSize")),
            min_size=_integer(properties.get("MinSize")),
            launch_config_name=properties.get("LaunchConfigurationName"),
            launch_template=properties.get("LaunchTemplate") or {},
            vpc_zone_identifier=",".join(properties.get("VPCZoneIdentifier") or []) or None,  # type: ignore[arg-type]
            health_check_period=_integer(properties.get("HealthCheckGracePeriod")),  # type: ignore[arg-type]
            health_check_type=properties.get("HealthCheckType"),  # type: ignore[arg-type]
            new_instances_protected_from_scale_in=properties.get("NewInstancesProtectedFromScaleIn"),
            mixed_instances_policy=properties.get("MixedInstancesPolicy"),
        )
        wanted_groups = list(properties.get("TargetGroupARNs") or [])
        gone = [arn for arn in group.target_group_arns if arn not in wanted_groups]
        added = [arn for arn in wanted_groups if arn not in group.target_group_arns]
        if gone:
            backend.detach_load_balancer_target_groups(name, gone)
        if added:
            backend.attach_load_balancer_target_groups(name, added)
        wanted_tags = _tags(name, properties)
        stale = [t for t in group.tags if t["Key"] not in {w["Key"] for w in wanted_tags}]
        if stale:
            backend.delete_tags([{**t, "ResourceId": name, "ResourceType": "auto-scaling-group"} for t in stale])
        if wanted_tags:
            backend.create_or_update_tags(wanted_tags)
        _collect_metrics(group, properties)
        return group

    FakeAutoScalingGroup.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    FakeAutoScalingGroup.update_from_cloudformation_json = classmethod(update_from_cloudformation_json)
