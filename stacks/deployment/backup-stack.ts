// CloudMart-<student>-Backup: the AWS Backup vault and the daily plan covering the database.
import type { Construct } from 'constructs';
import type { DeploymentConfig } from '../config';
import { BackupTier } from '../tiers/backup';
import { CloudMartStack } from './base-stack';
import type { DataStack } from './data-stack';

export class BackupStack extends CloudMartStack {
  readonly backup: BackupTier;

  constructor(scope: Construct, config: DeploymentConfig, data: DataStack) {
    super(scope, 'Backup', config, 'AWS Backup vault and daily plan covering the database');
    this.backup = new BackupTier(this, 'Backup', {
      database: data.database.instance,
      retentionDays: this.profile.backupRetentionDays,
      removalPolicy: this.profile.storageRemovalPolicy,
    });
  }
}
