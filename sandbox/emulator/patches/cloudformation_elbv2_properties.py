"""CloudFormation: a stack's load balancer, target group and listener keep what the template says.

Missing in moto 5.2.5, CloudFormation handlers of ElasticLoadBalancingV2:
- AWS::ElasticLoadBalancingV2::LoadBalancer drops Tags, LoadBalancerAttributes (access logs,
  deletion protection, drop invalid header fields), Type and IpAddressType; Fn::GetAtt
  LoadBalancerFullName, CanonicalHostedZoneID and SecurityGroups raise NotImplementedError;
  no update (UpdateStack leaves a changed attribute as it was).
- AWS::ElasticLoadBalancingV2::TargetGroup drops Tags and TargetGroupAttributes, has no
  Fn::GetAtt at all (TargetGroupFullName, TargetGroupName, TargetGroupArn, LoadBalancerArns:
  the stack fails with a server error), no update and no delete (DeleteStack leaves it).
- AWS::ElasticLoadBalancingV2::Listener drops Tags, has no Fn::GetAtt ListenerArn and no
  delete.

Real AWS (CloudFormation template reference):
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-loadbalancer.html
(Ref = ARN; GetAtt CanonicalHostedZoneID, DNSName, LoadBalancerArn, LoadBalancerFullName
"app/my-load-balancer/50dc6c495c0c9188", LoadBalancerName, SecurityGroups),
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-targetgroup.html
(Ref = ARN; GetAtt LoadBalancerArns, TargetGroupArn, TargetGroupFullName
"targetgroup/my-target-group/cbf133c568e0d028", TargetGroupName),
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-listener.html
(Ref = ARN; GetAtt ListenerArn; Tags). ALB hosted zone ids per region:
https://docs.aws.amazon.com/general/latest/gr/elb.html

What the patch does: each handler goes through the backend calls the API uses
(CreateLoadBalancer with Type/tags, ModifyLoadBalancerAttributes, ModifyTargetGroup,
ModifyTargetGroupAttributes, AddTags, DeleteTargetGroup, DeleteListener), so DescribeTags,
DescribeLoadBalancerAttributes and DescribeTargetGroupAttributes answer as for an API-made
balancer; updates apply the changed properties in place.

Why we need it: tags.cleanup reads every resource's tags; alb.* and wiring.targets-healthy
read the balancer, its attributes and the target group; the App stack's scaling policy and
the Observability stack's alarms need LoadBalancerFullName and TargetGroupFullName.
"""

from typing import Any

# Route 53 hosted zone of Application Load Balancers, by region (AWS General Reference, "Elastic Load Balancing endpoints").
ALB_HOSTED_ZONES = {
    "us-east-1": "Z35SXDOTRQ7X7K",
    "us-east-2": "Z3AADJGX6KTTL2",
    "us-west-1": "Z368ELLRRE2KJ0",
    "us-west-2": "Z1H1FL5HABSF5",
    "ap-northeast-1": "Z14GRHDCWA56QT",
    "ap-northeast-2": "ZWKZPGTI48KDX",
    "ap-northeast-3": "Z5LXEXXYW11ES",
    "ap-southeast-1": "Z1LMS91P8CMLE5",
    "ap-southeast-2": "Z1GM3OXH4ZPM65",
    "eu-west-1": "Z32O12XQLNTSW2",
    "eu-central-1": "Z215JYRZR1TBD5",
}


def _attributes(entries: Any) -> dict[str, str]:
    return {str(entry["Key"]): str(entry["Value"]) for entry in entries or []}


def _tags(properties: dict[str, Any]) -> list[dict[str, str]]:
    return [{"Key": str(tag["Key"]), "Value": str(tag["Value"])} for tag in properties.get("Tags") or []]


