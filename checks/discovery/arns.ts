// ARNs <-> (CloudFormation type, physical id). Discovery meets a resource either as an
// ARN (tagging API) or as a stack resource (type + physical id); both become the same
// DiscoveredResource, keyed by type and id.

export interface ResourceRef {
  /** CloudFormation type, e.g. AWS::EC2::Subnet (or "<service>:<kind>" for kinds we do not know). */
  type: string;
  /** Physical id as the service names it (ELBv2, SNS and secrets: the ARN itself). */
  id: string;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

const EC2_KINDS: Record<string, string> = {
  vpc: 'AWS::EC2::VPC',
  subnet: 'AWS::EC2::Subnet',
  'security-group': 'AWS::EC2::SecurityGroup',
  'route-table': 'AWS::EC2::RouteTable',
  'internet-gateway': 'AWS::EC2::InternetGateway',
  natgateway: 'AWS::EC2::NatGateway',
  instance: 'AWS::EC2::Instance',
  'launch-template': 'AWS::EC2::LaunchTemplate',
  'elastic-ip': 'AWS::EC2::EIP',
  'vpc-flow-log': 'AWS::EC2::FlowLog',
  'flow-logs': 'AWS::EC2::FlowLog',
  'network-interface': 'AWS::EC2::NetworkInterface',
  volume: 'AWS::EC2::Volume',
  'network-acl': 'AWS::EC2::NetworkAcl',
  'vpc-endpoint': 'AWS::EC2::VPCEndpoint',
  'key-pair': 'AWS::EC2::KeyPair',
};
const EC2_KIND_OF_TYPE: Record<string, string> = Object.fromEntries(
  Object.entries(EC2_KINDS)
    .filter(([kind]) => kind !== 'flow-logs')
    .map(([kind, type]) => [type, kind]),
);

// "<service>:<resource prefix>" -> type, for ARNs of the form ...:<prefix>:<id> or .../<id>.
const COLON_KINDS: Record<string, Record<string, string>> = {
  rds: { db: 'AWS::RDS::DBInstance', subgrp: 'AWS::RDS::DBSubnetGroup', cluster: 'AWS::RDS::DBCluster', pg: 'AWS::RDS::DBParameterGroup', snapshot: 'AWS::RDS::DBSnapshot' },
  elasticache: {
    replicationgroup: 'AWS::ElastiCache::ReplicationGroup',
    cluster: 'AWS::ElastiCache::CacheCluster',
    subnetgroup: 'AWS::ElastiCache::SubnetGroup',
    parametergroup: 'AWS::ElastiCache::ParameterGroup',
    snapshot: 'AWS::ElastiCache::Snapshot',
  },
  cloudwatch: { alarm: 'AWS::CloudWatch::Alarm' },
  logs: { 'log-group': 'AWS::Logs::LogGroup' },
  backup: { 'backup-plan': 'AWS::Backup::BackupPlan', 'backup-vault': 'AWS::Backup::BackupVault' },
  lambda: { function: 'AWS::Lambda::Function' },
};
const SLASH_KINDS: Record<string, Record<string, string>> = {
  cloudfront: { distribution: 'AWS::CloudFront::Distribution', 'origin-access-control': 'AWS::CloudFront::OriginAccessControl', function: 'AWS::CloudFront::Function' },
  cloudwatch: { dashboard: 'AWS::CloudWatch::Dashboard' },
  iam: { role: 'AWS::IAM::Role', 'instance-profile': 'AWS::IAM::InstanceProfile' },
  ssm: { parameter: 'AWS::SSM::Parameter' },
  kms: { key: 'AWS::KMS::Key' },
  cloudformation: { stack: 'AWS::CloudFormation::Stack' },
};

/** Types whose physical id (as CloudFormation reports it) is the ARN. */
const ARN_IS_ID = new Set([
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::SNS::Topic',
  'AWS::SecretsManager::Secret',
  'AWS::IAM::ManagedPolicy',
]);

export function parseArn(arn: string): ResourceRef | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const service = parts[2]!;
  const resource = parts.slice(5).join(':');
  if (service === 'ec2') {
    const [kind, id] = splitOnce(resource, '/');
    return { type: EC2_KINDS[kind] ?? `ec2:${kind}`, id: id ?? resource };
  }
  if (service === 'elasticloadbalancing') {
    const kind = resource.split('/')[0]!;
    const type = {
      loadbalancer: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      targetgroup: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      listener: 'AWS::ElasticLoadBalancingV2::Listener',
      'listener-rule': 'AWS::ElasticLoadBalancingV2::ListenerRule',
    }[kind];
    return { type: type ?? `elasticloadbalancing:${kind}`, id: arn };
  }
  if (service === 'autoscaling') {
    const name = /autoScalingGroupName\/(.+)$/.exec(resource)?.[1];
    if (name) return { type: 'AWS::AutoScaling::AutoScalingGroup', id: name };
    return { type: `autoscaling:${resource.split(':')[0]}`, id: arn };
  }
  if (service === 's3' && !resource.includes('/')) return { type: 'AWS::S3::Bucket', id: resource };
  if (service === 'sns') return { type: 'AWS::SNS::Topic', id: arn };
  if (service === 'secretsmanager') return { type: 'AWS::SecretsManager::Secret', id: arn };
  if (service === 'iam' && resource.startsWith('policy/')) return { type: 'AWS::IAM::ManagedPolicy', id: arn };
  const colon = COLON_KINDS[service];
  if (colon) {
    const [kind, rest] = splitOnce(resource, ':');
    if (colon[kind] && rest !== undefined) {
      const id = service === 'logs' ? rest.replace(/:\*$/, '') : rest;
      return { type: colon[kind], id };
    }
  }
  const slash = SLASH_KINDS[service];
  if (slash) {
    const [kind, rest] = splitOnce(resource, '/');
    if (slash[kind] && rest !== undefined) {
      // IAM names may sit under a path (role/service-role/name): the name is the last part.
      const id = service === 'iam' ? rest.split('/').pop()! : service === 'cloudformation' ? rest.split('/')[0]! : rest;
      return { type: slash[kind], id };
    }
  }
  return { type: `${service}:${resource.split(/[:/]/)[0]}`, id: arn };
}

