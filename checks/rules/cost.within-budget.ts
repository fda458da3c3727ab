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
import { UsageError } from '../../contract/errors';
import { estimateCost, type CostedResource } from '../../stacks/cost/estimator';
import { ASSUMED_ROOT_VOLUME } from '../../stacks/cost/from-templates';
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
import type { Inventory } from '../inventory/types';
import { defineCheck } from './types';

const NOT_PRICED = 'Secrets Manager secrets and customer-managed KMS keys are not in the inventory and are not priced (about USD 0.0004 per secret and 0.001 per key for 50 minutes).';

/** The discovered resources as the estimator's records. */
export function costedResourcesFromInventory(inventory: Inventory): CostedResource[] {
  const out: CostedResource[] = [];
  const running = read(inventory.ec2.instances).filter((i) => i.State?.Name === 'running' || i.State?.Name === 'pending');
  const byType = new Map<string, number>();
  for (const i of running) byType.set(i.InstanceType ?? '?', (byType.get(i.InstanceType ?? '?') ?? 0) + 1);
  for (const [instanceType, count] of byType) out.push({ kind: 'ec2', instanceType, count, label: 'running instances' });

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
  const addVolume = (volumeType: string, sizeGb: number, label?: string) => {
    const key = `${volumeType}:${sizeGb}:${label ?? ''}`;
    const existing = ebs.get(key);
    if (existing) existing.count += 1;
    else ebs.set(key, { kind: 'ebs', volumeType, sizeGb, count: 1, ...(label ? { label } : {}) });
  };
  for (const instance of running) {
    const volumes = appIds.has(instance.InstanceId) ? volumesOf.get(instance.InstanceId ?? '') : undefined;
    if (volumes && volumes.length) for (const v of volumes) addVolume(v.volumeType, v.sizeGb);
    else addVolume(ASSUMED_ROOT_VOLUME.volumeType, ASSUMED_ROOT_VOLUME.sizeGb, 'AMI default root volume');
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

export const check = defineCheck({
  id: 'cost.within-budget',
  category: 'architecture',
  severity: 'medium',
  title: {
    ko: '발견된 리소스의 실습 시간 동안 예상 비용이 예산 이내임',
    en: 'The estimated cost of the discovered resources over the lab is within the budget',
  },
  remediation: {
    ko: '예상 비용 표에서 가장 큰 항목부터 줄이세요: 인스턴스를 t3.micro로, RDS는 db.t3.micro, Redis는 cache.t3.micro로 낮추고, 필요 없는 인스턴스·NAT 게이트웨이·퍼블릭 IP를 지우세요. 실습이 끝나면 바로 npm run cleanup으로 정리하세요.',
    en: 'Cut the biggest lines of the estimate first: t3.micro instances, db.t3.micro for RDS, cache.t3.micro for Redis; delete instances, NAT gateways and public IPs you do not need, and clean up with npm run cleanup right after the lab.',
    cdk: `// Lab sizes that fit the budget:
new ec2.LaunchTemplate(this, 'AppTemplate', { instanceType: new ec2.InstanceType('t3.micro'), /* ... */ });
new rds.DatabaseInstance(this, 'Db', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO), allocatedStorage: 20, /* ... */ });`,
  },
  refs: { fsbp: [], cdkNag: [], prowler: [] },
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
  evaluate(inventory, config) {
    const costed = costedResourcesFromInventory(inventory);
    let estimate;
    try {
      estimate = estimateCost(costed, { minutes: config.labMinutes, budgetUsd: config.budgetUsd });
    } catch (error) {
      if (error instanceof UsageError) return errored(`Cannot estimate the cost: ${error.message}`);
      throw error;
    }
    const resources = estimate.lines.map((line) =>
      resource(
        estimate.withinBudget,
        line.description,
        `${line.quantity} ${line.unit} x ${usd(line.unitPriceUsd)} = ${usd(line.usd)} (${estimate.totalUsd > 0 ? Math.round((line.usd / estimate.totalUsd) * 100) : 0}% of the total)`,
      ),
    );
    const biggest = [...estimate.lines].sort((a, b) => b.usd - a.usd)[0];
    const evidence = {
      totalUsd: estimate.totalUsd,
      budgetUsd: estimate.budgetUsd,
      minutes: estimate.minutes,
      lines: estimate.lines,
      priceTable: estimate.priceTable,
      assumptions: [...estimate.assumptions, NOT_PRICED],
    };
    const notes = [`Prices: ${estimate.priceTable.region} on-demand as of ${estimate.priceTable.asOf}.`];
    const text = `${usd(estimate.totalUsd)} for ${estimate.minutes} minutes against a budget of ${usd(estimate.budgetUsd)} (prices as of ${estimate.priceTable.asOf})`;
    return estimate.withinBudget
      ? { status: 'pass', summary: `Estimated ${text}.`, resources, evidence, notes }
      : { status: 'fail', summary: `Over budget: estimated ${text}; the biggest line is ${biggest?.description} (${usd(biggest?.usd ?? 0)}).`, resources, evidence, notes };
  },
});
