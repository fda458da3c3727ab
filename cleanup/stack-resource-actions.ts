// What DeleteStack needs besides cloudformation:DeleteStack when the stack has no service
// role: "If no role is available, CloudFormation uses a temporary session that's generated
// from your user credentials" (DeleteStack RoleARN), so the caller must be allowed to delete
// every resource type of the stack. Keyed by the resource types the reference stacks create
// (a test synthesizes them and fails on a type missing here); the actions are those of each
// type's delete handler in the CloudFormation resource schemas.
export const STACK_RESOURCE_DELETE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'AWS::AutoScaling::AutoScalingGroup': ['autoscaling:DeleteAutoScalingGroup', 'autoscaling:UpdateAutoScalingGroup', 'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeScalingActivities'],
  'AWS::AutoScaling::ScalingPolicy': ['autoscaling:DeletePolicy', 'autoscaling:DescribePolicies'],
  'AWS::Backup::BackupPlan': ['backup:DeleteBackupPlan', 'backup:GetBackupPlan'],
  'AWS::Backup::BackupSelection': ['backup:DeleteBackupSelection', 'backup:GetBackupSelection'],
  'AWS::Backup::BackupVault': ['backup:DeleteBackupVault', 'backup:DescribeBackupVault'],
  'AWS::CloudFront::Distribution': ['cloudfront:DeleteDistribution', 'cloudfront:GetDistribution', 'cloudfront:GetDistributionConfig', 'cloudfront:UpdateDistribution'],
  'AWS::CloudFront::OriginAccessControl': ['cloudfront:DeleteOriginAccessControl', 'cloudfront:GetOriginAccessControl'],
  'AWS::CloudWatch::Alarm': ['cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms'],
  'AWS::CloudWatch::Dashboard': ['cloudwatch:DeleteDashboards', 'cloudwatch:GetDashboard'],
  'AWS::EC2::EIP': ['ec2:ReleaseAddress', 'ec2:DisassociateAddress', 'ec2:DescribeAddresses'],
  'AWS::EC2::FlowLog': ['ec2:DeleteFlowLogs', 'ec2:DescribeFlowLogs', 'logs:DeleteLogDelivery'],
  'AWS::EC2::InternetGateway': ['ec2:DeleteInternetGateway', 'ec2:DescribeInternetGateways'],
  'AWS::EC2::LaunchTemplate': ['ec2:DeleteLaunchTemplate', 'ec2:DescribeLaunchTemplates'],
  'AWS::EC2::NatGateway': ['ec2:DeleteNatGateway', 'ec2:DescribeNatGateways'],
  'AWS::EC2::Route': ['ec2:DeleteRoute', 'ec2:DescribeRouteTables'],
  'AWS::EC2::RouteTable': ['ec2:DeleteRouteTable', 'ec2:DescribeRouteTables'],
  'AWS::EC2::SecurityGroup': ['ec2:DeleteSecurityGroup', 'ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
  'AWS::EC2::SecurityGroupEgress': ['ec2:RevokeSecurityGroupEgress', 'ec2:DescribeSecurityGroupRules'],
  'AWS::EC2::SecurityGroupIngress': ['ec2:RevokeSecurityGroupIngress', 'ec2:DescribeSecurityGroupRules'],
  'AWS::EC2::Subnet': ['ec2:DeleteSubnet', 'ec2:DescribeSubnets'],
  'AWS::EC2::SubnetRouteTableAssociation': ['ec2:DisassociateRouteTable', 'ec2:DescribeRouteTables'],
  'AWS::EC2::VPC': ['ec2:DeleteVpc', 'ec2:DescribeVpcs'],
  'AWS::EC2::VPCGatewayAttachment': ['ec2:DetachInternetGateway', 'ec2:DescribeInternetGateways'],
  'AWS::ElastiCache::ReplicationGroup': ['elasticache:DeleteReplicationGroup', 'elasticache:DescribeReplicationGroups'],
  'AWS::ElastiCache::SubnetGroup': ['elasticache:DeleteCacheSubnetGroup', 'elasticache:DescribeCacheSubnetGroups'],
  'AWS::ElasticLoadBalancingV2::Listener': ['elasticloadbalancing:DeleteListener', 'elasticloadbalancing:DescribeListeners'],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': ['elasticloadbalancing:DeleteLoadBalancer', 'elasticloadbalancing:DescribeLoadBalancers'],
  'AWS::ElasticLoadBalancingV2::TargetGroup': ['elasticloadbalancing:DeleteTargetGroup', 'elasticloadbalancing:DescribeTargetGroups'],
  'AWS::IAM::InstanceProfile': ['iam:DeleteInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:GetInstanceProfile'],
  'AWS::IAM::Policy': ['iam:DeleteRolePolicy', 'iam:GetRolePolicy'],
  'AWS::IAM::Role': ['iam:DeleteRole', 'iam:DetachRolePolicy', 'iam:DeleteRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies', 'iam:ListInstanceProfilesForRole', 'iam:GetRole'],
  'AWS::Lambda::Function': ['lambda:DeleteFunction', 'lambda:GetFunction'],
  'AWS::Logs::LogGroup': ['logs:DeleteLogGroup', 'logs:DescribeLogGroups'],
  'AWS::RDS::DBInstance': ['rds:DeleteDBInstance', 'rds:DescribeDBInstances'],
  'AWS::RDS::DBSubnetGroup': ['rds:DeleteDBSubnetGroup', 'rds:DescribeDBSubnetGroups'],
  'AWS::S3::Bucket': ['s3:DeleteBucket', 's3:ListBucket'],
  'AWS::S3::BucketPolicy': ['s3:DeleteBucketPolicy', 's3:GetBucketPolicy'],
  'AWS::SNS::Topic': ['sns:DeleteTopic', 'sns:GetTopicAttributes'],
  // Deleting a topic policy sets the topic's policy back to the default.
  'AWS::SNS::TopicPolicy': ['sns:SetTopicAttributes'],
  'AWS::SecretsManager::ResourcePolicy': ['secretsmanager:DeleteResourcePolicy', 'secretsmanager:GetResourcePolicy'],
  'AWS::SecretsManager::RotationSchedule': ['secretsmanager:CancelRotateSecret', 'secretsmanager:DescribeSecret'],
  'AWS::SecretsManager::Secret': ['secretsmanager:DeleteSecret', 'secretsmanager:DescribeSecret'],
  'AWS::SecretsManager::SecretTargetAttachment': ['secretsmanager:DescribeSecret'],
  // The Secrets rotation application is a nested stack (AWS::CloudFormation::Stack once transformed).
  'AWS::Serverless::Application': ['cloudformation:DeleteStack', 'cloudformation:DescribeStacks'],
  'AWS::CloudFormation::Stack': ['cloudformation:DeleteStack', 'cloudformation:DescribeStacks'],
  // A custom resource's delete is a call to its provider function (CDK's bucket emptier).
  'Custom::S3AutoDeleteObjects': ['lambda:InvokeFunction'],
  'AWS::CDK::Metadata': [],
};

export function stackResourceDeleteActions(): string[] {
  return [...new Set(Object.values(STACK_RESOURCE_DELETE_ACTIONS).flat())].sort();
}
