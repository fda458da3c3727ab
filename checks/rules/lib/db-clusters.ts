// The deployment's databases as the rds.* checks judge them: a standalone DB instance by itself,
// the members of a DB cluster once, by their cluster (DescribeDBClusters, rds.clusters).
// A Multi-AZ DB cluster's settings live on the cluster: "You can't modify the DB instances within
// a Multi-AZ DB cluster. All modifications must be done at the DB cluster level" (RDS User Guide,
// modify-multi-az-db-cluster), so its members' own fields (MultiAZ false, DeletionProtection ...)
// say nothing. Some settings are cluster settings for Aurora too (deletion protection, backup
// retention, encryption); others stay per instance on Aurora (public access): each check says
// which with ClusterSetting. A member whose cluster could not be read is never guessed: error.
import type { DBCluster } from '@aws-sdk/client-rds';
import type { ResourceEvidence } from '../../../contract/report';
import type { Inventory, Serialized } from '../../inventory/types';
import { readOptional } from './collected';
import { dbId, dbInstances, type DbInstance } from './deployment';
import { resource } from './outcome';
import { text, type Bilingual } from './text';

export type DbCluster = Serialized<DBCluster>;

/**
 * Where a setting lives for a cluster member: 'every-cluster' (Aurora and Multi-AZ DB clusters
 * alike), or 'multi-az-db-cluster' (an Aurora member keeps its own, judged as an instance).
 */
export type ClusterSetting = 'every-cluster' | 'multi-az-db-cluster';

export type Database = { kind: 'instance'; db: DbInstance } | { kind: 'cluster'; cluster: DbCluster; members: DbInstance[] };

export type Databases = { databases: Database[]; notes: Bilingual[] } | { unreadable: Bilingual };

/** Aurora engines (aurora-mysql, aurora-postgresql, legacy aurora); a Multi-AZ DB cluster runs mysql or postgres. */
export function isAurora(engine: string | undefined): boolean {
  return (engine ?? '').startsWith('aurora');
}

export interface DatabasesOptions {
  where: ClusterSetting;
  /** The setting judged, for the error sentence ("Multi-AZ setting", "deletion protection"). */
  setting: Bilingual;
  /** Why the member's own field does not count, ending the error sentence. */
  memberNote?: Bilingual;
}

const CLUSTER_LEVEL_NOTE = text(
  '다중 AZ DB 클러스터에서는 이 설정이 멤버 인스턴스가 아니라 클러스터에 있습니다.',
  'in a Multi-AZ DB cluster this setting lives on the cluster, not on its member instances.',
);

/**
 * The deployment's databases: standalone instances, and each cluster with its members.
 * `unreadable`: a member's cluster is missing from rds.clusters (not collected, or not returned).
 */
export function databasesOf(inventory: Inventory, options: DatabasesOptions): Databases {
  const clustersRead = inventory.rds.clusters;
  const clusters = clustersRead ? readOptional(clustersRead) : undefined;
  const databases: Database[] = [];
  const membersOf = new Map<string, DbInstance[]>();
  for (const db of dbInstances(inventory)) {
    const judgedByCluster = db.DBClusterIdentifier && (options.where === 'every-cluster' || !isAurora(db.Engine));
    if (judgedByCluster) membersOf.set(db.DBClusterIdentifier!, [...(membersOf.get(db.DBClusterIdentifier!) ?? []), db]);
    else databases.push({ kind: 'instance', db });
  }
  for (const [clusterId, members] of membersOf) {
    const cluster = clusters?.find((c) => c.DBClusterIdentifier === clusterId);
    if (!cluster) return { unreadable: unreadableCluster(inventory, clusterId, members, options) };
    databases.push({ kind: 'cluster', cluster, members });
  }
  const notes: Bilingual[] = [];
  if (clustersRead?.status === 'not-collected') {
    notes.push(
      text(
        `DB 클러스터를 읽지 못했지만(${clustersRead.operation}: ${clustersRead.reason}), 클러스터에 속한 인스턴스가 없어 필요하지 않았습니다.`,
        `DB clusters could not be read (${clustersRead.operation}: ${clustersRead.reason}); no instance of the deployment belongs to one, so none was needed.`,
      ),
    );
  }
  return { databases, notes };
}

function unreadableCluster(inventory: Inventory, clusterId: string, members: DbInstance[], options: DatabasesOptions): Bilingual {
  const read = inventory.rds.clusters;
  const why =
    read?.status === 'not-collected'
      ? text(`${read.operation} 실패: ${read.reason}`, `${read.operation} failed: ${read.reason}`)
      : text('DescribeDBClusters가 이 클러스터를 돌려주지 않음', 'DescribeDBClusters did not return it');
  const who = members.map(dbId).join(', ');
  const note = options.memberNote ?? CLUSTER_LEVEL_NOTE;
  return text(
    `${who}은(는) DB 클러스터 ${clusterId}에 속하는데 그 클러스터의 ${options.setting.ko}을(를) 읽지 못했습니다(${why.ko}). ${note.ko}`,
    `${who} belong to DB cluster ${clusterId}, whose ${options.setting.en} could not be read (${why.en}); ${note.en}`,
  );
}

/** "x-1 (writer), x-2 (reader)" from DBClusterMembers, or the member ids. */
export function clusterMembersText(cluster: DbCluster, members: DbInstance[]): Bilingual {
  const roles = (cluster.DBClusterMembers ?? []).map((m) => ({ id: m.DBInstanceIdentifier ?? '?', writer: m.IsClusterWriter === true }));
  if (roles.length === 0) return { ko: members.map(dbId).join(', '), en: members.map(dbId).join(', ') };
  return {
    ko: roles.map((r) => `${r.id} (${r.writer ? '라이터' : '리더'})`).join(', '),
    en: roles.map((r) => `${r.id} (${r.writer ? 'writer' : 'reader'})`).join(', '),
  };
}

export function clusterId(cluster: DbCluster): string {
  return cluster.DBClusterIdentifier ?? cluster.DBClusterArn ?? '?';
}

/** The evidence line of a cluster: its identifier and ARN, the detail, then its members. */
export function clusterResource(ok: boolean, cluster: DbCluster, members: DbInstance[], detail: Bilingual): ResourceEvidence {
  const who = clusterMembersText(cluster, members);
  return resource(
    ok,
    clusterId(cluster),
    text(`${detail.ko}, DB 클러스터 설정(멤버: ${who.ko})`, `${detail.en}, set on the DB cluster (members: ${who.en})`),
    { arn: cluster.DBClusterArn, type: 'AWS::RDS::DBCluster' },
  );
}

/** The identifiers a student acts on: a cluster's, or a standalone instance's. */
export function databaseIds(inventory: Inventory): string[] {
  const ids: string[] = [];
  for (const db of dbInstances(inventory)) {
    const id = db.DBClusterIdentifier ?? dbId(db);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * The DB clusters a fix must modify, when every database of the deployment is judged by its
 * cluster for this setting (a Multi-AZ DB cluster's members cannot be modified); undefined when
 * any standalone instance (or, for a per-instance setting, an Aurora member) is judged itself.
 * Reads rds.instances only, so a fix can be worded even when rds.clusters could not be read.
 */
export function clusterFixTargets(inventory: Inventory, where: ClusterSetting): string[] | undefined {
  const dbs = dbInstances(inventory);
  const byCluster = dbs.filter((db) => db.DBClusterIdentifier && (where === 'every-cluster' || !isAurora(db.Engine)));
  if (dbs.length === 0 || byCluster.length < dbs.length) return undefined;
  return [...new Set(byCluster.map((db) => db.DBClusterIdentifier!))];
}
