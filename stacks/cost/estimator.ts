// The cost estimator: what a set of resources costs over the lab, against the budget.
// One implementation for both sides: `npm run synth` prices the synthesized templates
// (costedResourcesFromTemplates) and the live check `cost.within-budget` prices the
// discovered resources. Prices come from the dated table next to this file.
//
// An instance type, class or node type the table does not know is never priced at 0:
// estimateCost throws a UsageError naming it, so a wrong estimate cannot pass silently.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UsageError } from '../../contract/errors';
import type { Bilingual } from '../../contract/report';

export { costedResourcesFromTemplates } from './from-templates';

/** The lab's defaults (checks.md `cost.within-budget`): 50 minutes, USD 0.80. */
export const LAB_DEFAULTS = Object.freeze({ minutes: 50, budgetUsd: 0.8 });

/** A resource as the estimator prices it. `label` says where it came from (optional; an id
 *  is the same in both languages, a phrase is `{ ko, en }`). */
export type CostedResource = (
  | { kind: 'ec2'; instanceType: string; count: number }
  | { kind: 'rds'; instanceClass: string; multiAz: boolean; allocatedStorageGb: number; storageType: string }
  | { kind: 'elasticache'; nodeType: string; nodes: number }
  | { kind: 'nat-gateway'; count: number }
  | { kind: 'alb'; count: number }
  | { kind: 'ebs'; volumeType: string; sizeGb: number; count: number }
  | { kind: 'public-ipv4'; count: number }
  | { kind: 'secret'; count: number }
  | { kind: 'alarm'; count: number }
  | { kind: 'dashboard'; count: number }
  | { kind: 'kms-key'; count: number }
  | { kind: 'cloudfront-distribution'; count: number }
  | { kind: 's3-bucket'; count: number }
) & { label?: string | Bilingual };

export type CostedKind = CostedResource['kind'];

/** One priced line. `description` and `unit` are English and stable (the description is the
 *  evidence id of `cost.within-budget`); `descriptionKo` and `unitKo` are what Korean output shows. */
export interface CostLine {
  kind: CostedKind;
  description: string;
  descriptionKo: string;
  quantity: number;
  unit: string;
  unitKo: string;
  unitPriceUsd: number;
  usd: number;
}

export interface CostEstimate {
  lines: CostLine[];
  totalUsd: number;
  budgetUsd: number;
  minutes: number;
  withinBudget: boolean;
  priceTable: { region: string; currency: string; asOf: string; source: string };
  assumptions: string[];
  /** The same assumptions in Korean, in the same order. */
  assumptionsKo: string[];
}

const PerAz = z.object({ singleAz: z.number().nonnegative(), multiAz: z.number().nonnegative() });

const PriceTableSchema = z.object({
  region: z.string(),
  currency: z.literal('USD'),
  asOf: z.iso.date(),
  source: z.string().min(1),
  notes: z.array(z.string()).default([]),
  hoursPerMonth: z.number().positive(),
  ec2: z.object({ perInstanceHour: z.record(z.string(), z.number().nonnegative()) }),
  rds: z.object({
    engine: z.string(),
    perInstanceHour: z.record(z.string(), PerAz),
    storagePerGbMonth: z.record(z.string(), PerAz),
  }),
  elasticache: z.object({ perNodeHour: z.record(z.string(), z.number().nonnegative()) }),
  natGateway: z.object({ perHour: z.number(), perGbProcessed: z.number(), assumedGbPerHour: z.number().nonnegative() }),
  alb: z.object({ perHour: z.number(), perLcuHour: z.number(), assumedLcuPerHour: z.number().nonnegative() }),
  ebs: z.object({ perGbMonth: z.record(z.string(), z.number().nonnegative()) }),
  publicIpv4: z.object({ perHour: z.number() }),
  secretsManager: z.object({ perSecretMonth: z.number() }),
  cloudwatch: z.object({ perAlarmMonth: z.number(), perDashboardMonth: z.number() }),
  kms: z.object({ perKeyMonth: z.number() }),
  negligible: z.object({ cloudfront: z.string(), s3: z.string(), other: z.string() }),
  negligibleKo: z.object({ cloudfront: z.string(), s3: z.string(), other: z.string() }),
});

