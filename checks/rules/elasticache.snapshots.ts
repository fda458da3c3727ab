// elasticache.snapshots: snapshot retention >= 1 day (config.cacheSnapshotRetentionDays).
// The group's SnapshotRetentionLimit is read. No Redis: not-applicable.
import { catalogueEntry } from '../../contract/check-catalogue';
import { cacheTargets, names } from './lib/fix';
import { judgeEachRedisGroup } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('elasticache.snapshots'),
  remediation: {
    ko: 'Redis 복제 그룹의 스냅샷 보존 기간을 1일 이상으로 설정하세요. 0이면 자동 백업이 꺼집니다.',
    en: 'Set the snapshot retention limit of the Redis replication group to at least 1 day; 0 turns automatic backups off.',
    console: {
      ko: 'ElastiCache 콘솔 > Redis OSS 캐시 > (복제 그룹) > 수정 > 백업: "자동 백업 활성화", 백업 보존 기간 1일 이상 > 미리 보기 > 수정.',
      en: 'ElastiCache console > Redis OSS caches > (the replication group) > Modify > Backup: "Enable automatic backups", backup retention period 1 day or more > Preview changes > Modify.',
    },
    cdk: `new elasticache.CfnReplicationGroup(this, 'Redis', { /* ... */ snapshotRetentionLimit: 1 });`,
  },
  datasets: ['elasticache.replicationGroups'],
  remediationFor(inventory, config) {
    const groups = names(cacheTargets(inventory, 6379));
    const days = config.cacheSnapshotRetentionDays;
    return {
      ...check.remediation,
      ko: `Redis 복제 그룹 ${groups}의 스냅샷 보존 기간을 ${days}일 이상으로 설정하세요. 0이면 자동 백업이 꺼집니다.`,
      en: `Set the snapshot retention limit of Redis replication group ${groups} to at least ${days} day(s); 0 turns automatic backups off.`,
      console: {
        ko: `ElastiCache 콘솔 > Redis OSS 캐시 > ${groups} > 수정 > 백업: "자동 백업 활성화", 백업 보존 기간 ${days}일 이상 > 미리 보기 > 수정.`,
        en: `ElastiCache console > Redis OSS caches > ${groups} > Modify > Backup: "Enable automatic backups", backup retention period ${days} day(s) or more > Preview changes > Modify.`,
      },
      cdk: `new elasticache.CfnReplicationGroup(this, 'Redis', { /* ... */ snapshotRetentionLimit: ${days} });`,
    };
  },
  evaluate(inventory, config) {
    const min = config.cacheSnapshotRetentionDays;
    return judgeEachRedisGroup(
      inventory,
      (group) => {
        const days = group.SnapshotRetentionLimit ?? 0;
        const window = group.SnapshotWindow;
        return {
          ok: days >= min,
          detail: text(`스냅샷 보존 ${days}일(최소 ${min}일)${window ? `, 백업 기간 ${window}` : ''}`, `snapshot retention ${days} day(s) (minimum ${min})${window ? `, window ${window}` : ''}`),
        };
      },
      text('Redis 스냅샷을 보관합니다.', 'Redis snapshots are kept.'),
      text('Redis 스냅샷 없음', 'No Redis snapshots'),
    );
  },
});
