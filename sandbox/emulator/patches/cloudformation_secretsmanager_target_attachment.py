"""CloudFormation: AWS::SecretsManager::SecretTargetAttachment adds the database to the secret.

Missing in moto 5.2.5: moto's CloudFormation has no model for the type; the secret never
gets the database's connection details, and `Ref` to the attachment (what CDK's DB
constructs export as "the secret") resolves to nothing.

Real AWS (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secrettargetattachment.html):
"completes the final link between a Secrets Manager secret and the associated database by
adding the database connection information to the secret JSON"; one target per secret;
removing the attachment removes that information again with a PutSecretValue call. `Ref`
returns the secret's ARN. For an RDS DB instance the keys are those of the JSON structure of
database secrets (engine, host, port, dbInstanceIdentifier beside username and password;
https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_secret_json_structure.html),
for a DB cluster dbClusterIdentifier instead of dbInstanceIdentifier.

What the patch does: a CloudFormationModel whose create reads the secret and the target
through moto's own backends (GetSecretValue, DescribeDBInstances / DescribeDBClusters) and
writes the merged JSON as a new AWSCURRENT version (PutSecretValue); delete writes the
secret back without those keys. Other target types are refused with one sentence.
"""

import json
from typing import Any

_CONNECTION_KEYS = ("engine", "host", "port", "dbInstanceIdentifier", "dbClusterIdentifier")


def _connection(target_type: str, target_id: str, account_id: str, region_name: str) -> dict[str, Any]:
    from moto.cloudformation.exceptions import ValidationError
    from moto.rds.models import rds_backends

    rds = rds_backends[account_id][region_name]
    if target_type == "AWS::RDS::DBInstance":
        database = rds.describe_db_instances(db_instance_identifier=target_id)[0]
        return {
            "engine": database.engine,
            "host": database.address,
            "port": int(database.port),
            "dbInstanceIdentifier": database.db_instance_identifier,
        }
    if target_type == "AWS::RDS::DBCluster":
        cluster = rds.describe_db_clusters(db_cluster_identifier=target_id)[0]
        return {
            "engine": cluster.engine,
            "host": cluster.endpoint,
            "port": int(cluster.port),
            "dbClusterIdentifier": cluster.db_cluster_identifier,
        }
    raise ValidationError(message=f"The emulator attaches secrets to AWS::RDS::DBInstance and AWS::RDS::DBCluster only, not {target_type}.")


def _secret_document(backend: Any, secret_id: str) -> dict[str, Any]:
    text = backend.get_secret_value(secret_id, None, "AWSCURRENT").get("SecretString") or "{}"
    document = json.loads(text)
    return document if isinstance(document, dict) else {}


def apply() -> None:
    from moto.core.common_models import CloudFormationModel
    from moto.cloudformation import parsing
    from moto.secretsmanager.models import secretsmanager_backends

    class SecretTargetAttachment(CloudFormationModel):

        # moto files models by the service named in their module (InstanceTrackerMeta).
        __module__ = "moto.secretsmanager.models"

        def __init__(self, secret_arn: str, target_type: str, target_id: str):
            self.secret_arn = secret_arn
            self.target_type = target_type
            self.target_id = target_id

        @staticmethod
        def cloudformation_type() -> str:
            return "AWS::SecretsManager::SecretTargetAttachment"

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @property
        def physical_resource_id(self) -> str:
            return self.secret_arn

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr == "Id"

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

            if attribute_name == "Id":
                return self.secret_arn
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "SecretTargetAttachment":
            properties = cloudformation_json.get("Properties") or {}
            backend = secretsmanager_backends[account_id][region_name]
            secret = backend.describe_secret(properties["SecretId"])
            document = _secret_document(backend, secret.arn)
            for key in _CONNECTION_KEYS:
                document.pop(key, None)
            document.update(_connection(properties["TargetType"], properties["TargetId"], account_id, region_name))
            backend.put_secret_value(secret.arn, json.dumps(document, separators=(",", ":")), None, None, ["AWSCURRENT"])
            return cls(secret.arn, properties["TargetType"], properties["TargetId"])

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "SecretTargetAttachment":
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

        def delete(self, account_id: str, region_name: str) -> None:
            backend = secretsmanager_backends[account_id][region_name]
            if self.secret_arn not in backend.secrets or backend.secrets[self.secret_arn].is_deleted():
                return
            document = _secret_document(backend, self.secret_arn)
            stripped = {k: v for k, v in document.items() if k not in _CONNECTION_KEYS}
            if stripped != document:
                backend.put_secret_value(self.secret_arn, json.dumps(stripped, separators=(",", ":")), None, None, ["AWSCURRENT"])

    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
