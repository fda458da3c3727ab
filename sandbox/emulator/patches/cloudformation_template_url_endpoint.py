"""CloudFormation: a TemplateURL on the emulator's own S3 endpoint.

Missing in moto 5.2.5: CreateStack, UpdateStack and CreateChangeSet read a TemplateURL
only in AWS's S3 shapes (https://s3.<region>.amazonaws.com/<bucket>/<key>,
https://<bucket>.s3.<region>.amazonaws.com/<key>) or on a "localhost" host. The CDK CLI
builds the URL of a published template from the S3 endpoint it talks to, so against the
emulator it sends http://127.0.0.1:<port>/<bucket>/<key> and moto reads "127" as the bucket
name (NoSuchBucket).

Real AWS: TemplateURL is "the URL of a file containing the template body ... located in an
Amazon S3 bucket"; the CDK CLI sends the path-style URL of its S3 endpoint.
https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html

What the patch does: a URL whose host is an IP address (the emulator's loopback endpoint)
is read path-style, as moto already does for "localhost". Any other URL is moto's.
"""

from typing import Any
from urllib.parse import urlparse
import ipaddress


def _is_ip_host(url: str) -> bool:
    try:
        ipaddress.ip_address(urlparse(url).hostname or "")
        return True
    except ValueError:
        return False


def apply() -> None:
    from moto.cloudformation import models, responses, utils

    original = utils.get_stack_from_s3_url

    def get_stack_from_s3_url(template_url: str, account_id: str, partition: str) -> Any:
        if _is_ip_host(template_url):
            parts = urlparse(template_url)
            return original(f"http://localhost{parts.path}", account_id, partition)
        return original(template_url, account_id, partition)

    utils.get_stack_from_s3_url = get_stack_from_s3_url
    responses.get_stack_from_s3_url = get_stack_from_s3_url  # type: ignore[attr-defined]
    models.get_stack_from_s3_url = get_stack_from_s3_url  # type: ignore[attr-defined]
