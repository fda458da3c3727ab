"""CloudFormation: UpdateStack modifies a stack's AWS::RDS::DBInstance in place.

Missing in moto 5.2.5: the CloudFormation model of AWS::RDS::DBInstance has no update
handler. moto then drops the instance from the stack; with cloudformation_update_without_handler.py
the instance is deleted and created again instead, which fails for a database with deletion
protection (the reference Data stack's) and would lose the data of any other.

Real AWS: most properties of AWS::RDS::DBInstance update without replacing the instance
("Update requires: No interruption" or "Some interruptions": ModifyDBInstance applies them):
BackupRetentionPeriod, the backup and maintenance windows, MultiAZ, DBInstanceClass,
AllocatedStorage, storage type / IOPS / throughput, MonitoringInterval and MonitoringRoleArn,
Performance Insights, DeletionProtection, PubliclyAccessible, VPCSecurityGroups,
CopyTagsToSnapshot, AutoMinorVersionUpgrade, EngineVersion, CACertificateIdentifier,
MasterUserPassword, EnableCloudwatchLogsExports, DBParameterGroupName, Tags. Changing
DBInstanceIdentifier, DBName, Engine, MasterUsername, StorageEncrypted, KmsKeyId,
DBSubnetGroupName or CharacterSetName replaces the instance ("Update requires: Replacement").
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html

What the patch does: an update handler for the model. In-place properties go through
moto's own modify_db_instance (so rds_secondary_az.py places a database that becomes
Multi-AZ, as for an API call); a change of a replacing property creates the new instance
first and then deletes the old one (CloudFormation's order for a replacement).
"""

from typing import Any

# CloudFormation property -> moto's modify_db_instance argument, and how to read the value.
_IN_PLACE = {
    "BackupRetentionPeriod": ("backup_retention_period", int),
    "PreferredBackupWindow": ("preferred_backup_window", str),
    "PreferredMaintenanceWindow": ("preferred_maintenance_window", lambda v: str(v).lower()),
    "MultiAZ": ("multi_az", "bool"),
    "DBInstanceClass": ("db_instance_class", str),
    "AllocatedStorage": ("allocated_storage", int),
    "MaxAllocatedStorage": ("max_allocated_storage", int),
    "StorageType": ("storage_type", str),
    "Iops": ("iops", int),
    "StorageThroughput": ("storage_throughput", int),
    "MonitoringInterval": ("monitoring_interval", int),
    "MonitoringRoleArn": ("monitoring_role_arn", str),
    "EnablePerformanceInsights": ("enable_performance_insights", "bool"),
    "PerformanceInsightsRetentionPeriod": ("performance_insights_retention_period", int),
    "DeletionProtection": ("deletion_protection", "bool"),
    "PubliclyAccessible": ("publicly_accessible", "bool"),
    "VPCSecurityGroups": ("vpc_security_group_ids", list),
    "CopyTagsToSnapshot": ("copy_tags_to_snapshot", "bool"),
    "AutoMinorVersionUpgrade": ("auto_minor_version_upgrade", "bool"),
    "EngineVersion": ("engine_version", str),
    "CACertificateIdentifier": ("ca_certificate_identifier", str),
    "MasterUserPassword": ("master_user_password", str),
    "DBParameterGroupName": ("db_parameter_group_name", str),
}

# CloudFormation property -> the model's attribute, for the properties whose change replaces the instance.
_REPLACING = {
    "DBInstanceIdentifier": "db_instance_identifier",
    "DBName": "db_name",
    "Engine": "engine",
    "MasterUsername": "master_username",
    "StorageEncrypted": "storage_encrypted",
    "KmsKeyId": "kms_key_id",
    "DBSubnetGroupName": "db_subnet_group",
    "CharacterSetName": "character_set_name",
}


def _current(database: Any, attribute: str) -> Any:
    try:
        return getattr(database, attribute, None)
    except NotImplementedError:  # moto's write-only properties
        return None


def _read(kind: Any, value: Any) -> Any:
    if kind == "bool":
        return value is True or (isinstance(value, str) and value.lower() == "true")
    return kind(value)


def _same(prop: str, wanted: Any, current: Any) -> bool:
    if prop == "DBSubnetGroupName":
        wanted = getattr(wanted, "name", wanted)
        current = getattr(current, "name", current)
    if isinstance(current, bool) or isinstance(wanted, bool):
        return _read("bool", wanted) == bool(current)
    return str(wanted).lower() == str(current).lower()


def apply() -> None:
    from moto.rds.models import DBInstance, rds_backends

    @classmethod  # type: ignore[misc]
    def update_from_cloudformation_json(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> Any:
        properties = cloudformation_json.get("Properties") or {}
        backend = rds_backends[account_id][region_name]
        replaced = [
            prop
            for prop, attribute in _REPLACING.items()
            if prop in properties and not _same(prop, properties[prop], _current(original_resource, attribute))
        ]
        if replaced:
            replacement = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement

        changes = {arg: _read(kind, properties[prop]) for prop, (arg, kind) in _IN_PLACE.items() if properties.get(prop) is not None}
        wanted_logs = set(properties.get("EnableCloudwatchLogsExports") or [])
        current_logs = set(original_resource.enabled_cloudwatch_logs_exports or [])
        if wanted_logs != current_logs:
            changes["cloudwatch_logs_export_configuration"] = {
                "EnableLogTypes": sorted(wanted_logs - current_logs),
                "DisableLogTypes": sorted(current_logs - wanted_logs),
            }
        changes["apply_immediately"] = True
        database = backend.modify_db_instance(original_resource.db_instance_identifier, changes)
        database.tags = list(properties.get("Tags") or [])
        return database

    DBInstance.update_from_cloudformation_json = update_from_cloudformation_json