export type PriceTable = z.infer<typeof PriceTableSchema>;

export const PRICE_TABLE_FILE = new URL('./prices.ap-northeast-2.json', import.meta.url);

let cached: PriceTable | undefined;

/** The dated ap-northeast-2 price table (validated; read once). */
export function loadPriceTable(): PriceTable {
  if (cached) return cached;
  const parsed = PriceTableSchema.safeParse(JSON.parse(readFileSync(PRICE_TABLE_FILE, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`The price table ${PRICE_TABLE_FILE.pathname} is malformed at ${issue.path.join('.')}: ${issue.message}.`);
  }
  cached = parsed.data;
  return cached;
}

export interface EstimateOptions {
  minutes: number;
  budgetUsd: number;
  prices?: PriceTable;
}

export function estimateCost(resources: readonly CostedResource[], options: EstimateOptions): CostEstimate {
  if (!(options.minutes > 0)) {
    throw new UsageError({ ko: `랩 시간은 양수인 분 단위여야 합니다: ${options.minutes}은(는) 쓸 수 없습니다.`, en: `The lab duration must be a positive number of minutes, not ${options.minutes}.` });
  }
  if (!(options.budgetUsd >= 0)) {
    throw new UsageError({ ko: `예산은 0 이상의 USD 금액이어야 합니다: ${options.budgetUsd}은(는) 쓸 수 없습니다.`, en: `The budget must be a non-negative amount of USD, not ${options.budgetUsd}.` });
  }
  const prices = options.prices ?? loadPriceTable();
  const hours = options.minutes / 60;
  const months = hours / prices.hoursPerMonth;
  const lines: CostLine[] = [];
  const kinds = new Set<CostedKind>();
  const from = (resource: CostedResource, lang: 'ko' | 'en') => {
    const label = resource.label;
    if (!label) return '';
    return ` (${typeof label === 'string' ? label : label[lang]})`;
  };
  const add = (resource: CostedResource, description: Bilingual, quantity: number, unit: Bilingual, unitPriceUsd: number) => {
    kinds.add(resource.kind);
    lines.push({
      kind: resource.kind,
      description: description.en + from(resource, 'en'),
      descriptionKo: description.ko + from(resource, 'ko'),
      quantity: round(quantity),
      unit: unit.en,
      unitKo: unit.ko,
      unitPriceUsd,
      usd: round(quantity * unitPriceUsd),
    });
  };
  const unknown = (what: Bilingual, name: string): never => {
    const table = `stacks/cost/prices.${prices.region}.json`;
    throw new UsageError({
      ko: `가격표(${table})에 ${what.ko} ${name}의 ${prices.region} 가격이 없습니다: 이 배포를 추정하려면 출처와 함께 추가하세요.`,
      en: `No ${prices.region} price for ${what.en} ${name} in the price table (${table}): add it with its source to estimate this deployment.`,
    });
  };

  for (const r of resources) {
    switch (r.kind) {
      case 'ec2': {
        const price = prices.ec2.perInstanceHour[r.instanceType] ?? unknown({ ko: 'EC2 인스턴스 유형', en: 'EC2 instance type' }, r.instanceType);
        add(r, { ko: `EC2 ${r.instanceType} ${r.count}대`, en: `EC2 ${r.instanceType} x ${r.count}` }, r.count * hours, UNITS.instanceHour, price);
        break;
      }
      case 'rds': {
        const instance = prices.rds.perInstanceHour[r.instanceClass] ?? unknown({ ko: 'RDS 인스턴스 클래스', en: 'RDS instance class' }, r.instanceClass);
        const storage = prices.rds.storagePerGbMonth[r.storageType] ?? unknown({ ko: 'RDS 스토리지 유형', en: 'RDS storage type' }, r.storageType);
        const az = r.multiAz ? 'multiAz' : 'singleAz';
        const azText = r.multiAz ? { ko: '다중 AZ', en: 'Multi-AZ' } : { ko: '단일 AZ', en: 'Single-AZ' };
        add(r, { ko: `RDS ${prices.rds.engine} ${r.instanceClass} ${azText.ko}`, en: `RDS ${prices.rds.engine} ${r.instanceClass} ${azText.en}` }, hours, UNITS.instanceHour, instance[az]);
        add(
          r,
          { ko: `RDS ${r.storageType} 스토리지 ${r.allocatedStorageGb} GB ${azText.ko}`, en: `RDS ${r.storageType} storage ${r.allocatedStorageGb} GB ${azText.en}` },
          r.allocatedStorageGb * months,
          UNITS.gbMonth,
          storage[az],
        );
        break;
      }
      case 'elasticache': {
        const price = prices.elasticache.perNodeHour[r.nodeType] ?? unknown({ ko: 'ElastiCache 노드 유형', en: 'ElastiCache node type' }, r.nodeType);
        add(r, { ko: `ElastiCache ${r.nodeType} 노드 ${r.nodes}개`, en: `ElastiCache ${r.nodeType} x ${r.nodes} nodes` }, r.nodes * hours, UNITS.nodeHour, price);
        break;
      }
      case 'nat-gateway': {
        add(r, { ko: `NAT 게이트웨이 ${r.count}개`, en: `NAT gateway x ${r.count}` }, r.count * hours, UNITS.gatewayHour, prices.natGateway.perHour);
        const gbPerHour = prices.natGateway.assumedGbPerHour;
        if (gbPerHour > 0) {
          add(
            r,
            { ko: `NAT 처리 데이터 (게이트웨이당 시간당 ${gbPerHour} GB로 가정)`, en: `NAT data processed (assumed ${gbPerHour} GB/h per gateway)` },
            r.count * hours * gbPerHour,
            UNITS.gb,
            prices.natGateway.perGbProcessed,
          );
        }
        break;
      }
      case 'alb': {
        const lcu = prices.alb.assumedLcuPerHour;
        add(r, { ko: `Application Load Balancer ${r.count}개`, en: `Application Load Balancer x ${r.count}` }, r.count * hours, UNITS.albHour, prices.alb.perHour);
        add(r, { ko: `ALB 용량 단위 (ALB당 ${lcu} LCU로 가정)`, en: `ALB capacity units (assumed ${lcu} LCU per ALB)` }, r.count * hours * lcu, UNITS.lcuHour, prices.alb.perLcuHour);
        break;
      }
      case 'ebs': {
        const price = prices.ebs.perGbMonth[r.volumeType] ?? unknown({ ko: 'EBS 볼륨 유형', en: 'EBS volume type' }, r.volumeType);
        add(r, { ko: `EBS ${r.volumeType} ${r.sizeGb} GB ${r.count}개`, en: `EBS ${r.volumeType} ${r.sizeGb} GB x ${r.count}` }, r.count * r.sizeGb * months, UNITS.gbMonth, price);
        break;
      }
      case 'public-ipv4':
        add(r, { ko: `퍼블릭 IPv4 주소 ${r.count}개`, en: `Public IPv4 address x ${r.count}` }, r.count * hours, UNITS.addressHour, prices.publicIpv4.perHour);
        break;
      case 'secret':
        add(r, { ko: `Secrets Manager 보안 암호 ${r.count}개`, en: `Secrets Manager secret x ${r.count}` }, r.count * months, UNITS.secretMonth, prices.secretsManager.perSecretMonth);
        break;
      case 'alarm':
        add(r, { ko: `CloudWatch 경보 ${r.count}개`, en: `CloudWatch alarm x ${r.count}` }, r.count * months, UNITS.alarmMonth, prices.cloudwatch.perAlarmMonth);
        break;
      case 'dashboard':
        add(r, { ko: `CloudWatch 대시보드 ${r.count}개`, en: `CloudWatch dashboard x ${r.count}` }, r.count * months, UNITS.dashboardMonth, prices.cloudwatch.perDashboardMonth);
        break;
      case 'kms-key':
        add(r, { ko: `KMS 고객 관리형 키 ${r.count}개`, en: `KMS customer managed key x ${r.count}` }, r.count * months, UNITS.keyMonth, prices.kms.perKeyMonth);
        break;
      case 'cloudfront-distribution':
        add(r, { ko: `CloudFront 배포 ${r.count}개 (랩 트래픽에서는 무시할 만함)`, en: `CloudFront distribution x ${r.count} (negligible at lab traffic)` }, r.count, UNITS.distribution, 0);
        break;
      case 's3-bucket':
        add(r, { ko: `S3 버킷 ${r.count}개 (랩 트래픽에서는 무시할 만함)`, en: `S3 bucket x ${r.count} (negligible at lab traffic)` }, r.count, UNITS.bucket, 0);
        break;
      default: {
        const never: never = r;
        throw new UsageError(`Cannot price a resource of kind ${(never as { kind: string }).kind}.`);
      }
    }
  }

  const totalUsd = round(lines.reduce((sum, line) => sum + line.usd, 0));
  const assumptions = [
    `${prices.region} on-demand prices in ${prices.currency} as of ${prices.asOf}; monthly prices prorated over a ${prices.hoursPerMonth}-hour month; no free tier.`,
    `Every resource runs for the whole ${options.minutes} minutes (billing minimums and deploy/delete time ignored).`,
    ...(kinds.has('nat-gateway') ? [`NAT gateway data processing: assumed ${prices.natGateway.assumedGbPerHour} GB per hour per gateway.`] : []),
    ...(kinds.has('alb') ? [`Load balancer capacity: assumed ${prices.alb.assumedLcuPerHour} LCU per hour per ALB (lab traffic stays below one).`] : []),
    ...(kinds.has('cloudfront-distribution') ? [prices.negligible.cloudfront] : []),
    ...(kinds.has('s3-bucket') ? [prices.negligible.s3] : []),
    prices.negligible.other,
  ];
  const assumptionsKo = [
    `${prices.asOf} 기준 ${prices.region} 온디맨드 가격(${prices.currency}); 월 단위 가격은 한 달 ${prices.hoursPerMonth}시간으로 나눠 계산; 프리 티어 없음.`,
    `모든 리소스가 ${options.minutes}분 내내 실행된다고 가정 (최소 과금 단위와 배포·삭제 시간은 무시).`,
    ...(kinds.has('nat-gateway') ? [`NAT 게이트웨이 데이터 처리: 게이트웨이당 시간당 ${prices.natGateway.assumedGbPerHour} GB로 가정.`] : []),
    ...(kinds.has('alb') ? [`로드 밸런서 용량: ALB당 시간당 ${prices.alb.assumedLcuPerHour} LCU로 가정 (랩 트래픽은 1 LCU 미만).`] : []),
    ...(kinds.has('cloudfront-distribution') ? [prices.negligibleKo.cloudfront] : []),
    ...(kinds.has('s3-bucket') ? [prices.negligibleKo.s3] : []),
    prices.negligibleKo.other,
  ];
  return {
    lines,
    totalUsd,
    budgetUsd: options.budgetUsd,
    minutes: options.minutes,
    withinBudget: totalUsd <= options.budgetUsd,
    priceTable: { region: prices.region, currency: prices.currency, asOf: prices.asOf, source: prices.source },
    assumptions,
    assumptionsKo,
  };
}

/** The billing units, English as in AWS price lists, Korean for Korean output. */
const UNITS = {
  instanceHour: { ko: '인스턴스-시간', en: 'instance-hour' },
  gbMonth: { ko: 'GB-월', en: 'GB-month' },
  nodeHour: { ko: '노드-시간', en: 'node-hour' },
  gatewayHour: { ko: '게이트웨이-시간', en: 'gateway-hour' },
  gb: { ko: 'GB', en: 'GB' },
  albHour: { ko: 'ALB-시간', en: 'ALB-hour' },
  lcuHour: { ko: 'LCU-시간', en: 'LCU-hour' },
  addressHour: { ko: '주소-시간', en: 'address-hour' },
  secretMonth: { ko: '보안 암호-월', en: 'secret-month' },
  alarmMonth: { ko: '경보-월', en: 'alarm-month' },
  dashboardMonth: { ko: '대시보드-월', en: 'dashboard-month' },
  keyMonth: { ko: '키-월', en: 'key-month' },
  distribution: { ko: '배포', en: 'distribution' },
  bucket: { ko: '버킷', en: 'bucket' },
} as const satisfies Record<string, Bilingual>;

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
