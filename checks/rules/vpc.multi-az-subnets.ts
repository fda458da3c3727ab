// vpc.multi-az-subnets: the deployment's VPC has public and private subnets, each kind in
// at least 2 AZs. Public/private is told by routes to an internet gateway (lib/network.ts).
// No VPC at all: fail (nothing else grades the network's existence).
// Several VPCs in the deployment: each must have both tiers in 2 AZs.
import { catalogueEntry } from '../../contract/check-catalogue';
import { read } from './lib/collected';
import { network } from './lib/network';
import { failed, judge, failingText, resource } from './lib/outcome';
import { names } from './lib/fix';
import { text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('vpc.multi-az-subnets'),
  remediation: {
    ko: 'VPC를 2개 이상의 가용 영역(AZ)에 걸쳐 만들고, 각 AZ에 퍼블릭 서브넷(인터넷 게이트웨이 경로)과 프라이빗 서브넷(NAT 경로 또는 격리)을 하나씩 두세요.',
    en: 'Create the VPC across at least 2 Availability Zones with one public subnet (route to the internet gateway) and one private subnet (NAT route or isolated) in each AZ.',
    console: {
      ko: 'VPC 콘솔 > 서브넷 > 서브넷 생성: 배포의 VPC, 서브넷이 없는 두 번째 AZ에 퍼블릭 서브넷과 프라이빗 서브넷을 하나씩 > 생성. 라우팅 테이블: 퍼블릭 서브넷은 인터넷 게이트웨이로 가는 0.0.0.0/0 경로가 있는 테이블에, 프라이빗 서브넷은 NAT 경로(또는 경로 없음) 테이블에 연결하세요(서브넷 연결 편집).',
      en: "VPC console > Subnets > Create subnet: the deployment's VPC, one public and one private subnet in the second AZ that has none > Create. Route tables: associate the public subnet with a table routing 0.0.0.0/0 to the internet gateway and the private one with a NAT-routed (or route-less) table (Edit subnet associations).",
    },
    cdk: `new ec2.Vpc(this, 'Vpc', {
  maxAzs: 2,
  subnetConfiguration: [
    { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
    { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
    { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
  ],
});`,
  },
  datasets: ['ec2.vpcs', 'ec2.subnets', 'ec2.routeTables'],
  remediationFor(inventory, config) {
    const vpcs = names(read(inventory.ec2.vpcs).map((v) => v.VpcId ?? '?'));
    if (!vpcs) return check.remediation;
    const need = config.minAvailabilityZones;
    return {
      ...check.remediation,
      ko: `VPC ${vpcs}의 ${need}개 이상의 가용 영역(AZ)마다 퍼블릭 서브넷(인터넷 게이트웨이 경로)과 프라이빗 서브넷(NAT 경로 또는 격리)을 하나씩 두세요.`,
      en: `Give VPC ${vpcs} one public subnet (route to the internet gateway) and one private subnet (NAT route or isolated) in each of at least ${need} Availability Zones.`,
      console: {
        ko: (check.remediation.console?.ko ?? '').replace('배포의 VPC', `VPC ${vpcs}`),
        en: (check.remediation.console?.en ?? '').replace("the deployment's VPC", `VPC ${vpcs}`),
      },
    };
  },
  evaluate(inventory, config) {
    const vpcs = read(inventory.ec2.vpcs);
    if (vpcs.length === 0) return failed(text('배포에서 VPC를 찾지 못했습니다.', 'No VPC was found in the deployment.'));
    const net = network(inventory);
    const subnets = net.subnets();
    const resources = vpcs.map((vpc) => {
      const mine = subnets.filter((s) => s.vpcId === vpc.VpcId);
      const azs = (tier: string) => [...new Set(mine.filter((s) => s.tier === tier).map((s) => s.az ?? '?'))].sort();
      const publicAzs = azs('public');
      const privateAzs = azs('private');
      const unknown = mine.filter((s) => s.tier === 'unknown').map((s) => s.id);
      const ok = publicAzs.length >= config.minAvailabilityZones && privateAzs.length >= config.minAvailabilityZones;
      const detail = text(
        `퍼블릭 서브넷 ${publicAzs.length}개 AZ [${publicAzs.join(', ')}], 프라이빗 서브넷 ${privateAzs.length}개 AZ [${privateAzs.join(', ')}]` +
          (unknown.length ? `; 라우팅 테이블을 찾지 못한 서브넷: ${unknown.join(', ')}` : ''),
        `public subnets in ${publicAzs.length} AZ(s) [${publicAzs.join(', ')}], private subnets in ${privateAzs.length} AZ(s) [${privateAzs.join(', ')}]` +
          (unknown.length ? `; no route table found for ${unknown.join(', ')}` : ''),
      );
      return resource(ok, vpc.VpcId ?? '?', detail, { type: 'AWS::EC2::VPC' });
    });
    const need = config.minAvailabilityZones;
    return judge(
      resources,
      text(`퍼블릭·프라이빗 서브넷이 각각 ${need}개 이상의 AZ에 걸쳐 있습니다.`, `Public and private subnets each span at least ${need} AZs.`),
      (failing) => {
        const d = failingText(failing);
        return text(`다중 AZ가 아님: ${d.ko}.`, `Not Multi-AZ: ${d.en}.`);
      },
    );
  },
});
