// rds.not-public: the instance is not publicly accessible. No RDS instance: not-applicable.
// PubliclyAccessible missing from the API answer is not taken as "private": that instance
// fails with a detail saying so (a gap never turns into a pass).
import { judgeEachDbInstance } from './lib/per-resource';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'rds.not-public',
  category: 'security',
  severity: 'critical',
  title: { ko: 'RDS 인스턴스가 퍼블릭 액세스를 허용하지 않음', en: 'The RDS instance is not publicly accessible' },
  remediation: {
    ko: 'RDS 인스턴스의 퍼블릭 액세스를 끄세요(PubliclyAccessible=false). 앱은 VPC 안에서 프라이빗 엔드포인트로 접속합니다.',
    en: 'Turn off public access for the RDS instance (PubliclyAccessible=false); the app reaches it on its private endpoint inside the VPC.',
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ publiclyAccessible: false });`,
  },
  refs: { fsbp: ['RDS.2'], cdkNag: [], prowler: [] },
  datasets: ['rds.instances'],
  evaluate(inventory) {
    return judgeEachDbInstance(
      inventory,
      (db) => ({
        ok: db.PubliclyAccessible === false,
        detail:
          db.PubliclyAccessible === true
            ? 'publicly accessible'
            : db.PubliclyAccessible === false
              ? 'not publicly accessible'
              : 'PubliclyAccessible was not reported by the API',
      }),
      'The RDS instance is not publicly accessible.',
      'RDS publicly accessible',
    );
  },
});
