// rds.enhanced-monitoring (low): enhanced monitoring or Performance Insights is on.
// No RDS instance: not-applicable.
import { judgeEachDbInstance } from './lib/per-resource';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'rds.enhanced-monitoring',
  category: 'monitoring',
  severity: 'low',
  title: { ko: 'RDS 향상된 모니터링 또는 Performance Insights가 켜져 있음', en: 'RDS enhanced monitoring or Performance Insights is on' },
  remediation: {
    ko: 'RDS 인스턴스에 향상된 모니터링(예: 60초 간격)이나 Performance Insights를 켜세요. OS 수준 지표와 느린 쿼리를 볼 수 있습니다.',
    en: 'Turn on enhanced monitoring (e.g. every 60 s) or Performance Insights for the RDS instance to see OS-level metrics and slow queries.',
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ monitoringInterval: Duration.seconds(60), enablePerformanceInsights: true });`,
  },
  refs: { fsbp: ['RDS.6'], cdkNag: [], prowler: [] },
  datasets: ['rds.instances'],
  evaluate(inventory) {
    return judgeEachDbInstance(
      inventory,
      (db) => {
        const interval = db.MonitoringInterval ?? 0;
        const pi = db.PerformanceInsightsEnabled === true;
        const parts = [interval > 0 ? `enhanced monitoring every ${interval} s` : 'enhanced monitoring off', pi ? 'Performance Insights on' : 'Performance Insights off'];
        return { ok: interval > 0 || pi, detail: parts.join('; ') };
      },
      'Enhanced monitoring or Performance Insights is on.',
      'No enhanced monitoring',
    );
  },
});
