// rds.multi-az: the database survives the loss of an AZ. Every RDS instance of the deployment
// must be Multi-AZ (a standby in another AZ), or be a member of a Multi-AZ DB cluster: the
// members of a Multi-AZ DB cluster (one writer, two readers in three AZs) each report
// MultiAZ false, and the cluster (DescribeDBClusters, rds.clusters) reports MultiAZ true, so
// members are judged once per cluster, by the cluster. A member whose cluster was not collected
// cannot be judged: error, never a guess. No RDS instance: not-applicable (rds.postgres-present
// grades it).
import type { DBCluster } from '@aws-sdk/client-rds';
import type { ResourceEvidence } from '../../contract/report';
import type { Serialized } from '../inventory/types';
import { readOptional } from './lib/collected';
import { dbId, dbInstances, type DbInstance } from './lib/deployment';
import { errored, failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

type DbCluster = Serialized<DBCluster>;

function instanceVerdict(db: DbInstance): ResourceEvidence {
  const ok = db.MultiAZ === true;
  const detail = ok
    ? `Multi-AZ: primary in ${db.AvailabilityZone ?? '?'}${db.SecondaryAvailabilityZone ? `, standby in ${db.SecondaryAvailabilityZone}` : ''}`
    : `single-AZ in ${db.AvailabilityZone ?? '?'}`;
  return resource(ok, dbId(db), detail, { arn: db.DBInstanceArn, type: 'AWS::RDS::DBInstance' });
}

function clusterVerdict(cluster: DbCluster, members: DbInstance[]): ResourceEvidence {
  const ok = cluster.MultiAZ === true;
  const azs = [...new Set(members.map((m) => m.AvailabilityZone ?? '?'))].sort();
  const roles = (cluster.DBClusterMembers ?? []).map((m) => `${m.DBInstanceIdentifier ?? '?'} (${m.IsClusterWriter ? 'writer' : 'reader'})`);
  const who = roles.length ? roles.join(', ') : members.map(dbId).join(', ');
  const detail = ok
    ? `Multi-AZ DB cluster: ${who} in ${azs.join(', ')}`
    : `DB cluster not Multi-AZ (DescribeDBClusters MultiAZ false): ${who} in ${azs.join(', ')}`;
  return resource(ok, cluster.DBClusterIdentifier ?? '?', detail, { arn: cluster.DBClusterArn, type: 'AWS::RDS::DBCluster' });
}

export const check = defineCheck({
  id: 'rds.multi-az',
  category: 'high-availability',
  severity: 'high',
  title: { ko: 'RDS 인스턴스가 다중 AZ로 구성됨', en: 'The RDS instance is Multi-AZ' },
  remediation: {
    ko: 'RDS 인스턴스의 다중 AZ 배포를 켜세요. 다른 AZ에 대기 인스턴스가 생기고, 장애 시 1~2분 안에 자동으로 장애 조치됩니다. 다중 AZ DB 클러스터(라이터 1개, 리더 2개)도 인정됩니다.',
    en: 'Turn on Multi-AZ for the RDS instance: a standby runs in another AZ and takes over automatically within a minute or two when the primary fails. A Multi-AZ DB cluster (one writer, two readers) counts too.',
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ multiAz: true });`,
  },
  refs: { fsbp: ['RDS.5'], cdkNag: ['AwsSolutions-RDS3'], prowler: [] },
  datasets: ['rds.instances'],
  optionalDatasets: ['rds.clusters'],
  evaluate(inventory) {
    const dbs = dbInstances(inventory);
    if (dbs.length === 0) return notApplicable('The deployment has no RDS instance (graded by rds.postgres-present).');
    const clusters = inventory.rds.clusters ? readOptional(inventory.rds.clusters) : undefined;
    const resources: ResourceEvidence[] = [];
    const membersOf = new Map<string, DbInstance[]>();
    for (const db of dbs) {
      if (db.DBClusterIdentifier) membersOf.set(db.DBClusterIdentifier, [...(membersOf.get(db.DBClusterIdentifier) ?? []), db]);
      else resources.push(instanceVerdict(db));
    }
    for (const [clusterId, members] of membersOf) {
      const cluster = clusters?.find((c) => c.DBClusterIdentifier === clusterId);
      if (!cluster) {
        const why = inventory.rds.clusters?.status === 'not-collected' ? `${inventory.rds.clusters.operation} failed: ${inventory.rds.clusters.reason}` : 'DescribeDBClusters did not return it';
        return errored(
          `${members.map(dbId).join(', ')} belong to DB cluster ${clusterId}, whose Multi-AZ setting could not be read (${why}); a cluster member's own MultiAZ is always false.`,
        );
      }
      resources.push(clusterVerdict(cluster, members));
    }
    const notes: string[] = [];
    const clustersRead = inventory.rds.clusters;
    if (clustersRead?.status === 'not-collected') {
      notes.push(`DB clusters could not be read (${clustersRead.operation}: ${clustersRead.reason}); no instance of the deployment belongs to one, so none was needed.`);
    }
    return judge(resources, 'The RDS instance is Multi-AZ.', (f) => `RDS not Multi-AZ: ${failingDetails(f)}.`, { notes });
  },
});
