// EC2 networking: the VPCs of every resource found so far (or of a stack or tagged), then
// their subnets, route tables, gateways and security groups; the Elastic IPs of their NAT
// gateways; the flow logs of the VPCs and subnets.
import { dataOr, derive } from '../../collectors/collected';
import type { GraphContext } from '../graph-context';
import { CFN } from '../resource-types';
import type { RegionLists, Selection } from '../selection';
import { tagRecord } from '../tags';

type Ec2Lists = RegionLists['ec2'];

export type NetworkSelection = Pick<Selection['ec2'], 'vpcs' | 'subnets' | 'routeTables' | 'internetGateways' | 'natGateways' | 'securityGroups'> & {
  /** The deployment's VPC ids, also those the VPC list did not return (it may have failed). */
  vpcIds: ReadonlySet<string>;
};

export function selectNetwork(
  ctx: GraphContext,
  lists: { ec2: Pick<Ec2Lists, 'vpcs' | 'subnets' | 'routeTables' | 'internetGateways' | 'natGateways' | 'securityGroups'> },
  found: Pick<Selection, 'loadBalancers' | 'targetGroups' | 'autoScalingGroups' | 'rdsInstances' | 'cacheSubnetGroups'> & { ec2: Pick<Selection['ec2'], 'instances'> },
): NetworkSelection {
  const { isSeed, ours, foreign, take, ec2Arn, foundBy } = ctx;
  const subnetsAll = dataOr(lists.ec2.subnets, []);
  const vpcOfSubnet = new Map(subnetsAll.map((s) => [s.SubnetId!, s.VpcId!]));
  const selVpc = new Set<string>(ctx.seedIds(CFN.vpc));
  const addVpc = (id: string | undefined) => id && selVpc.add(id);
  for (const lb of dataOr(found.loadBalancers, [])) addVpc(lb.VpcId);
  for (const tg of dataOr(found.targetGroups, [])) addVpc(tg.VpcId);
  for (const g of dataOr(found.autoScalingGroups, [])) for (const s of (g.VPCZoneIdentifier ?? '').split(',').filter(Boolean)) addVpc(vpcOfSubnet.get(s.trim()));
  for (const i of dataOr(found.ec2.instances, [])) addVpc(i.VpcId);
  for (const db of dataOr(found.rdsInstances, [])) addVpc(db.DBSubnetGroup?.VpcId);
  for (const g of dataOr(found.cacheSubnetGroups, [])) addVpc(g.VpcId);
  for (const id of ctx.seedIds(CFN.subnet)) addVpc(vpcOfSubnet.get(id));
  for (const sg of dataOr(lists.ec2.securityGroups, [])) if (isSeed(CFN.sg, sg.GroupId)) addVpc(sg.VpcId);
  const vpcsAll = dataOr(lists.ec2.vpcs, []);
  for (const v of vpcsAll) if (ours(tagRecord(v.Tags))) addVpc(v.VpcId);
  for (const v of vpcsAll) if (foreign(tagRecord(v.Tags))) selVpc.delete(v.VpcId!);

  const inVpc = <I extends { VpcId?: string; Tags?: { Key?: string; Value?: string }[] }>(type: string, idOf: (item: I) => string | undefined) => (item: I) =>
    !foreign(tagRecord(item.Tags)) && ((item.VpcId !== undefined && selVpc.has(item.VpcId)) || isSeed(type, idOf(item)));
  const vpcs = derive(lists.ec2.vpcs, (all) => all.filter((v) => selVpc.has(v.VpcId!)));
  const subnets = derive(lists.ec2.subnets, (all) => all.filter(inVpc(CFN.subnet, (s) => s.SubnetId)));
  const routeTables = derive(lists.ec2.routeTables, (all) => all.filter(inVpc(CFN.rt, (r) => r.RouteTableId)));
  const internetGateways = derive(lists.ec2.internetGateways, (all) =>
    all.filter((g) => !foreign(tagRecord(g.Tags)) && ((g.Attachments ?? []).some((a) => selVpc.has(a.VpcId ?? '')) || isSeed(CFN.igw, g.InternetGatewayId))),
  );
  const natGateways = derive(lists.ec2.natGateways, (all) => all.filter(inVpc(CFN.nat, (n) => n.NatGatewayId)));
  const securityGroups = derive(lists.ec2.securityGroups, (all) => all.filter(inVpc(CFN.sg, (g) => g.GroupId)));
  for (const v of dataOr(vpcs, [])) take(CFN.vpc, v.VpcId!, { arn: ec2Arn('vpc', v.VpcId!), tags: tagRecord(v.Tags) }, foundBy(tagRecord(v.Tags)));
  for (const s of dataOr(subnets, [])) take(CFN.subnet, s.SubnetId!, { arn: s.SubnetArn ?? ec2Arn('subnet', s.SubnetId!), tags: tagRecord(s.Tags) }, foundBy(tagRecord(s.Tags)));
  for (const r of dataOr(routeTables, [])) take(CFN.rt, r.RouteTableId!, { tags: tagRecord(r.Tags) }, foundBy(tagRecord(r.Tags)));
  for (const g of dataOr(internetGateways, [])) take(CFN.igw, g.InternetGatewayId!, { tags: tagRecord(g.Tags) }, foundBy(tagRecord(g.Tags)));
  for (const n of dataOr(natGateways, [])) take(CFN.nat, n.NatGatewayId!, { tags: tagRecord(n.Tags) }, foundBy(tagRecord(n.Tags)));
  for (const g of dataOr(securityGroups, [])) take(CFN.sg, g.GroupId!, { ...(g.SecurityGroupArn ? { arn: g.SecurityGroupArn } : {}), tags: tagRecord(g.Tags) }, foundBy(tagRecord(g.Tags)));
  return { vpcs, subnets, routeTables, internetGateways, natGateways, securityGroups, vpcIds: selVpc };
}

