// vpc.private-tiers: app instances, RDS and Redis sit only in private subnets (no route to
// an internet gateway) and app instances have no public IP.
// What is looked at: the ASG's subnets (where new instances go), each app instance's subnet
// and public IP, the launch template's AssociatePublicIpAddress, every subnet of each DB
// subnet group and of each Redis cache subnet group.
// A tier that does not exist is skipped (its absence is graded by rds.postgres-present,
// elasticache.redis-present, asg.behind-alb); none of them at all: not-applicable.
// A subnet whose route table is not in the inventory cannot be judged: error.
import { catalogueEntry } from '../../contract/check-catalogue';
import type { ResourceEvidence } from '../../contract/report';
import { read } from './lib/collected';
import {
  appInstances,
  asgName,
  autoScalingGroups,
  dbId,
  dbInstances,
  launchTemplateRef,
  memberClusters,
  redisGroups,
  resolveLaunchTemplateVersion,
  rgId,
} from './lib/deployment';
import { network, type SubnetView } from './lib/network';
import { asgNames } from './lib/fix';
import { errored, failingText, judge, notApplicable, resource } from './lib/outcome';
import { text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

const TIER_KO = { public: '퍼블릭', private: '프라이빗', unknown: '알 수 없음' } as const;

function tiers(views: SubnetView[]): Bilingual {
  return text(
    views.map((v) => `${v.id}(${TIER_KO[v.tier]}${v.az ? `, ${v.az}` : ''})`).join(', '),
    views.map((v) => `${v.id} (${v.tier}${v.az ? `, ${v.az}` : ''})`).join(', '),
  );
}

export const check = defineCheck({
  ...catalogueEntry('vpc.private-tiers'),
  remediation: {
    ko: 'ASG, DB 서브넷 그룹, 캐시 서브넷 그룹에는 인터넷 게이트웨이 경로가 없는 프라이빗 서브넷만 지정하고, 시작 템플릿에서 퍼블릭 IP 자동 할당을 끄세요. 인터넷에서 들어오는 트래픽은 ALB만 받습니다.',
    en: 'Give the ASG, the DB subnet group and the cache subnet group only private subnets (no route to the internet gateway) and turn off public IP assignment in the launch template. Only the ALB takes traffic from the internet.',
    console: {
      ko: 'EC2 콘솔 > Auto Scaling 그룹 > (앱의 ASG) > 세부 정보 > 네트워크 편집: 프라이빗 서브넷만 선택 > 업데이트. 시작 템플릿 > (앱의 시작 템플릿) > 작업 > 템플릿 수정: 네트워크 설정 > 고급 네트워크 구성 > "퍼블릭 IP 자동 할당" 비활성화 > 새 버전을 ASG가 쓰게 하고 인스턴스 새로 고침. RDS와 ElastiCache 콘솔 > 서브넷 그룹: 프라이빗 서브넷만 든 서브넷 그룹을 쓰세요.',
      en: "EC2 console > Auto Scaling groups > (the app's ASG) > Details > Network > Edit: select only private subnets > Update. Launch templates > (the app's launch template) > Actions > Modify template: Network settings > Advanced network configuration > \"Auto-assign public IP\" Disable > make the ASG use the new version and start an instance refresh. RDS and ElastiCache consoles > Subnet groups: use subnet groups of private subnets only.",
    },
    cdk: `new autoscaling.AutoScalingGroup(this, 'Asg', {
  vpc, launchTemplate,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
});
new rds.DatabaseInstance(this, 'Db', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, /* ... */ });`,
  },
  datasets: [
    'ec2.subnets',
    'ec2.routeTables',
    'ec2.instances',
    'ec2.launchTemplateVersions',
    'autoscaling.groups',
    'rds.instances',
    'elasticache.replicationGroups',
    'elasticache.cacheClusters',
    'elasticache.subnetGroups',
  ],
  remediationFor(inventory) {
    const asgs = asgNames(inventory);
    if (!asgs) return check.remediation;
    return {
      ...check.remediation,
      ko: `ASG ${asgs}, DB 서브넷 그룹, 캐시 서브넷 그룹에는 인터넷 게이트웨이 경로가 없는 프라이빗 서브넷만 지정하고, ${asgs}의 시작 템플릿에서 퍼블릭 IP 자동 할당을 끄세요. 인터넷에서 들어오는 트래픽은 ALB만 받습니다.`,
      en: `Give ASG ${asgs}, the DB subnet group and the cache subnet group only private subnets (no route to the internet gateway) and turn off public IP assignment in the launch template of ${asgs}. Only the ALB takes traffic from the internet.`,
      console: {
        ko: (check.remediation.console?.ko ?? '').replace('(앱의 ASG)', asgs),
        en: (check.remediation.console?.en ?? '').replace("(the app's ASG)", asgs),
      },
    };
  },
  evaluate(inventory) {
    const net = network(inventory);
    const resources: ResourceEvidence[] = [];
    // Subnets whose tier cannot be told, and whether some resource fails for a known reason.
    const unknown = new Set<string>();
    let definiteFailure = false;
    const judgeSubnets = (ids: string[]) => {
      const views = ids.map((id) => net.subnet(id));
      const undecided = views.filter((v) => v.tier === 'unknown');
      for (const v of undecided) unknown.add(v.id);
      const exposed = views.length === 0 || views.some((v) => v.tier === 'public');
      if (exposed) definiteFailure = true;
      return { views, ok: !exposed && undecided.length === 0 };
    };

    for (const group of autoScalingGroups(inventory)) {
      const subnetIds = (group.VPCZoneIdentifier ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const { views, ok: privateOnly } = judgeSubnets(subnetIds);
      const ref = launchTemplateRef(group);
      const data = ref ? resolveLaunchTemplateVersion(inventory, ref).LaunchTemplateData : undefined;
      const assignsPublicIp = (data?.NetworkInterfaces ?? []).some((n) => n.AssociatePublicIpAddress === true);
      const where = tiers(views);
      const detail = text(
        (views.length ? `${where.ko}에서 시작` : '서브넷 없음(VPCZoneIdentifier가 비어 있음)') + (assignsPublicIp ? '; 시작 템플릿이 퍼블릭 IP를 할당함' : ''),
        (views.length ? `launches into ${where.en}` : 'has no subnets (VPCZoneIdentifier is empty)') + (assignsPublicIp ? '; the launch template assigns a public IP' : ''),
      );
      if (assignsPublicIp) definiteFailure = true;
      resources.push(resource(privateOnly && !assignsPublicIp, asgName(group), detail, { arn: group.AutoScalingGroupARN, type: 'AWS::AutoScaling::AutoScalingGroup' }));
    }
    for (const instance of appInstances(inventory)) {
      const { views, ok: privateOnly } = judgeSubnets(instance.SubnetId ? [instance.SubnetId] : []);
      const publicIp = instance.PublicIpAddress;
      if (publicIp) definiteFailure = true;
      const where = tiers(views);
      const detail = text(
        `${views.length ? where.ko : '서브넷 없음'}` + (publicIp ? `; 퍼블릭 IP ${publicIp} 있음` : '; 퍼블릭 IP 없음'),
        `in ${views.length ? where.en : 'no subnet'}` + (publicIp ? `; has public IP ${publicIp}` : '; no public IP'),
      );
      resources.push(resource(privateOnly && !publicIp, instance.InstanceId ?? '?', detail, { type: 'AWS::EC2::Instance' }));
    }
    for (const db of dbInstances(inventory)) {
      const ids = (db.DBSubnetGroup?.Subnets ?? []).map((s) => s.SubnetIdentifier ?? '').filter(Boolean);
      const { views, ok } = judgeSubnets(ids);
      const group = db.DBSubnetGroup?.DBSubnetGroupName ?? '(none)';
      const where = tiers(views);
      resources.push(
        resource(ok, dbId(db), text(`DB 서브넷 그룹 ${group}: ${views.length ? where.ko : '서브넷 없음'}`, `DB subnet group ${group}: ${views.length ? where.en : 'no subnets'}`), {
          arn: db.DBInstanceArn,
          type: 'AWS::RDS::DBInstance',
        }),
      );
    }
    const subnetGroups = new Map(read(inventory.elasticache.subnetGroups).map((g) => [g.CacheSubnetGroupName ?? '', g]));
    for (const group of redisGroups(inventory)) {
      const names = [...new Set(memberClusters(inventory, group).map((c) => c.CacheSubnetGroupName ?? ''))].filter(Boolean);
      const ids = names.flatMap((n) => (subnetGroups.get(n)?.Subnets ?? []).map((s) => s.SubnetIdentifier ?? '')).filter(Boolean);
      const { views, ok } = judgeSubnets(ids);
      const where = tiers(views);
      resources.push(
        resource(
          ok,
          rgId(group),
          text(
            `캐시 서브넷 그룹 ${names.join(', ') || '(찾지 못함)'}: ${views.length ? where.ko : '서브넷 없음'}`,
            `cache subnet group ${names.join(', ') || '(not found)'}: ${views.length ? where.en : 'no subnets'}`,
          ),
          {
          arn: group.ARN,
          type: 'AWS::ElastiCache::ReplicationGroup',
          },
        ),
      );
    }

    if (resources.length === 0) {
      return notApplicable(text('배포에 배치를 볼 앱 인스턴스, RDS 인스턴스, Redis 그룹이 없습니다.', 'The deployment has no app instances, RDS instance or Redis group to place.'));
    }
    if (unknown.size > 0 && !definiteFailure) {
      const ids = [...unknown].join(', ');
      return errored(
        text(`${ids}이(가) 프라이빗인지 알 수 없습니다: 라우팅 테이블이 인벤토리에 없습니다.`, `Cannot tell whether ${ids} is private: its route table is not in the inventory.`),
        resources,
      );
    }
    return judge(
      resources,
      text('앱, 데이터베이스, 캐시가 프라이빗 서브넷에만 있고 앱 인스턴스에 퍼블릭 IP가 없습니다.', 'The app, the database and the cache sit only in private subnets, and app instances have no public IP.'),
      (failing) => {
        const d = failingText(failing);
        return text(`노출된 계층: ${d.ko}.`, `Exposed tier: ${d.en}.`);
      },
    );
  },
});
