// rds.deletion-protection: deletion protection is on. No RDS instance: not-applicable.
// A DB cluster's members are judged by the cluster: deletion protection is a cluster setting
// (ModifyDBCluster DeletionProtection: "Aurora DB clusters and Multi-AZ DB clusters"), and a
// member's own DeletionProtection says nothing (lib/db-clusters.ts).
import { catalogueEntry } from '../../contract/check-catalogue';
import { clusterFixTargets } from './lib/db-clusters';
import { dbTargets, names } from './lib/fix';
import { judgeEachDatabase } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('rds.deletion-protection'),
  remediation: {
    ko: 'RDS 인스턴스의 삭제 방지를 켜세요. 실습이 끝나 정리할 때는 삭제 방지를 먼저 끈 뒤 삭제합니다.',
    en: 'Turn on deletion protection for the RDS instance. When cleaning up after the lab, turn it off first, then delete.',
    console: {
      ko: 'RDS 콘솔 > 데이터베이스 > (DB 인스턴스) > 수정 > "삭제 방지 활성화" 선택 > 계속 > 즉시 적용 > DB 인스턴스 수정.',
      en: 'RDS console > Databases > (the DB instance) > Modify > select "Enable deletion protection" > Continue > Apply immediately > Modify DB instance.',
    },
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ deletionProtection: true });`,
  },
  datasets: ['rds.instances'],
  optionalDatasets: ['rds.clusters'],
  remediationFor(inventory) {
    const clusters = clusterFixTargets(inventory, 'every-cluster');
    if (clusters) {
      const ids = names(clusters);
      return {
        ...check.remediation,
        ko: `DB 클러스터 ${ids}의 삭제 방지를 켜세요(다중 AZ DB 클러스터는 멤버 인스턴스를 수정할 수 없고 클러스터를 수정합니다). 실습이 끝나 정리할 때는 삭제 방지를 먼저 끈 뒤 삭제합니다.`,
        en: `Turn on deletion protection for DB cluster ${ids} (a Multi-AZ DB cluster is modified as a whole: its member instances cannot be modified). When cleaning up after the lab, turn it off first, then delete.`,
        console: {
          ko: `RDS 콘솔 > 데이터베이스 > ${ids}(DB 클러스터) > 수정 > "삭제 방지 활성화" 선택 > 계속 > 즉시 적용 > DB 클러스터 수정.`,
          en: `RDS console > Databases > ${ids} (the DB cluster) > Modify > select "Enable deletion protection" > Continue > Apply immediately > Modify DB cluster.`,
        },
        cdk: `new rds.CfnDBCluster(this, 'Db', { /* ... */ deletionProtection: true });`,
      };
    }
    const dbs = names(dbTargets(inventory));
    return {
      ...check.remediation,
      ko: `RDS 인스턴스 ${dbs}의 삭제 방지를 켜세요. 실습이 끝나 정리할 때는 삭제 방지를 먼저 끈 뒤 삭제합니다(cleanup --yes가 배포 자신의 인스턴스에 대해 해 줍니다).`,
      en: `Turn on deletion protection for RDS instance ${dbs}. When cleaning up after the lab, turn it off first, then delete (cleanup --yes does this for the deployment's own instances).`,
      console: {
        ko: `RDS 콘솔 > 데이터베이스 > ${dbs} > 수정 > "삭제 방지 활성화" 선택 > 계속 > 즉시 적용 > DB 인스턴스 수정.`,
        en: `RDS console > Databases > ${dbs} > Modify > select "Enable deletion protection" > Continue > Apply immediately > Modify DB instance.`,
      },
    };
  },
  evaluate(inventory) {
    const verdict = (on: boolean | undefined) => ({
      ok: on === true,
      detail: on === true ? text('삭제 방지 켜짐', 'deletion protection on') : text('삭제 방지 꺼짐', 'deletion protection off'),
    });
    return judgeEachDatabase(
      inventory,
      {
        instance: (db) => verdict(db.DeletionProtection),
        cluster: (cluster) => verdict(cluster.DeletionProtection),
        where: 'every-cluster',
        setting: text('삭제 방지 설정', 'deletion protection'),
      },
      text('삭제 방지가 켜져 있습니다.', 'Deletion protection is on.'),
      text('삭제 방지 꺼짐', 'Deletion protection off'),
    );
  },
});
