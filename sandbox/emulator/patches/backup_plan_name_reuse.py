"""Backup: a deleted backup plan's name can be used again.

Missing in moto 5.2.5: CreateBackupPlan refuses a name that any plan ever had, deleted plans
included (moto keeps them, with a DeletionDate, for ListBackupPlans IncludeDeleted): a stack's
plan that was deleted blocks the same stack from being deployed again
("AlreadyExistsException: Backup plan with the same plan document already exists").

Real AWS: DeleteBackupPlan deletes the plan (it is listed only with IncludeDeleted); the
AlreadyExistsException of CreateBackupPlan is for "a plan that already exists". A live plan
with the same name is still refused, as moto does and as CDK users meet it when two stacks of
one account create a plan with the same construct id (aws/aws-cdk#38318).
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupPlan.html
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DeleteBackupPlan.html
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupPlans.html

What the patch does: CreateBackupPlan checks the name against the live plans only; deleted
plans stay listed with IncludeDeleted.

Why we need it: deploy, destroy and deploy again (the student's path, and the tests') must
work for the Backup stack.
"""

import threading
from typing import Any


def apply() -> None:
    from moto.backup.models import BackupBackend

    lock = threading.Lock()
    original_create = BackupBackend.create_backup_plan

    def create_backup_plan(self: Any, backup_plan: dict[str, Any], backup_plan_tags: dict[str, str], creator_request_id: str) -> Any:
        with lock:
            # moto's own name check, over the live plans only: hide the deleted ones meanwhile.
            deleted = {plan_id: plan for plan_id, plan in self.plans.items() if plan.deletion_date is not None}
            for plan_id in deleted:
                del self.plans[plan_id]
            try:
                return original_create(self, backup_plan, backup_plan_tags, creator_request_id)
            finally:
                self.plans.update(deleted)

    BackupBackend.create_backup_plan = create_backup_plan
