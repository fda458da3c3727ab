// The read-only IAM policy verify needs, generated from the operations the code declares
// (each collector exports OPERATIONS). cleanup/iam/policy.ts builds cleanup's policy on
// these read actions. The committed JSON is written by checks/iam/write-policy.ts
// (`npm run iam-policy`) and compared with this by a test.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { DeclaredOperation } from '../aws/operations';
import { OPERATIONS as STS } from '../aws/session';
import { OPERATIONS as AUTOSCALING } from '../collectors/autoscaling';
import { OPERATIONS as BACKUP } from '../collectors/backup';
import { OPERATIONS as CLOUDFORMATION } from '../collectors/cloudformation';
import { OPERATIONS as CLOUDFRONT } from '../collectors/cloudfront';
import { OPERATIONS as CLOUDWATCH } from '../collectors/cloudwatch';
import { OPERATIONS as EC2 } from '../collectors/ec2';
import { OPERATIONS as ELASTICACHE } from '../collectors/elasticache';
import { OPERATIONS as ELBV2 } from '../collectors/elbv2';
import { OPERATIONS as IAM } from '../collectors/iam';
import { OPERATIONS as LOGS } from '../collectors/logs';
import { OPERATIONS as RDS } from '../collectors/rds';
import { OPERATIONS as S3 } from '../collectors/s3';
import { OPERATIONS as TAGGING } from '../collectors/tagging';

/** Everything verify (discovery + collection) may send. */
export const VERIFY_OPERATIONS: DeclaredOperation[] = [
  ...STS,
  ...CLOUDFORMATION,
  ...TAGGING,
  ...EC2,
  ...ELBV2,
  ...AUTOSCALING,
  ...RDS,
  ...ELASTICACHE,
  ...CLOUDFRONT,
  ...S3,
  ...CLOUDWATCH,
  ...LOGS,
  ...BACKUP,
  ...IAM,
];

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
}

export function actionsOf(operations: readonly DeclaredOperation[]): string[] {
  return [...new Set(operations.flatMap((o) => o.iamActions))].sort();
}

export function verifyPolicy(): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Sid: 'CloudMartVerifyReadOnly', Effect: 'Allow', Action: actionsOf(VERIFY_OPERATIONS), Resource: '*' }] };
}

export function renderPolicy(policy: PolicyDocument): string {
  return `${JSON.stringify(policy, null, 2)}\n`;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const VERIFY_POLICY_FILE = path.join(HERE, 'verify-policy.json');
