"""CloudFormation: AWS::AutoScaling::ScalingPolicy.

Missing in moto 5.2.5: CloudFormation has no model for AWS::AutoScaling::ScalingPolicy (moto's
FakeScalingPolicy is not a CloudFormation model); the resource is skipped, so a stack's group
has no scaling policy and, for a target tracking policy, none of the alarms Auto Scaling
creates for it.

Real AWS: AWS::AutoScaling::ScalingPolicy calls PutScalingPolicy for AutoScalingGroupName
(PolicyType, TargetTrackingConfiguration, StepAdjustments, AdjustmentType, ScalingAdjustment,
Cooldown, EstimatedInstanceWarmup, MetricAggregationType, MinAdjustmentMagnitude,
PredictiveScalingConfiguration); the policy name is generated; Ref = the policy ARN; GetAtt
Arn and PolicyName. A target tracking policy comes with the AlarmHigh/AlarmLow alarms Auto
Scaling manages. Changing AutoScalingGroupName replaces the policy; other changes update it.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-scalingpolicy.html
https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PutScalingPolicy.html

What the patch does: a model that calls the Auto Scaling backend's put_scaling_policy with the
template's properties, so `autoscaling_policy_per_group.py` keeps it per group and
`autoscaling_target_tracking_alarms.py` creates its alarms; delete removes it (and its alarms)
as DeletePolicy does.

Why we need it: asg.scaling-policy reads DescribePolicies of the App stack's group and its
alarms.
"""

from typing import Any

POLICY_TYPE = "AWS::AutoScaling::ScalingPolicy"


def _integer(value: Any) -> int | None:
    return None if value is None else int(value)


def apply() -> None:
    from moto.autoscaling.models import autoscaling_backends
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
    from moto.cloudformation.parsing import get_model_list, get_model_map, get_name_type_map
    from moto.core.common_models import CloudFormationModel

    def put(account_id: str, region_name: str, name: str, properties: dict[str, Any]) -> Any:
        backend = autoscaling_backends[account_id][region_name]
        return backend.put_scaling_policy(
            name=name,
            policy_type=properties.get("PolicyType", "SimpleScaling"),
            metric_aggregation_type=properties.get("MetricAggregationType"),
            adjustment_type=properties.get("AdjustmentType"),
            as_name=properties["AutoScalingGroupName"],
            min_adjustment_magnitude=properties.get("MinAdjustmentMagnitude"),
            scaling_adjustment=_integer(properties.get("ScalingAdjustment")),
            cooldown=_integer(properties.get("Cooldown")),
            target_tracking_config=properties.get("TargetTrackingConfiguration") or {},
            step_adjustments=properties.get("StepAdjustments") or [],
            estimated_instance_warmup=properties.get("EstimatedInstanceWarmup"),
            predictive_scaling_configuration=properties.get("PredictiveScalingConfiguration") or {},
        )

    class ScalingPolicy(CloudFormationModel):
        __module__ = "moto.autoscaling.models"  # moto files models by the service named in their module

        def __init__(self, group: str, name: str, arn: str):
            self.group = group
            self.name = name
            self.arn = arn

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @staticmethod
        def cloudformation_type() -> str:
            return POLICY_TYPE

        @property
        def physical_resource_id(self) -> str:
            return self.arn

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr in ["Arn", "PolicyName"]

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            if attribute_name == "Arn":
                return self.arn
            if attribute_name == "PolicyName":
                return self.name
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "ScalingPolicy":
            policy = put(account_id, region_name, resource_name, cloudformation_json["Properties"])
            return cls(policy.auto_scaling_group_name, policy.name, policy.arn)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "ScalingPolicy":
            properties = cloudformation_json["Properties"]
            if properties["AutoScalingGroupName"] != original_resource.group:
                original_resource.delete(account_id, region_name)  # another group: a replacement
                return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            # PutScalingPolicy with the same name updates the policy (and re-makes its alarms).
            policy = put(account_id, region_name, original_resource.name, properties)
            return cls(policy.auto_scaling_group_name, policy.name, policy.arn)

        def delete(self, account_id: str, region_name: str) -> None:
            backend = autoscaling_backends[account_id][region_name]
            live = [p for p in backend.describe_policies(self.group) if p.name == self.name]
            for policy in live:
                # As DeletePolicy does (autoscaling_policy_per_group.py): this group's policy, then forget it.
                backend.policies[policy.name] = policy
                backend.delete_policy(policy.name)
                getattr(backend, "cloudmart_policies", {}).pop((policy.auto_scaling_group_name, policy.name), None)

    get_model_list.cache_clear()
    get_model_map.cache_clear()
    get_name_type_map.cache_clear()
