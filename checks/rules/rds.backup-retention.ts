// rds.backup-retention: automated backups are kept at least 7 days (config.backupRetentionDays).
// No RDS instance: not-applicable (rds.postgres-present grades it).
import { judgeEachDbInstance } from './lib/per-resource';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'rds.backup-retention',
  category: 'high-availability',
  severity: 'medium',
  title: { ko: 'RDS 자동 백업을 7일 이상 보관함', en: 'RDS automated backups are kept at least 7 days' },
  remediation: {
    ko: 'RDS 인스턴스의 백업 보존 기간을 7일 이상으로 설정하세요. 0일이면 자동 백업과 특정 시점 복구가 꺼집니다.',
    en: 'Set the RDS backup retention period to at least 7 days; 0 days turns off automated backups and point-in-time recovery.',
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ backupRetention: Duration.days(7) });`,
  },
  refs: { fsbp: ['RDS.11'], cdkNag: ['AwsSolutions-RDS13'], prowler: [] },
  datasets: ['rds.instances'],
  evaluate(inventory, config) {
    return judgeEachDbInstance(
      inventory,
      (db) => {
        const days = db.BackupRetentionPeriod ?? 0;
        return { ok: days >= config.backupRetentionDays, detail: `backup retention ${days} day(s) (minimum ${config.backupRetentionDays})` };
      },
      `Automated backups are kept ${config.backupRetentionDays}+ days.`,
      'Backup retention too short',
    );
  },
});
