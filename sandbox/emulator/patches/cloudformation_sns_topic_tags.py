"""CloudFormation: AWS::SNS::Topic keeps its Tags and updates in place.

Missing in moto 5.2.5: the CloudFormation handler of AWS::SNS::Topic ignores Tags
(ListTagsForResource answers no tags), and any update deletes the topic and creates it
again: its subscriptions are lost and, without TopicName, its ARN changes under every
alarm and export that names it.

Real AWS: AWS::SNS::Topic supports Tags; changing DisplayName, KmsMasterKeyId or Tags
updates the topic with no interruption; only TopicName (and FifoTopic) force a replacement.
Ref = the topic ARN.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topic.html

What the patch does: after moto's handler creates the topic, its Tags go through the SNS
backend's tag_resource (the TagResource path); an update that keeps the name sets the
attributes and replaces the tags on the same topic.

Why we need it: tags.cleanup reads the alarm topic's tags; the Observability stack's alarms
and the App stack's export name the topic's ARN.
"""

from typing import Any


def _tags(properties: dict[str, Any]) -> dict[str, str]:
    return {str(t["Key"]): str(t["Value"]) for t in properties.get("Tags") or []}


def apply() -> None:
    from moto.sns.models import Topic, sns_backends

    original_create = Topic.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
    original_update = Topic.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        topic = original_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        tags = _tags(cloudformation_json.get("Properties") or {})
        if tags:
            sns_backends[account_id][region_name].tag_resource(topic.arn, tags)
        return topic

    def update_from_cloudformation_json(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> Any:
        properties = cloudformation_json["Properties"]
        if properties.get("TopicName") and properties["TopicName"] != original_resource.name:
            return original_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        backend = sns_backends[account_id][region_name]
        backend.set_topic_attribute(original_resource.arn, "display_name", properties.get("DisplayName", ""))
        if "KmsMasterKeyId" in properties:
            backend.set_topic_attribute(original_resource.arn, "kms_master_key_id", properties["KmsMasterKeyId"])
        wanted = _tags(properties)
        gone = [key for key in original_resource._tags if key not in wanted]
        if gone:
            backend.untag_resource(original_resource.arn, gone)
        if wanted:
            backend.tag_resource(original_resource.arn, wanted)
        return original_resource

    Topic.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    Topic.update_from_cloudformation_json = classmethod(update_from_cloudformation_json)
