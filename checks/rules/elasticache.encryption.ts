// elasticache.encryption: encryption at rest and in transit are on. No Redis: not-applicable.
// Turning either on for an existing group means a new group (at rest) or a staged migration
// (in transit): the remediation warns before the fix.
import { catalogueEntry } from '../../contract/check-catalogue';
import { cacheTargets, names } from './lib/fix';
import { judgeEachRedisGroup } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck } from './types';

const WARNING = {
  ko: '저장 데이터 암호화는 기존 복제 그룹에서 켤 수 없어 새 그룹(백업에서 복원)이 필요하고, 엔드포인트가 바뀝니다. 전송 중 암호화를 켜는 동안 앱은 TLS로 다시 연결해야 합니다.',
  en: 'Encryption at rest cannot be turned on for an existing replication group: it takes a new group (restored from a backup) with a new endpoint. While in-transit encryption is turned on, the app must reconnect over TLS.',
};

export const check = defineCheck({
  ...catalogueEntry('elasticache.encryption'),
  remediation: {
    ko: 'Redis 복제 그룹을 만들 때 저장 데이터 암호화와 전송 중 암호화(TLS)를 켜고, 앱은 TLS로 접속하세요(ioredis: tls: {}).',
    en: 'Create the Redis replication group with encryption at rest and in transit (TLS) and connect from the app over TLS (ioredis: tls: {}).',
    console: {
      ko: 'ElastiCache 콘솔 > Redis OSS 캐시 > 생성: 보안 > "저장 중 암호화"와 "전송 중 암호화" 선택. 기존 그룹은 백업을 만든 뒤 그 백업에서 이 설정으로 새 그룹을 복원하세요.',
      en: 'ElastiCache console > Redis OSS caches > Create: Security > select "Encryption at rest" and "Encryption in transit". For an existing group, make a backup and restore a new group from it with these settings.',
    },
    warning: WARNING,
    cdk: `new elasticache.CfnReplicationGroup(this, 'Redis', {
  /* ... */ atRestEncryptionEnabled: true, transitEncryptionEnabled: true,
});`,
  },
  datasets: ['elasticache.replicationGroups'],
  remediationFor(inventory) {
    const groups = names(cacheTargets(inventory, 6379));
    return {
      ...check.remediation,
      ko: `Redis 복제 그룹 ${groups}에 저장 데이터 암호화와 전송 중 암호화(TLS)를 켜고, 앱은 TLS로 접속하세요(ioredis: tls: {}).`,
      en: `Turn on encryption at rest and in transit (TLS) for Redis replication group ${groups} and connect from the app over TLS (ioredis: tls: {}).`,
      console: {
        ko: `ElastiCache 콘솔 > Redis OSS 캐시 > ${groups} > 백업 생성. 그 백업 > 복원: 보안 > "저장 중 암호화"와 "전송 중 암호화" 선택 > 생성. 앱이 새 엔드포인트를 쓰게 한 뒤 ${groups}을(를) 삭제하세요.`,
        en: `ElastiCache console > Redis OSS caches > ${groups} > Create backup. That backup > Restore: Security > select "Encryption at rest" and "Encryption in transit" > Create. Point the app at the new endpoint, then delete ${groups}.`,
      },
    };
  },
  evaluate(inventory) {
    return judgeEachRedisGroup(
      inventory,
      (group) => {
        const atRest = group.AtRestEncryptionEnabled === true;
        const inTransit = group.TransitEncryptionEnabled === true;
        const onOff = (on: boolean) => (on ? text('켜짐', 'on') : text('꺼짐', 'off'));
        return {
          ok: atRest && inTransit,
          detail: text(`저장 데이터 암호화 ${onOff(atRest).ko}; 전송 중 암호화 ${onOff(inTransit).ko}`, `at rest ${onOff(atRest).en}; in transit ${onOff(inTransit).en}`),
        };
      },
      text('Redis가 저장 데이터와 전송 중 데이터를 암호화합니다.', 'Redis is encrypted at rest and in transit.'),
      text('Redis 암호화 안 됨', 'Redis not encrypted'),
    );
  },
});