/** Elastic IPs: of the NAT gateways, or of a stack or tagged (a stack names an Elastic IP by its address, the API by its allocation id). */
export function selectElasticIps(ctx: GraphContext, lists: { ec2: Pick<Ec2Lists, 'addresses'> }, found: { ec2: Pick<Selection['ec2'], 'natGateways'> }): void {
  const { isSeed, ours, foreign, take, book } = ctx;
  const natAllocations = new Set(dataOr(found.ec2.natGateways, []).flatMap((n) => (n.NatGatewayAddresses ?? []).map((a) => a.AllocationId!).filter(Boolean)));
  for (const a of dataOr(lists.ec2.addresses, [])) {
    if (foreign(tagRecord(a.Tags)) || !a.AllocationId) continue;
    const seededByIp = isSeed(CFN.eip, a.PublicIp);
    if (natAllocations.has(a.AllocationId) || isSeed(CFN.eip, a.AllocationId) || seededByIp || ours(tagRecord(a.Tags))) {
      if (seededByIp) {
        book.rekey({ type: CFN.eip, id: a.PublicIp! }, { type: CFN.eip, id: a.AllocationId }, ctx.ec2Arn('elastic-ip', a.AllocationId));
        ctx.seed(CFN.eip, a.AllocationId);
      }
      take(CFN.eip, a.AllocationId, { tags: tagRecord(a.Tags) }, ctx.foundBy(tagRecord(a.Tags)));
    }
  }
}

/** The flow logs of the deployment's VPCs and subnets (or of a stack or tagged). */
export function selectFlowLogs(
  ctx: GraphContext,
  lists: { ec2: Pick<Ec2Lists, 'flowLogs'> },
  found: Pick<NetworkSelection, 'vpcIds' | 'subnets'>,
): Pick<Selection['ec2'], 'flowLogs'> {
  const { isSeed, foreign, take } = ctx;
  const selSubnetIds = new Set(dataOr(found.subnets, []).map((s) => s.SubnetId!));
  const flowLogs = derive(lists.ec2.flowLogs, (all) =>
    all.filter((f) => !foreign(tagRecord(f.Tags)) && (found.vpcIds.has(f.ResourceId ?? '') || selSubnetIds.has(f.ResourceId ?? '') || isSeed(CFN.flowLog, f.FlowLogId))),
  );
  for (const f of dataOr(flowLogs, [])) take(CFN.flowLog, f.FlowLogId!, { tags: tagRecord(f.Tags) }, ctx.foundBy(tagRecord(f.Tags)));
  return { flowLogs };
}
