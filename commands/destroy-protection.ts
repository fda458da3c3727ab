// `destroy --yes`: the default and production profiles turn on RDS deletion protection, and
// CloudFormation cannot delete a protected DB instance (the Data stack ends DELETE_FAILED,
// "Cannot delete protected DB Instance"). So, as cleanup does, destroy first turns it off on
// the deployment's own DB instances (those of its Data stack, nothing else) and says so.
// The Redis group's DeletionPolicy Snapshot leaves a final snapshot that carries no tag
// cleanup could find it by: destroy notes the group ids before the stacks go and deletes
// their snapshots after.
import { sessionFor } from '../checks/aws/session';
import { awsSdk } from '../checks/aws/sdk';
import type { Bilingual } from '../contract/report';
import { turnOffDeletionProtection } from '../cleanup/deleters/rds';
import { REGION, stackNames } from '../stacks/config';

export interface ProtectionTarget {
  student: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  awsProfile?: string;
}

function sessionOf(target: ProtectionTarget) {
  return sessionFor(
    { region: REGION, ...(target.endpoint ? { endpoint: target.endpoint } : {}), ...(target.credentials ? { credentials: target.credentials } : {}), ...(target.awsProfile ? { profile: target.awsProfile } : {}) },
    'cloudmart-destroy',
  );
}

/** The physical ids of the Data stack's resources of `type` (none when the stack does not exist). */
async function dataStackResources(session: ReturnType<typeof sessionFor>, student: string, type: string): Promise<string[]> {
  const { CloudFormationClient, ListStackResourcesCommand } = awsSdk('@aws-sdk/client-cloudformation');
  try {
    const resources = await session.client(CloudFormationClient, 'cloudformation').send(new ListStackResourcesCommand({ StackName: stackNames(student).Data }));
    return (resources.StackResourceSummaries ?? []).filter((r) => r.ResourceType === type && r.PhysicalResourceId).map((r) => r.PhysicalResourceId!);
  } catch (error) {
    if ((error as { name?: string }).name === 'ValidationError') return [];
    throw error;
  }
}

/** The Data stack's Redis replication group ids, read before the stack is deleted. */
export async function deploymentCacheGroups(target: ProtectionTarget): Promise<string[]> {
  const session = sessionOf(target);
  try {
    return await dataStackResources(session, target.student, 'AWS::ElastiCache::ReplicationGroup');
  } finally {
    session.destroy();
  }
}

/** Deletes the snapshots of these (deleted) replication groups; returns what it said. */
export async function deleteCacheSnapshots(target: ProtectionTarget, groups: string[]): Promise<Bilingual[]> {
  if (groups.length === 0) return [];
  const session = sessionOf(target);
  const { ElastiCacheClient, DescribeSnapshotsCommand, DeleteSnapshotCommand } = awsSdk('@aws-sdk/client-elasticache');
  const said: Bilingual[] = [];
  try {
    const client = session.client(ElastiCacheClient, 'elasticache');
    // Every snapshot of the account and region, matched here by the group they were taken of:
    // the ReplicationGroupId filter is refused (ReplicationGroupNotFoundFault) once the group is gone.
    const all: { SnapshotName?: string; ReplicationGroupId?: string }[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(new DescribeSnapshotsCommand({ ...(marker ? { Marker: marker } : {}) }));
      all.push(...(page.Snapshots ?? []));
      marker = page.Marker;
    } while (marker);
    for (const group of groups) {
      for (const snapshot of all.filter((s) => s.ReplicationGroupId === group)) {
        if (!snapshot.SnapshotName) continue;
        await client.send(new DeleteSnapshotCommand({ SnapshotName: snapshot.SnapshotName }));
        said.push({
          ko: `Redis 복제 그룹 ${group}의 최종 스냅샷 ${snapshot.SnapshotName}을(를) 지웠습니다(태그가 없어 cleanup이 찾지 못합니다).`,
          en: `deleted the final snapshot ${snapshot.SnapshotName} of the Redis group ${group} (it carries no tag cleanup could find it by).`,
        });
      }
    }
    return said;
  } finally {
    session.destroy();
  }
}

/** Turns off deletion protection on the Data stack's protected DB instances; returns what it said, one line each. */
export async function unprotectDeploymentDatabases(target: ProtectionTarget): Promise<Bilingual[]> {
  const session = sessionOf(target);
  const { RDSClient, DescribeDBInstancesCommand } = awsSdk('@aws-sdk/client-rds');
  const said: Bilingual[] = [];
  try {
    const dataStack = stackNames(target.student).Data;
    for (const id of await dataStackResources(session, target.student, 'AWS::RDS::DBInstance')) {
      const db = (await session.client(RDSClient, 'rds').send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances?.[0];
      if (db?.DeletionProtection !== true) continue;
      await turnOffDeletionProtection(session, id);
      said.push({
        ko: `${dataStack}: 이 배포의 DB 인스턴스 ${id}의 삭제 방지를 껐습니다(--yes). 켜져 있으면 CloudFormation이 삭제하지 못합니다.`,
        en: `${dataStack}: turned off deletion protection on the deployment's own DB instance ${id} (--yes); CloudFormation cannot delete it while it is on.`,
      });
    }
    return said;
  } finally {
    session.destroy();
  }
}
