"""CloudFormation: AWS::Backup::BackupVault, BackupPlan and BackupSelection.

Missing in moto 5.2.5: moto's Backup has no CloudFormation models; the three resources are
skipped, so a stack's vault, plan and selection do not exist (ListBackupPlans,
ListBackupSelections and ListBackupVaults show none of them).

Real AWS (CloudFormation template reference):
- AWS::Backup::BackupVault: BackupVaultName, BackupVaultTags (a map), EncryptionKeyArn;
  Ref = the vault name; GetAtt BackupVaultName, BackupVaultArn.
  https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupvault.html
- AWS::Backup::BackupPlan: BackupPlan {BackupPlanName, BackupPlanRule [{RuleName,
  TargetBackupVault, ScheduleExpression, StartWindowMinutes, CompletionWindowMinutes,
  Lifecycle, ...}], AdvancedBackupSettings}, BackupPlanTags (a map); Ref = the plan id;
  GetAtt BackupPlanId, BackupPlanArn, VersionId. An update changes the plan in place and
  gives it a new VersionId (UpdateBackupPlan).
  https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupplan.html
- AWS::Backup::BackupSelection: BackupPlanId, BackupSelection {SelectionName, IamRoleArn,
  Resources, ListOfTags, NotResources, Conditions}; Ref = the selection id; GetAtt
  BackupPlanId, SelectionId. Every property change replaces the selection.
  https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupselection.html
- "Related backup plan selections must be deleted prior to backup plan deletion":
  https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DeleteBackupPlan.html

What the patch does: three models that call the Backup backend as the API does
(create_backup_vault, create_backup_plan with the rules in the API's shape, the
create/delete_backup_selection of `backup_selections.py`, so a plan still refuses deletion
while a selection exists and DeleteStack deletes the selection first, in moto's later pass).
The `Tags` list that stack-level tags arrive in is merged into the type's own tag map.

Why we need it: backup.plan-covers-rds reads the plan, its rules and the selection that
names the deployment's database.
"""

import copy
from typing import Any

VAULT_TYPE = "AWS::Backup::BackupVault"
PLAN_TYPE = "AWS::Backup::BackupPlan"
SELECTION_TYPE = "AWS::Backup::BackupSelection"


def _tag_map(properties: dict[str, Any], own_key: str) -> dict[str, str]:
    tags = {str(k): str(v) for k, v in (properties.get(own_key) or {}).items()}
    for tag in properties.get("Tags") or []:
        tags.setdefault(str(tag["Key"]), str(tag["Value"]))
    return tags


def _api_plan(template_plan: dict[str, Any]) -> dict[str, Any]:
    """The template's BackupPlan in CreateBackupPlan's shape (Rules, TargetBackupVaultName)."""
    rules = []
    for rule in template_plan.get("BackupPlanRule") or []:
        api_rule = {k: copy.deepcopy(v) for k, v in rule.items() if k != "TargetBackupVault"}
        api_rule["TargetBackupVaultName"] = rule["TargetBackupVault"]
        rules.append(api_rule)
    plan: dict[str, Any] = {"BackupPlanName": template_plan["BackupPlanName"], "Rules": rules}
    if template_plan.get("AdvancedBackupSettings"):
        plan["AdvancedBackupSettings"] = copy.deepcopy(template_plan["AdvancedBackupSettings"])
    return plan


