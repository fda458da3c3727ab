"""AWS Backup StartBackupJob: moto 5.2.5 has no backup jobs, so no resource ever has a recovery point.

The gap (moto 5.2.5, moto/backup): PUT /backup-jobs has no route and no handler; moto
runs no backup jobs, so ListRecoveryPointsByResource (backup_recovery_points_by_resource.py)
can only answer an empty list.

What real AWS does (AWS Backup API reference, StartBackupJob,
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_StartBackupJob.html):
"Starts an on-demand backup job for the specified resource"; the answer carries
BackupJobId, RecoveryPointArn and CreationDate, and the recovery point is listed for the
resource (ListRecoveryPointsByResource,
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListRecoveryPointsByResource.html)
with Status CREATING until the backup is done, then COMPLETED. A vault that does not exist
is refused with ResourceNotFoundException. For an RDS instance the recovery point is an
RDS snapshot ARN (arn:aws:rds:<region>:<account>:snapshot:awsbackup:job-<id>).

What this patch does: StartBackupJob of an RDS DB instance into an existing vault makes a
recovery point (kept in _backup_store.py), CREATING, COMPLETED after COMPLETED_AFTER_S
(scaled by _drill_clock; the references give no duration, ours is five minutes), and
wraps ListRecoveryPointsByResource (backup_recovery_points_by_resource.py, which owns the
route and the empty answer) to list them. Other resource types are refused as not
supported here (InvalidParameterValueException), never accepted silently.
"""

import json
import time
import uuid
from urllib.parse import unquote

import _backup_store
import _drill_clock

COMPLETED_AFTER_S = 300


def apply() -> None:
    from moto.backup import responses, urls
    from moto.backup.exceptions import InvalidParameterValueException
    from moto.core.exceptions import JsonRESTError

    urls.url_paths["{0}/backup-jobs/?$"] = urls.response.dispatch

    def start_backup_job(self) -> str:
        body = json.loads(self.body or "{}")
        vault = body.get("BackupVaultName")
        resource_arn = body.get("ResourceArn") or ""
        if vault not in self.backup_backend.vaults:
            raise JsonRESTError("ResourceNotFoundException", f"Backup vault {vault} was not found.")
        if ":rds:" not in resource_arn or ":db:" not in resource_arn:
            raise InvalidParameterValueException(msg=f"The emulator backs up RDS DB instances only, not {resource_arn}")
        job_id = uuid.uuid4().hex.upper()
        arn = f"arn:aws:rds:{self.region}:{self.current_account}:snapshot:awsbackup:job-{job_id.lower()}"
        now = time.time()
        point = {
            "RecoveryPointArn": arn,
            "BackupVaultName": vault,
            "BackupVaultArn": self.backup_backend.vaults[vault].backup_vault_arn,
            "ResourceArn": resource_arn,
            "ResourceType": "RDS",
            "ResourceName": resource_arn.rsplit(":", 1)[-1],
            "IamRoleArn": body.get("IamRoleArn"),
            "Status": "CREATING",
            "CreationDate": now,
        }
        _backup_store.recovery_points(self.current_account, self.region)[arn] = point

        def completed() -> None:
            point["Status"] = "COMPLETED"
            point["CompletionDate"] = time.time()

        _drill_clock.timeline((COMPLETED_AFTER_S, completed))
        return json.dumps({"BackupJobId": job_id, "RecoveryPointArn": arn, "CreationDate": now, "IsParent": False})

    listing = responses.BackupResponse.list_recovery_points_by_resource

    def list_recovery_points_by_resource(self) -> str:
        answer = json.loads(listing(self))
        path = self.path.split("?")[0]
        arn = unquote(path[len("/resources/") :].rsplit("/recovery-points", 1)[0])
        points = _backup_store.recovery_points(self.current_account, self.region).values()
        answer["RecoveryPoints"] = answer.get("RecoveryPoints", []) + [
            {k: p[k] for k in ("RecoveryPointArn", "CreationDate", "Status", "BackupVaultName", "ResourceName") if k in p} for p in points if p["ResourceArn"] == arn
        ]
        return json.dumps(answer)

    responses.BackupResponse.start_backup_job = start_backup_job
    responses.BackupResponse.list_recovery_points_by_resource = list_recovery_points_by_resource
