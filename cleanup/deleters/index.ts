// Every deleter, by resource type, and the operations cleanup may send (its IAM policy
// is generated from these plus everything discovery reads).
import type { DeclaredOperation } from '../../checks/aws/operations';
import type { Deleter } from '../deleter';
import * as autoscaling from './autoscaling';
import * as backup from './backup';
import * as cloudformation from './cloudformation';
import * as cloudfront from './cloudfront';
import * as cloudwatch from './cloudwatch';
import * as ec2 from './ec2';
import * as elasticache from './elasticache';
import * as elbv2 from './elbv2';
import * as iam from './iam';
import * as logs from './logs';
import * as rds from './rds';
import * as s3 from './s3';
import * as secrets from './secrets';
import * as sns from './sns';
import * as ssm from './ssm';

const MODULES = [autoscaling, backup, cloudfront, cloudwatch, ec2, elasticache, elbv2, iam, logs, rds, s3, secrets, sns, ssm];

export const DELETERS: ReadonlyMap<string, Deleter> = new Map(MODULES.flatMap((m) => m.DELETERS).map((d) => [d.type, d]));

export const DELETE_OPERATIONS: DeclaredOperation[] = [...cloudformation.OPERATIONS, ...MODULES.flatMap((m) => m.OPERATIONS)];
