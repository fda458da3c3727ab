// nat.per-az (low): each AZ with private subnets routes through a NAT gateway in its own AZ;
// one NAT shared by both AZs is a cost trade-off: fail, low severity.
// Looked at: private subnets whose route table has a default route (0.0.0.0/0) — those with
// egress. Isolated private subnets (no default route, e.g. the database tier) need no NAT.
// A default route to something other than a NAT gateway (an instance, a transit gateway)
// fails: it does not route through a NAT gateway. No private subnet with egress at all:
// not-applicable (nothing reaches the internet, so there is no NAT to place).
import { read } from './lib/collected';
import { network } from './lib/network';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'nat.per-az',
  category: 'high-availability',
  severity: 'low',
  title: {
    ko: '프라이빗 서브넷이 있는 각 AZ가 자기 AZ의 NAT 게이트웨이로 나감',
    en: 'Each AZ with private subnets routes through a NAT gateway in its own AZ',
  },
  remediation: {
    ko: 'AZ마다 NAT 게이트웨이를 하나씩 두고, 각 프라이빗 서브넷의 기본 경로를 같은 AZ의 NAT로 보내세요. NAT 하나를 공유하면 비용은 줄지만 그 AZ 장애 시 다른 AZ도 인터넷에 나가지 못합니다(비용과의 절충, 낮은 심각도).',
    en: 'Run one NAT gateway per AZ and route each private subnet to the NAT in its own AZ. One shared NAT saves money, but when its AZ fails the other AZ loses egress too (a cost trade-off, low severity).',
    cdk: `new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 2 });`,
  },
  refs: { fsbp: [], cdkNag: [], prowler: [] },
  datasets: ['ec2.subnets', 'ec2.routeTables', 'ec2.natGateways'],
  evaluate(inventory) {
    const net = network(inventory);
    const nats = new Map(read(inventory.ec2.natGateways).map((n) => [n.NatGatewayId ?? '', n]));
    const withEgress = net.subnets().filter((s) => s.tier === 'private' && s.defaultRouteTarget !== undefined);
    if (withEgress.length === 0) return notApplicable('No private subnet has a default route, so there is no NAT gateway to place.');
    const resources = withEgress.map((s) => {
      const target = s.defaultRouteTarget!;
      const nat = nats.get(target);
      if (!target.startsWith('nat-')) return resource(false, s.id, `in ${s.az}: default route goes to ${target}, not a NAT gateway`, { type: 'AWS::EC2::Subnet' });
      if (!nat) return resource(false, s.id, `in ${s.az}: default route goes to ${target}, which is not a NAT gateway of the deployment`, { type: 'AWS::EC2::Subnet' });
      const natAz = net.subnet(nat.SubnetId ?? '').az;
      const available = nat.State === undefined || nat.State === 'available' || nat.State === 'pending';
      const ok = natAz !== undefined && natAz === s.az && available;
      const detail = `in ${s.az}: routes through ${target} in ${natAz ?? 'an unknown AZ'}${available ? '' : ` (state ${nat.State})`}`;
      return resource(ok, s.id, detail, { type: 'AWS::EC2::Subnet' });
    });
    return judge(resources, 'Each AZ routes through its own NAT gateway.', (f) => `NAT not per AZ: ${failingDetails(f)}.`, {
      evidence: { natGateways: [...nats.values()].map((n) => ({ id: n.NatGatewayId, subnet: n.SubnetId, az: net.subnet(n.SubnetId ?? '').az, state: n.State })) },
    });
  },
});
