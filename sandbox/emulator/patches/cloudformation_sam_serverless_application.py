"""CloudFormation: the SAM transform's AWS::Serverless::Application becomes a nested stack.

Missing in moto 5.2.5: moto ignores a template's `Transform: AWS::Serverless-2016-10-31` and
has no model for AWS::Serverless::Application, so CreateStack of a template holding one
fails with a 500 (its `Fn::GetAtt <App>.Outputs.X` cannot be validated). CDK's
SecretRotation (the reference Data stack's DB password rotation) is such an application:
the hosted SecretsManagerRDSPostgreSQLRotationSingleUser app of the Serverless Application
Repository (SAR), whose output RotationLambdaARN the RotationSchedule reads. moto's nested
stacks (AWS::CloudFormation::Stack) also report no ParentId / RootId.

Real AWS:
- "When an AWS::Serverless::Application is specified, AWS SAM generates an
  AWS::CloudFormation::Stack" with the application's logical ID
  (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-application.html);
  the application "is deployed as a nested AWS::CloudFormation::Stack", with Location (a
  template URL or an ApplicationId + SemanticVersion of the SAR), Parameters, Tags (a map),
  NotificationARNs, TimeoutInMinutes
  (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-application.html).
- A nested stack: `Ref` returns its stack ID, `Fn::GetAtt <Stack>.Outputs.<Name>` one of
  its outputs; DescribeStacks / ListStacks show it with ParentId and RootId; deleting the
  parent deletes it
  (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html,
  https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html).
- The rotation application's template (aws-samples/aws-secrets-manager-rotation-lambdas,
  SecretsManagerRDSPostgreSQLRotationSingleUser) is a SAM function with the parameters
  endpoint, functionName, vpcSubnetIds, vpcSecurityGroupIds, excludeCharacters (CDK's
  names), a Lambda permission for secretsmanager.amazonaws.com and the output
  RotationLambdaARN; SAM turns the function into AWS::Lambda::Function plus its role.

What the patch does: a model of AWS::Serverless::Application (what the transform produces,
done at resource creation) whose create makes a nested stack through moto's own
create_stack (its resources made by moto's models), named <parent>-<LogicalId>-<suffix>,
with ParentId / RootId and the application's tags; ListStackResources of the parent lists
it as AWS::CloudFormation::Stack with the nested stack's ID. The SAR is not reachable: the
emulator holds a copy of the (SAM-transformed) template of the rotation applications
CDK uses, whose Lambda function holds placeholder code that is never run; an unknown
ApplicationId fails the resource with one sentence. A Location that is a template URL is
read as moto reads a nested stack's TemplateURL. Update updates the nested stack's
parameters in place; delete deletes the nested stack (its resources first).
"""

import json
import random
import string
from typing import Any

_PLACEHOLDER_CODE = (
    "def lambda_handler(event, context):\n"
    "    raise RuntimeError('The local AWS emulator holds no copy of the rotation code of the Serverless Application Repository.')\n"
)


