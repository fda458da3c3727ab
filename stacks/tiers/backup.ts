// Backup tier: an AWS Backup vault and a daily plan whose selection covers the RDS
// instance by ARN (checks.md `backup.plan-covers-rds`).
import { Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import type * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag/acknowledge';

export const BACKUP_SERVICE_POLICY = 'service-role/AWSBackupServiceRolePolicyForBackup';

export interface BackupTierProps {
  readonly database: rds.IDatabaseInstance;
  readonly retentionDays: number;
  readonly removalPolicy: RemovalPolicy;
}

export class BackupTier extends Construct {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;
  readonly selection: backup.BackupSelection;

  constructor(scope: Construct, id: string, props: BackupTierProps) {
    super(scope, id);
    this.vault = new backup.BackupVault(this, 'Vault', { removalPolicy: props.removalPolicy });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      // The CDK would name every student's plan "Plan"; AWS Backup refuses a plan that already
      // exists (AlreadyExistsException), and one name per deployment reads clearly in the console.
      backupPlanName: `${Stack.of(this).stackName}-daily`,
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          // 03:00 KST, outside the afternoon lab.
          scheduleExpression: events.Schedule.cron({ minute: '0', hour: '18' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(3),
          deleteAfter: Duration.days(props.retentionDays),
        }),
      ],
    });
    this.selection = this.plan.addSelection('Database', {
      resources: [backup.BackupResource.fromRdsDatabaseInstance(props.database)],
      allowRestores: false,
    });
    acknowledgeNag(
      this.selection,
      `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${BACKUP_SERVICE_POLICY}]`,
      'AWS Backup assumes this role to snapshot the database; the AWS-managed service policy is the one AWS Backup documents and keeps current for every resource type it backs up.',
    );
  }
}
