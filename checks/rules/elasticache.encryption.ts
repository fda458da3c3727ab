// elasticache.encryption: encryption at rest and in transit are on. No Redis: not-applicable.
import { judgeEachRedisGroup } from './lib/per-resource';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'elasticache.encryption',
  category: 'security',
  severity: 'medium',
  title: { ko: 'Redis 저장 데이터 암호화와 전송 중 암호화가 켜져 있음', en: 'Redis encryption at rest and in transit are on' },
  remediation: {
    ko: 'Redis 복제 그룹을 만들 때 저장 데이터 암호화와 전송 중 암호화(TLS)를 켜고, 앱은 TLS로 접속하세요(ioredis: tls: {}).',
    en: 'Create the Redis replication group with encryption at rest and in transit (TLS) and connect from the app over TLS (ioredis: tls: {}).',
    cdk: `new elasticache.CfnReplicationGroup(this, 'Redis', {
  /* ... */ atRestEncryptionEnabled: true, transitEncryptionEnabled: true,
});`,
  },
  refs: { fsbp: ['ElastiCache.4', 'ElastiCache.5'], cdkNag: ['AwsSolutions-AEC3'], prowler: [] },
  datasets: ['elasticache.replicationGroups'],
  evaluate(inventory) {
    return judgeEachRedisGroup(
      inventory,
      (group) => {
        const atRest = group.AtRestEncryptionEnabled === true;
        const inTransit = group.TransitEncryptionEnabled === true;
        return { ok: atRest && inTransit, detail: `at rest ${atRest ? 'on' : 'off'}; in transit ${inTransit ? 'on' : 'off'}` };
      },
      'Redis is encrypted at rest and in transit.',
      'Redis not encrypted',
    );
  },
});
