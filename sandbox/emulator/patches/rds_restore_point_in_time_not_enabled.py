"""RDS RestoreDBInstanceToPointInTime refuses a source without automated backups.

The gap (moto 5.2.5, moto/rds/responses.py `restore_db_instance_to_point_in_time`): the
source's BackupRetentionPeriod is never read, so an instance with automated backups off
(retention 0) is restored to a point in time as if it had them.

What real AWS does (RDS API reference, RestoreDBInstanceToPointInTime, Errors,
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html):
PointInTimeRestoreNotEnabled (HTTP 400), "SourceDBInstanceIdentifier refers to a DB
instance with BackupRetentionPeriod equal to 0." (the error code and text are the
botocore service model's PointInTimeRestoreNotEnabledFault).

What this patch does: refuses the restore with that error when the source instance's
BackupRetentionPeriod is 0; otherwise calls moto's restore unchanged.
"""

from moto.rds.exceptions import RDSClientError
from moto.rds.responses import RDSResponse


def _wrap(original):
    def restore(self):
        source_id = self.params.get("SourceDBInstanceIdentifier")
        source = self.backend.databases.get(source_id) if source_id else None
        if source is not None and int(getattr(source, "backup_retention_period", 1) or 0) == 0:
            raise RDSClientError(
                "PointInTimeRestoreNotEnabled",
                "SourceDBInstanceIdentifier refers to a DB instance with BackupRetentionPeriod equal to 0.",
            )
        return original(self)

    return restore


def apply() -> None:
    RDSResponse.restore_db_instance_to_point_in_time = _wrap(RDSResponse.restore_db_instance_to_point_in_time)
