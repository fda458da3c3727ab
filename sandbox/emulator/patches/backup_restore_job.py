"""AWS Backup StartRestoreJob and DescribeRestoreJob (moto 5.2.5 lacks both).

The gap (moto 5.2.5, moto/backup/models.py: "start_restore_job not yet supported"):
PUT /restore-jobs and GET /restore-jobs/{id} have no route and no handler.

What real AWS does (AWS Backup API reference, StartRestoreJob,
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_StartRestoreJob.html, and
DescribeRestoreJob,
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeRestoreJob.html):
StartRestoreJob "recovers the saved resource identified by an Amazon Resource Name (ARN)"
with the given Metadata (for RDS: DBInstanceIdentifier, DBSubnetGroupName,
VpcSecurityGroupIds, MultiAZ...) and answers a RestoreJobId; DescribeRestoreJob reports its
Status (PENDING, RUNNING, COMPLETED, ABORTED, FAILED) and, once done, CreatedResourceArn. An
unknown recovery point is refused with ResourceNotFoundException.

What this patch does: StartRestoreJob of a recovery point that backup_start_backup_job.py
keeps (_backup_store.py) and that is COMPLETED starts a restore job, PENDING; the DB
instance named in the Metadata appears `creating` (in the subnet group and security
groups given, Multi-AZ only when MultiAZ is "true") after RUNNING_AFTER_S with the job
RUNNING; after COMPLETED_AFTER_S the instance is `available` and the job COMPLETED with
CreatedResourceArn. The durations are ours (the references give none), scaled by
_drill_clock. A recovery point that is not COMPLETED is refused (InvalidRequestException).
"""

import json
import time
import uuid

import _backup_store
import _drill_clock

RUNNING_AFTER_S = 30
COMPLETED_AFTER_S = 600


def apply() -> None:
    from moto.backup import responses, urls
    from moto.backup.exceptions import InvalidRequestException
    from moto.core.exceptions import JsonRESTError
    from moto.rds.models import rds_backends

    urls.url_paths["{0}/restore-jobs/?$"] = urls.response.dispatch
    urls.url_paths["{0}/restore-jobs/(?P<restore_job_id>[^/]+)$"] = urls.response.dispatch

    def start_restore_job(self) -> str:
        body = json.loads(self.body or "{}")
        arn = body.get("RecoveryPointArn")
        point = _backup_store.recovery_points(self.current_account, self.region).get(arn)
        if point is None:
            raise JsonRESTError("ResourceNotFoundException", f"Recovery point {arn} was not found.")
        if point["Status"] != "COMPLETED":
            raise InvalidRequestException(msg=f"Recovery point {arn} is {point['Status']}, not COMPLETED.")
        metadata = body.get("Metadata") or {}
        target = metadata.get("DBInstanceIdentifier")
        source = point["ResourceArn"].rsplit(":", 1)[-1]
        job_id = uuid.uuid4().hex.upper()
        job = {
            "AccountId": self.current_account,
            "RestoreJobId": job_id,
            "RecoveryPointArn": arn,
            "SourceResourceArn": point["ResourceArn"],
            "BackupVaultArn": point["BackupVaultArn"],
            "CreationDate": time.time(),
            "Status": "PENDING",
            "IamRoleArn": body.get("IamRoleArn"),
            "ResourceType": "RDS",
            "RecoveryPointCreationDate": point["CreationDate"],
        }
        _backup_store.restore_jobs(self.current_account, self.region)[job_id] = job
        rds = rds_backends[self.current_account][self.region]

        def running() -> None:
            overrides = {
                **({"DBSubnetGroupName": metadata["DBSubnetGroupName"]} if metadata.get("DBSubnetGroupName") else {}),
                **({"VpcSecurityGroupIds": json.loads(metadata["VpcSecurityGroupIds"])} if metadata.get("VpcSecurityGroupIds") else {}),
            }
            database = rds.restore_db_instance_to_point_in_time(source, target, overrides)
            database.multi_az = str(metadata.get("MultiAZ", "false")).lower() == "true"
            database.status = "creating"
            job["Status"] = "RUNNING"
            job["_arn"] = database.db_instance_arn

        def completed() -> None:
            database = rds.databases.get(target)
            if database is None:
                job["Status"] = "FAILED"
                job["StatusMessage"] = f"DB instance {target} was deleted while it was restored"
                return
            database.status = "available"
            job["Status"] = "COMPLETED"
            job["CompletionDate"] = time.time()
            job["CreatedResourceArn"] = job.pop("_arn", database.db_instance_arn)

        _drill_clock.timeline((RUNNING_AFTER_S, running), (COMPLETED_AFTER_S, completed))
        return json.dumps({"RestoreJobId": job_id})

    def describe_restore_job(self) -> str:
        job_id = self.path.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        job = _backup_store.restore_jobs(self.current_account, self.region).get(job_id)
        if job is None:
            raise JsonRESTError("ResourceNotFoundException", f"Restore job {job_id} was not found.")
        return json.dumps({k: v for k, v in job.items() if not k.startswith("_")})

    responses.BackupResponse.start_restore_job = start_restore_job
    responses.BackupResponse.describe_restore_job = describe_restore_job
