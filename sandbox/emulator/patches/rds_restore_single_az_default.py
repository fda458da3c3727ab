"""RDS restores create a Single-AZ instance unless MultiAZ=true is asked for.

The gap (moto 5.2.5, moto/rds/models.py `restore_db_instance_to_point_in_time` and
`restore_db_instance_from_db_snapshot`): the restored instance copies the source's
settings and only takes the request's values that are truthy, so MultiAZ=false is
dropped and the restore of a Multi-AZ source is Multi-AZ whatever was asked.

What real AWS does (RDS API reference, RestoreDBInstanceToPointInTime,
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html):
"By default, the new DB instance is created as a single-AZ deployment"; the request's
MultiAZ says otherwise ("Specifies whether the DB instance is a Multi-AZ deployment").
RestoreDBInstanceFromDBSnapshot takes MultiAZ the same way
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html).

What this patch does: after either restore, the new instance is Multi-AZ only when the
request said MultiAZ=true (no standby, no SecondaryAvailabilityZone otherwise). This
patch owns only the restored instance's MultiAZ flag and standby AZ;
rds_restore_instance_creating.py owns its status.
"""

from moto.rds.responses import RDSResponse


def _is_true(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).lower() == "true"


def _single_az_unless_asked(backend, identifier, asked) -> None:
    database = backend.databases.get(identifier)
    if database is None or _is_true(asked):
        return
    database.multi_az = False
    try:
        database.secondary_availability_zone = None
    except AttributeError:
        # A read-only property (rds_secondary_az.py) follows MultiAZ by itself.
        pass


def _wrap(original, target_param):
    def restore(self):
        result = original(self)
        _single_az_unless_asked(self.backend, self.params.get(target_param), self.params.get("MultiAZ", False))
        return result

    return restore


def apply() -> None:
    RDSResponse.restore_db_instance_to_point_in_time = _wrap(RDSResponse.restore_db_instance_to_point_in_time, "TargetDBInstanceIdentifier")
    RDSResponse.restore_db_instance_from_db_snapshot = _wrap(RDSResponse.restore_db_instance_from_db_snapshot, "DBInstanceIdentifier")
