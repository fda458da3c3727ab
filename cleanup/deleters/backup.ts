// AWS Backup: a plan's selections, then the plan; a vault only when it is empty (its
// recovery points are backups someone may still want: cleanup does not delete them).
import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, type Deleter } from '../deleter';
import { awsSdk } from '../../checks/aws/sdk';

const {
  BackupClient,
  DeleteBackupPlanCommand,
  DeleteBackupSelectionCommand,
  DeleteBackupVaultCommand,
  paginateListBackupSelections,
} = awsSdk('@aws-sdk/client-backup');

export const OPERATIONS = declareOperations('backup', ['ListBackupSelections', 'DeleteBackupSelection', 'DeleteBackupPlan', 'DeleteBackupVault']);

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::Backup::BackupPlan',
    rank: 40,
    async remove(r, ctx) {
      const client = ctx.session.client(BackupClient, 'backup');
      await ignoringGone(async () => {
        for await (const page of paginateListBackupSelections({ client }, { BackupPlanId: r.id })) {
          for (const selection of page.BackupSelectionsList ?? []) {
            await ignoringGone(() => client.send(new DeleteBackupSelectionCommand({ BackupPlanId: r.id, SelectionId: selection.SelectionId })));
          }
        }
        await client.send(new DeleteBackupPlanCommand({ BackupPlanId: r.id }));
      });
    },
  },
  {
    type: 'AWS::Backup::BackupVault',
    rank: 50,
    remove: (r, ctx) => ignoringGone(() => ctx.session.client(BackupClient, 'backup').send(new DeleteBackupVaultCommand({ BackupVaultName: r.id }))),
  },
];
