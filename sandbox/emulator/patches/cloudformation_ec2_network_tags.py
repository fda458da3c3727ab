"""CloudFormation: a stack's internet gateway, NAT gateways and route tables keep their Tags.

Missing in moto 5.2.5: the CloudFormation handlers of AWS::EC2::InternetGateway,
AWS::EC2::NatGateway and AWS::EC2::RouteTable ignore the Tags property (only the stack-level
and aws:cloudformation:* tags reach them), so DescribeInternetGateways, DescribeNatGateways
and DescribeRouteTables show none of the template's tags.

Real AWS: all three types support Tags, applied at creation and updated in place.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-internetgateway.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-natgateway.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-routetable.html

What the patch does: after moto's handler creates the resource, the template's Tags go
through the EC2 backend's create_tags (the CreateTags path).

Why we need it: tags.cleanup checks that every taggable resource of the Network stack carries
the cleanup tags (CDK's Tags.of(app) writes them into each of these resources).
"""

from typing import Any


def apply() -> None:
    from moto.ec2.models import ec2_backends
    from moto.ec2.models.internet_gateways import InternetGateway
    from moto.ec2.models.nat_gateways import NatGateway
    from moto.ec2.models.route_tables import RouteTable

    def keep_tags(model: Any) -> None:
        original = model.create_from_cloudformation_json.__func__

        def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
            resource = original(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
            tags = {str(t["Key"]): str(t["Value"]) for t in (cloudformation_json.get("Properties") or {}).get("Tags") or []}
            if tags:
                ec2_backends[account_id][region_name].create_tags([resource.physical_resource_id], tags)
            return resource

        model.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)

    for model in (InternetGateway, NatGateway, RouteTable):
        keep_tags(model)
