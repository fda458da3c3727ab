"""CloudFormation: a stack's security group egress rules (AWS::EC2::SecurityGroupEgress, SecurityGroupEgress).

Missing in moto 5.2.5: CloudFormation has no model for AWS::EC2::SecurityGroupEgress (the
rule is skipped), and AWS::EC2::SecurityGroup ignores its SecurityGroupEgress property: the
group keeps EC2's default "all traffic to 0.0.0.0/0" egress rule and gets none of the
template's. So a group CDK creates with allowAllOutbound: false (egress "Disallow all
traffic" to 255.255.255.255/32, or only the rules the template lists) comes out open.

Real AWS:
- AWS::EC2::SecurityGroupEgress adds one egress rule to GroupId (CidrIp, CidrIpv6,
  DestinationPrefixListId or DestinationSecurityGroupId, IpProtocol, FromPort, ToPort,
  Description); Ref is the rule id (sgr-...); deleting the resource revokes the rule.
  https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html
- AWS::EC2::SecurityGroup: "When you specify a VPC security group, Amazon EC2 creates a
  default egress rule that allows egress traffic on all ports and IP protocols to any
  location. The default rule is removed only when you specify one or more egress rules."
  https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html

- AWS::EC2::SecurityGroupIngress: Ref is the rule id (sgr-...); moto reports an empty
  physical id, so ListStackResources names no rule.
  https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupingress.html

What the patch does: the egress type goes through the EC2 backend's
authorize_security_group_egress / revoke_security_group_egress (the AuthorizeSecurityGroupEgress
path); a group with SecurityGroupEgress loses the default rule and gets the listed ones.
The ingress rules' Description (dropped by moto's handler) is kept through the same backend call;
an ingress resource's physical id is the id of the rule it added.

Why we need it: sg.db-from-app-only, sg.cache-from-app-only and sg.app-from-alb-only read
the groups' rules; the Network stack's egress rules are how CDK links them.
"""

from typing import Any

EGRESS_TYPE = "AWS::EC2::SecurityGroupEgress"


def _rule_arguments(rule: dict[str, Any]) -> dict[str, Any]:
    """The backend call's arguments for one template rule (egress keys: Destination*)."""
    ip_ranges: list[dict[str, Any]] = []
    if rule.get("CidrIp"):
        ip_ranges.append({"CidrIp": rule["CidrIp"], **({"Description": rule["Description"]} if rule.get("Description") else {})})
    if rule.get("CidrIpv6"):
        ip_ranges.append({"CidrIpv6": rule["CidrIpv6"], **({"Description": rule["Description"]} if rule.get("Description") else {})})
    group_id = rule.get("DestinationSecurityGroupId") or rule.get("SourceSecurityGroupId")
    source_groups = [{"GroupId": group_id, **({"Description": rule["Description"]} if rule.get("Description") else {})}] if group_id else []
    prefix = rule.get("DestinationPrefixListId") or rule.get("SourcePrefixListId")
    protocol = str(rule["IpProtocol"])
    # AWS: protocol -1 means all ports; the template may omit them.
    from_port = rule.get("FromPort", -1 if protocol == "-1" else None)
    to_port = rule.get("ToPort", -1 if protocol == "-1" else None)
    return {
        "ip_protocol": protocol,
        "from_port": from_port,
        "to_port": to_port,
        "ip_ranges": ip_ranges,
        "source_groups": source_groups,
        "prefix_list_ids": [{"PrefixListId": prefix}] if prefix else [],
    }


