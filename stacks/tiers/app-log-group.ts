// The application log group: the CloudWatch agent on every instance ships the API log
// here. It lives with the compute tier because the instances write to it from their first
// boot; its retention comes from the profile (checks.md `logs.retention`).
import type { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface AppLogGroupProps {
  readonly logGroupName: string;
  readonly retention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export function applicationLogGroupName(student: string): string {
  return `/cloudmart/${student}/api`;
}

export class AppLogGroup extends Construct {
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AppLogGroupProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      retention: props.retention,
      removalPolicy: props.removalPolicy,
    });
  }
}
