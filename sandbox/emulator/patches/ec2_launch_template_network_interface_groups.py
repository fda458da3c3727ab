"""EC2: an instance launched from a template takes the security groups of its network interface.

Missing in moto 5.2.5: RunInstances with a launch template (and so every Auto Scaling
launch) reads the template's top-level SecurityGroupIds and SecurityGroups only; a template
that puts its groups on the network interface (NetworkInterfaces[].Groups, what the CDK
writes when the template sets associatePublicIpAddress or a network interface) launches
instances with no security group at all.

Real AWS: "If you specify a network interface, you must specify any security groups as part
of the network interface instead" (RunInstances SecurityGroupIds); the instance's primary
network interface (DeviceIndex 0) carries the groups the template gives it.
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchTemplateInstanceNetworkInterfaceSpecificationRequest.html

What the patch does: when neither the request nor the template's top level names a group,
the groups of the template's primary network interface are used.
"""

from typing import Any


def apply() -> None:
    from moto.ec2.models.instances import InstanceBackend

    original = InstanceBackend.run_instances

    def run_instances(self: Any, image_id: str, count: int, user_data: Any, security_group_names: list[str], **kwargs: Any) -> Any:
        if kwargs.get("launch_template") and not kwargs.get("security_group_ids") and not security_group_names:
            template = self._get_template_from_args(kwargs["launch_template"]).data
            if not template.get("SecurityGroupIds") and not template.get("SecurityGroups"):
                interfaces = template.get("NetworkInterfaces") or []
                primary = next((i for i in interfaces if str(i.get("DeviceIndex", 0)) == "0"), interfaces[0] if interfaces else None)
                groups = (primary or {}).get("Groups") or []
                if groups:
                    kwargs["security_group_ids"] = list(groups)
        return original(self, image_id, count, user_data, security_group_names, **kwargs)

    InstanceBackend.run_instances = run_instances