def apply() -> None:
    from moto.backup.models import Plan, backup_backends
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
    from moto.cloudformation.parsing import get_model_list, get_model_map, get_name_type_map
    from moto.core.common_models import CloudFormationModel
    from moto.moto_api._internal import mock_random

    class BackupVault(CloudFormationModel):
        __module__ = "moto.backup.models"  # moto files models by the service named in their module

        def __init__(self, name: str, arn: str):
            self.name = name
            self.arn = arn

        @staticmethod
        def cloudformation_name_type() -> str:
            return "BackupVaultName"

        @staticmethod
        def cloudformation_type() -> str:
            return VAULT_TYPE

        @property
        def physical_resource_id(self) -> str:
            return self.name

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr in ["BackupVaultName", "BackupVaultArn"]

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            if attribute_name == "BackupVaultName":
                return self.name
            if attribute_name == "BackupVaultArn":
                return self.arn
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "BackupVault":
            properties = cloudformation_json["Properties"]
            backend = backup_backends[account_id][region_name]
            vault = backend.create_backup_vault(
                backup_vault_name=resource_name,
                backup_vault_tags=_tag_map(properties, "BackupVaultTags"),
                encryption_key_arn=properties.get("EncryptionKeyArn"),
                creator_request_id=None,
            )
            return cls(vault.backup_vault_name, vault.backup_vault_arn)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "BackupVault":
            properties = cloudformation_json["Properties"]
            backend = backup_backends[account_id][region_name]
            wanted = _tag_map(properties, "BackupVaultTags")
            existing = backend.list_tags(original_resource.arn)
            gone = [key for key in existing if key not in wanted]
            if gone:
                backend.untag_resource(original_resource.arn, gone)
            if wanted:
                backend.tag_resource(original_resource.arn, wanted)
            return original_resource

        def delete(self, account_id: str, region_name: str) -> None:
            backup_backends[account_id][region_name].delete_backup_vault(self.name)

    class BackupPlan(CloudFormationModel):
        __module__ = "moto.backup.models"  # moto files models by the service named in their module

        def __init__(self, plan: Any):
            self.plan = plan

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @staticmethod
        def cloudformation_type() -> str:
            return PLAN_TYPE

        @property
        def physical_resource_id(self) -> str:
            return self.plan.backup_plan_id

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr in ["BackupPlanId", "BackupPlanArn", "VersionId"]

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            if attribute_name == "BackupPlanId":
                return self.plan.backup_plan_id
            if attribute_name == "BackupPlanArn":
                return self.plan.backup_plan_arn
            if attribute_name == "VersionId":
                return self.plan.version_id
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "BackupPlan":
            properties = cloudformation_json["Properties"]
            backend = backup_backends[account_id][region_name]
            plan = backend.create_backup_plan(
                backup_plan=_api_plan(properties["BackupPlan"]),
                backup_plan_tags=_tag_map(properties, "BackupPlanTags"),
                creator_request_id=None,
            )
            return cls(plan)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "BackupPlan":
            # UpdateBackupPlan: same id and ARN, the new document, a new VersionId.
            properties = cloudformation_json["Properties"]
            backend = backup_backends[account_id][region_name]
            plan = original_resource.plan
            rebuilt = Plan(backup_plan=_api_plan(properties["BackupPlan"]), creator_request_id=plan.creator_request_id, backend=backend)
            plan.backup_plan = rebuilt.backup_plan
            plan.advanced_backup_settings = rebuilt.advanced_backup_settings
            plan.version_id = mock_random.get_random_string(length=48)
            wanted = _tag_map(properties, "BackupPlanTags")
            existing = backend.list_tags(plan.backup_plan_arn)
            gone = [key for key in existing if key not in wanted]
            if gone:
                backend.untag_resource(plan.backup_plan_arn, gone)
            if wanted:
                backend.tag_resource(plan.backup_plan_arn, wanted)
            return original_resource

        def delete(self, account_id: str, region_name: str) -> None:
            backend = backup_backends[account_id][region_name]
            if self.plan.deletion_date is None:
                backend.delete_backup_plan(self.plan.backup_plan_id)

    class BackupSelection(CloudFormationModel):
        __module__ = "moto.backup.models"  # moto files models by the service named in their module

        def __init__(self, plan_id: str, selection_id: str):
            self.plan_id = plan_id
            self.selection_id = selection_id

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @staticmethod
        def cloudformation_type() -> str:
            return SELECTION_TYPE

        @property
        def physical_resource_id(self) -> str:
            return self.selection_id

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr in ["BackupPlanId", "SelectionId", "Id"]

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            if attribute_name == "BackupPlanId":
                return self.plan_id
            if attribute_name in ("SelectionId", "Id"):
                return self.selection_id
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "BackupSelection":
            properties = cloudformation_json["Properties"]
            backend = backup_backends[account_id][region_name]
            stored = backend.create_backup_selection(properties["BackupPlanId"], copy.deepcopy(properties["BackupSelection"]), None)
            return cls(properties["BackupPlanId"], stored["SelectionId"])

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "BackupSelection":
            # Every property change replaces the selection: create the new one, delete the old.
            replacement = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement

        def delete(self, account_id: str, region_name: str) -> None:
            backend = backup_backends[account_id][region_name]
            plan = backend.plans.get(self.plan_id)
            if plan is None or plan.deletion_date is not None:
                return  # gone with its plan
            if any(s["SelectionId"] == self.selection_id for s in backend.list_backup_selections(self.plan_id)):
                backend.delete_backup_selection(self.plan_id, self.selection_id)

    get_model_list.cache_clear()
    get_model_map.cache_clear()
    get_name_type_map.cache_clear()
