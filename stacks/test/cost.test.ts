// The cost estimator: known prices give known sums, an unknown type is an error (never a
// silent 0), the budget decides, and the reference templates price within the budget.
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { costedResourcesFromTemplates, estimateCost, LAB_DEFAULTS, loadPriceTable, type CostedResource, type PriceTable } from '../cost/estimator';
import type { CloudFormationTemplate } from '../template';
import { synthesize, type Synthesized } from './support';

const prices = loadPriceTable();
const lab = { minutes: LAB_DEFAULTS.minutes, budgetUsd: LAB_DEFAULTS.budgetUsd };

describe('price table', () => {
  it('is dated, sourced and for ap-northeast-2 in USD', () => {
    expect(prices.region).toBe('ap-northeast-2');
    expect(prices.currency).toBe('USD');
    expect(prices.asOf).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(prices.source).toMatch(/aws\.amazon\.com/);
  });

  it('prices everything the reference stacks use', () => {
    expect(prices.ec2.perInstanceHour['t3.micro']).toBeGreaterThan(0);
    expect(prices.rds.perInstanceHour['db.t3.micro']!.multiAz).toBeGreaterThan(prices.rds.perInstanceHour['db.t3.micro']!.singleAz);
    expect(prices.rds.storagePerGbMonth.gp3).toBeDefined();
    expect(prices.elasticache.perNodeHour['cache.t3.micro']).toBeGreaterThan(0);
    expect(prices.ebs.perGbMonth.gp3).toBeGreaterThan(0);
  });
});

describe('estimateCost', () => {
  const table: PriceTable = {
    ...prices,
    hoursPerMonth: 720,
    ec2: { perInstanceHour: { 't3.micro': 0.01 } },
    natGateway: { perHour: 0.06, perGbProcessed: 0.05, assumedGbPerHour: 1 },
    secretsManager: { perSecretMonth: 0.72 },
  };

  it('multiplies hourly prices by the hours and prorates monthly prices', () => {
    const estimate = estimateCost(
      [
        { kind: 'ec2', instanceType: 't3.micro', count: 3 },
        { kind: 'nat-gateway', count: 1 },
        { kind: 'secret', count: 2 },
      ],
      { minutes: 120, budgetUsd: 1, prices: table },
    );
    // 3 x 2 h x 0.01 + 2 h x 0.06 + 2 h x 1 GB x 0.05 + 2 x (2/720) x 0.72
    expect(estimate.lines.map((l) => l.usd)).toEqual([0.06, 0.12, 0.1, 0.004]);
    expect(estimate.totalUsd).toBeCloseTo(0.284, 6);
    expect(estimate.withinBudget).toBe(true);
    expect(estimate.priceTable).toEqual({ region: table.region, currency: 'USD', asOf: table.asOf, source: table.source });
    expect(estimate.assumptions.join(' ')).toContain('1 GB per hour');
  });

  it('prices Multi-AZ RDS at the Multi-AZ rate, storage included', () => {
    const rds = (multiAz: boolean): CostedResource => ({ kind: 'rds', instanceClass: 'db.t3.micro', multiAz, allocatedStorageGb: 20, storageType: 'gp3' });
    const single = estimateCost([rds(false)], lab);
    const multi = estimateCost([rds(true)], lab);
    expect(multi.lines[0]!.unitPriceUsd).toBe(prices.rds.perInstanceHour['db.t3.micro']!.multiAz);
    expect(multi.lines[1]!.unit).toBe('GB-month');
    expect(multi.totalUsd).toBeGreaterThan(single.totalUsd);
  });

  it('fails when the estimate is over the budget', () => {
    const estimate = estimateCost([{ kind: 'ec2', instanceType: 'm5.large', count: 20 }], lab);
    expect(estimate.withinBudget).toBe(false);
    expect(estimate.totalUsd).toBeGreaterThan(lab.budgetUsd);
  });

  it('never prices an unknown instance type, class or node type at 0', () => {
    expect(() => estimateCost([{ kind: 'ec2', instanceType: 'p5.48xlarge', count: 1 }], lab)).toThrow(UsageError);
    expect(() => estimateCost([{ kind: 'ec2', instanceType: 'p5.48xlarge', count: 1 }], lab)).toThrow(/EC2 instance type p5\.48xlarge/);
    expect(() => estimateCost([{ kind: 'rds', instanceClass: 'db.r7g.16xlarge', multiAz: true, allocatedStorageGb: 20, storageType: 'gp3' }], lab)).toThrow(/RDS instance class db\.r7g\.16xlarge/);
    expect(() => estimateCost([{ kind: 'elasticache', nodeType: 'cache.r7g.large', nodes: 2 }], lab)).toThrow(/ElastiCache node type cache\.r7g\.large/);
    expect(() => estimateCost([{ kind: 'ebs', volumeType: 'io2', sizeGb: 8, count: 1 }], lab)).toThrow(/EBS volume type io2/);
  });

  it('rejects a meaningless duration or budget', () => {
    expect(() => estimateCost([], { minutes: 0, budgetUsd: 1 })).toThrow(UsageError);
    expect(() => estimateCost([], { minutes: 50, budgetUsd: -1 })).toThrow(UsageError);
  });
});

