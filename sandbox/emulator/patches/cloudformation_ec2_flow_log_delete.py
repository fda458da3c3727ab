"""CloudFormation: deleting a stack deletes its AWS::EC2::FlowLog.

Missing in moto 5.2.5: the FlowLogs model has no CloudFormation delete handler, so
DeleteStack reports the flow log deleted while it stays ACTIVE in DescribeFlowLogs, on a
VPC that no longer exists; `cleanup` after `destroy` then finds a leftover the student never
made by hand.

Real AWS: AWS::EC2::FlowLog is deleted with its stack (DeleteFlowLogs).
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-flowlog.html
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteFlowLogs.html

What the patch does: the model's delete (the one moto's stack deletion calls) goes through the
backend's delete_flow_logs for that flow log id.
"""

from typing import Any


def apply() -> None:
    from moto.ec2.models import ec2_backends
    from moto.ec2.models.flow_logs import FlowLogs

    def delete(self: Any, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        if self.id in backend.flow_logs:
            backend.delete_flow_logs([self.id])

    FlowLogs.delete = delete
