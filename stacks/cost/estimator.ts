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

export { costedResourcesFromTemplates } from './from-templates';

/** The lab's defaults (checks.md `cost.within-budget`): 50 minutes, USD 0.80. */
export const LAB_DEFAULTS = Object.freeze({ minutes: 50, budgetUsd: 0.8 });

/** A resource as the estimator prices it. `label` says where it came from (optional). */
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
) & { label?: string };

export type CostedKind = CostedResource['kind'];

export interface CostLine {
  kind: CostedKind;
  description: string;
  quantity: number;
  unit: string;
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
  if (!(options.minutes > 0)) throw new UsageError(`The lab duration must be a positive number of minutes, not ${options.minutes}.`);
  if (!(options.budgetUsd >= 0)) throw new UsageError(`The budget must be a non-negative amount of USD, not ${options.budgetUsd}.`);
  const prices = options.prices ?? loadPriceTable();
  const hours = options.minutes / 60;
  const months = hours / prices.hoursPerMonth;
  const lines: CostLine[] = [];
  const kinds = new Set<CostedKind>();
  const from = (resource: CostedResource) => (resource.label ? ` (${resource.label})` : '');
  const add = (resource: CostedResource, description: string, quantity: number, unit: string, unitPriceUsd: number) => {
    kinds.add(resource.kind);
    lines.push({ kind: resource.kind, description: description + from(resource), quantity: round(quantity), unit, unitPriceUsd, usd: round(quantity * unitPriceUsd) });
  };
  const unknown = (what: string, name: string): never => {
    throw new UsageError(
      `No ${prices.region} price for ${what} ${name} in the price table (stacks/cost/prices.${prices.region}.json): add it with its source to estimate this deployment.`,
    );
  };

  for (const r of resources) {
    switch (r.kind) {
      case 'ec2': {
        const price = prices.ec2.perInstanceHour[r.instanceType] ?? unknown('EC2 instance type', r.instanceType);
        add(r, `EC2 ${r.instanceType} x ${r.count}`, r.count * hours, 'instance-hour', price);
        break;
      }
      case 'rds': {
        const instance = prices.rds.perInstanceHour[r.instanceClass] ?? unknown('RDS instance class', r.instanceClass);
        const storage = prices.rds.storagePerGbMonth[r.storageType] ?? unknown('RDS storage type', r.storageType);
        const az = r.multiAz ? 'multiAz' : 'singleAz';
        const azText = r.multiAz ? 'Multi-AZ' : 'Single-AZ';
        add(r, `RDS ${prices.rds.engine} ${r.instanceClass} ${azText}`, hours, 'instance-hour', instance[az]);
        add(r, `RDS ${r.storageType} storage ${r.allocatedStorageGb} GB ${azText}`, r.allocatedStorageGb * months, 'GB-month', storage[az]);
        break;
      }
      case 'elasticache': {
        const price = prices.elasticache.perNodeHour[r.nodeType] ?? unknown('ElastiCache node type', r.nodeType);
        add(r, `ElastiCache ${r.nodeType} x ${r.nodes} nodes`, r.nodes * hours, 'node-hour', price);
        break;
      }
      case 'nat-gateway':
        add(r, `NAT gateway x ${r.count}`, r.count * hours, 'gateway-hour', prices.natGateway.perHour);
        if (prices.natGateway.assumedGbPerHour > 0) {
          add(r, `NAT data processed (assumed ${prices.natGateway.assumedGbPerHour} GB/h per gateway)`, r.count * hours * prices.natGateway.assumedGbPerHour, 'GB', prices.natGateway.perGbProcessed);
        }
        break;
      case 'alb':
        add(r, `Application Load Balancer x ${r.count}`, r.count * hours, 'ALB-hour', prices.alb.perHour);
        add(r, `ALB capacity units (assumed ${prices.alb.assumedLcuPerHour} LCU per ALB)`, r.count * hours * prices.alb.assumedLcuPerHour, 'LCU-hour', prices.alb.perLcuHour);
        break;
      case 'ebs': {
        const price = prices.ebs.perGbMonth[r.volumeType] ?? unknown('EBS volume type', r.volumeType);
        add(r, `EBS ${r.volumeType} ${r.sizeGb} GB x ${r.count}`, r.count * r.sizeGb * months, 'GB-month', price);
        break;
      }
      case 'public-ipv4':
        add(r, `Public IPv4 address x ${r.count}`, r.count * hours, 'address-hour', prices.publicIpv4.perHour);
        break;
      case 'secret':
        add(r, `Secrets Manager secret x ${r.count}`, r.count * months, 'secret-month', prices.secretsManager.perSecretMonth);
        break;
      case 'alarm':
        add(r, `CloudWatch alarm x ${r.count}`, r.count * months, 'alarm-month', prices.cloudwatch.perAlarmMonth);
        break;
      case 'dashboard':
        add(r, `CloudWatch dashboard x ${r.count}`, r.count * months, 'dashboard-month', prices.cloudwatch.perDashboardMonth);
        break;
      case 'kms-key':
        add(r, `KMS customer managed key x ${r.count}`, r.count * months, 'key-month', prices.kms.perKeyMonth);
        break;
      case 'cloudfront-distribution':
        add(r, `CloudFront distribution x ${r.count} (negligible at lab traffic)`, r.count, 'distribution', 0);
        break;
      case 's3-bucket':
        add(r, `S3 bucket x ${r.count} (negligible at lab traffic)`, r.count, 'bucket', 0);
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
  return {
    lines,
    totalUsd,
    budgetUsd: options.budgetUsd,
    minutes: options.minutes,
    withinBudget: totalUsd <= options.budgetUsd,
    priceTable: { region: prices.region, currency: prices.currency, asOf: prices.asOf, source: prices.source },
    assumptions,
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
