// The app instances' role, least privilege: read exactly the two secrets, write to the
// application log group, read the workload bundle object, and the SSM agent (Session
// Manager replaces SSH: no port 22 anywhere). cfn-signal's permission is added by the ASG.
import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag/acknowledge';

export interface InstanceRoleProps {
  readonly secrets: readonly secretsmanager.ISecret[];
  readonly logGroup: logs.ILogGroup;
  readonly bundleBucket: string;
  readonly bundleKey: string;
}

export const SSM_MANAGED_POLICY = 'AmazonSSMManagedInstanceCore';

export class InstanceRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: InstanceRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'CloudMart API instances',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(SSM_MANAGED_POLICY)],
    });
    acknowledgeNag(
      this.role,
      `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${SSM_MANAGED_POLICY}]`,
      'Session Manager replaces SSH (no port 22 is open anywhere); this AWS-managed policy is the documented minimum for the SSM agent, and its ssmmessages/ec2messages actions have no resource-level scoping to copy into a custom policy.',
    );
    for (const secret of props.secrets) secret.grantRead(this.role);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ApplicationLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [props.logGroup.logGroupArn],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WorkloadBundle',
        actions: ['s3:GetObject'],
        resources: [`arn:${Aws.PARTITION}:s3:::${props.bundleBucket}/${props.bundleKey}`],
      }),
    );
  }
}