def apply() -> None:
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
    from moto.elbv2.models import FakeListener, FakeLoadBalancer, FakeTargetGroup, elbv2_backends

    def replace_tags(backend: Any, arn: str, properties: dict[str, Any]) -> None:
        existing = backend.tagging_service.get_tag_dict_for_resource(arn)
        wanted = {tag["Key"]: tag["Value"] for tag in _tags(properties)}
        gone = [key for key in existing if key not in wanted]
        if gone:
            backend.remove_tags([arn], gone)
        if wanted:
            backend.add_tags([arn], _tags(properties))

    # --- LoadBalancer -------------------------------------------------------------------
    def lb_create(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        properties = cloudformation_json["Properties"]
        backend = elbv2_backends[account_id][region_name]
        balancer = backend.create_load_balancer(
            name=resource_name,
            security_groups=properties.get("SecurityGroups") or [],
            subnet_ids=properties.get("Subnets") or [],
            subnet_mappings=properties.get("SubnetMappings"),
            scheme=properties.get("Scheme", "internet-facing"),
            loadbalancer_type=properties.get("Type", "application"),
            ip_address_type=properties.get("IpAddressType", "ipv4"),
            tags=_tags(properties),
        )
        attributes = _attributes(properties.get("LoadBalancerAttributes"))
        if attributes:
            backend.modify_load_balancer_attributes(balancer.arn, attributes)
        return balancer

    def lb_update(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> Any:
        properties = cloudformation_json["Properties"]
        backend = elbv2_backends[account_id][region_name]
        if properties.get("SecurityGroups") is not None:
            backend.set_security_groups(original_resource.arn, properties["SecurityGroups"])
        attributes = _attributes(properties.get("LoadBalancerAttributes"))
        if attributes:
            backend.modify_load_balancer_attributes(original_resource.arn, attributes)
        replace_tags(backend, original_resource.arn, properties)
        return original_resource

    def lb_has_cfn_attr(cls: Any, attr: str) -> bool:
        return attr in ["CanonicalHostedZoneID", "DNSName", "LoadBalancerArn", "LoadBalancerFullName", "LoadBalancerName", "SecurityGroups"]

    def lb_get_cfn_attribute(self: Any, attribute_name: str) -> Any:
        if attribute_name == "DNSName":
            return self.dns_name
        if attribute_name == "LoadBalancerName":
            return self.name
        if attribute_name == "LoadBalancerArn":
            return self.arn
        if attribute_name == "LoadBalancerFullName":
            return self.arn.split(":loadbalancer/", 1)[1]
        if attribute_name == "CanonicalHostedZoneID":
            region = self.arn.split(":")[3]
            return ALB_HOSTED_ZONES.get(region, self.canonical_hosted_zone_id)
        if attribute_name == "SecurityGroups":
            return list(self.security_groups)
        raise UnformattedGetAttTemplateException()

    FakeLoadBalancer.create_from_cloudformation_json = classmethod(lb_create)
    FakeLoadBalancer.update_from_cloudformation_json = classmethod(lb_update)
    FakeLoadBalancer.has_cfn_attr = classmethod(lb_has_cfn_attr)
    FakeLoadBalancer.get_cfn_attribute = lb_get_cfn_attribute

    # --- TargetGroup --------------------------------------------------------------------
    original_tg_create = FakeTargetGroup.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def tg_create(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        properties = cloudformation_json["Properties"]
        group = original_tg_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        backend = elbv2_backends[account_id][region_name]
        if properties.get("HealthCheckEnabled") is not None:
            group.health_check_enabled = str(properties["HealthCheckEnabled"]).lower() == "true"
        attributes = _attributes(properties.get("TargetGroupAttributes"))
        if attributes:
            backend.modify_target_group_attributes(group.arn, attributes)
        if _tags(properties):
            backend.add_tags([group.arn], _tags(properties))
        return group

    def tg_update(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> Any:
        properties = cloudformation_json["Properties"]
        backend = elbv2_backends[account_id][region_name]
        matcher = properties.get("Matcher") or {}
        backend.modify_target_group(
            original_resource.arn,
            health_check_proto=properties.get("HealthCheckProtocol"),
            health_check_port=properties.get("HealthCheckPort"),
            health_check_path=properties.get("HealthCheckPath"),
            health_check_interval=properties.get("HealthCheckIntervalSeconds"),
            health_check_timeout=properties.get("HealthCheckTimeoutSeconds"),
            healthy_threshold_count=properties.get("HealthyThresholdCount"),
            unhealthy_threshold_count=properties.get("UnhealthyThresholdCount"),
            http_codes=matcher.get("HttpCode"),
            health_check_enabled=properties.get("HealthCheckEnabled"),
        )
        attributes = _attributes(properties.get("TargetGroupAttributes"))
        if attributes:
            backend.modify_target_group_attributes(original_resource.arn, attributes)
        replace_tags(backend, original_resource.arn, properties)
        return original_resource

    def tg_delete(self: Any, account_id: str, region_name: str) -> None:
        backend = elbv2_backends[account_id][region_name]
        if self.arn in backend.target_groups:
            backend.delete_target_group(self.arn)

    def tg_has_cfn_attr(cls: Any, attr: str) -> bool:
        return attr in ["LoadBalancerArns", "TargetGroupArn", "TargetGroupFullName", "TargetGroupName"]

    def tg_get_cfn_attribute(self: Any, attribute_name: str) -> Any:
        if attribute_name == "TargetGroupArn":
            return self.arn
        if attribute_name == "TargetGroupName":
            return self.name
        if attribute_name == "TargetGroupFullName":
            return "targetgroup/" + self.arn.split(":targetgroup/", 1)[1]
        if attribute_name == "LoadBalancerArns":
            return list(self.load_balancer_arns)
        raise UnformattedGetAttTemplateException()

    FakeTargetGroup.create_from_cloudformation_json = classmethod(tg_create)
    FakeTargetGroup.update_from_cloudformation_json = classmethod(tg_update)
    FakeTargetGroup.delete = tg_delete
    FakeTargetGroup.has_cfn_attr = classmethod(tg_has_cfn_attr)
    FakeTargetGroup.get_cfn_attribute = tg_get_cfn_attribute

    # --- Listener -----------------------------------------------------------------------
    original_listener_create = FakeListener.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
    original_listener_update = FakeListener.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def listener_create(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        listener = original_listener_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        tags = _tags(cloudformation_json["Properties"])
        if tags:
            elbv2_backends[account_id][region_name].add_tags([listener.arn], tags)
        return listener

    def listener_update(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> Any:
        listener = original_listener_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        replace_tags(elbv2_backends[account_id][region_name], listener.arn, cloudformation_json["Properties"])
        return listener

    def listener_delete(self: Any, account_id: str, region_name: str) -> None:
        backend = elbv2_backends[account_id][region_name]
        if any(self.arn in balancer.listeners for balancer in backend.load_balancers.values()):
            backend.delete_listener(self.arn)

    def listener_has_cfn_attr(cls: Any, attr: str) -> bool:
        return attr == "ListenerArn"

    def listener_get_cfn_attribute(self: Any, attribute_name: str) -> Any:
        if attribute_name == "ListenerArn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    FakeListener.create_from_cloudformation_json = classmethod(listener_create)
    FakeListener.update_from_cloudformation_json = classmethod(listener_update)
    FakeListener.delete = listener_delete
    FakeListener.has_cfn_attr = classmethod(listener_has_cfn_attr)
    FakeListener.get_cfn_attribute = listener_get_cfn_attribute
