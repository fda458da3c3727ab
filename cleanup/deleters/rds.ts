// RDS: the DB instance (deletion protection turned off first, no final snapshot: this
// is a lab; AWS Backup recovery points stay in their vault), then its DB subnet group.
import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, isGone, pollUntil, type Deleter } from '../deleter';
import type { AwsSession } from '../../checks/aws/session';
import { awsSdk } from '../../checks/aws/sdk';

const {
  DeleteDBInstanceCommand,
  DeleteDBSnapshotCommand,
  DeleteDBSubnetGroupCommand,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  RDSClient,
} = awsSdk('@aws-sdk/client-rds');

export const OPERATIONS = declareOperations('rds', ['ModifyDBInstance', 'DeleteDBInstance', 'DescribeDBInstances', 'DeleteDBSubnetGroup', 'DeleteDBSnapshot']);

/** DeleteDBInstance (and DeleteStack of its stack) fails while deletion protection is on. */
export async function turnOffDeletionProtection(session: AwsSession, id: string): Promise<void> {
  await ignoringGone(() => session.client(RDSClient, 'rds').send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: id, DeletionProtection: false, ApplyImmediately: true })));
}

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::RDS::DBInstance',
    rank: 40,
    async remove(r, ctx) {
      const client = ctx.session.client(RDSClient, 'rds');
      const db = ctx.inventory.rds.instances.status === 'collected' ? ctx.inventory.rds.instances.data.find((d) => d.DBInstanceIdentifier === r.id) : undefined;
      if (db?.DeletionProtection !== false) await turnOffDeletionProtection(ctx.session, r.id);
      await ignoringGone(() => client.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: r.id, SkipFinalSnapshot: true, DeleteAutomatedBackups: true })));
      await pollUntil(
        async () => {
          try {
            return ((await client.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: r.id }))).DBInstances ?? []).length === 0;
          } catch (error) {
            if (isGone(error)) return true;
            throw error;
          }
        },
        ctx,
        `deleting the database ${r.id}`,
      );
    },
  },
  {
    // A manual snapshot: the final snapshot a stack's DeletionPolicy Snapshot leaves (the
    // default and production profiles), tagged like its instance. Automated ones (rds:...)
    // go with their instance (plan.ts).
    type: 'AWS::RDS::DBSnapshot',
    rank: 45,
    remove: (r, ctx) => ignoringGone(() => ctx.session.client(RDSClient, 'rds').send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: r.id }))),
  },
  {
    type: 'AWS::RDS::DBSubnetGroup',
    rank: 50,
    remove: (r, ctx) => ignoringGone(() => ctx.session.client(RDSClient, 'rds').send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: r.id }))),
  },
];