def apply() -> None:
    from moto.cloudformation.parsing import get_model_list, get_model_map, get_name_type_map
    from moto.core.common_models import CloudFormationModel
    from moto.ec2.models import ec2_backends
    from moto.ec2.models.security_groups import SecurityGroup, SecurityGroupIngress

    class SecurityGroupEgress(CloudFormationModel):
        __module__ = "moto.ec2.models"  # moto files models by the service named in their module

        def __init__(self, account_id: str, region_name: str, group_id: str, properties: dict[str, Any], rule_id: str):
            self.account_id = account_id
            self.region_name = region_name
            self.group_id = group_id
            self.properties = properties
            self.rule_id = rule_id

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @staticmethod
        def cloudformation_type() -> str:
            return EGRESS_TYPE

        @property
        def physical_resource_id(self) -> str:
            return self.rule_id

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr == "Id"

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

            if attribute_name == "Id":
                return self.rule_id
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "SecurityGroupEgress":
            properties = cloudformation_json["Properties"]
            backend = ec2_backends[account_id][region_name]
            rules, _group = backend.authorize_security_group_egress(group_name_or_id=properties["GroupId"], **_rule_arguments(properties))
            rule_id = rules[0].id if rules else ""
            return cls(account_id, region_name, properties["GroupId"], properties, rule_id)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "SecurityGroupEgress":
            # Every property of the rule needs replacement on AWS: revoke, then authorize.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

        def delete(self, account_id: str, region_name: str) -> None:
            backend = ec2_backends[account_id][region_name]
            if backend.get_security_group_by_name_or_id(self.group_id) is None:
                return
            group = backend.get_security_group_by_name_or_id(self.group_id)
            if any(rule.id == self.rule_id for rule in group.egress_rules):
                backend.revoke_security_group_egress(
                    group_name_or_id=self.group_id, ip_protocol=None, from_port=None, to_port=None, ip_ranges=[], security_rule_ids=[self.rule_id]
                )

    original_create = SecurityGroup.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        properties = cloudformation_json.get("Properties") or {}
        # moto's handler passes CidrIp as a bare string and drops Description; hand it rules
        # without CidrIp ingress and add those here through the same backend call.
        cidr_ingress = [r for r in properties.get("SecurityGroupIngress") or [] if r.get("CidrIp") or r.get("CidrIpv6")]
        other_ingress = [r for r in properties.get("SecurityGroupIngress") or [] if not (r.get("CidrIp") or r.get("CidrIpv6"))]
        trimmed = {**cloudformation_json, "Properties": {**properties, "SecurityGroupIngress": other_ingress}}
        group = original_create(cls, resource_name, trimmed, account_id, region_name, **kwargs)
        backend = ec2_backends[account_id][region_name]
        for rule in cidr_ingress:
            backend.authorize_security_group_ingress(group_name_or_id=group.id, vpc_id=group.vpc_id, **_rule_arguments(rule))
        egress = properties.get("SecurityGroupEgress") or []
        if egress and group.vpc_id:
            defaults = [rule.id for rule in group.egress_rules]
            if defaults:
                backend.revoke_security_group_egress(
                    group_name_or_id=group.id, ip_protocol=None, from_port=None, to_port=None, ip_ranges=[], security_rule_ids=defaults, vpc_id=group.vpc_id
                )
            for rule in egress:
                backend.authorize_security_group_egress(group_name_or_id=group.id, vpc_id=group.vpc_id, **_rule_arguments(rule))
        return group

    SecurityGroup.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)

    original_ingress_create = SecurityGroupIngress.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def ingress_create(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        properties = cloudformation_json.get("Properties") or {}
        backend = ec2_backends[account_id][region_name]
        group = backend.get_security_group_by_name_or_id(properties.get("GroupId") or properties.get("GroupName"))
        before = {rule.id for rule in group.ingress_rules} if group is not None else set()
        ingress = original_ingress_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        added = [rule.id for rule in ingress.security_group.ingress_rules if rule.id not in before]
        ingress.rule_id = added[0] if added else ""
        return ingress

    SecurityGroupIngress.create_from_cloudformation_json = classmethod(ingress_create)
    SecurityGroupIngress.physical_resource_id = property(lambda self: getattr(self, "rule_id", ""))  # type: ignore[assignment]

    get_model_list.cache_clear()
    get_model_map.cache_clear()
    get_name_type_map.cache_clear()