def _rotation_application(function_logical_id: str, description: str) -> dict[str, Any]:
    """The SAM-transformed template of a Secrets Manager single-user rotation application."""
    no_value = {"Ref": "AWS::NoValue"}
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": description,
        "Parameters": {
            "endpoint": {"Type": "String"},
            "functionName": {"Type": "String"},
            "invokingServicePrincipal": {"Type": "String", "Default": "secretsmanager.amazonaws.com"},
            "vpcSubnetIds": {"Type": "String", "Default": ""},
            "vpcSecurityGroupIds": {"Type": "String", "Default": ""},
            "kmsKeyArn": {"Type": "String", "Default": ""},
            "excludeCharacters": {"Type": "String", "Default": ""},
        },
        "Conditions": {
            "AddVpcConfig": {
                "Fn::And": [
                    {"Fn::Not": [{"Fn::Equals": ["", {"Ref": "vpcSubnetIds"}]}]},
                    {"Fn::Not": [{"Fn::Equals": ["", {"Ref": "vpcSecurityGroupIds"}]}]},
                ]
            },
            "IsExcludeCharactersEmpty": {"Fn::Equals": ["", {"Ref": "excludeCharacters"}]},
        },
        "Resources": {
            f"{function_logical_id}Role": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
                    },
                    "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
                    "Policies": [
                        {
                            "PolicyName": f"{function_logical_id}RolePolicy0",
                            "PolicyDocument": {
                                "Version": "2012-10-17",
                                "Statement": [
                                    {
                                        "Effect": "Allow",
                                        "Action": [
                                            "ec2:CreateNetworkInterface",
                                            "ec2:DeleteNetworkInterface",
                                            "ec2:DescribeNetworkInterfaces",
                                            "ec2:DetachNetworkInterface",
                                        ],
                                        "Resource": "*",
                                    },
                                    {
                                        "Effect": "Allow",
                                        "Action": [
                                            "secretsmanager:DescribeSecret",
                                            "secretsmanager:GetSecretValue",
                                            "secretsmanager:PutSecretValue",
                                            "secretsmanager:UpdateSecretVersionStage",
                                        ],
                                        "Resource": {"Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:*"},
                                        "Condition": {"StringEquals": {"secretsmanager:resource/AllowRotationLambdaArn": {"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}"}}},
                                    },
                                    {"Effect": "Allow", "Action": ["secretsmanager:GetRandomPassword"], "Resource": "*"},
                                ],
                            },
                        }
                    ],
                    "Tags": [{"Key": "lambda:createdBy", "Value": "SAM"}],
                },
            },
            function_logical_id: {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "FunctionName": {"Ref": "functionName"},
                    "Description": "Conducts an AWS SecretsManager secret rotation for RDS PostgreSQL using single user rotation scheme",
                    "Handler": "lambda_function.lambda_handler",
                    "Runtime": "python3.9",
                    "Timeout": 30,
                    "Code": {"ZipFile": _PLACEHOLDER_CODE},
                    "Role": {"Fn::GetAtt": [f"{function_logical_id}Role", "Arn"]},
                    "Environment": {
                        "Variables": {
                            "SECRETS_MANAGER_ENDPOINT": {"Ref": "endpoint"},
                            "EXCLUDE_CHARACTERS": {"Fn::If": ["IsExcludeCharactersEmpty", no_value, {"Ref": "excludeCharacters"}]},
                        }
                    },
                    "VpcConfig": {
                        "Fn::If": [
                            "AddVpcConfig",
                            {
                                "SubnetIds": {"Fn::Split": [",", {"Ref": "vpcSubnetIds"}]},
                                "SecurityGroupIds": {"Fn::Split": [",", {"Ref": "vpcSecurityGroupIds"}]},
                            },
                            no_value,
                        ]
                    },
                    "Tags": [{"Key": "SecretsManagerLambda", "Value": "Rotation"}, {"Key": "lambda:createdBy", "Value": "SAM"}],
                },
            },
            "LambdaPermission": {
                "Type": "AWS::Lambda::Permission",
                "Properties": {
                    "Action": "lambda:InvokeFunction",
                    "FunctionName": {"Fn::GetAtt": [function_logical_id, "Arn"]},
                    "Principal": {"Ref": "invokingServicePrincipal"},
                },
            },
        },
        "Outputs": {
            "RotationLambdaARN": {"Description": "The ARN of the rotation lambda", "Value": {"Fn::GetAtt": [function_logical_id, "Arn"]}},
        },
    }


# The SAR applications the emulator holds a copy of, by application name (the last part of
# the ApplicationId ARN). CDK's SecretRotationApplication names these.
KNOWN_APPLICATIONS = {
    "SecretsManagerRDSPostgreSQLRotationSingleUser": lambda: _rotation_application(
        "SecretsManagerRDSPostgreSQLRotationSingleUser",
        "Conducts an AWS SecretsManager secret rotation for RDS PostgreSQL using single user rotation scheme",
    ),
}


