// The janitor: a small stack that cleans up expired CloudMart deployments by itself. An
// EventBridge Scheduler schedule (rate, default every 15 minutes) invokes a Lambda function
// that runs `cleanup --all --older-than-expiry` (cleanup/janitor/handler.ts, bundled by
// cleanup/janitor/bundle.ts), a dry run unless the mode is `delete`, and reports to an SNS
// topic. Its role has exactly the permissions the bundled code declares (policy.json beside
// the code, read here rather than imported: stacks/ never imports cleanup/).
//
// The stack carries no cloudmart:student tag on purpose: the janitor is not a deployment,
// so it never finds (or deletes) itself.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { DEFAULT_JANITOR_MODE, type JanitorMode } from '../../contract/janitor';
import { acknowledgeNag } from '../nag/acknowledge';

export const JANITOR_STACK_NAME = 'CloudMart-Janitor';
export const DEFAULT_JANITOR_RATE_MINUTES = 15;

export interface JanitorStackProps extends StackProps {
  /** The built bundle (cleanup/janitor/bundle.ts): index.mjs and policy.json. */
  readonly bundleDir: string;
  /** dry-run (default): report only; delete: delete what has expired. */
  readonly mode?: JanitorMode;
  /** Minutes between runs (default 15). */
  readonly rateMinutes?: number;
  /** The language of the report (default ko). */
  readonly lang?: 'ko' | 'en';
  /** Subscribe this address to the report topic (the subscription must be confirmed). */
  readonly email?: string;
}

interface PolicyFile {
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string; Condition?: Record<string, Record<string, string>> }[];
}

export class JanitorStack extends Stack {
  readonly function: lambda.Function;
  readonly topic: sns.Topic;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: JanitorStackProps) {
    super(scope, id, { stackName: JANITOR_STACK_NAME, description: 'CloudMart janitor: deletes expired CloudMart deployments by tag (cloudmart:expires-at)', ...props });
    const mode = props.mode ?? DEFAULT_JANITOR_MODE;
    const rateMinutes = props.rateMinutes ?? DEFAULT_JANITOR_RATE_MINUTES;

    this.topic = new sns.Topic(this, 'Reports', {
      displayName: 'CloudMart janitor reports',
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'CloudMart janitor: the permissions of cleanup, deletions of the main resources only where they carry cloudmart:student',
      inlinePolicies: { Cleanup: iam.PolicyDocument.fromJson(readPolicy(props.bundleDir)) },
    });
    logGroup.grantWrite(role);
    acknowledgeNag(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'cleanup finds and deletes resources of deployments created after the janitor (their ARNs cannot be known here): discovery reads need Resource *, and deletions of the main resources are conditioned on the cloudmart:student tag where the service documents a tag condition key',
    );

    this.function = new lambda.Function(this, 'Function', {
      description: `CloudMart janitor (${mode}): cleanup --all --older-than-expiry`,
      // The latest Node.js runtime Lambda offers (cdk-nag AwsSolutions-L1); the bundle targets Node 20 and up.
      runtime: lambda.Runtime.NODEJS_24_X,
      code: lambda.Code.fromAsset(props.bundleDir),
      handler: 'index.handler',
      role,
      memorySize: 512,
      // Lambda's limit; the handler stops waiting 90 s before it and the next run picks up what is left.
      timeout: Duration.minutes(15),
      // One run at a time: two janitors must never clean the same deployment at once.
      reservedConcurrentExecutions: 1,
      retryAttempts: 0,
      logGroup,
      environment: {
        JANITOR_MODE: mode,
        JANITOR_TOPIC_ARN: this.topic.topicArn,
        JANITOR_LANG: props.lang ?? 'ko',
      },
    });
    this.topic.grantPublish(this.function);

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `CloudMart janitor every ${rateMinutes} minutes`,
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(rateMinutes)),
      // The next tick is the retry: a failed run is not repeated on top of it.
      target: new targets.LambdaInvoke(this.function, { retryAttempts: 0 }),
    });
    const schedulerRole = this.node.children.find((c) => c instanceof iam.Role && c !== role);
    if (schedulerRole) {
      acknowledgeNag(
        schedulerRole,
        `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.function.node.defaultChild as lambda.CfnFunction)}.Arn>:*]`,
        "aws-cdk-lib's scheduler target role may invoke this one function and its versions (the :* suffix); it can invoke nothing else",
      );
    }
  }
}

function readPolicy(bundleDir: string): PolicyFile {
  const file = path.join(bundleDir, 'policy.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PolicyFile;
  } catch (error) {
    throw new Error(`The janitor bundle has no readable ${file}: build it with cleanup/janitor/bundle.ts first (${error instanceof Error ? error.message : String(error)}).`);
  }
}
