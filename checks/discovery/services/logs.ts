// CloudWatch Logs: the log groups the flow logs deliver to (and any of a stack or tagged).
import { dataOr, derive } from '../../collectors/collected';
import { parseArn } from '../arns';
import type { GraphContext } from '../graph-context';
import { CFN } from '../resource-types';
import type { RegionLists, Selection } from '../selection';

export function selectLogGroups(ctx: GraphContext, lists: Pick<RegionLists, 'logGroups'>, found: { ec2: Pick<Selection['ec2'], 'flowLogs'> }): Pick<Selection, 'logGroups'> {
  const logGroupNames = new Set(ctx.seedIds(CFN.logGroup));
  for (const f of dataOr(found.ec2.flowLogs, [])) {
    if (f.LogDestinationType && f.LogDestinationType !== 'cloud-watch-logs') continue;
    const name = f.LogGroupName ?? (f.LogDestination ? parseArn(f.LogDestination)?.id : undefined);
    if (name) logGroupNames.add(name);
  }
  const logGroups = derive(lists.logGroups, (all) => all.filter((g) => logGroupNames.has(g.logGroupName!)));
  for (const g of dataOr(logGroups, [])) ctx.take(CFN.logGroup, g.logGroupName!, g.arn ? { arn: g.arn } : {});
  return { logGroups };
}
