// Public or private: a subnet is public when its route table (its explicit association,
// else the main route table of its VPC) has a route to an internet gateway.
import type { Inventory } from '../../inventory/types';
import { read } from './collected';

export type SubnetTier = 'public' | 'private' | 'unknown';

export interface SubnetView {
  id: string;
  vpcId?: string | undefined;
  az?: string | undefined;
  tier: SubnetTier;
  routeTableId?: string | undefined;
  /** 0.0.0.0/0 target, e.g. igw-..., nat-..., or undefined when the subnet has no default route. */
  defaultRouteTarget?: string | undefined;
}

export interface Network {
  subnet(id: string): SubnetView;
  subnets(): SubnetView[];
}

type RouteTable = Extract<Inventory['ec2']['routeTables'], { status: 'collected' }>['data'][number];
type Route = NonNullable<RouteTable['Routes']>[number];

function routeTarget(route: Route): string | undefined {
  return (
    route.GatewayId ??
    route.NatGatewayId ??
    route.TransitGatewayId ??
    route.InstanceId ??
    route.NetworkInterfaceId ??
    route.VpcPeeringConnectionId ??
    route.EgressOnlyInternetGatewayId ??
    undefined
  );
}

function active(route: Route): boolean {
  return route.State !== 'blackhole';
}

/** Reads ec2.subnets and ec2.routeTables. */
export function network(inventory: Inventory): Network {
  const subnets = read(inventory.ec2.subnets);
  const tables = read(inventory.ec2.routeTables);
  const byId = new Map(subnets.map((s) => [s.SubnetId ?? '', s]));
  const explicit = new Map<string, RouteTable>();
  const main = new Map<string, RouteTable>();
  for (const table of tables) {
    for (const assoc of table.Associations ?? []) {
      if (assoc.SubnetId) explicit.set(assoc.SubnetId, table);
      if (assoc.Main && table.VpcId) main.set(table.VpcId, table);
    }
  }
  const view = (id: string): SubnetView => {
    const subnet = byId.get(id);
    const vpcId = subnet?.VpcId;
    const table = explicit.get(id) ?? (vpcId ? main.get(vpcId) : undefined);
    if (!table) return { id, vpcId, az: subnet?.AvailabilityZone, tier: 'unknown' };
    const routes = (table.Routes ?? []).filter(active);
    const toIgw = routes.some((r) => (r.GatewayId ?? '').startsWith('igw-'));
    const defaultRoute = routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
    return {
      id,
      vpcId,
      az: subnet?.AvailabilityZone,
      tier: toIgw ? 'public' : 'private',
      routeTableId: table.RouteTableId,
      defaultRouteTarget: defaultRoute ? routeTarget(defaultRoute) : undefined,
    };
  };
  return { subnet: view, subnets: () => subnets.map((s) => view(s.SubnetId ?? '')) };
}

const TIER_KO: Record<SubnetTier, string> = { public: '퍼블릭', private: '프라이빗', unknown: '알 수 없음' };

/** "subnet-1 (public), subnet-2 (private)" / "subnet-1(퍼블릭), subnet-2(프라이빗)" for evidence lines. */
export function subnetTiersText(views: readonly SubnetView[]): { ko: string; en: string } {
  return {
    ko: views.map((v) => `${v.id}(${TIER_KO[v.tier]})`).join(', '),
    en: views.map((v) => `${v.id} (${v.tier})`).join(', '),
  };
}
