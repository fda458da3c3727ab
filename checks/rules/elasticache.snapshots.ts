// elasticache.snapshots: snapshot retention >= 1 day (config.cacheSnapshotRetentionDays).
// The group's SnapshotRetentionLimit is read. No Redis: not-applicable.
import { judgeEachRedisGroup } from './lib/per-resource';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'elasticache.snapshots',
  category: 'high-availability',
  severity: 'medium',
  title: { ko: 'Redis 자동 스냅샷을 1일 이상 보관함', en: 'Redis automatic snapshots are kept at least 1 day' },
  remediation: {
    ko: 'Redis 복제 그룹의 스냅샷 보존 기간을 1일 이상으로 설정하세요. 0이면 자동 백업이 꺼집니다.',
    en: 'Set the snapshot retention limit of the Redis replication group to at least 1 day; 0 turns automatic backups off.',
    cdk: `new elasticache.CfnReplicationGroup(this, 'Redis', { /* ... */ snapshotRetentionLimit: 1 });`,
  },
  refs: { fsbp: ['ElastiCache.1'], cdkNag: [], prowler: [] },
  datasets: ['elasticache.replicationGroups'],
  evaluate(inventory, config) {
    return judgeEachRedisGroup(
      inventory,
      (group) => {
        const days = group.SnapshotRetentionLimit ?? 0;
        return {
          ok: days >= config.cacheSnapshotRetentionDays,
          detail: `snapshot retention ${days} day(s) (minimum ${config.cacheSnapshotRetentionDays})${group.SnapshotWindow ? `, window ${group.SnapshotWindow}` : ''}`,
        };
      },
      'Redis snapshots are kept.',
      'No Redis snapshots',
    );
  },
});
