"""CloudFormation: AWS::SNS::TopicPolicy.

Missing in moto 5.2.5: CloudFormation has no model for AWS::SNS::TopicPolicy; the resource is
skipped, so the stack's topics keep SNS's default policy (GetTopicAttributes `Policy`) instead
of the template's.

Real AWS: AWS::SNS::TopicPolicy sets PolicyDocument as the `Policy` attribute of each topic in
Topics (Ref = the policy's id; GetAtt Id); removing the resource gives the topics back the
default policy.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topicpolicy.html
https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html

What the patch does: a model that calls the SNS backend's set_topic_attribute("policy", ...)
(the SetTopicAttributes path) for each topic, and restores moto's default topic policy on
delete.

Why we need it: the App stack's alarm topic accepts publishing over TLS only; the alarms'
actions publish to it.
"""

import json
from typing import Any

POLICY_TYPE = "AWS::SNS::TopicPolicy"


def apply() -> None:
    from moto.cloudformation.parsing import get_model_list, get_model_map, get_name_type_map
    from moto.core.common_models import CloudFormationModel
    from moto.sns.models import sns_backends

    class TopicPolicy(CloudFormationModel):
        __module__ = "moto.sns.models"  # moto files models by the service named in their module

        def __init__(self, policy_id: str, topics: list[str]):
            self.policy_id = policy_id
            self.topics = topics

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @staticmethod
        def cloudformation_type() -> str:
            return POLICY_TYPE

        @property
        def physical_resource_id(self) -> str:
            return self.policy_id

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr == "Id"

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

            if attribute_name == "Id":
                return self.policy_id
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "TopicPolicy":
            properties = cloudformation_json["Properties"]
            document = properties["PolicyDocument"]
            text = document if isinstance(document, str) else json.dumps(document)
            topics = list(properties.get("Topics") or [])
            backend = sns_backends[account_id][region_name]
            for topic in topics:
                backend.set_topic_attribute(topic, "policy", text)
            # resource_name is CloudFormation's generated physical id (stack-LogicalId-SUFFIX)
            return cls(resource_name, topics)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "TopicPolicy":
            properties = cloudformation_json["Properties"]
            kept = set(properties.get("Topics") or [])
            original_resource.restore_defaults(account_id, region_name, [t for t in original_resource.topics if t not in kept])
            updated = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            updated.policy_id = original_resource.policy_id
            return updated

        def restore_defaults(self, account_id: str, region_name: str, topics: list[str]) -> None:
            backend = sns_backends[account_id][region_name]
            for arn in topics:
                topic = backend.topics.get(arn)
                if topic is not None:
                    topic._policy_json = topic._create_default_topic_policy(topic.sns_backend.region_name, topic.account_id, topic.name)

        def delete(self, account_id: str, region_name: str) -> None:
            self.restore_defaults(account_id, region_name, self.topics)

    get_model_list.cache_clear()
    get_model_map.cache_clear()
    get_name_type_map.cache_clear()
