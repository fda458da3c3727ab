"""CloudFormation: `{{resolve:secretsmanager:...}}` dynamic references are resolved.

Missing in moto 5.2.5: a dynamic reference in a resource property reaches the resource as
its literal text, so a stack's RDS master password or ElastiCache AUTH token is the string
"{{resolve:secretsmanager:arn:...:SecretString:password::}}" instead of the secret's value.

Real AWS: "When you create the stack, the dynamic reference pulls the secret value into the
CloudFormation resource"; the pattern is
{{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}}, where
secret-id is a name or ARN, json-key (optional) picks one key of a JSON secret, otherwise the
whole secret text, and version-stage / version-id (optional) default to AWSCURRENT.
A reference to a secret or key that does not exist fails the resource.
https://docs.aws.amazon.com/secretsmanager/latest/userguide/cfn-example_reference-secret.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html

What the patch does: after moto has resolved a resource's intrinsic functions (Ref,
Fn::Join, ...), every string of its properties is scanned for Secrets Manager dynamic
references, which are replaced by the value GetSecretValue gives (moto's own backend).
A secret-id that is an ARN is taken whole (an ARN holds colons), then the optional parts.
"""

import json
import re
from typing import Any

_REFERENCE = re.compile(r"\{\{resolve:secretsmanager:(.+?)\}\}")
_ARN = re.compile(r"^(arn:[^:]+:secretsmanager:[^:]+:\d+:secret:[^:]+)(?::(.*))?$")


def _split(reference: str) -> tuple[str, str, str, str]:
    """secret-id, json-key, version-stage, version-id of the text inside {{resolve:secretsmanager:...}}."""
    match = _ARN.match(reference)
    if match:
        secret_id, rest = match.group(1), match.group(2) or ""
    else:
        secret_id, _, rest = reference.partition(":")
    parts = rest.split(":") if rest else []
    # parts: SecretString, json-key, version-stage, version-id (each optional)
    parts += [""] * (4 - len(parts))
    return secret_id, parts[1], parts[2], parts[3]


def resolve_references(value: Any, account_id: str, region_name: str) -> Any:
    from moto.cloudformation.exceptions import ValidationError
    from moto.secretsmanager.models import secretsmanager_backends

    if isinstance(value, dict):
        return {k: resolve_references(v, account_id, region_name) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_references(v, account_id, region_name) for v in value]
    if not isinstance(value, str) or "{{resolve:secretsmanager:" not in value:
        return value

    backend = secretsmanager_backends[account_id][region_name]

    def replace(match: "re.Match[str]") -> str:
        secret_id, json_key, version_stage, version_id = _split(match.group(1))
        try:
            secret = backend.get_secret_value(secret_id, version_id or None, version_stage or ("AWSCURRENT" if not version_id else None))
        except Exception as error:  # moto's ResourceNotFoundException and friends
            raise ValidationError(message=f"Could not resolve the dynamic reference to secret {secret_id}: {error}")
        text = secret.get("SecretString")
        if text is None:
            raise ValidationError(message=f"Secret {secret_id} has no SecretString to resolve.")
        if not json_key:
            return str(text)
        try:
            document = json.loads(text)
        except ValueError:
            raise ValidationError(message=f"Secret {secret_id} is not JSON, so it has no key {json_key}.")
        if not isinstance(document, dict) or json_key not in document:
            raise ValidationError(message=f"Secret {secret_id} has no key {json_key}.")
        return str(document[json_key])

    return _REFERENCE.sub(replace, value)


def apply() -> None:
    from moto.cloudformation import parsing

    original = parsing.parse_resource

    def parse_resource(resource_json: dict[str, Any], resources_map: Any) -> Any:
        parsed = original(resource_json, resources_map)
        if not parsed:
            return parsed
        resource_class, cleaned_json, resource_type = parsed
        if "Properties" in cleaned_json:
            cleaned_json = dict(cleaned_json)
            cleaned_json["Properties"] = resolve_references(
                cleaned_json["Properties"], resources_map._account_id, resources_map._region_name
            )
        return resource_class, cleaned_json, resource_type

    parsing.parse_resource = parse_resource
