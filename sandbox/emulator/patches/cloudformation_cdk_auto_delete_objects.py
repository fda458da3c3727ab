"""CloudFormation: the CDK's Custom::S3AutoDeleteObjects resource (the lab profile's buckets).

Missing in moto 5.2.5: a custom resource is created by invoking its provider's Lambda
function, which moto can only run in Docker; without it the stack stays
CREATE_IN_PROGRESS for ever. The lab profile's buckets (`autoDeleteObjects: true`) each have
one, so `npm run deploy -- --target local --deployment-profile lab` never finished.

Real AWS: CloudFormation sends the custom resource's Create/Update/Delete request to the
ServiceToken's Lambda function and waits for its response
(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html).
aws-cdk-lib's provider for this type (custom-resource-handlers/dist/aws-s3/
auto-delete-objects-handler/index.js) does nothing on Create, returns the bucket name on
Update, and on Delete, when the bucket carries the tag aws-cdk:auto-delete-objects=true,
denies new writes with a bucket policy and deletes every object version, so the bucket can
be deleted next.

What the patch does: that one custom resource type is answered as the CDK's handler would
answer it (the provider function named by ServiceToken must exist, as AWS needs it to);
every other Custom:: type is moto's (and still needs Docker).
"""

from typing import Any

TYPE = "Custom::S3AutoDeleteObjects"
TAG = "aws-cdk:auto-delete-objects"


def apply() -> None:
    from moto.awslambda.utils import get_backend as get_lambda_backend
    from moto.cloudformation import parsing
    from moto.core.common_models import CloudFormationModel
    from moto.s3.models import s3_backends

    class AutoDeleteObjects(CloudFormationModel):
        __module__ = "moto.s3.models"  # moto files models by the service named in their module

        def __init__(self, bucket_name: str, logical_id: str):
            self.bucket_name = bucket_name
            self.logical_id = logical_id

        @property
        def physical_resource_id(self) -> str:
            return self.bucket_name

        @staticmethod
        def cloudformation_type() -> str:
            return TYPE

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @classmethod
        def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> "AutoDeleteObjects":
            properties = cloudformation_json["Properties"]
            get_lambda_backend(account_id, region_name).get_function(properties["ServiceToken"])  # AWS needs the provider
            return cls(properties["BucketName"], kwargs.get("LogicalId", resource_name))

        @classmethod
        def update_from_cloudformation_json(cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> "AutoDeleteObjects":
            return cls(cloudformation_json["Properties"]["BucketName"], original_resource.logical_id)

        @classmethod
        def delete_from_cloudformation_json(cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> None:
            empty_if_tagged(account_id, cloudformation_json.get("Properties", {}).get("BucketName", resource_name))

        def delete(self, account_id: str, region_name: str) -> None:
            empty_if_tagged(account_id, self.bucket_name)

        def is_created(self) -> bool:
            return True

    def empty_if_tagged(account_id: str, bucket_name: str) -> None:
        backend = s3_backends[account_id]["aws"]
        try:
            bucket = backend.get_bucket(bucket_name)
        except Exception:
            return  # already gone, as the handler ignores NoSuchBucket
        tag_map = {t["Key"]: t["Value"] for t in backend.get_bucket_tagging(bucket_name).get("Tags", [])}
        if tag_map.get(TAG) != "true":
            return
        for key in list(bucket.keys.keys()):
            for version in list(bucket.keys.getlist(key)):
                backend.delete_object(bucket_name, key, version_id=getattr(version, "version_id", None))

    original = parsing.resource_class_from_type

    def resource_class_from_type(resource_type: str) -> Any:
        return AutoDeleteObjects if resource_type == TYPE else original(resource_type)

    parsing.resource_class_from_type = resource_class_from_type
