// AWS Backup: the backup plans of a stack or tagged for the student.
import { dataOr } from '../../collectors/collected';
import type { GraphContext } from '../graph-context';
import { CFN } from '../resource-types';
import type { RegionLists, Selection } from '../selection';

export function selectBackupPlans(ctx: GraphContext, lists: Pick<RegionLists, 'backupPlans'>): Pick<Selection, 'backupPlanIds'> {
  // When the list failed, the starting points still name the plans to read.
  const backupPlanIds =
    lists.backupPlans.status === 'collected'
      ? dataOr(lists.backupPlans, []).filter((pl) => ctx.isSeed(CFN.backupPlan, pl.BackupPlanId)).map((pl) => pl.BackupPlanId!)
      : ctx.seedIds(CFN.backupPlan);
  for (const pl of dataOr(lists.backupPlans, [])) if (backupPlanIds.includes(pl.BackupPlanId!)) ctx.take(CFN.backupPlan, pl.BackupPlanId!, pl.BackupPlanArn ? { arn: pl.BackupPlanArn } : {});
  return { backupPlanIds };
}
