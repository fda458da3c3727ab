// nat.per-az (low): each AZ with private subnets routes through a NAT gateway in its own AZ;
// one NAT shared by both AZs is a cost trade-off: fail, low severity.
// Looked at: private subnets whose route table has a default route (0.0.0.0/0) — those with
// egress. Isolated private subnets (no default route, e.g. the database tier) need no NAT.
// A default route to something other than a NAT gateway (an instance, a transit gateway)
// fails: it does not route through a NAT gateway. No private subnet with egress at all:
// not-applicable (nothing reaches the internet, so there is no NAT to place).
import { catalogueEntry } from '../../contract/check-catalogue';
import { read } from './lib/collected';
import { network } from './lib/network';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('nat.per-az'),
  remediation: {
    ko: 'AZ마다 NAT 게이트웨이를 하나씩 두고, 각 프라이빗 서브넷의 기본 경로를 같은 AZ의 NAT로 보내세요. NAT 하나를 공유하면 비용은 줄지만 그 AZ 장애 시 다른 AZ도 인터넷에 나가지 못합니다(비용과의 절충, 낮은 심각도).',
    en: 'Run one NAT gateway per AZ and route each private subnet to the NAT in its own AZ. One shared NAT saves money, but when its AZ fails the other AZ loses egress too (a cost trade-off, low severity).',
    console: {
      ko: 'VPC 콘솔 > NAT 게이트웨이 > NAT 게이트웨이 생성: NAT가 없는 AZ의 퍼블릭 서브넷, 연결 유형 "퍼블릭", 탄력적 IP 할당 > 생성. 라우팅 테이블 > (그 AZ의 프라이빗 서브넷 라우팅 테이블) > 라우팅 편집: 0.0.0.0/0의 대상을 새 NAT 게이트웨이로 > 변경 사항 저장.',
      en: 'VPC console > NAT gateways > Create NAT gateway: the public subnet of the AZ without a NAT, connectivity type "Public", allocate an Elastic IP > Create. Route tables > (the route table of that AZ\'s private subnets) > Edit routes: 0.0.0.0/0 target = the new NAT gateway > Save changes.',
    },
    cdk: `new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 2 });`,
  },
  datasets: ['ec2.subnets', 'ec2.routeTables', 'ec2.natGateways'],
  remediationFor(inventory) {
    const net = network(inventory);
    const nats = new Map(read(inventory.ec2.natGateways).map((n) => [n.NatGatewayId ?? '', net.subnet(n.SubnetId ?? '').az]));
    const misrouted = net
      .subnets()
      .filter((s) => s.tier === 'private' && s.defaultRouteTarget !== undefined && nats.get(s.defaultRouteTarget) !== s.az);
    if (misrouted.length === 0) return check.remediation;
    const where = (lang: 'ko' | 'en') =>
      misrouted.map((s) => (lang === 'ko' ? `${s.id}(${s.az ?? '?'}, 라우팅 테이블 ${s.routeTableId ?? '?'})` : `${s.id} (${s.az ?? '?'}, route table ${s.routeTableId ?? '?'})`)).join(', ');
    return {
      ...check.remediation,
      ko: `NAT 게이트웨이가 없는 AZ에 하나를 더 만들고, 프라이빗 서브넷 ${where('ko')}의 기본 경로를 같은 AZ의 NAT로 보내세요. NAT 하나를 공유하면 비용은 줄지만 그 AZ 장애 시 다른 AZ도 인터넷에 나가지 못합니다(비용과의 절충, 낮은 심각도).`,
      en: `Create a NAT gateway in the AZ that has none and route private subnet ${where('en')} to the NAT in its own AZ. One shared NAT saves money, but when its AZ fails the other AZ loses egress too (a cost trade-off, low severity).`,
    };
  },
  evaluate(inventory) {
    const net = network(inventory);
    const nats = new Map(read(inventory.ec2.natGateways).map((n) => [n.NatGatewayId ?? '', n]));
    const withEgress = net.subnets().filter((s) => s.tier === 'private' && s.defaultRouteTarget !== undefined);
    if (withEgress.length === 0) {
      return notApplicable(text('기본 경로가 있는 프라이빗 서브넷이 없어 둘 NAT 게이트웨이가 없습니다.', 'No private subnet has a default route, so there is no NAT gateway to place.'));
    }
    const resources = withEgress.map((s) => {
      const ref = { type: 'AWS::EC2::Subnet' };
      const target = s.defaultRouteTarget!;
      const nat = nats.get(target);
      if (!target.startsWith('nat-')) {
        return resource(false, s.id, text(`${s.az}: 기본 경로가 NAT 게이트웨이가 아닌 ${target}(으)로 감`, `in ${s.az}: default route goes to ${target}, not a NAT gateway`), ref);
      }
      if (!nat) {
        return resource(
          false,
          s.id,
          text(`${s.az}: 기본 경로가 배포의 NAT 게이트웨이가 아닌 ${target}(으)로 감`, `in ${s.az}: default route goes to ${target}, which is not a NAT gateway of the deployment`),
          ref,
        );
      }
      const natAz = net.subnet(nat.SubnetId ?? '').az;
      const available = nat.State === undefined || nat.State === 'available' || nat.State === 'pending';
      const ok = natAz !== undefined && natAz === s.az && available;
      const detail = text(
        `${s.az}: ${natAz ?? '알 수 없는 AZ'}의 ${target}을(를) 거쳐 나감${available ? '' : ` (상태 ${nat.State})`}`,
        `in ${s.az}: routes through ${target} in ${natAz ?? 'an unknown AZ'}${available ? '' : ` (state ${nat.State})`}`,
      );
      return resource(ok, s.id, detail, ref);
    });
    return judge(
      resources,
      text('각 AZ가 자기 AZ의 NAT 게이트웨이로 나갑니다.', 'Each AZ routes through its own NAT gateway.'),
      (f) => {
        const d = failingText(f);
        return text(`AZ마다 NAT가 있지 않음: ${d.ko}.`, `NAT not per AZ: ${d.en}.`);
      },
      { evidence: { natGateways: [...nats.values()].map((n) => ({ id: n.NatGatewayId, subnet: n.SubnetId, az: net.subnet(n.SubnetId ?? '').az, state: n.State })) } },
    );
  },
});
