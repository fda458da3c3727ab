// The cost estimate speaks the command's language: every line's description and unit, and
// every assumption, exist in Korean and English at the source (the estimator), and the synth
// summary prints the language it was asked for. (No AWS behaviour is involved: text only.)
import { describe, expect, it } from 'vitest';
import { formatSynthSummary, type SynthResult } from '../../commands/synth';
import { UsageError } from '../../contract/errors';
import { AMI_DEFAULT_ROOT_VOLUME } from '../cost/from-templates';
import type { CloudFormationTemplate } from '../template';
import { costedResourcesFromTemplates, estimateCost, LAB_DEFAULTS, loadPriceTable, type CostedResource, type CostEstimate } from '../cost/estimator';

const prices = loadPriceTable();

/** One resource of every kind the estimator prices, labelled like synth and verify label them. */
const EVERY_KIND: CostedResource[] = [
  { kind: 'ec2', instanceType: 't3.micro', count: 2, label: { ko: '실행 중인 인스턴스', en: 'running instances' } },
  { kind: 'rds', instanceClass: 'db.t3.micro', multiAz: true, allocatedStorageGb: 20, storageType: 'gp3', label: 'cloudmart-db' },
  { kind: 'rds', instanceClass: 'db.t3.micro', multiAz: false, allocatedStorageGb: 20, storageType: 'gp3' },
  { kind: 'elasticache', nodeType: 'cache.t3.micro', nodes: 2 },
  { kind: 'nat-gateway', count: 2 },
  { kind: 'alb', count: 1 },
  { kind: 'ebs', volumeType: 'gp3', sizeGb: 8, count: 2, label: AMI_DEFAULT_ROOT_VOLUME },
  { kind: 'public-ipv4', count: 4 },
  { kind: 'secret', count: 2 },
  { kind: 'alarm', count: 16 },
  { kind: 'dashboard', count: 1 },
  { kind: 'kms-key', count: 1 },
  { kind: 'cloudfront-distribution', count: 1 },
  { kind: 's3-bucket', count: 2 },
];

/** English words left in a Korean text once values (types, sizes, the engine name) are taken out. */
export function englishWordsIn(korean: string): string[] {
  const withoutValues = korean
    .split(/\s+/)
    .filter((token) => !/[\d.]/.test(token) && !token.includes(prices.rds.engine) && !token.includes('cloudmart-db'))
    .join(' ');
  return withoutValues.match(/\b[a-z]{3,}\b/g) ?? [];
}

const estimate = estimateCost(EVERY_KIND, { ...LAB_DEFAULTS, prices: { ...prices, natGateway: { ...prices.natGateway, assumedGbPerHour: 1 } } });

describe('the cost estimate in both languages', () => {
  it('has a Korean description and unit for every line, with no English phrase in them', () => {
    expect(estimate.lines).toHaveLength(18);
    for (const line of estimate.lines) {
      expect(englishWordsIn(line.descriptionKo), line.descriptionKo).toEqual([]);
      expect(englishWordsIn(line.unitKo), line.unitKo).toEqual([]);
    }
    expect(estimate.lines.map((l) => l.descriptionKo)).toContain('EC2 t3.micro 2대 (실행 중인 인스턴스)');
    expect(estimate.lines.map((l) => l.descriptionKo)).toContain('EBS gp3 8 GB 2개 (AMI 기본 루트 볼륨)');
  });

  it('keeps the English description and unit as they were (the description is an evidence id)', () => {
    const english = estimate.lines.map((l) => `${l.description} / ${l.unit}`);
    expect(english).toContain('EC2 t3.micro x 2 (running instances) / instance-hour');
    expect(english).toContain(`RDS ${prices.rds.engine} db.t3.micro Multi-AZ (cloudmart-db) / instance-hour`);
    expect(english).toContain(`ALB capacity units (assumed ${prices.alb.assumedLcuPerHour} LCU per ALB) / LCU-hour`);
    expect(english).toContain('EBS gp3 8 GB x 2 (AMI default root volume) / GB-month');
    expect(english).toContain('NAT data processed (assumed 1 GB/h per gateway) / GB');
  });

  it('has every assumption in Korean, in the same order as the English ones', () => {
    expect(estimate.assumptionsKo).toHaveLength(estimate.assumptions.length);
    for (const assumption of estimate.assumptionsKo) expect(englishWordsIn(assumption), assumption).toEqual([]);
    expect(estimate.assumptions.join(' ')).toMatch(/NAT gateway data processing: assumed 1 GB per hour per gateway/);
  });
});

