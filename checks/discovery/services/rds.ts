// RDS: the DB instances of a stack or tagged for the student, and their DB subnet groups.
import { dataOr, derive } from '../../collectors/collected';
import { arnOf } from '../arns';
import type { GraphContext } from '../graph-context';
import { CFN } from '../resource-types';
import type { RegionLists, Selection } from '../selection';
import { tagRecord } from '../tags';

export function selectRds(ctx: GraphContext, lists: Pick<RegionLists, 'rdsInstances'>): Pick<Selection, 'rdsInstances' | 'dbInstanceArns'> {
  const { isSeed, ours, foreign, take, region, accountId } = ctx;
  const rdsInstances = derive(lists.rdsInstances, (all) =>
    all.filter((db) => !foreign(tagRecord(db.TagList)) && (isSeed(CFN.db, db.DBInstanceIdentifier) || ours(tagRecord(db.TagList)))),
  );
  for (const db of dataOr(rdsInstances, [])) {
    take(CFN.db, db.DBInstanceIdentifier!, { ...(db.DBInstanceArn ? { arn: db.DBInstanceArn } : {}), tags: tagRecord(db.TagList) }, 'tag');
    if (db.DBSubnetGroup?.DBSubnetGroupName) take(CFN.dbSubnetGroup, db.DBSubnetGroup.DBSubnetGroupName, db.DBSubnetGroup.DBSubnetGroupArn ? { arn: db.DBSubnetGroup.DBSubnetGroupArn } : {});
  }
  // The recovery points are asked by ARN: when the list failed, the starting points still name the instances.
  const dbInstanceArns =
    lists.rdsInstances.status === 'collected'
      ? dataOr(rdsInstances, []).map((db) => db.DBInstanceArn ?? arnOf({ type: CFN.db, id: db.DBInstanceIdentifier! }, region, accountId)!)
      : ctx.seedIds(CFN.db).map((id) => arnOf({ type: CFN.db, id }, region, accountId)!);
  return { rdsInstances, dbInstanceArns };
}
