// cost.within-budget: the estimated cost of the discovered resources over the lab duration
// is within the budget (defaults: 50 minutes, USD 0.80, ap-northeast-2 on-demand prices; the
// estimate and the price table date are shown). The estimator and the dated price table are
// the ones `npm run synth` uses (stacks/cost/estimator.ts): one implementation.
//
// What is priced, from the inventory (mirroring stacks/cost/from-templates.ts):
// - running/pending EC2 instances by type; their root volumes from the launch template the
//   ASG uses (else the AMI default the synth side assumes, 8 GB gp3);
// - RDS instances (class, Multi-AZ, allocated storage, storage type);
// - Redis replication groups (node type x member clusters);
// - NAT gateways (and their public IPs), ALBs (and one public IP per AZ when internet-facing),
//   instances' public IPs;
// - CloudWatch alarms (metric and composite) and dashboards, CloudFront distributions, buckets.
// Not in the inventory, so not priced (said in the assumptions): Secrets Manager secrets and
// customer-managed KMS keys. A type the price table lacks: error (never priced at 0).
import { catalogueEntry } from '../../contract/check-catalogue';
import { UsageError } from '../../contract/errors';
import { estimateCost, type CostedResource } from '../../stacks/cost/estimator';
import { AMI_DEFAULT_ROOT_VOLUME, ASSUMED_ROOT_VOLUME } from '../../stacks/cost/from-templates';
import { read } from './lib/collected';
import {
  applicationLoadBalancers,
  appInstances,
  autoScalingGroups,
  dbId,
  dbInstances,
  launchTemplateRef,
  redisGroups,
  resolveLaunchTemplateVersion,
  rgId,
  type Ec2Instance,
} from './lib/deployment';
import { errored, resource } from './lib/outcome';
import { text } from './lib/text';
import type { Inventory } from '../inventory/types';
import type { CheckConfig } from '../config';
import { defineCheck } from './types';

const NOT_PRICED = text(
  'Secrets Manager 보안 암호와 고객 관리형 KMS 키는 인벤토리에 없어서 계산하지 않습니다 (50분에 보안 암호당 약 USD 0.0004, 키당 약 USD 0.001).',
  'Secrets Manager secrets and customer-managed KMS keys are not in the inventory and are not priced (about USD 0.0004 per secret and 0.001 per key for 50 minutes).',
);
const RUNNING_INSTANCES = text('실행 중인 인스턴스', 'running instances');

/** The discovered resources as the estimator's records. */
export function costedResourcesFromInventory(inventory: Inventory): CostedResource[] {
  const out: CostedResource[] = [];
  const running = read(inventory.ec2.instances).filter((i) => i.State?.Name === 'running' || i.State?.Name === 'pending');
  const byType = new Map<string, number>();
  for (const i of running) byType.set(i.InstanceType ?? '?', (byType.get(i.InstanceType ?? '?') ?? 0) + 1);
  for (const [instanceType, count] of byType) out.push({ kind: 'ec2', instanceType, count, label: RUNNING_INSTANCES });

  // Root volumes: from the launch template of the instance's ASG, else the synth side's assumption.
  const appIds = new Set(appInstances(inventory).map((i) => i.InstanceId));
  const volumesOf = new Map<string, { volumeType: string; sizeGb: number; label?: string }[]>();
  for (const group of autoScalingGroups(inventory)) {
    const ref = launchTemplateRef(group);
    if (!ref) continue;
    const mappings = resolveLaunchTemplateVersion(inventory, ref).LaunchTemplateData?.BlockDeviceMappings ?? [];
    const volumes = mappings
      .filter((m) => m.Ebs)
      .map((m) => ({ volumeType: m.Ebs!.VolumeType ?? ASSUMED_ROOT_VOLUME.volumeType, sizeGb: m.Ebs!.VolumeSize ?? ASSUMED_ROOT_VOLUME.sizeGb }));
    for (const member of group.Instances ?? []) if (member.InstanceId) volumesOf.set(member.InstanceId, volumes);
  }
  const ebs = new Map<string, CostedResource & { kind: 'ebs' }>();
  const addVolume = (volumeType: string, sizeGb: number, label?: typeof AMI_DEFAULT_ROOT_VOLUME) => {
    const key = `${volumeType}:${sizeGb}:${label?.en ?? ''}`;
    const existing = ebs.get(key);
    if (existing) existing.count += 1;
    else ebs.set(key, { kind: 'ebs', volumeType, sizeGb, count: 1, ...(label ? { label } : {}) });
  };
  for (const instance of running) {
    const volumes = appIds.has(instance.InstanceId) ? volumesOf.get(instance.InstanceId ?? '') : undefined;
    if (volumes && volumes.length) for (const v of volumes) addVolume(v.volumeType, v.sizeGb);
    else addVolume(ASSUMED_ROOT_VOLUME.volumeType, ASSUMED_ROOT_VOLUME.sizeGb, AMI_DEFAULT_ROOT_VOLUME);
  }
  out.push(...ebs.values());

  const albs = applicationLoadBalancers(inventory);
  if (albs.length) out.push({ kind: 'alb', count: albs.length });
  const nats = read(inventory.ec2.natGateways).filter((n) => n.State === undefined || n.State === 'available' || n.State === 'pending');
  if (nats.length) out.push({ kind: 'nat-gateway', count: nats.length });
  const publicIps =
    running.filter((i: Ec2Instance) => i.PublicIpAddress).length +
    nats.reduce((n, g) => n + Math.max(1, (g.NatGatewayAddresses ?? []).filter((a) => a.PublicIp).length), 0) +
    albs.filter((lb) => lb.Scheme === 'internet-facing').reduce((n, lb) => n + (lb.AvailabilityZones ?? []).length, 0);
  if (publicIps) out.push({ kind: 'public-ipv4', count: publicIps });

  for (const db of dbInstances(inventory)) {
    out.push({
      kind: 'rds',
      instanceClass: db.DBInstanceClass ?? '?',
      multiAz: db.MultiAZ === true,
      allocatedStorageGb: db.AllocatedStorage ?? 20,
      storageType: db.StorageType ?? 'gp2',
      label: dbId(db),
    });
  }
  for (const group of redisGroups(inventory)) {
    out.push({ kind: 'elasticache', nodeType: group.CacheNodeType ?? '?', nodes: Math.max(1, (group.MemberClusters ?? []).length), label: rgId(group) });
  }
  const alarms = read(inventory.cloudwatch.metricAlarms).length + read(inventory.cloudwatch.compositeAlarms).length;
  if (alarms) out.push({ kind: 'alarm', count: alarms });
  const dashboards = read(inventory.cloudwatch.dashboards).length;
  if (dashboards) out.push({ kind: 'dashboard', count: dashboards });
  const distributions = read(inventory.cloudfront.distributions).length;
  if (distributions) out.push({ kind: 'cloudfront-distribution', count: distributions });
  const buckets = read(inventory.s3.buckets).length;
  if (buckets) out.push({ kind: 's3-bucket', count: buckets });
  return out;
}

