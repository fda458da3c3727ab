"""CloudFormation: deleting a stack's bucket that still holds objects fails, as on AWS.

Missing in moto 5.2.5: the CloudFormation delete handler of AWS::S3::Bucket calls the
backend's delete_bucket, which quietly does nothing when the bucket has objects; the stack
reaches DELETE_COMPLETE and the bucket, with its objects, stays in the account unseen by
the stack. Whether the CDK's auto-delete custom resource emptied it first then depends on
moto's (unordered) deletion pass.

Real AWS: a bucket must be empty before it is deleted (DeleteBucket: "All objects
(including all object versions and delete markers) in the bucket must be deleted before the
bucket itself can be deleted", error BucketNotEmpty); CloudFormation reports the bucket
DELETE_FAILED and the stack DELETE_FAILED.
https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html

What the patch does: the handler raises BucketNotEmpty for a bucket with objects, so moto's
deletion pass retries it after the resources that empty it (Custom::S3AutoDeleteObjects)
and otherwise `cloudformation_delete_failed.py` ends the stack DELETE_FAILED with the reason.
"""

from typing import Any


def apply() -> None:
    from moto.s3.exceptions import BucketNotEmpty
    from moto.s3.models import FakeBucket, s3_backends
    from moto.utilities.utils import get_partition

    original = FakeBucket.delete_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def delete_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> None:
        backend = s3_backends[account_id][get_partition(region_name)]
        bucket = backend.buckets.get(resource_name)
        if bucket is not None and bucket.keys:
            raise BucketNotEmpty(resource_name)
        original(cls, resource_name, cloudformation_json, account_id, region_name)

    FakeBucket.delete_from_cloudformation_json = classmethod(delete_from_cloudformation_json)
