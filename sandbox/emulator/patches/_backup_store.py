"""Helper for the AWS Backup job patches (not a patch): the recovery points and restore jobs
moto does not keep, per account and region, shared by backup_start_backup_job.py (writes
recovery points), backup_recovery_point_restore_metadata.py (reads them) and
backup_restore_job.py (reads them, keeps restore jobs).
"""

import threading

_LOCK = threading.Lock()
_RECOVERY_POINTS: dict = {}
_RESTORE_JOBS: dict = {}


def recovery_points(account: str, region: str) -> dict:
    with _LOCK:
        return _RECOVERY_POINTS.setdefault((account, region), {})


def restore_jobs(account: str, region: str) -> dict:
    with _LOCK:
        return _RESTORE_JOBS.setdefault((account, region), {})