function usd(value: number): string {
  return `USD ${value.toFixed(4)}`;
}

/** The estimate for the inventory, or the estimator's sentence when a price is missing. */
function estimateOf(inventory: Inventory, config: CheckConfig) {
  return estimateCost(costedResourcesFromInventory(inventory), { minutes: config.labMinutes, budgetUsd: config.budgetUsd });
}

export const check = defineCheck({
  ...catalogueEntry('cost.within-budget'),
  remediation: {
    ko: '예상 비용 표에서 가장 큰 항목부터 줄이세요: 인스턴스를 t3.micro로, RDS는 db.t3.micro, Redis는 cache.t3.micro로 낮추고, 필요 없는 인스턴스·NAT 게이트웨이·퍼블릭 IP를 지우세요. 실습이 끝나면 바로 npm run cleanup으로 정리하세요.',
    en: 'Cut the biggest lines of the estimate first: t3.micro instances, db.t3.micro for RDS, cache.t3.micro for Redis; delete instances, NAT gateways and public IPs you do not need, and clean up with npm run cleanup right after the lab.',
    console: {
      ko: 'EC2 콘솔 > 시작 템플릿 > (앱의 시작 템플릿) > 작업 > 템플릿 수정: 인스턴스 유형 t3.micro로 새 버전 > ASG가 그 버전을 쓰게 하고 인스턴스 새로 고침. RDS 콘솔 > 데이터베이스 > (DB 인스턴스) > 수정 > DB 인스턴스 클래스 db.t3.micro. 필요 없는 NAT 게이트웨이(VPC 콘솔)와 탄력적 IP는 삭제하세요.',
      en: "EC2 console > Launch templates > (the app's launch template) > Actions > Modify template: a new version with instance type t3.micro > make the ASG use it and start an instance refresh. RDS console > Databases > (the DB instance) > Modify > DB instance class db.t3.micro. Delete NAT gateways (VPC console) and Elastic IPs you do not need.",
    },
    warning: {
      ko: 'RDS 인스턴스 클래스를 바꾸면 변경하는 동안 DB가 중단됩니다("즉시 적용"을 고르지 않으면 다음 유지 관리 기간에 적용됨). 실습 중이 아닐 때 적용하세요.',
      en: 'Changing the RDS instance class causes an outage during the change (applied in the next maintenance window unless you choose "Apply immediately"). Apply it outside the lab.',
    },
    cdk: `// Lab sizes that fit the budget:
new ec2.LaunchTemplate(this, 'AppTemplate', { instanceType: new ec2.InstanceType('t3.micro'), /* ... */ });
new rds.DatabaseInstance(this, 'Db', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO), allocatedStorage: 20, /* ... */ });`,
  },
  datasets: [
    'ec2.instances',
    'ec2.natGateways',
    'ec2.launchTemplateVersions',
    'autoscaling.groups',
    'elbv2.loadBalancers',
    'rds.instances',
    'elasticache.replicationGroups',
    'cloudwatch.metricAlarms',
    'cloudwatch.compositeAlarms',
    'cloudwatch.dashboards',
    'cloudfront.distributions',
    's3.buckets',
  ],
  remediationFor(inventory, config) {
    let estimate;
    try {
      estimate = estimateOf(inventory, config);
    } catch (error) {
      if (error instanceof UsageError) return check.remediation;
      throw error;
    }
    const top3 = [...estimate.lines].sort((a, b) => b.usd - a.usd).slice(0, 3);
    if (!top3.length) return check.remediation;
    const biggest = top3.map((l) => `${l.description} ${usd(l.usd)}`).join(', ');
    const biggestKo = top3.map((l) => `${l.descriptionKo} ${usd(l.usd)}`).join(', ');
    return {
      ...check.remediation,
      ko: `예상 비용 ${usd(estimate.totalUsd)}(예산 ${usd(estimate.budgetUsd)}, ${estimate.minutes}분)에서 가장 큰 항목부터 줄이세요: ${biggestKo}. 인스턴스는 t3.micro, RDS는 db.t3.micro, Redis는 cache.t3.micro로 낮추고, 필요 없는 인스턴스·NAT 게이트웨이·퍼블릭 IP를 지우세요. 실습이 끝나면 바로 npm run cleanup으로 정리하세요.`,
      en: `Cut the biggest lines of the ${usd(estimate.totalUsd)} estimate (budget ${usd(estimate.budgetUsd)} for ${estimate.minutes} minutes) first: ${biggest}. Use t3.micro instances, db.t3.micro for RDS, cache.t3.micro for Redis; delete instances, NAT gateways and public IPs you do not need, and clean up with npm run cleanup right after the lab.`,
    };
  },
  evaluate(inventory, config) {
    let estimate;
    try {
      estimate = estimateOf(inventory, config);
    } catch (error) {
      if (error instanceof UsageError) return errored(text(`비용을 추정할 수 없습니다: ${error.in('ko')}`, `Cannot estimate the cost: ${error.message}`));
      throw error;
    }
    const resources = estimate.lines.map((line) => {
      const share = estimate.totalUsd > 0 ? Math.round((line.usd / estimate.totalUsd) * 100) : 0;
      const cost = (unit: string) => `${line.quantity} ${unit} x ${usd(line.unitPriceUsd)} = ${usd(line.usd)}`;
      // The id stays the English description (an identifier); the Korean description leads detailKo.
      return resource(
        estimate.withinBudget,
        line.description,
        text(`${line.descriptionKo}: ${cost(line.unitKo)} (전체의 ${share}%)`, `${cost(line.unit)} (${share}% of the total)`),
      );
    });
    const biggest = [...estimate.lines].sort((a, b) => b.usd - a.usd)[0];
    const evidence = {
      totalUsd: estimate.totalUsd,
      budgetUsd: estimate.budgetUsd,
      minutes: estimate.minutes,
      lines: estimate.lines,
      priceTable: estimate.priceTable,
      assumptions: [...estimate.assumptions, NOT_PRICED.en],
      assumptionsKo: [...estimate.assumptionsKo, NOT_PRICED.ko],
    };
    const { region, asOf } = estimate.priceTable;
    const notes = [text(`가격: ${region} 온디맨드, ${asOf} 기준.`, `Prices: ${region} on-demand as of ${asOf}.`)];
    const total = usd(estimate.totalUsd);
    const budget = usd(estimate.budgetUsd);
    const line = {
      ko: `${estimate.minutes}분에 ${total}, 예산 ${budget}(${asOf} 기준 가격)`,
      en: `${total} for ${estimate.minutes} minutes against a budget of ${budget} (prices as of ${asOf})`,
    };
    const top = { ko: `${biggest?.descriptionKo} (${usd(biggest?.usd ?? 0)})`, en: `${biggest?.description} (${usd(biggest?.usd ?? 0)})` };
    return estimate.withinBudget
      ? { status: 'pass', summary: text(`예상 비용: ${line.ko}.`, `Estimated ${line.en}.`), resources, evidence, notes }
      : {
          status: 'fail',
          summary: text(`예산 초과: 예상 ${line.ko}; 가장 큰 항목은 ${top.ko}.`, `Over budget: estimated ${line.en}; the biggest line is ${top.en}.`),
          resources,
          evidence,
          notes,
        };
  },
});
