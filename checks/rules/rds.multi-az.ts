// rds.multi-az: the database survives the loss of an AZ. Every RDS instance of the deployment
// must be Multi-AZ (a standby in another AZ), or be a member of a Multi-AZ DB cluster: the
// members of a Multi-AZ DB cluster (one writer, two readers in three AZs) each report
// MultiAZ false, and the cluster (DescribeDBClusters, rds.clusters) reports MultiAZ true, so
// members are judged once per cluster, by the cluster (lib/db-clusters.ts, shared with the other
// rds.* checks). A member whose cluster was not collected cannot be judged: error, never a
// guess. No RDS instance: not-applicable (rds.postgres-present grades it).
// The warning follows the RDS User Guide ("Converting a DB instance to a Multi-AZ deployment"):
// no downtime, but a snapshot seeds the standby and write latency can rise during and after.
import { catalogueEntry } from '../../contract/check-catalogue';
import type { ResourceEvidence } from '../../contract/report';
import { clusterId, clusterMembersText, databasesOf, type DbCluster } from './lib/db-clusters';
import { dbId, dbInstances, type DbInstance } from './lib/deployment';
import { names } from './lib/fix';
import { errored, failingText, judge, notApplicable, resource } from './lib/outcome';
import { NO_DB_INSTANCE } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck } from './types';

function instanceVerdict(db: DbInstance): ResourceEvidence {
  const ok = db.MultiAZ === true;
  const az = db.AvailabilityZone ?? '?';
  const standby = db.SecondaryAvailabilityZone;
  const detail = ok
    ? text(`다중 AZ: 기본 인스턴스 ${az}${standby ? `, 대기 인스턴스 ${standby}` : ''}`, `Multi-AZ: primary in ${az}${standby ? `, standby in ${standby}` : ''}`)
    : text(`단일 AZ(${az})`, `single-AZ in ${az}`);
  return resource(ok, dbId(db), detail, { arn: db.DBInstanceArn, type: 'AWS::RDS::DBInstance' });
}

function clusterVerdict(cluster: DbCluster, members: DbInstance[]): ResourceEvidence {
  const ok = cluster.MultiAZ === true;
  const azs = [...new Set(members.map((m) => m.AvailabilityZone ?? '?'))].sort().join(', ');
  const who = clusterMembersText(cluster, members);
  const detail = ok
    ? text(`다중 AZ DB 클러스터: ${who.ko}, AZ ${azs}`, `Multi-AZ DB cluster: ${who.en} in ${azs}`)
    : text(`DB 클러스터가 다중 AZ가 아님(DescribeDBClusters MultiAZ false): ${who.ko}, AZ ${azs}`, `DB cluster not Multi-AZ (DescribeDBClusters MultiAZ false): ${who.en} in ${azs}`);
  return resource(ok, clusterId(cluster), detail, { arn: cluster.DBClusterArn, type: 'AWS::RDS::DBCluster' });
}

export const check = defineCheck({
  ...catalogueEntry('rds.multi-az'),
  remediation: {
    ko: 'RDS 인스턴스의 다중 AZ 배포를 켜세요. 다른 AZ에 대기 인스턴스가 생기고, 장애 시 1~2분 안에 자동으로 장애 조치됩니다. 다중 AZ DB 클러스터(라이터 1개, 리더 2개)도 인정됩니다.',
    en: 'Turn on Multi-AZ for the RDS instance: a standby runs in another AZ and takes over automatically within a minute or two when the primary fails. A Multi-AZ DB cluster (one writer, two readers) counts too.',
    console: {
      ko: 'RDS 콘솔 > 데이터베이스 > (DB 인스턴스) > 수정 > 가용성 및 내구성: "다중 AZ DB 인스턴스"(대기 인스턴스 생성) > 계속 > 수정 사항 적용 시기 선택 > DB 인스턴스 수정.',
      en: 'RDS console > Databases > (the DB instance) > Modify > Availability and durability: "Multi-AZ DB instance" (create a standby instance) > Continue > choose when to apply > Modify DB instance.',
    },
    warning: {
      ko: '"즉시 적용"을 고르면 다음 유지 관리 기간이 아니라 지금 변환이 시작됩니다. AWS 문서상 다운타임은 없지만, RDS가 인스턴스 스토리지의 스냅샷으로 대기 인스턴스를 만들고 동기 복제를 시작하므로 변환 중과 직후에 쓰기 지연 시간이 크게 늘 수 있습니다. 트래픽이 적은 시간에 하거나, 즉시 적용을 끄고 유지 관리 기간에 맡기세요.',
      en: 'With "Apply immediately" the conversion starts now instead of in the next maintenance window. AWS documents no downtime, but RDS builds the standby from a snapshot of the instance\'s storage and starts synchronous replication, so write latency can rise sharply during and after the conversion. Do it at a quiet time, or leave "Apply immediately" off and let the maintenance window run it.',
    },
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ multiAz: true });`,
  },
  datasets: ['rds.instances'],
  optionalDatasets: ['rds.clusters'],
  remediationFor(inventory) {
    const single = dbInstances(inventory).filter((db) => !db.DBClusterIdentifier && db.MultiAZ !== true);
    const dbs = names(single.map(dbId));
    if (!dbs) return check.remediation;
    return {
      ...check.remediation,
      ko: `RDS 인스턴스 ${dbs}의 다중 AZ 배포를 켜세요. 다른 AZ에 대기 인스턴스가 생기고, 장애 시 1~2분 안에 자동으로 장애 조치됩니다.`,
      en: `Turn on Multi-AZ for RDS instance ${dbs}: a standby runs in another AZ and takes over automatically within a minute or two when the primary fails.`,
      console: {
        ko: `RDS 콘솔 > 데이터베이스 > ${dbs} > 수정 > 가용성 및 내구성: "다중 AZ DB 인스턴스"(대기 인스턴스 생성) > 계속 > 수정 사항 적용 시기 선택 > DB 인스턴스 수정.`,
        en: `RDS console > Databases > ${dbs} > Modify > Availability and durability: "Multi-AZ DB instance" (create a standby instance) > Continue > choose when to apply > Modify DB instance.`,
      },
    };
  },
  evaluate(inventory) {
    const dbs = dbInstances(inventory);
    if (dbs.length === 0) return notApplicable(NO_DB_INSTANCE);
    const found = databasesOf(inventory, {
      where: 'every-cluster',
      setting: text('다중 AZ 설정', 'Multi-AZ setting'),
      memberNote: text('클러스터 멤버 자신의 MultiAZ는 항상 false입니다.', "a cluster member's own MultiAZ is always false."),
    });
    if ('unreadable' in found) return errored(found.unreadable);
    const resources = found.databases.map((d) => (d.kind === 'instance' ? instanceVerdict(d.db) : clusterVerdict(d.cluster, d.members)));
    const notes = found.notes;
    return judge(
      resources,
      text('RDS 인스턴스가 다중 AZ로 구성되어 있습니다.', 'The RDS instance is Multi-AZ.'),
      (f) => {
        const d = failingText(f);
        return text(`RDS가 다중 AZ가 아님: ${d.ko}.`, `RDS not Multi-AZ: ${d.en}.`);
      },
      { notes },
    );
  },
});
