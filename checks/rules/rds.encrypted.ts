// rds.encrypted: storage encryption is on. No RDS instance: not-applicable.
import { judgeEachDbInstance } from './lib/per-resource';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'rds.encrypted',
  category: 'security',
  severity: 'high',
  title: { ko: 'RDS 스토리지 암호화가 켜져 있음', en: 'RDS storage encryption is on' },
  remediation: {
    ko: 'RDS 인스턴스를 스토리지 암호화를 켠 상태로 만드세요. 기존 인스턴스는 암호화할 수 없으므로, 스냅샷을 암호화 복사한 뒤 그 스냅샷에서 복원합니다.',
    en: 'Create the RDS instance with storage encryption on. An existing instance cannot be encrypted in place: copy a snapshot with encryption and restore from it.',
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ storageEncrypted: true });`,
  },
  refs: { fsbp: ['RDS.3'], cdkNag: ['AwsSolutions-RDS2'], prowler: [] },
  datasets: ['rds.instances'],
  evaluate(inventory) {
    return judgeEachDbInstance(
      inventory,
      (db) => ({
        ok: db.StorageEncrypted === true,
        detail: db.StorageEncrypted === true ? `storage encrypted${db.KmsKeyId ? ` with ${db.KmsKeyId}` : ''}` : 'storage not encrypted',
      }),
      'RDS storage is encrypted.',
      'RDS storage not encrypted',
    );
  },
});
