// rds.deletion-protection: deletion protection is on. No RDS instance: not-applicable.
import { judgeEachDbInstance } from './lib/per-resource';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'rds.deletion-protection',
  category: 'high-availability',
  severity: 'low',
  title: { ko: 'RDS 삭제 방지가 켜져 있음', en: 'RDS deletion protection is on' },
  remediation: {
    ko: 'RDS 인스턴스의 삭제 방지를 켜세요. 실습이 끝나 정리할 때는 삭제 방지를 먼저 끈 뒤 삭제합니다.',
    en: 'Turn on deletion protection for the RDS instance. When cleaning up after the lab, turn it off first, then delete.',
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ deletionProtection: true });`,
  },
  refs: { fsbp: [], cdkNag: ['AwsSolutions-RDS10'], prowler: [] },
  datasets: ['rds.instances'],
  evaluate(inventory) {
    return judgeEachDbInstance(
      inventory,
      (db) => ({ ok: db.DeletionProtection === true, detail: db.DeletionProtection === true ? 'deletion protection on' : 'deletion protection off' }),
      'Deletion protection is on.',
      'Deletion protection off',
    );
  },
});