def _template_of(location: Any, account_id: str, region_name: str) -> str:
    from moto.cloudformation import models as cfn_models
    from moto.cloudformation.exceptions import ValidationError
    from moto.utilities.utils import get_partition

    if isinstance(location, str):
        return cfn_models.get_stack_from_s3_url(location, account_id=account_id, partition=get_partition(region_name))
    application_id = str((location or {}).get("ApplicationId", ""))
    name = application_id.rsplit("/", 1)[-1]
    if name not in KNOWN_APPLICATIONS:
        raise ValidationError(
            message=f"The emulator cannot reach the Serverless Application Repository and holds no copy of application {application_id}."
        )
    return json.dumps(KNOWN_APPLICATIONS[name]())


def _tag_map(tags: Any) -> dict[str, str]:
    if isinstance(tags, dict):
        return {str(k): str(v) for k, v in tags.items()}
    return {t["Key"]: t["Value"] for t in tags or [] if isinstance(t, dict) and "Key" in t}


def apply() -> None:
    from moto.core.common_models import CloudFormationModel
    from moto.cloudformation import parsing
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
    from moto.cloudformation.models import cloudformation_backends

    class ServerlessApplication(CloudFormationModel):

        # moto files models by the service named in their module (InstanceTrackerMeta).
        __module__ = "moto.cloudformation.models"

        def __init__(self, stack_id: str, account_id: str, region_name: str):
            self.stack_id = stack_id
            self.account_id = account_id
            self.region_name = region_name

        # SAM's output is a nested stack: that is what ListStackResources shows.
        @property
        def cf_resource_type(self) -> str:
            return "AWS::CloudFormation::Stack"

        @cf_resource_type.setter
        def cf_resource_type(self, value: str) -> None:
            pass

        @staticmethod
        def cloudformation_type() -> str:
            return "AWS::Serverless::Application"

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @property
        def physical_resource_id(self) -> str:
            return self.stack_id

        def nested(self) -> Any:
            return cloudformation_backends[self.account_id][self.region_name].get_stack(self.stack_id)

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr.startswith("Outputs.")

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            if attribute_name.startswith("Outputs."):
                key = attribute_name[len("Outputs."):]
                for output in self.nested().outputs or []:
                    if output["OutputKey"] == key:
                        return output["OutputValue"]
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "ServerlessApplication":
            properties = cloudformation_json.get("Properties") or {}
            backend = cloudformation_backends[account_id][region_name]
            parent = backend.get_stack(kwargs["StackId"]) if kwargs.get("StackId") in backend.stacks else None
            parent_name = parent.name if parent else kwargs.get("StackId", "stack").split("/")[1 if "/" in kwargs.get("StackId", "") else 0]
            suffix = "".join(random.choices(string.ascii_uppercase + string.digits, k=13))
            logical_id = kwargs.get("LogicalId") or "Application"
            name = f"{parent_name}-{logical_id}-{suffix}"
            location = properties.get("Location")
            tags = _tag_map(properties.get("Tags"))
            if isinstance(location, dict):
                # SAM tags the nested stack of a SAR application with where it came from.
                tags["serverlessrepo:applicationId"] = str(location.get("ApplicationId"))
                tags["serverlessrepo:semanticVersion"] = str(location.get("SemanticVersion"))
            parameters = {k: str(v) for k, v in (properties.get("Parameters") or {}).items()}
            template = _template_of(location, account_id, region_name)
            stack = backend.create_stack(
                name=name,
                template=template,
                parameters=parameters,
                notification_arns=properties.get("NotificationARNs"),
                tags=tags,
                timeout_in_mins=properties.get("TimeoutInMinutes"),
            )
            stack.parent_id = kwargs.get("StackId")
            stack.root_id = getattr(parent, "root_id", None) or kwargs.get("StackId")
            return cls(stack.stack_id, account_id, region_name)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "ServerlessApplication":
            properties = cloudformation_json.get("Properties") or {}
            nested = original_resource.nested()
            template = _template_of(properties.get("Location"), account_id, region_name)
            parameters = {k: str(v) for k, v in (properties.get("Parameters") or {}).items()}
            nested.update(template, parameters=parameters, tags=_tag_map(properties.get("Tags")) or None)
            return original_resource

        def delete(self, account_id: str, region_name: str) -> None:
            backend = cloudformation_backends[account_id][region_name]
            if self.stack_id in backend.stacks:
                backend.delete_stack(self.stack_id)

    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
