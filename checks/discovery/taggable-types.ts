// The CloudFormation types of a deployment that always support tags (each type's page of the
// CloudFormation template reference has a Tags property, and the Resource Groups Tagging API
// answers for it). Two readers: collect.ts, which takes a resource of these types that the
// Tagging API leaves out of its answer as untagged ({}), and tags.cleanup, for which null tags
// on these types can only mean "could not be read". A type not listed (a scaling policy, a
// route, a policy) may be untaggable: absent from the answer, its tags stay unknown (null).
export const ALWAYS_TAGGABLE = new Set([
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::NatGateway',
  'AWS::EC2::EIP',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBSubnetGroup',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::SubnetGroup',
  'AWS::S3::Bucket',
  'AWS::CloudFront::Distribution',
  'AWS::CloudWatch::Alarm',
  'AWS::Logs::LogGroup',
  'AWS::Backup::BackupPlan',
  'AWS::Backup::BackupVault',
  'AWS::IAM::Role',
  'AWS::Lambda::Function',
  'AWS::SecretsManager::Secret',
  'AWS::SNS::Topic',
]);
