// The catalog is a public contract (../shared/spec/checks.md): every live check id is
// implemented exactly once, in one file named after it, with the category, severity and refs
// of the catalog, and with titles and remediation in Korean and English.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIVE_CHECK_IDS } from '../../fixtures/scenarios/check-ids';
import { CHECKS } from '../rules/index';
import type { Check } from '../rules/types';

const RULES_DIR = path.resolve(import.meta.dirname, '../rules');
/** Files in checks/rules that are not checks. */
const NOT_CHECKS = new Set(['index.ts', 'types.ts', 'evaluate.ts']);

type Row = [id: string, category: Check['category'], severity: Check['severity'], fsbp: string[], cdkNag: string[], prowler: string[]];

// Mirror of checks.md, in its order. checks.md states a severity only for nat.per-az and
// rds.enhanced-monitoring (low); the others are the severities chosen for this catalog.
const CATALOG: Row[] = [
  ['vpc.multi-az-subnets', 'architecture', 'high', [], [], ['vpc_subnet_different_az', 'vpc_subnet_separate_private_public']],
  ['vpc.private-tiers', 'architecture', 'high', ['AutoScaling.5', 'RDS.2'], [], []],
  ['alb.internet-facing', 'architecture', 'high', [], [], []],
  ['asg.behind-alb', 'architecture', 'high', ['AutoScaling.1'], ['AwsSolutions-AS2'], []],
  ['rds.postgres-present', 'architecture', 'high', [], [], []],
  ['elasticache.redis-present', 'architecture', 'medium', ['ElastiCache.7'], [], []],
  ['frontend.s3-cloudfront', 'architecture', 'medium', ['CloudFront.1'], [], []],
  ['wiring.targets-healthy', 'architecture', 'high', [], [], []],
  ['cost.within-budget', 'architecture', 'medium', [], [], []],
  ['tags.cleanup', 'architecture', 'low', [], [], []],
  ['asg.multi-az', 'high-availability', 'high', ['AutoScaling.2'], [], []],
  ['asg.scaling-policy', 'high-availability', 'medium', [], [], []],
  ['alb.multi-az', 'high-availability', 'high', ['ELB.13'], [], []],
  ['rds.multi-az', 'high-availability', 'high', ['RDS.5'], ['AwsSolutions-RDS3'], []],
  ['elasticache.automatic-failover', 'high-availability', 'high', ['ElastiCache.3'], ['AwsSolutions-AEC4'], []],
  ['rds.backup-retention', 'high-availability', 'medium', ['RDS.11'], ['AwsSolutions-RDS13'], []],
  ['backup.plan-covers-rds', 'high-availability', 'medium', ['RDS.26'], [], []],
  ['rds.deletion-protection', 'high-availability', 'low', [], ['AwsSolutions-RDS10'], []],
  ['elasticache.snapshots', 'high-availability', 'medium', ['ElastiCache.1'], [], []],
  ['nat.per-az', 'high-availability', 'low', [], [], []],
  ['sg.alb-ingress', 'security', 'high', ['EC2.18'], [], []],
  ['sg.app-from-alb-only', 'security', 'high', [], [], []],
  ['sg.db-from-app-only', 'security', 'critical', [], ['AwsSolutions-RDS8'], ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432']],
  ['sg.cache-from-app-only', 'security', 'high', [], [], []],
  ['rds.encrypted', 'security', 'high', ['RDS.3'], ['AwsSolutions-RDS2'], []],
  ['rds.not-public', 'security', 'critical', ['RDS.2'], [], []],
  ['elasticache.encryption', 'security', 'medium', ['ElastiCache.4', 'ElastiCache.5'], ['AwsSolutions-AEC3'], []],
  ['s3.block-public-access', 'security', 'high', ['S3.8'], [], []],
  ['cloudfront.origin-access-control', 'security', 'high', ['CloudFront.13'], ['AwsSolutions-CFR7'], []],
  ['cloudfront.https-only', 'security', 'medium', ['CloudFront.3'], [], []],
  ['ec2.imdsv2', 'security', 'high', ['AutoScaling.3'], [], []],
  ['iam.instance-role-least-privilege', 'security', 'high', [], ['AwsSolutions-IAM5'], []],
  ['secrets.no-plaintext', 'security', 'critical', [], [], ['ec2_launch_template_no_secrets']],
  ['alarms.coverage', 'monitoring', 'high', [], [], []],
  ['alarms.actions', 'monitoring', 'medium', ['CloudWatch.15', 'CloudWatch.17'], [], []],
  ['dashboard.present', 'monitoring', 'medium', [], [], []],
  ['logs.retention', 'monitoring', 'low', ['CloudWatch.16'], [], []],
  ['asg.group-metrics', 'monitoring', 'low', [], [], []],
  ['rds.enhanced-monitoring', 'monitoring', 'low', ['RDS.6'], [], []],
];

const HANGUL = /[\uAC00-\uD7A3]/;
/** "...해야 함", "...있어야 함", "...없어야 함", "...있으면 안 됨": what must hold, not what is. */
const KOREAN_REQUIREMENT = /(야 함|안 됨)$/;

describe('check catalog', () => {
  it('implements every live check id of checks.md exactly once, in catalog order', () => {
    expect(CHECKS.map((c) => c.id)).toEqual(CATALOG.map((row) => row[0]));
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    expect(CHECKS.some((c) => c.id.startsWith('drill.'))).toBe(false);
  });

  it('agrees with the scenarios\' copy of the public id list', () => {
    expect(CHECKS.map((c) => c.id)).toEqual([...LIVE_CHECK_IDS]);
  });

  it('has one file per check, named after its id, exporting that check', async () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !NOT_CHECKS.has(f));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(CATALOG.map((row) => row[0]).sort());
    for (const file of files) {
      const module = (await import(path.join(RULES_DIR, file))) as { check?: Check };
      expect(module.check?.id, file).toBe(file.replace(/\.ts$/, ''));
      expect(CHECKS, file).toContain(module.check);
    }
  });

  it.each(CATALOG)('%s has the category, severity and refs of the catalog', (id, category, severity, fsbp, cdkNag, prowler) => {
    const check = CHECKS.find((c) => c.id === id)!;
    expect({ category: check.category, severity: check.severity, refs: check.refs }).toEqual({ category, severity, refs: { fsbp, cdkNag, prowler } });
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s has titles and remediation in Korean and English', (_id, check) => {
    for (const text of [check.title.ko, check.remediation.ko]) expect(text).toMatch(HANGUL);
    for (const text of [check.title.en, check.remediation.en]) {
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(HANGUL);
    }
    if (check.remediation.cdk !== undefined) expect(check.remediation.cdk).toMatch(/new |\.\w+\(|\w+: /);
  });

  // Issue 13 item 4: a title reads right beside a failure mark, so it states a requirement.
  it.each(CHECKS.map((c) => [c.id, c] as const))('%s: its title is a requirement in both languages', (_id, check) => {
    expect(check.title.ko).toMatch(KOREAN_REQUIREMENT);
    expect(check.title.en).toMatch(/\b(must|should)\b/);
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s: console steps beside the CDK, in Korean and English', (_id, check) => {
    const steps = check.remediation.console;
    expect(steps?.ko).toMatch(HANGUL);
    expect(steps?.ko).toMatch(/콘솔 >/);
    expect(steps?.en).toMatch(/console >/);
    expect(steps?.en).not.toMatch(HANGUL);
    if (check.remediation.warning) {
      expect(check.remediation.warning.ko).toMatch(HANGUL);
      expect(check.remediation.warning.en).not.toMatch(HANGUL);
    }
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s: no Korean text of the catalogue is its English text', (_id, check) => {
    const r = check.remediation;
    for (const pair of [check.title, r, r.console, r.warning].filter((p) => p !== undefined)) expect(pair.ko).not.toBe(pair.en);
  });

  it('the requirement pattern can fail on a statement of fact', () => {
    expect('RDS 인스턴스가 다중 AZ로 구성됨').not.toMatch(KOREAN_REQUIREMENT);
    expect('The RDS instance is Multi-AZ').not.toMatch(/\b(must|should)\b/);
  });

  it('catches a catalog row that disagrees (the comparison can fail)', () => {
    const check = CHECKS.find((c) => c.id === 'rds.multi-az')!;
    expect({ category: check.category, severity: check.severity }).not.toEqual({ category: 'security', severity: 'high' });
  });
});
