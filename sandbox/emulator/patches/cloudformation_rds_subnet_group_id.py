"""CloudFormation: a stack's AWS::RDS::DBSubnetGroup has its name as physical ID.

Missing in moto 5.2.5: moto's model of AWS::RDS::DBSubnetGroup has no physical resource ID:
ListStackResources and DescribeStackResources give it an empty PhysicalResourceId, so a tool
that finds a deployment's resources through its stacks (discovery, cleanup) misses the
subnet group; `Ref` to it resolves to moto's object rather than to a name.

Real AWS: "Ref returns the name of the DB subnet group"; that name is the resource's physical
ID in ListStackResources.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbsubnetgroup.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResourceSummary.html

What the patch does: the model's physical ID is its (lowercase) name; the CloudFormation
handler of AWS::RDS::DBInstance, which expected moto's object for DBSubnetGroupName, gets the
subnet group looked up by that name from moto's backend (a name given literally in a template
works the same way).
"""

from typing import Any


def apply() -> None:
    from moto.rds.models import DBInstance, DBSubnetGroup, rds_backends

    DBSubnetGroup.physical_resource_id = property(lambda self: self.name)  # type: ignore[assignment]

    original = DBInstance.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        properties = cloudformation_json.get("Properties") or {}
        name = properties.get("DBSubnetGroupName")
        if isinstance(name, str):
            properties["DBSubnetGroupName"] = rds_backends[account_id][region_name].describe_db_subnet_groups(name.lower())[0]
        return original(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    DBInstance.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