/**
 * The ARN of a resource met in a stack, or undefined for sub-resources that are not
 * resources of their own (routes, associations, ingress rules, bucket policies...).
 */
export function arnOf(ref: ResourceRef, region: string, accountId: string): string | undefined {
  const p = partitionOf(region);
  const { type, id } = ref;
  if (id.startsWith('arn:')) return id;
  if (ARN_IS_ID.has(type)) return undefined;
  const ec2Kind = EC2_KIND_OF_TYPE[type];
  if (ec2Kind) return `arn:${p}:ec2:${region}:${accountId}:${ec2Kind}/${id}`;
  switch (type) {
    case 'AWS::AutoScaling::AutoScalingGroup':
      // The group's UUID is only known from DescribeAutoScalingGroups, which replaces this.
      return `arn:${p}:autoscaling:${region}:${accountId}:autoScalingGroup:*:autoScalingGroupName/${id}`;
    case 'AWS::S3::Bucket':
      return `arn:${p}:s3:::${id}`;
    case 'AWS::CloudFront::Distribution':
      return `arn:${p}:cloudfront::${accountId}:distribution/${id}`;
    case 'AWS::CloudFront::OriginAccessControl':
      return `arn:${p}:cloudfront::${accountId}:origin-access-control/${id}`;
    case 'AWS::CloudWatch::Dashboard':
      return `arn:${p}:cloudwatch::${accountId}:dashboard/${id}`;
    case 'AWS::CloudWatch::Alarm':
    case 'AWS::CloudWatch::CompositeAlarm':
      return `arn:${p}:cloudwatch:${region}:${accountId}:alarm:${id}`;
    case 'AWS::IAM::Role':
      return `arn:${p}:iam::${accountId}:role/${id}`;
    case 'AWS::IAM::InstanceProfile':
      return `arn:${p}:iam::${accountId}:instance-profile/${id}`;
    case 'AWS::SSM::Parameter':
      return `arn:${p}:ssm:${region}:${accountId}:parameter/${id.replace(/^\//, '')}`;
    case 'AWS::KMS::Key':
      return `arn:${p}:kms:${region}:${accountId}:key/${id}`;
  }
  for (const [service, kinds] of Object.entries(COLON_KINDS)) {
    const kind = Object.entries(kinds).find(([, t]) => t === type)?.[0];
    if (kind) return `arn:${p}:${service}:${region}:${accountId}:${kind}:${id}`;
  }
  return undefined;
}

// RDS and ElastiCache store identifiers in lower case, whatever case they were created with.
const CASE_INSENSITIVE = new Set([
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBSubnetGroup',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::SubnetGroup',
]);

export function normalizeId(type: string, id: string): string {
  return CASE_INSENSITIVE.has(type) ? id.toLowerCase() : id;
}

/** One key per resource, however it was met (stack, tag, list). */
export function refKey(ref: ResourceRef): string {
  return `${ref.type}|${normalizeId(ref.type, ref.id)}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
