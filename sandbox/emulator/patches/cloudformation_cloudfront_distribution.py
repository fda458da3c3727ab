"""CloudFormation: AWS::CloudFront::Distribution and AWS::CloudFront::OriginAccessControl.

Missing in moto 5.2.5: moto's CloudFront has no CloudFormation models; both resources are
skipped, so a stack's distribution and its origin access control do not exist (and a
template that reads the distribution's DomainName fails with a server error).

Real AWS (CloudFormation template reference):
- AWS::CloudFront::Distribution: DistributionConfig (the API's DistributionConfig with lists
  in place of Quantity/Items, IPV6Enabled for IsIPV6Enabled, Logging present = enabled), Tags;
  Ref = the distribution id; GetAtt DomainName ("d111111abcdef8.cloudfront.net") and Id.
  CloudFront is global: the stack may be in any region, the API answers in us-east-1.
  https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-distribution.html
- AWS::CloudFront::OriginAccessControl: OriginAccessControlConfig (Name, Description,
  OriginAccessControlOriginType, SigningBehavior, SigningProtocol); Ref = the id; GetAtt Id.
  https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-originaccesscontrol.html
- CreateDistributionWithTags / UpdateDistribution / DeleteDistribution:
  https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateDistributionWithTags.html

What the patch does: two models that turn the template's shape into the API's and call the
CloudFront backend's create_distribution_with_tags / update_distribution /
delete_distribution and create/update/delete_origin_access_control: the methods
`cloudfront_origin_access_control.py` patches, so an unknown OAC is refused and an OAC in
use cannot be deleted (DeleteStack deletes the distribution first, in moto's later pass).
The backend is the partition's single CloudFront backend, whatever the stack's region.

Why we need it: the Frontend stack serves the site through the distribution;
cloudfront.https-only, cloudfront.origin-access-control and frontend.s3-cloudfront read it.
"""

import copy
from typing import Any

DISTRIBUTION_TYPE = "AWS::CloudFront::Distribution"
OAC_TYPE = "AWS::CloudFront::OriginAccessControl"


def _items(values: Any) -> dict[str, Any]:
    values = list(values or [])
    return {"Quantity": len(values), "Items": values}


def _origin(origin: dict[str, Any]) -> dict[str, Any]:
    api = {k: copy.deepcopy(v) for k, v in origin.items() if k not in ("OriginCustomHeaders", "CustomOriginConfig")}
    api["CustomHeaders"] = _items(origin.get("OriginCustomHeaders"))
    custom = origin.get("CustomOriginConfig")
    if custom is not None:
        api["CustomOriginConfig"] = {
            "HTTPPort": custom.get("HTTPPort", 80),
            "HTTPSPort": custom.get("HTTPSPort", 443),
            "OriginProtocolPolicy": custom["OriginProtocolPolicy"],
            "OriginSslProtocols": _items(custom.get("OriginSSLProtocols") or ["TLSv1", "SSLv3"]),
            "OriginReadTimeout": custom.get("OriginReadTimeout", 30),
            "OriginKeepaliveTimeout": custom.get("OriginKeepaliveTimeout", 5),
        }
    return api


def _cache_behavior(behavior: dict[str, Any]) -> dict[str, Any]:
    api = {k: copy.deepcopy(v) for k, v in behavior.items() if k not in ("AllowedMethods", "CachedMethods", "TrustedSigners", "TrustedKeyGroups")}
    allowed = behavior.get("AllowedMethods") or ["GET", "HEAD"]
    api["AllowedMethods"] = {**_items(allowed), "CachedMethods": _items(behavior.get("CachedMethods") or ["GET", "HEAD"])}
    api["TrustedSigners"] = {"Enabled": bool(behavior.get("TrustedSigners")), **_items(behavior.get("TrustedSigners"))}
    api["TrustedKeyGroups"] = {"Enabled": bool(behavior.get("TrustedKeyGroups")), **_items(behavior.get("TrustedKeyGroups"))}
    return api


