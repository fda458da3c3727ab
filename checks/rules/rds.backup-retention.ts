// rds.backup-retention: automated backups are kept at least 7 days (config.backupRetentionDays).
// No RDS instance: not-applicable (rds.postgres-present grades it). A DB cluster's members are
// judged by the cluster: BackupRetentionPeriod is a cluster setting (ModifyDBCluster, "Aurora DB
// clusters and Multi-AZ DB clusters").
import { catalogueEntry } from '../../contract/check-catalogue';
import { clusterFixTargets } from './lib/db-clusters';
import { dbTargets, names } from './lib/fix';
import { judgeEachDatabase } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('rds.backup-retention'),
  remediation: {
    ko: 'RDS 인스턴스의 백업 보존 기간을 7일 이상으로 설정하세요. 0일이면 자동 백업과 특정 시점 복구가 꺼집니다.',
    en: 'Set the RDS backup retention period to at least 7 days; 0 days turns off automated backups and point-in-time recovery.',
    console: {
      ko: 'RDS 콘솔 > 데이터베이스 > (DB 인스턴스) > 수정 > 백업 보존 기간 7일 이상 > 계속 > DB 인스턴스 수정.',
      en: 'RDS console > Databases > (the DB instance) > Modify > Backup retention period 7 days or more > Continue > Modify DB instance.',
    },
    warning: {
      ko: '보존 기간을 0에서 켜거나 0으로 끄는 변경은 즉시 적용하면 인스턴스가 잠시 중단될 수 있습니다. 유지 관리 기간에 적용하세요.',
      en: 'Turning backups on from 0 (or off to 0) can cause a short outage when applied immediately; apply it in the maintenance window.',
    },
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ backupRetention: Duration.days(7) });`,
  },
  datasets: ['rds.instances'],
  optionalDatasets: ['rds.clusters'],
  remediationFor(inventory, config) {
    const clusters = clusterFixTargets(inventory, 'every-cluster');
    if (clusters) {
      const ids = names(clusters);
      const min = config.backupRetentionDays;
      return {
        ...check.remediation,
        ko: `DB 클러스터 ${ids}의 백업 보존 기간을 ${min}일 이상으로 설정하세요(다중 AZ DB 클러스터는 멤버 인스턴스를 수정할 수 없고 클러스터를 수정합니다). 0일이면 자동 백업과 특정 시점 복구가 꺼집니다.`,
        en: `Set the backup retention period of DB cluster ${ids} to at least ${min} days (a Multi-AZ DB cluster is modified as a whole: its member instances cannot be modified); 0 days turns off automated backups and point-in-time recovery.`,
        console: {
          ko: `RDS 콘솔 > 데이터베이스 > ${ids}(DB 클러스터) > 수정 > 백업 보존 기간 ${min}일 이상 > 계속 > DB 클러스터 수정.`,
          en: `RDS console > Databases > ${ids} (the DB cluster) > Modify > Backup retention period ${min} days or more > Continue > Modify DB cluster.`,
        },
        cdk: `new rds.CfnDBCluster(this, 'Db', { /* ... */ backupRetentionPeriod: ${min} });`,
      };
    }
    const dbs = names(dbTargets(inventory));
    const days = config.backupRetentionDays;
    return {
      ...check.remediation,
      ko: `RDS 인스턴스 ${dbs}의 백업 보존 기간을 ${days}일 이상으로 설정하세요. 0일이면 자동 백업과 특정 시점 복구가 꺼집니다.`,
      en: `Set the backup retention period of RDS instance ${dbs} to at least ${days} days; 0 days turns off automated backups and point-in-time recovery.`,
      console: {
        ko: `RDS 콘솔 > 데이터베이스 > ${dbs} > 수정 > 백업 보존 기간 ${days}일 이상 > 계속 > DB 인스턴스 수정.`,
        en: `RDS console > Databases > ${dbs} > Modify > Backup retention period ${days} days or more > Continue > Modify DB instance.`,
      },
      cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ backupRetention: Duration.days(${days}) });`,
    };
  },
  evaluate(inventory, config) {
    const min = config.backupRetentionDays;
    const verdict = (reported: number | undefined) => {
      if (reported === undefined) return { ok: false, unreadable: true, detail: text('API가 BackupRetentionPeriod를 알려 주지 않음', 'BackupRetentionPeriod was not reported by the API') };
      return { ok: reported >= min, detail: text(`백업 보존 ${reported}일(최소 ${min}일)`, `backup retention ${reported} day(s) (minimum ${min})`) };
    };
    return judgeEachDatabase(
      inventory,
      {
        instance: (db) => verdict(db.BackupRetentionPeriod),
        cluster: (cluster) => verdict(cluster.BackupRetentionPeriod),
        where: 'every-cluster',
        setting: text('백업 보존 기간', 'backup retention period'),
      },
      text(`자동 백업을 ${min}일 이상 보관합니다.`, `Automated backups are kept ${min}+ days.`),
      text('백업 보존 기간이 짧음', 'Backup retention too short'),
    );
  },
});
