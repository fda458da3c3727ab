"""CloudFormation: generated physical names fit the resource's own name rules.

Missing in moto 5.2.5: when a template gives no name, moto names a resource
"<stack name>-<logical id>-<random>" without the length limit of its type (except target
groups, load balancers and buckets). A DB instance of a stack whose name is long (a student
id of 12 characters or more: CloudMart-prof-default-Data) gets an identifier longer than 63
characters, and CreateDBInstance refuses it ("is not a valid identifier"), so the Data stack
rolls back, though AWS would create it.

Real AWS: "CloudFormation generates a unique physical ID to name a resource" from the stack
name, the logical ID and a random string, within the resource type's naming constraints
(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html);
a DB instance identifier is 1-63 letters, digits or hyphens, starts with a letter, never ends
with a hyphen nor holds two consecutive ones
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html).

What the patch does: for the types below, the stack-and-logical-id part is cut so the whole
name fits the type's limit, and a cut that ends in a hyphen loses it. Other types are moto's.
"""

from typing import Any

# Resource type -> longest name AWS accepts (the type's API reference).
NAME_LIMITS = {
    "AWS::RDS::DBInstance": 63,
    "AWS::RDS::DBSubnetGroup": 255,
    "AWS::ElastiCache::SubnetGroup": 255,
    "AWS::Logs::LogGroup": 512,
}


def apply() -> None:
    from moto.cloudformation import parsing

    original = parsing.generate_resource_name

    def generate_resource_name(resource_type: str, stack_name: str, logical_id: str) -> Any:
        limit = NAME_LIMITS.get(resource_type)
        if limit is None:
            return original(resource_type, stack_name, logical_id)
        suffix = parsing.random_suffix()
        prefix = f"{stack_name}-{logical_id}"[: limit - len(suffix) - 1].rstrip("-")
        return f"{prefix}-{suffix}"

    parsing.generate_resource_name = generate_resource_name