describe('costedResourcesFromTemplates', () => {
  let production: Synthesized;
  let standard: Synthesized;

  beforeAll(() => {
    production = synthesize('production');
    standard = synthesize('default');
  });

  it('finds what the reference production stacks run', () => {
    const resources = costedResourcesFromTemplates(production.templates);
    expect(resources).toEqual(
      expect.arrayContaining([
        { kind: 'ec2', instanceType: 't3.micro', count: 2 },
        { kind: 'ebs', volumeType: 'gp3', sizeGb: 8, count: 2 },
        { kind: 'alb', count: 1 },
        { kind: 'nat-gateway', count: 2 },
        // two NAT Elastic IPs and one ALB address per AZ
        { kind: 'public-ipv4', count: 4 },
        { kind: 'rds', instanceClass: 'db.t3.micro', multiAz: true, allocatedStorageGb: 20, storageType: 'gp3' },
        { kind: 'elasticache', nodeType: 'cache.t3.micro', nodes: 2 },
        { kind: 'secret', count: 2 },
        // 12 of ours and two per target-tracking policy
        { kind: 'alarm', count: 16 },
        { kind: 'dashboard', count: 1 },
      ]),
    );
  });

  it('prices every profile of the reference stacks within the lab budget, production above default', () => {
    const prod = estimateCost(costedResourcesFromTemplates(production.templates), lab);
    const def = estimateCost(costedResourcesFromTemplates(standard.templates), lab);
    expect(prod.withinBudget).toBe(true);
    expect(def.withinBudget).toBe(true);
    // the second NAT gateway and its address
    expect(prod.totalUsd - def.totalUsd).toBeCloseTo((50 / 60) * (prices.natGateway.perHour + prices.publicIpv4.perHour), 5);
  });

  it('follows parameter defaults and assumes the AMI root volume when the template names none', () => {
    const template: CloudFormationTemplate = {
      Parameters: { Size: { Type: 'String', Default: 't3.small' } },
      Resources: {
        Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { InstanceType: { Ref: 'Size' } } } },
        Asg: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '3', MaxSize: '6', LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' } } },
      },
    };
    expect(costedResourcesFromTemplates([template])).toEqual([
      { kind: 'ec2', instanceType: 't3.small', count: 3 },
      { kind: 'ebs', volumeType: 'gp3', sizeGb: 8, count: 3, label: { ko: 'AMI 기본 루트 볼륨', en: 'AMI default root volume' } },
    ]);
  });

  it('refuses to guess a value it cannot read', () => {
    const template: CloudFormationTemplate = {
      Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: { 'Fn::ImportValue': 'elsewhere' }, AllocatedStorage: '20' } } },
    };
    expect(() => costedResourcesFromTemplates({ Stack: template })).toThrow(/Stack\/Db: its DBInstanceClass is not a literal value/);
  });
});