def api_distribution_config(template_config: dict[str, Any], caller_reference: str) -> dict[str, Any]:
    """The template's DistributionConfig in the shape CreateDistribution receives."""
    config: dict[str, Any] = {"CallerReference": caller_reference}
    for key in ("Comment", "DefaultRootObject", "Enabled", "HttpVersion", "PriceClass", "WebACLId"):
        if key in template_config:
            config[key] = template_config[key]
    config.setdefault("Comment", "")
    config["Aliases"] = _items(template_config.get("Aliases"))
    config["Origins"] = _items([_origin(o) for o in template_config.get("Origins") or []])
    config["DefaultCacheBehavior"] = _cache_behavior(template_config.get("DefaultCacheBehavior") or {})
    behaviors = [_cache_behavior(b) for b in template_config.get("CacheBehaviors") or []]
    config["CacheBehaviors"] = _items(behaviors) if behaviors else {"Quantity": 0}
    errors = template_config.get("CustomErrorResponses")
    config["CustomErrorResponses"] = _items(copy.deepcopy(errors)) if errors else {"Quantity": 0}
    if "IPV6Enabled" in template_config:
        config["IsIPV6Enabled"] = template_config["IPV6Enabled"]
    logging = template_config.get("Logging")
    if logging:
        config["Logging"] = {"Enabled": True, "IncludeCookies": bool(logging.get("IncludeCookies", False)), "Bucket": logging["Bucket"], "Prefix": logging.get("Prefix", "")}
    geo = ((template_config.get("Restrictions") or {}).get("GeoRestriction")) or None
    if geo:
        config["Restrictions"] = {"GeoRestriction": {"RestrictionType": geo["RestrictionType"], **_items(geo.get("Locations"))}}
    certificate = template_config.get("ViewerCertificate")
    if certificate:
        renamed = {"AcmCertificateArn": "ACMCertificateArn", "IamCertificateId": "IAMCertificateId", "SslSupportMethod": "SSLSupportMethod"}
        config["ViewerCertificate"] = {renamed.get(k, k): v for k, v in certificate.items()}
    return config


def apply() -> None:
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
    from moto.cloudformation.parsing import get_model_list, get_model_map, get_name_type_map
    from moto.cloudfront.models import cloudfront_backends
    from moto.core.common_models import CloudFormationModel
    from moto.moto_api._internal import mock_random
    from moto.utilities.utils import get_partition

    def backend(account_id: str, region_name: str) -> Any:
        return cloudfront_backends[account_id][get_partition(region_name)]

    def tags_of(properties: dict[str, Any]) -> list[dict[str, str]]:
        return [{"Key": str(t["Key"]), "Value": str(t["Value"])} for t in properties.get("Tags") or []]

    class CfnDistribution(CloudFormationModel):
        __module__ = "moto.cloudfront.models"  # moto files models by the service named in their module

        def __init__(self, distribution_id: str, domain_name: str):
            self.distribution_id = distribution_id
            self.domain_name = domain_name

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @staticmethod
        def cloudformation_type() -> str:
            return DISTRIBUTION_TYPE

        @property
        def physical_resource_id(self) -> str:
            return self.distribution_id

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr in ["DomainName", "Id"]

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            if attribute_name == "DomainName":
                return self.domain_name
            if attribute_name == "Id":
                return self.distribution_id
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "CfnDistribution":
            properties = cloudformation_json["Properties"]
            config = api_distribution_config(properties["DistributionConfig"], caller_reference=str(mock_random.uuid4()))
            distribution, _location, _etag = backend(account_id, region_name).create_distribution_with_tags(config, tags_of(properties))
            return cls(distribution.distribution_id, distribution.domain_name)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "CfnDistribution":
            properties = cloudformation_json["Properties"]
            cloudfront = backend(account_id, region_name)
            current, _etag = cloudfront.get_distribution(original_resource.distribution_id)
            config = api_distribution_config(properties["DistributionConfig"], caller_reference=current.distribution_config.caller_reference)
            distribution, _location, _etag = cloudfront.update_distribution(config, original_resource.distribution_id, True)
            cloudfront.tagger.delete_all_tags_for_resource(distribution.arn)
            if tags_of(properties):
                cloudfront.tagger.tag_resource(distribution.arn, tags_of(properties))
            return cls(distribution.distribution_id, distribution.domain_name)

        def delete(self, account_id: str, region_name: str) -> None:
            cloudfront = backend(account_id, region_name)
            if self.distribution_id in cloudfront.distributions:
                arn = cloudfront.distributions[self.distribution_id].arn
                cloudfront.delete_distribution(self.distribution_id, True)
                cloudfront.tagger.delete_all_tags_for_resource(arn)

    class CfnOriginAccessControl(CloudFormationModel):
        __module__ = "moto.cloudfront.models"  # moto files models by the service named in their module

        def __init__(self, control_id: str):
            self.control_id = control_id

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @staticmethod
        def cloudformation_type() -> str:
            return OAC_TYPE

        @property
        def physical_resource_id(self) -> str:
            return self.control_id

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr == "Id"

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            if attribute_name == "Id":
                return self.control_id
            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
        ) -> "CfnOriginAccessControl":
            config = dict(cloudformation_json["Properties"]["OriginAccessControlConfig"])
            control = backend(account_id, region_name).create_origin_access_control(config)
            return cls(control.id)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
        ) -> "CfnOriginAccessControl":
            config = dict(cloudformation_json["Properties"]["OriginAccessControlConfig"])
            backend(account_id, region_name).update_origin_access_control(original_resource.control_id, config)
            return original_resource

        def delete(self, account_id: str, region_name: str) -> None:
            cloudfront = backend(account_id, region_name)
            if self.control_id in cloudfront.origin_access_controls:
                cloudfront.delete_origin_access_control(self.control_id)

    get_model_list.cache_clear()
    get_model_map.cache_clear()
    get_name_type_map.cache_clear()
