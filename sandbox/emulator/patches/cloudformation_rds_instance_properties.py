"""CloudFormation: a stack's AWS::RDS::DBInstance keeps its security groups, monitoring and log settings.

Missing in moto 5.2.5: the CloudFormation model of AWS::RDS::DBInstance passes a fixed list
of properties to CreateDBInstance and drops the others. It reads the VPC security groups
from "VpcSecurityGroupIds", a name the resource type does not have (its property is
VPCSecurityGroups), so a stack's database sits in the VPC's default security group; it
drops MonitoringInterval and MonitoringRoleArn (DescribeDBInstances: MonitoringInterval 0),
EnablePerformanceInsights and its KMS key / retention, EnableCloudwatchLogsExports,
CACertificateIdentifier, MaxAllocatedStorage, StorageThroughput and
ManageMasterUserPassword / MasterUserSecret.KmsKeyId.

Real AWS: these are properties of AWS::RDS::DBInstance with CreateDBInstance's meaning
(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html,
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html);
DescribeDBInstances returns them (VpcSecurityGroups, MonitoringInterval, MonitoringRoleArn,
PerformanceInsightsEnabled, EnabledCloudwatchLogsExports, CACertificateIdentifier, ...).

What the patch does: while moto's handler creates the instance, the dropped properties are
added to the arguments it gives moto's create_db_instance, so the instance is made in one
CreateDBInstance as the API would make it, and the other patches of that path apply
(rds_performance_insights.py reads enable_performance_insights, rds_secondary_az.py the AZs).
Integer properties a template holds as text (CDK writes AllocatedStorage "20", Port "5433")
are given as integers, as the API takes them. DeletionProtection stays with
cloudformation_rds_deletion_protection.py.
"""

import threading
from typing import Any

_pending = threading.local()

# CloudFormation property -> moto's create_db_instance argument, for the properties moto drops.
_DROPPED = {
    "VPCSecurityGroups": "vpc_security_group_ids",
    "MonitoringInterval": "monitoring_interval",
    "MonitoringRoleArn": "monitoring_role_arn",
    "EnablePerformanceInsights": "enable_performance_insights",
    "PerformanceInsightsKMSKeyId": "performance_insights_kms_key_id",
    "PerformanceInsightsRetentionPeriod": "performance_insights_retention_period",
    "EnableCloudwatchLogsExports": "enable_cloudwatch_logs_exports",
    "CACertificateIdentifier": "ca_certificate_identifier",
    "MaxAllocatedStorage": "max_allocated_storage",
    "StorageThroughput": "storage_throughput",
    "ManageMasterUserPassword": "manage_master_user_password",
}
# Integer properties that templates often hold as text ("20"; CDK writes AllocatedStorage and
# Port so): moto would keep the text, and its own later comparisons (MaxAllocatedStorage >
# AllocatedStorage) fail. The API takes integers.
_NUMBERS_AS_TEXT = ("AllocatedStorage", "Port", "Iops", "BackupRetentionPeriod", "MaxAllocatedStorage")
_INTEGERS = {"MonitoringInterval", "PerformanceInsightsRetentionPeriod", "MaxAllocatedStorage", "StorageThroughput"}
_BOOLEANS = {"EnablePerformanceInsights", "ManageMasterUserPassword"}


def _value(name: str, value: Any) -> Any:
    if name in _INTEGERS:
        return int(value)
    if name in _BOOLEANS:
        return value is True or (isinstance(value, str) and value.lower() == "true")
    return value


def dropped_arguments(properties: dict[str, Any]) -> dict[str, Any]:
    extra = {arg: _value(prop, properties[prop]) for prop, arg in _DROPPED.items() if properties.get(prop) is not None}
    secret = properties.get("MasterUserSecret") or {}
    if secret.get("KmsKeyId"):
        extra["master_user_secret_kms_key_id"] = secret["KmsKeyId"]
    return extra


def apply() -> None:
    from moto.rds.models import DBInstance, RDSBackend

    original_create = RDSBackend.create_db_instance

    def create_db_instance(self: Any, db_kwargs: dict[str, Any]) -> Any:
        extra = getattr(_pending, "arguments", None)
        if extra:
            db_kwargs = {**db_kwargs, **extra}
        return original_create(self, db_kwargs)

    RDSBackend.create_db_instance = create_db_instance

    original_cfn = DBInstance.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        properties = cloudformation_json.get("Properties") or {}
        for name in _NUMBERS_AS_TEXT:
            if isinstance(properties.get(name), str) and properties[name].isdigit():
                properties[name] = int(properties[name])
        _pending.arguments = dropped_arguments(properties)
        try:
            return original_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        finally:
            _pending.arguments = None

    DBInstance.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