function synthResultWith(cost: CostEstimate): SynthResult {
  return {
    ok: true,
    outdir: 'cdk.out',
    deployment: { student: 'kim', profile: 'production', expiresAt: '2026-05-29T07:00:00Z' },
    stacks: [{ name: 'CloudMart-kim-Network', description: 'CloudMart network: VPC', resources: 30 }],
    nag: { unacknowledged: [], acknowledged: [], pluginFailures: [] },
    otherViolations: [],
    cost,
    problems: [],
  };
}

/** The cost part of the summary: from its heading to the verdict line. */
function costSection(summary: string): string {
  return summary.slice(summary.search(/^(예상 비용|Cost estimate)/m), summary.search(/^synth: /m));
}

describe('the synth summary prints the cost estimate in its language', () => {
  it('in Korean: Korean lines, units and assumptions', () => {
    const section = costSection(formatSynthSummary(synthResultWith(estimate), 'ko'));
    expect(section).toContain('EC2 t3.micro 2대 (실행 중인 인스턴스)');
    expect(section).toContain('인스턴스-시간');
    expect(section).toContain('LCU-시간');
    expect(section).not.toMatch(/instance-hour|LCU-hour|capacity units|running instances|negligible|assumed|prorated/);
    const withoutHeading = section.split('\n').slice(1).join('\n');
    expect(englishWordsIn(withoutHeading)).toEqual([]);
  });

  it('in English: the English lines as before', () => {
    const section = costSection(formatSynthSummary(synthResultWith(estimate), 'en'));
    expect(section).toContain('EC2 t3.micro x 2 (running instances)');
    expect(section).toMatch(/ALB capacity units \(assumed [\d.]+ LCU per ALB\)\s+[\d.]+ LCU-hour/);
    expect(section).toContain('Assumptions:');
    expect(section).not.toMatch(/[가-힣]/);
  });
});

describe('a missing price in both languages', () => {
  it('names the type in Korean for a Korean run and keeps the English sentence', () => {
    let error: UsageError | undefined;
    try {
      estimateCost([{ kind: 'ec2', instanceType: 'p5.48xlarge', count: 1 }], LAB_DEFAULTS);
    } catch (caught) {
      error = caught as UsageError;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(error!.in('ko')).toBe(`가격표(stacks/cost/prices.ap-northeast-2.json)에 EC2 인스턴스 유형 p5.48xlarge의 ap-northeast-2 가격이 없습니다: 이 배포를 추정하려면 출처와 함께 추가하세요.`);
    expect(error!.message).toMatch(/^No ap-northeast-2 price for EC2 instance type p5\.48xlarge in the price table/);
  });

  it('says a template value it cannot read in Korean too', () => {
    const template: CloudFormationTemplate = {
      Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: { 'Fn::ImportValue': 'elsewhere' }, AllocatedStorage: '20' } } },
    };
    let error: UsageError | undefined;
    try {
      costedResourcesFromTemplates({ Stack: template });
    } catch (caught) {
      error = caught as UsageError;
    }
    expect(error!.in('ko')).toBe('Stack/Db의 비용을 추정할 수 없습니다: DBInstanceClass이(가) 리터럴 값이 아닙니다 ({"Fn::ImportValue":"elsewhere"}).');
    expect(error!.message).toMatch(/Stack\/Db: its DBInstanceClass is not a literal value/);
  });
});
