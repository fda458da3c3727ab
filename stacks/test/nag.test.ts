// The cdk-nag gate on the reference app: zero unacknowledged findings in every profile,
// every acknowledgement namespaced, reasoned, used, and limited to what the lab cannot
// have; an unacknowledged finding stops the synth.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProfileName } from '../config';
import { acknowledgeNag } from '../nag/acknowledge';
import { cfnResourceLabeler, readValidationReport, VALIDATION_REPORT_FILE, type ValidationOutcome } from '../nag/report';
import { synthesize, type Synthesized } from './support';

const PROFILES: ProfileName[] = ['lab', 'default', 'production'];
const synthesized = {} as Record<ProfileName, { s: Synthesized; outcome: ValidationOutcome; dir: string }>;

/** What the lab cannot have, and so the only rules the reference app may acknowledge. */
const ACKNOWLEDGEABLE = new Set([
  'AwsSolutions-EC23', // the public ALB on 80/443
  'AwsSolutions-IAM4', // AWS-managed service policies (SSM agent, RDS monitoring, AWS Backup)
  'AwsSolutions-S1', // the access-log bucket itself
  'AwsSolutions-SMG4', // no managed rotation for ElastiCache AUTH tokens
  'AwsSolutions-CFR1', // no geo restriction for a public shop
  'AwsSolutions-CFR2', // WAF in us-east-1, beyond the budget
  'AwsSolutions-CFR4', // no custom domain certificate
  'AwsSolutions-RDS10', // lab profile only: destroyable within the lab
]);

beforeAll(() => {
  for (const profile of PROFILES) {
    const s = synthesize(profile, { nag: true, throwOnFindings: false });
    const dir = s.reference.app.synth().directory;
    synthesized[profile] = { s, dir, outcome: readValidationReport(dir, cfnResourceLabeler(s.reference.app, { withStackName: true })) };
  }
});

interface RawSuppressed {
  ruleName: string;
  acknowledgedId: string;
  acknowledgedAt: string;
  reason?: string;
}

function rawSuppressed(profile: ProfileName): RawSuppressed[] {
  const report = JSON.parse(readFileSync(path.join(synthesized[profile].dir, VALIDATION_REPORT_FILE), 'utf8')) as {
    pluginReports: { pluginName: string; suppressedViolations?: RawSuppressed[] }[];
  };
  return report.pluginReports.filter((r) => r.pluginName === 'AwsSolutions').flatMap((r) => r.suppressedViolations ?? []);
}

/** Every acknowledgement recorded in the construct tree: [construct path, id, reason]. */
function acknowledgements(profile: ProfileName): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const construct of synthesized[profile].s.reference.app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== 'aws:cdk:acknowledged-rules') continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) out.push([construct.node.path, id, reason]);
    }
  }
  return out;
}

describe.each(PROFILES)('the reference app (%s profile)', (profile) => {
  it('has no unacknowledged finding and no failed plugin', () => {
    const { outcome } = synthesized[profile];
    expect(outcome.findings.filter((f) => !f.suppressed)).toEqual([]);
    expect(outcome.pluginFailures).toEqual([]);
    expect(outcome.findings.length).toBeGreaterThan(0); // the pack did run and see the acknowledged ones
  });

  it('passes the CloudMart pack (private database, password from Secrets Manager) without acknowledging it', () => {
    expect(synthesized[profile].outcome.findings.filter((f) => f.ruleId.startsWith('CloudMart-'))).toEqual([]);
  });

  it('gives a reason for every acknowledged finding, which the validation report carries', () => {
    for (const finding of synthesized[profile].outcome.findings.filter((f) => f.suppressed)) {
      expect(finding.reason?.length ?? 0, finding.ruleId).toBeGreaterThan(40);
    }
  });

  it('acknowledges in the namespaced form, only where a finding needs it', () => {
    const used = new Set(rawSuppressed(profile).map((v) => `${v.acknowledgedAt} ${v.acknowledgedId}`));
    // aws-cdk-lib acknowledges some of its own CloudFormation-validation rules; ours are the nag ones.
    const acks = acknowledgements(profile).filter(([, id]) => id.includes('AwsSolutions'));
    expect(acks.length).toBeGreaterThan(0);
    for (const [at, id] of acks) {
      expect(id, at).toMatch(/^AwsSolutions::AwsSolutions-/);
      expect(used.has(`${at} ${id}`), `${id} at ${at} excuses nothing`).toBe(true);
    }
  });

  it('acknowledges only what the lab cannot have, IAM4 per managed policy', () => {
    for (const finding of synthesized[profile].outcome.findings) {
      const base = finding.ruleId.replace(/\[.*$/, '');
      expect(ACKNOWLEDGEABLE.has(base), finding.ruleId).toBe(true);
      if (base === 'AwsSolutions-IAM4') expect(finding.ruleId).toMatch(/^AwsSolutions-IAM4\[Policy::arn:<AWS::Partition>:iam::aws:policy\/.+\]$/);
      if (base === 'AwsSolutions-RDS10') expect(profile).toBe('lab');
    }
  });
});

describe('the gate', () => {
  it('stops the synth on an unacknowledged finding', () => {
    const s = synthesize('lab', { nag: true });
    const network = s.reference.stacks.network;
    const open = new ec2.SecurityGroup(network, 'Careless', { vpc: network.network.vpc, description: 'SSH from anywhere' });
    open.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
    expect(() => s.reference.app.synth({ force: true })).toThrow(/CloudMart-alice-Network\/Careless[\s\S]*Acknowledge with 'AwsSolutions::AwsSolutions-EC23'/);
  });

  it('reports the same finding as unacknowledged when asked not to throw', () => {
    const s = synthesize('lab', { nag: true, throwOnFindings: false });
    const open = new ec2.SecurityGroup(s.reference.stacks.network, 'Careless', { vpc: s.reference.stacks.network.network.vpc, description: 'SSH from anywhere' });
    open.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
    const assembly = s.reference.app.synth({ force: true });
    const outcome = readValidationReport(assembly.directory, cfnResourceLabeler(s.reference.app, { withStackName: true }));
    const careless = outcome.findings.filter((f) => !f.suppressed);
    expect(careless).toEqual([
      expect.objectContaining({ ruleId: 'AwsSolutions-EC23', level: 'error', resource: expect.stringMatching(/^CloudMart-alice-Network\/Careless/) }),
    ]);
    expect(Stack.of(open).stackName).toBe('CloudMart-alice-Network');
  });

  it('runs the CloudMart pack on the reference app: a database made public is an unacknowledged error', () => {
    const s = synthesize('lab', { nag: true, throwOnFindings: false });
    const database = s.reference.app.node.findAll().find((c): c is rds.CfnDBInstance => c instanceof rds.CfnDBInstance)!;
    database.publiclyAccessible = true;
    const assembly = s.reference.app.synth({ force: true });
    const outcome = readValidationReport(assembly.directory, cfnResourceLabeler(s.reference.app, { withStackName: true }));
    expect(outcome.findings.filter((f) => !f.suppressed)).toEqual([
      expect.objectContaining({ ruleId: 'CloudMart-RDSInstancePublicAccess', level: 'error', resource: expect.stringMatching(/^CloudMart-alice-Data\//) }),
    ]);
  });

  it('refuses an acknowledgement without a real reason', () => {
    const s = synthesize('lab');
    expect(() => acknowledgeNag(s.reference.stacks.network, 'AwsSolutions-VPC7', 'because')).toThrow(/real reason/);
  });
});
