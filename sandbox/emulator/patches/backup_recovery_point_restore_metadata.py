"""AWS Backup DescribeRecoveryPoint and GetRecoveryPointRestoreMetadata (moto 5.2.5 lacks both).

The gap (moto 5.2.5, moto/backup): GET /backup-vaults/{vault}/recovery-points/{arn} and
.../restore-metadata have no route and no handler, so a recovery point's role and the
metadata a restore starts from cannot be read.

What real AWS does (AWS Backup API reference, DescribeRecoveryPoint,
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeRecoveryPoint.html, and
GetRecoveryPointRestoreMetadata,
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_GetRecoveryPointRestoreMetadata.html):
the first returns the recovery point (Status, ResourceArn, IamRoleArn, CreationDate...),
the second "a set of metadata key-value pairs that were used to create the backup", the
starting point of StartRestoreJob's Metadata; an unknown recovery point is refused with
ResourceNotFoundException.

What this patch does: answers both for the recovery points backup_start_backup_job.py
keeps (_backup_store.py). The restore metadata of an RDS instance is its identifier,
engine, class, subnet group and Multi-AZ flag as RDS describes them (AWS returns more
keys; a restore overrides the ones it needs).
"""

import json
from urllib.parse import unquote

import _backup_store


def apply() -> None:
    from moto.backup import responses, urls
    from moto.core.exceptions import JsonRESTError
    from moto.rds.models import rds_backends

    urls.url_paths["{0}/backup-vaults/(?P<name>[^/]+)/recovery-points/(?P<arn>.+)$"] = urls.response.dispatch

    def _point(self) -> dict:
        path = self.path.split("?")[0]
        arn = unquote(path.split("/recovery-points/", 1)[1]).removesuffix("/restore-metadata")
        point = _backup_store.recovery_points(self.current_account, self.region).get(arn)
        if point is None:
            raise JsonRESTError("ResourceNotFoundException", f"Recovery point {arn} was not found.")
        return point

    def describe_recovery_point(self) -> str:
        return json.dumps(_point(self))

    def get_recovery_point_restore_metadata(self) -> str:
        point = _point(self)
        identifier = point["ResourceArn"].rsplit(":", 1)[-1]
        database = rds_backends[self.current_account][self.region].databases.get(identifier)
        metadata = {"DBInstanceIdentifier": identifier}
        if database is not None:
            metadata.update(
                {
                    "Engine": database.engine,
                    "DBInstanceClass": database.db_instance_class,
                    "MultiAZ": "true" if database.multi_az else "false",
                    **({"DBSubnetGroupName": database.db_subnet_group.name} if getattr(database, "db_subnet_group", None) else {}),
                }
            )
        return json.dumps({"BackupVaultArn": point["BackupVaultArn"], "RecoveryPointArn": point["RecoveryPointArn"], "ResourceType": "RDS", "RestoreMetadata": metadata})

    responses.BackupResponse.describe_recovery_point = describe_recovery_point
    responses.BackupResponse.get_recovery_point_restore_metadata = get_recovery_point_restore_metadata
