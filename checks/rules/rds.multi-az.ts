// rds.multi-az: the RDS instance is Multi-AZ (a standby in another AZ). Every RDS instance of
// the deployment must be. No RDS instance: not-applicable (rds.postgres-present grades it).
import { judgeEachDbInstance } from './lib/per-resource';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'rds.multi-az',
  category: 'high-availability',
  severity: 'high',
  title: { ko: 'RDS 인스턴스가 다중 AZ로 구성됨', en: 'The RDS instance is Multi-AZ' },
  remediation: {
    ko: 'RDS 인스턴스의 다중 AZ 배포를 켜세요. 다른 AZ에 대기 인스턴스가 생기고, 장애 시 1~2분 안에 자동으로 장애 조치됩니다.',
    en: 'Turn on Multi-AZ for the RDS instance: a standby runs in another AZ and takes over automatically within a minute or two when the primary fails.',
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ multiAz: true });`,
  },
  refs: { fsbp: ['RDS.5'], cdkNag: ['AwsSolutions-RDS3'], prowler: [] },
  datasets: ['rds.instances'],
  evaluate(inventory) {
    return judgeEachDbInstance(
      inventory,
      (db) => ({
        ok: db.MultiAZ === true,
        detail:
          db.MultiAZ === true
            ? `Multi-AZ: primary in ${db.AvailabilityZone ?? '?'}${db.SecondaryAvailabilityZone ? `, standby in ${db.SecondaryAvailabilityZone}` : ''}`
            : `single-AZ in ${db.AvailabilityZone ?? '?'}`,
      }),
      'The RDS instance is Multi-AZ.',
      'RDS not Multi-AZ',
    );
  },
});
