// `destroy --yes`: the default and production profiles turn on RDS deletion protection, and
// CloudFormation cannot delete a protected DB instance (the Data stack ends DELETE_FAILED,
// "Cannot delete protected DB Instance"). So, as cleanup does, destroy first turns it off on
// the deployment's own DB instances (those of its Data stack, nothing else) and says so.
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

/** Turns off deletion protection on the Data stack's protected DB instances; returns what it said, one line each. */
export async function unprotectDeploymentDatabases(target: ProtectionTarget): Promise<Bilingual[]> {
  const session = sessionFor(
    { region: REGION, ...(target.endpoint ? { endpoint: target.endpoint } : {}), ...(target.credentials ? { credentials: target.credentials } : {}), ...(target.awsProfile ? { profile: target.awsProfile } : {}) },
    'cloudmart-destroy',
  );
  const { CloudFormationClient, ListStackResourcesCommand } = awsSdk('@aws-sdk/client-cloudformation');
  const { RDSClient, DescribeDBInstancesCommand } = awsSdk('@aws-sdk/client-rds');
  const said: Bilingual[] = [];
  try {
    const dataStack = stackNames(target.student).Data;
    let ids: string[];
    try {
      const resources = await session.client(CloudFormationClient, 'cloudformation').send(new ListStackResourcesCommand({ StackName: dataStack }));
      ids = (resources.StackResourceSummaries ?? []).filter((r) => r.ResourceType === 'AWS::RDS::DBInstance' && r.PhysicalResourceId).map((r) => r.PhysicalResourceId!);
    } catch (error) {
      if ((error as { name?: string }).name === 'ValidationError') return said; // no Data stack: nothing protected
      throw error;
    }
    for (const id of ids) {
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
