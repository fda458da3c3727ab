"""RDS LatestRestorableTime lags behind the current time, as the uploaded transaction logs do.

The gap (moto 5.2.5, moto/rds/models.py `DBInstance.latest_restorable_time`): it is always
the current time, as if every committed transaction could be restored the moment it is
made.

What real AWS does (RDS User Guide, "Restoring a DB instance to a specified time",
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html): "The latest
restorable time for a DB instance is typically within 5 minutes of the current time";
DescribeDBInstances reports it as LatestRestorableTime
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html), and a
restore with UseLatestRestorableTime restores to it, not to now.

What this patch does: LatestRestorableTime is the last moment, since the instance was
created, on a grid of UPLOAD_EVERY_S seconds (scaled by _drill_clock): it moves forward in
steps and is at most that far behind the current time. Read only by DescribeDBInstances
(and moto's own copies of the field); no other field changes.
"""

from datetime import datetime, timedelta, timezone

import _drill_clock

UPLOAD_EVERY_S = 300


def apply() -> None:
    from moto.rds.models import DBInstance

    def latest_restorable_time(self) -> datetime:
        # Naive UTC, as moto's own dates.
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        created = getattr(self, "created", None)
        if isinstance(created, str):
            created = datetime.fromisoformat(created.replace("Z", "+00:00"))
        if not isinstance(created, datetime):
            return now
        if created.tzinfo is not None:
            created = created.astimezone(timezone.utc).replace(tzinfo=None)
        step = UPLOAD_EVERY_S * _drill_clock.scale()
        if step <= 0 or now <= created:
            return now
        elapsed = (now - created).total_seconds()
        return created + timedelta(seconds=elapsed - (elapsed % step))

    DBInstance.latest_restorable_time = property(latest_restorable_time)
