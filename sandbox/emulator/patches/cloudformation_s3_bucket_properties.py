"""CloudFormation: AWS::S3::Bucket keeps its public access block, versioning, lifecycle, logging and ownership.

Missing in moto 5.2.5: the CloudFormation handler of AWS::S3::Bucket applies only
BucketEncryption and Tags. PublicAccessBlockConfiguration, VersioningConfiguration,
LifecycleConfiguration, LoggingConfiguration and OwnershipControls are dropped, so
GetPublicAccessBlock answers NoSuchPublicAccessBlockConfiguration for a bucket whose template
blocks all public access. An update without BucketName fails (moto reads
Properties["BucketName"] for the tags).

Real AWS: each of these properties is applied as the matching Put* call does
(PutPublicAccessBlock, PutBucketVersioning, PutBucketLifecycleConfiguration,
PutBucketLogging, PutBucketOwnershipControls) and updated in place without interruption.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-rule.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-loggingconfig.html
CloudFormation deploys a bucket whose LoggingConfiguration names a log bucket whose bucket
policy (granting logging.s3.amazonaws.com) is created after it, as CDK's serverAccessLogsBucket
does; moto's own permission test would refuse that order, so the handler keeps the
configuration when only that test fails (the target must still exist, in the same region).

What the patch does: after moto's handler creates the bucket (or on update), the properties
above go through the S3 backend methods the API uses, in the API's shapes.

Why we need it: s3.block-public-access reads the frontend bucket's public access block;
frontend.s3-cloudfront and the cleanup read versioning and lifecycle.
"""

from typing import Any


def _lifecycle_rules(configuration: dict[str, Any]) -> list[dict[str, Any]]:
    """CloudFormation's Rule list in PutBucketLifecycleConfiguration's shape."""
    rules = []
    for rule in configuration.get("Rules") or []:
        api: dict[str, Any] = {"Status": rule["Status"], "Filter": {"Prefix": rule.get("Prefix", "")}}
        if rule.get("Id"):
            api["ID"] = rule["Id"]
        if rule.get("ExpirationInDays") is not None:
            api["Expiration"] = {"Days": str(rule["ExpirationInDays"])}
        elif rule.get("ExpirationDate") is not None:
            api["Expiration"] = {"Date": rule["ExpirationDate"]}
        elif rule.get("ExpiredObjectDeleteMarker") is not None:
            api["Expiration"] = {"ExpiredObjectDeleteMarker": str(rule["ExpiredObjectDeleteMarker"]).lower()}
        noncurrent = rule.get("NoncurrentVersionExpiration") or (
            {"NoncurrentDays": rule["NoncurrentVersionExpirationInDays"]} if rule.get("NoncurrentVersionExpirationInDays") is not None else None
        )
        if noncurrent:
            api["NoncurrentVersionExpiration"] = {k: str(v) for k, v in noncurrent.items()}
        transitions = rule.get("Transitions") or ([rule["Transition"]] if rule.get("Transition") else [])
        if transitions:
            api["Transition"] = [
                {k: str(v) for k, v in {"Days": t.get("TransitionInDays"), "Date": t.get("TransitionDate"), "StorageClass": t["StorageClass"]}.items() if v is not None}
                for t in transitions
            ]
        abort = rule.get("AbortIncompleteMultipartUpload")
        if abort:
            api["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": str(abort["DaysAfterInitiation"])}
        rules.append(api)
    return rules


def apply() -> None:
    from moto.s3.exceptions import InvalidTargetBucketForLogging
    from moto.s3.models import FakeBucket, s3_backends
    from moto.utilities.tagging_service import TaggingService
    from moto.utilities.utils import get_partition

    def configure(bucket_name: str, properties: dict[str, Any], account_id: str, region_name: str) -> None:
        backend = s3_backends[account_id][get_partition(region_name)]
        block = properties.get("PublicAccessBlockConfiguration")
        if block:
            backend.put_public_access_block(bucket_name, {k: str(v).lower() for k, v in block.items()})
        elif backend.get_bucket(bucket_name).public_access_block is not None:
            backend.delete_public_access_block(bucket_name)  # removed from the template
        versioning = properties.get("VersioningConfiguration")
        if versioning:
            backend.put_bucket_versioning(bucket_name, versioning["Status"])
        lifecycle = properties.get("LifecycleConfiguration")
        if lifecycle:
            backend.put_bucket_lifecycle(bucket_name, _lifecycle_rules(lifecycle))
        elif backend.get_bucket(bucket_name).rules:
            backend.delete_bucket_lifecycle(bucket_name)
        ownership = (properties.get("OwnershipControls") or {}).get("Rules") or []
        if ownership:
            backend.put_bucket_ownership_controls(bucket_name, ownership[0]["ObjectOwnership"])
        logging = properties.get("LoggingConfiguration")
        if logging is not None:
            config = {"TargetBucket": logging.get("DestinationBucketName") or bucket_name, "TargetPrefix": logging.get("LogFilePrefix", "")}
            try:
                backend.put_bucket_logging(bucket_name, config)
            except InvalidTargetBucketForLogging as refused:
                if "permissions" not in str(refused):
                    raise
                backend.get_bucket(bucket_name).logging = config  # the log bucket's policy comes later in the stack

    original_create = FakeBucket.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
    original_update = FakeBucket.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        bucket = original_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        configure(bucket.name, cloudformation_json.get("Properties") or {}, account_id, region_name)
        return bucket

    def update_from_cloudformation_json(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> Any:
        properties = cloudformation_json["Properties"]
        if "BucketName" in properties and properties["BucketName"] != original_resource.name:
            return original_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        backend = s3_backends[account_id][get_partition(region_name)]
        if "BucketEncryption" in properties:
            from moto.s3.cloud_formation import cfn_to_api_encryption

            backend.put_bucket_encryption(bucket_name=original_resource.name, encryption=cfn_to_api_encryption(properties["BucketEncryption"]))
        backend.put_bucket_tagging(bucket_name=original_resource.name, tags=TaggingService().flatten_tag_list(properties.get("Tags") or []))
        configure(original_resource.name, properties, account_id, region_name)
        return original_resource

    FakeBucket.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    FakeBucket.update_from_cloudformation_json = classmethod(update_from_cloudformation_json)
