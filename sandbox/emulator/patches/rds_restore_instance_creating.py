"""RDS restores (RestoreDBInstanceToPointInTime, RestoreDBInstanceFromDBSnapshot) take time.

The gap (moto 5.2.5, moto/rds/models.py `restore_db_instance_to_point_in_time` and
`restore_db_instance_from_db_snapshot`): the new instance is created `available` at once,
with its endpoint, as if the restore had taken no time.

What real AWS does (RDS API reference, RestoreDBInstanceToPointInTime,
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html,
and RestoreDBInstanceFromDBSnapshot,
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html):
the call answers with the new DB instance while it is being created; DescribeDBInstances
reports its status `creating` ("The instance is being created. The instance is
inaccessible while it is being created.", User Guide, DB instance status,
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html) and
later `available`. How long depends on the storage and the logs to replay; the
references give no figure, so AVAILABLE_AFTER_S is ours (ten minutes, inside the drill's
default 30-minute limit).

What this patch does: after either restore, the new instance's status is `creating`
(the answer says so too); after AVAILABLE_AFTER_S (scaled by _drill_clock) it becomes
`available`. This patch owns only the restored instance's `status`;
rds_restore_single_az_default.py owns its MultiAZ flag.
"""

from moto.rds.responses import RDSResponse

import _drill_clock  # helper beside the patches (server.py puts this folder on sys.path)

AVAILABLE_AFTER_S = 600


def _creating(backend, identifier) -> None:
    database = backend.databases.get(identifier)
    if database is None:
        return
    database.status = "creating"

    def available() -> None:
        # Deleted meanwhile (the drill deletes what it restored): nothing to finish.
        if backend.databases.get(identifier) is database and database.status == "creating":
            database.status = "available"

    _drill_clock.timeline((AVAILABLE_AFTER_S, available))


def _wrap(original, target_param):
    def restore(self):
        result = original(self)
        _creating(self.backend, self.params.get(target_param))
        return result

    return restore


def apply() -> None:
    RDSResponse.restore_db_instance_to_point_in_time = _wrap(RDSResponse.restore_db_instance_to_point_in_time, "TargetDBInstanceIdentifier")
    RDSResponse.restore_db_instance_from_db_snapshot = _wrap(RDSResponse.restore_db_instance_from_db_snapshot, "DBInstanceIdentifier")
