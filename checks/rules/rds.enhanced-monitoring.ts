// rds.enhanced-monitoring (low): enhanced monitoring or Performance Insights is on.
// No RDS instance: not-applicable. The members of a Multi-AZ DB cluster are judged by the
// cluster: MonitoringInterval and Performance Insights are cluster settings there (ModifyDBCluster
// MonitoringInterval, EnablePerformanceInsights: "Valid for Cluster Type: Multi-AZ DB clusters
// only"); an Aurora member keeps its own, so it is judged as an instance.
import { catalogueEntry } from '../../contract/check-catalogue';
import { clusterFixTargets } from './lib/db-clusters';
import { dbTargets, names } from './lib/fix';
import { judgeEachDatabase } from './lib/per-resource';
import { joinText, text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('rds.enhanced-monitoring'),
  remediation: {
    ko: 'RDS 인스턴스에 향상된 모니터링(예: 60초 간격)이나 Performance Insights를 켜세요. OS 수준 지표와 느린 쿼리를 볼 수 있습니다.',
    en: 'Turn on enhanced monitoring (e.g. every 60 s) or Performance Insights for the RDS instance to see OS-level metrics and slow queries.',
    console: {
      ko: 'RDS 콘솔 > 데이터베이스 > (DB 인스턴스) > 수정 > 모니터링: "Enhanced Monitoring 활성화"(세분성 60초) 또는 "Performance Insights 켜기" > 계속 > DB 인스턴스 수정.',
      en: 'RDS console > Databases > (the DB instance) > Modify > Monitoring: "Enable Enhanced Monitoring" (granularity 60 seconds) or "Turn on Performance Insights" > Continue > Modify DB instance.',
    },
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ monitoringInterval: Duration.seconds(60), enablePerformanceInsights: true });`,
  },
  datasets: ['rds.instances'],
  optionalDatasets: ['rds.clusters'],
  remediationFor(inventory) {
    const clusters = clusterFixTargets(inventory, 'multi-az-db-cluster');
    if (clusters) {
      const ids = names(clusters);
      return {
        ...check.remediation,
        ko: `DB 클러스터 ${ids}에 향상된 모니터링(예: 60초 간격)이나 Performance Insights를 켜세요(다중 AZ DB 클러스터는 멤버 인스턴스를 수정할 수 없고 클러스터를 수정합니다). OS 수준 지표와 느린 쿼리를 볼 수 있습니다.`,
        en: `Turn on enhanced monitoring (e.g. every 60 s) or Performance Insights for DB cluster ${ids} (a Multi-AZ DB cluster is modified as a whole: its member instances cannot be modified) to see OS-level metrics and slow queries.`,
        console: {
          ko: `RDS 콘솔 > 데이터베이스 > ${ids}(DB 클러스터) > 수정 > 모니터링: "Enhanced Monitoring 활성화"(세분성 60초) 또는 "Performance Insights 켜기" > 계속 > DB 클러스터 수정.`,
          en: `RDS console > Databases > ${ids} (the DB cluster) > Modify > Monitoring: "Enable Enhanced Monitoring" (granularity 60 seconds) or "Turn on Performance Insights" > Continue > Modify DB cluster.`,
        },
        cdk: `new rds.CfnDBCluster(this, 'Db', { /* ... */ monitoringInterval: 60, monitoringRoleArn: monitoringRole.roleArn, performanceInsightsEnabled: true });`,
      };
    }
    const dbs = names(dbTargets(inventory));
    return {
      ...check.remediation,
      ko: `RDS 인스턴스 ${dbs}에 향상된 모니터링(예: 60초 간격)이나 Performance Insights를 켜세요. OS 수준 지표와 느린 쿼리를 볼 수 있습니다.`,
      en: `Turn on enhanced monitoring (e.g. every 60 s) or Performance Insights for RDS instance ${dbs} to see OS-level metrics and slow queries.`,
      console: {
        ko: `RDS 콘솔 > 데이터베이스 > ${dbs} > 수정 > 모니터링: "Enhanced Monitoring 활성화"(세분성 60초) 또는 "Performance Insights 켜기" > 계속 > DB 인스턴스 수정.`,
        en: `RDS console > Databases > ${dbs} > Modify > Monitoring: "Enable Enhanced Monitoring" (granularity 60 seconds) or "Turn on Performance Insights" > Continue > Modify DB instance.`,
      },
    };
  },
  evaluate(inventory) {
    const verdict = (monitoringInterval: number | undefined, performanceInsights: boolean | undefined) => {
      const interval = monitoringInterval ?? 0;
      const pi = performanceInsights === true;
      const parts = [
        interval > 0 ? text(`향상된 모니터링 ${interval}초 간격`, `enhanced monitoring every ${interval} s`) : text('향상된 모니터링 꺼짐', 'enhanced monitoring off'),
        pi ? text('Performance Insights 켜짐', 'Performance Insights on') : text('Performance Insights 꺼짐', 'Performance Insights off'),
      ];
      return { ok: interval > 0 || pi, detail: joinText(parts) };
    };
    return judgeEachDatabase(
      inventory,
      {
        instance: (db) => verdict(db.MonitoringInterval, db.PerformanceInsightsEnabled),
        cluster: (cluster) => verdict(cluster.MonitoringInterval, cluster.PerformanceInsightsEnabled),
        where: 'multi-az-db-cluster',
        setting: text('모니터링 설정', 'monitoring settings'),
      },
      text('향상된 모니터링이나 Performance Insights가 켜져 있습니다.', 'Enhanced monitoring or Performance Insights is on.'),
      text('향상된 모니터링 없음', 'No enhanced monitoring'),
    );
  },
});
