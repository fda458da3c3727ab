"""CloudFormation: AWS::S3::BucketPolicy.

Missing in moto 5.2.5: CloudFormation has no model for AWS::S3::BucketPolicy; the resource is
skipped, so a stack's bucket has no policy (GetBucketPolicy answers NoSuchBucketPolicy) and
its "deny insecure transport" and service-principal statements do not exist.

Real AWS: AWS::S3::BucketPolicy applies PolicyDocument to Bucket (Ref = the bucket name:
"Ref returns the name of the Amazon S3 bucket to which the policy is applied"; no GetAtt);
changing PolicyDocument replaces the policy in place, changing Bucket replaces the resource;
deleting it deletes the bucket policy.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucketpolicy.html

What the patch does: a model that calls the S3 backend's put_bucket_policy /
delete_bucket_policy (the PutBucketPolicy / DeleteBucketPolicy path), so
s3_bucket_policy_conditions.py evaluates the stack's policy exactly as an API-set one.

Why we need it: the App and Frontend stacks' buckets are TLS-only and let CloudFront, ELB
log delivery and S3 server access logging write or read through their bucket policies;
frontend.s3-cloudfront reads the site bucket's policy.
"""

import json
from typing import Any

POLICY_TYPE = "AWS::S3::BucketPolicy"


def apply() -> None:
    from moto.cloudformation.parsing import get_model_list, get_model_map, get_name_type_map
    from moto.core.common_models import CloudFormationModel
    from moto.s3.models import s3_backends
    from moto.utilities.utils import get_partition

    def backend(account_id: str, region_name: str) -> Any:
        return s3_backends[account_id][get_partition(region_name)]

    class BucketPolicy(CloudFormationModel):
        __module__ = "moto.s3.models"  # moto files models by the service named in their module

        def __init__(self, bucket_name: str):
            self.bucket_name = bucket_name

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @staticmethod
        def cloudformation_type() -> str:
            return POLICY_TYPE

        @property
        def physical_resource_id(self) -> str:
            return self.bucket_name

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return False

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "BucketPolicy":
            properties = cloudformation_json["Properties"]
            document = properties["PolicyDocument"]
            text = document if isinstance(document, str) else json.dumps(document)
            backend(account_id, region_name).put_bucket_policy(properties["Bucket"], text.encode())
            return cls(properties["Bucket"])

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "BucketPolicy":
            if cloudformation_json["Properties"]["Bucket"] != original_resource.bucket_name:
                original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

        def delete(self, account_id: str, region_name: str) -> None:
            s3 = backend(account_id, region_name)
            if self.bucket_name in s3.buckets:
                s3.delete_bucket_policy(self.bucket_name)

    get_model_list.cache_clear()
    get_model_map.cache_clear()
    get_name_type_map.cache_clear()
