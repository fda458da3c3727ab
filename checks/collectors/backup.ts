// AWS Backup: the plans of the region (one list call), then for the deployment's plans
// the plan itself, its selections (list + one call per selection), and the recovery
// points of the deployment's RDS instances (one call per instance).
import type { BackupPlansListMember, RecoveryPointByResource } from '@aws-sdk/client-backup';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import { serialize } from '../inventory/serialize';
import type { BackupPlanWithSelections, Collected, Serialized } from '../inventory/types';
import { mapLimit } from '../../contract/bounded';
import { allPages, attempt, derive2, serialized } from './collected';
import { awsSdk } from '../aws/sdk';

const {
  BackupClient,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  paginateListBackupPlans,
  paginateListBackupSelections,
  paginateListRecoveryPointsByResource,
} = awsSdk('@aws-sdk/client-backup');

export const OPERATIONS = declareOperations('backup', [
  'ListBackupPlans',
  'GetBackupPlan',
  'ListBackupSelections',
  'GetBackupSelection',
  'ListRecoveryPointsByResource',
]);

export async function listBackupPlans(session: AwsSession): Promise<Collected<Serialized<BackupPlansListMember>[]>> {
  const client = session.client(BackupClient, 'backup');
  return serialized(await attempt('backup:ListBackupPlans', () => allPages(paginateListBackupPlans({ client }, {}), (p) => p.BackupPlansList)));
}

export async function describeBackupPlans(session: AwsSession, planIds: string[]): Promise<Collected<BackupPlanWithSelections[]>> {
  const client = session.client(BackupClient, 'backup');
  // The plans and their selections are separate APIs: either failing leaves the dataset not collected.
  const [plans, selections] = await Promise.all([
    attempt('backup:GetBackupPlan', () => mapLimit(planIds, 8, (id) => client.send(new GetBackupPlanCommand({ BackupPlanId: id })))),
    attempt('backup:ListBackupSelections', () =>
      mapLimit(planIds, 8, (id) => allPages(paginateListBackupSelections({ client }, { BackupPlanId: id }), (p) => p.BackupSelectionsList)),
    ),
  ]);
  const details = await (async () => {
    if (selections.status !== 'collected') return selections;
    return attempt('backup:GetBackupSelection', () =>
      mapLimit(planIds, 8, (planId, index) =>
        mapLimit(selections.data[index] ?? [], 8, async (member) => {
          const out = await client.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: member.SelectionId }));
          if (!out.BackupSelection) throw new Error(`GetBackupSelection returned no selection for ${member.SelectionId}`);
          return serialize({ ...out.BackupSelection, ...(out.SelectionId ? { SelectionId: out.SelectionId } : {}) });
        }),
      ),
    );
  })();
  return derive2(plans, details, (planOutputs, selectionLists) =>
    planOutputs.map((out, index) => ({
      planId: out.BackupPlanId ?? planIds[index]!,
      planArn: out.BackupPlanArn ?? '',
      ...(out.VersionId ? { versionId: out.VersionId } : {}),
      plan: serialize(out.BackupPlan ?? { BackupPlanName: '', Rules: [] }),
      selections: selectionLists[index] ?? [],
    })),
  );
}

export async function listRecoveryPoints(
  session: AwsSession,
  resourceArns: string[],
): Promise<Collected<Record<string, Serialized<RecoveryPointByResource>[]>>> {
  const client = session.client(BackupClient, 'backup');
  return attempt('backup:ListRecoveryPointsByResource', async () => {
    const perResource = await mapLimit(resourceArns, 8, async (arn) => {
      const points = await allPages(paginateListRecoveryPointsByResource({ client }, { ResourceArn: arn }), (p) => p.RecoveryPoints);
      return [arn, serialize(points)] as const;
    });
    return Object.fromEntries(perResource);
  });
}
