"""CloudFormation: AWS::CloudWatch::Alarm.

Missing in moto 5.2.5: CloudFormation has no model for AWS::CloudWatch::Alarm (moto's Alarm
is not a CloudFormation model); the resource is skipped, so a stack's alarms do not exist
and DescribeAlarms returns none of them.

Real AWS: AWS::CloudWatch::Alarm creates a metric alarm as PutMetricAlarm does (AlarmName,
Namespace, MetricName, Dimensions, Statistic or ExtendedStatistic, Period, EvaluationPeriods,
DatapointsToAlarm, Threshold, ComparisonOperator, TreatMissingData, AlarmActions, OKActions,
InsufficientDataActions, ActionsEnabled default true, Metrics, Unit, Tags). Ref = the alarm
name; Fn::GetAtt Arn. Without AlarmName CloudFormation generates a unique name; changing
AlarmName replaces the alarm, other changes update it in place.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-alarm.html
https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html

What the patch does: a model whose create and update call the CloudWatch backend's
put_metric_alarm with the template's properties (numbers as the API types them, Metrics as
PutMetricAlarm's MetricDataQuery) and whose delete calls delete_alarms (which drops tags).

Why we need it: the Observability stack holds the deployment's alarms; alarms.coverage and
alarms.actions read them with DescribeAlarms (metric, namespace, dimensions, actions).
"""

from typing import Any

ALARM_TYPE = "AWS::CloudWatch::Alarm"


def _bool(value: Any, default: bool) -> bool:
    if value is None:
        return default
    return value is True or str(value).lower() == "true"


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _integer(value: Any) -> int | None:
    return None if value is None else int(value)


def apply() -> None:
    from moto.cloudformation.parsing import get_model_list, get_model_map, get_name_type_map
    from moto.cloudwatch.models import Dimension, Metric, MetricDataQuery, MetricStat, cloudwatch_backends
    from moto.core.common_models import CloudFormationModel

    def data_queries(metrics: list[dict[str, Any]] | None) -> list[Any] | None:
        if not metrics:
            return None
        queries = []
        for metric in metrics:
            stat = metric.get("MetricStat") or {}
            inner = stat.get("Metric") or {}
            metric_stat = None
            if inner.get("MetricName"):
                dimensions = [Dimension(name=d.get("Name"), value=d.get("Value")) for d in inner.get("Dimensions") or []]
                metric_stat = MetricStat(
                    metric=Metric(metric_name=inner["MetricName"], namespace=inner.get("Namespace"), dimensions=dimensions),
                    period=_integer(stat.get("Period")),  # type: ignore[arg-type]
                    stat=stat.get("Stat"),
                    unit=stat.get("Unit"),
                )
            queries.append(
                MetricDataQuery(
                    query_id=metric.get("Id"),
                    label=metric.get("Label"),
                    period=_integer(metric.get("Period")),  # type: ignore[arg-type]
                    return_data=metric.get("ReturnData"),
                    expression=metric.get("Expression"),
                    metric_stat=metric_stat,
                )
            )
        return queries

    def put(account_id: str, region_name: str, name: str, properties: dict[str, Any]) -> Any:
        backend = cloudwatch_backends[account_id][region_name]
        return backend.put_metric_alarm(
            name=name,
            namespace=properties.get("Namespace"),
            metric_name=properties.get("MetricName"),
            comparison_operator=properties.get("ComparisonOperator"),
            evaluation_periods=_integer(properties.get("EvaluationPeriods")),
            period=_integer(properties.get("Period")),
            threshold=_number(properties.get("Threshold")),
            statistic=properties.get("Statistic"),
            description=properties.get("AlarmDescription"),
            dimensions=[{"Name": str(d["Name"]), "Value": str(d["Value"])} for d in properties.get("Dimensions") or []],
            alarm_actions=list(properties.get("AlarmActions") or []),
            metric_data_queries=data_queries(properties.get("Metrics")),
            datapoints_to_alarm=_integer(properties.get("DatapointsToAlarm")),
            extended_statistic=properties.get("ExtendedStatistic"),
            ok_actions=list(properties.get("OKActions") or []),
            insufficient_data_actions=list(properties.get("InsufficientDataActions") or []),
            unit=properties.get("Unit"),
            actions_enabled=_bool(properties.get("ActionsEnabled"), True),
            treat_missing_data=properties.get("TreatMissingData"),
            evaluate_low_sample_count_percentile=properties.get("EvaluateLowSampleCountPercentile"),
            threshold_metric_id=properties.get("ThresholdMetricId"),
            tags=[{"Key": str(t["Key"]), "Value": str(t["Value"])} for t in properties.get("Tags") or []],
        )

    class MetricAlarm(CloudFormationModel):
        __module__ = "moto.cloudwatch.models"  # moto files models by the service named in their module

        def __init__(self, name: str, arn: str):
            self.name = name
            self.arn = arn

        @staticmethod
        def cloudformation_name_type() -> str:
            return "AlarmName"

        @staticmethod
        def cloudformation_type() -> str:
            return ALARM_TYPE

        @property
        def physical_resource_id(self) -> str:
            return self.name

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr == "Arn"

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

            if attribute_name == "Arn":
                return self.arn
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "MetricAlarm":
            alarm = put(account_id, region_name, resource_name, cloudformation_json["Properties"])
            return cls(alarm.name, alarm.alarm_arn)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "MetricAlarm":
            wanted = cloudformation_json["Properties"].get("AlarmName")
            name = wanted or original_resource.name
            if name != original_resource.name:
                original_resource.delete(account_id, region_name)  # a new AlarmName is a replacement
            backend = cloudwatch_backends[account_id][region_name]
            if name in backend.alarms:
                # PutMetricAlarm overwrites the alarm; drop the tags the template no longer has.
                backend.tagger.delete_all_tags_for_resource(backend.alarms[name].alarm_arn)
            alarm = put(account_id, region_name, name, cloudformation_json["Properties"])
            return cls(alarm.name, alarm.alarm_arn)

        def delete(self, account_id: str, region_name: str) -> None:
            backend = cloudwatch_backends[account_id][region_name]
            if self.name in backend.alarms:
                backend.tagger.delete_all_tags_for_resource(self.arn)
            backend.delete_alarms([self.name])

    get_model_list.cache_clear()
    get_model_map.cache_clear()
    get_name_type_map.cache_clear()
