"""CloudFormation: AWS::CloudWatch::Dashboard keeps its Tags.

Missing in moto 5.2.5: the CloudFormation handler of AWS::CloudWatch::Dashboard ignores the
Tags property (and an update recreates the dashboard untagged), so a stack's dashboard
carries no tags: ListTagsForResource and GetResources do not see it.

Real AWS: AWS::CloudWatch::Dashboard has DashboardBody, DashboardName and Tags; Ref is the
dashboard name.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-dashboard.html
https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html

What the patch does: after moto's handler creates (or re-creates on update) the dashboard,
its Tags go to the backend's tagger, the store `cloudwatch_dashboard_tags.py` gives
PutDashboard `Tags`, TagResource and ListTagsForResource; deleting the dashboard drops them
(that patch's delete_dashboards).

Why we need it: tags.cleanup and dashboard.present read the dashboard's tags.
"""

from typing import Any


def apply() -> None:
    from moto.cloudwatch.models import Dashboard, cloudwatch_backends

    def tag(dashboard: Any, properties: dict[str, Any], account_id: str, region_name: str) -> None:
        tags = [{"Key": str(t["Key"]), "Value": str(t["Value"])} for t in properties.get("Tags") or []]
        tagger = cloudwatch_backends[account_id][region_name].tagger
        tagger.delete_all_tags_for_resource(dashboard.arn)
        if tags:
            tagger.tag_resource(dashboard.arn, tags)

    original_create = Dashboard.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
    original_update = Dashboard.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        dashboard = original_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        tag(dashboard, cloudformation_json.get("Properties") or {}, account_id, region_name)
        return dashboard

    def update_from_cloudformation_json(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> Any:
        dashboard = original_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        tag(dashboard, cloudformation_json.get("Properties") or {}, account_id, region_name)
        return dashboard

    Dashboard.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    Dashboard.update_from_cloudformation_json = classmethod(update_from_cloudformation_json)
