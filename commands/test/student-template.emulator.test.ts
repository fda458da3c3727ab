// A student's OWN insecure CloudFormation template through the real path (issue 15): the nag
// gate flags it (exit 1), the student deploys it anyway (CreateStack of the file as written,
// the cleanup tags as stack tags, as `aws cloudformation deploy --tags` passes them), and
// `verify` fails exactly the checks the template's insecure choices break; every other check
// passes. The fixture (fixtures/templates/student-insecure.yaml) numbers its five insecure
// choices; the expected set below names the choice behind each failing check.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStackEventsCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { deploymentTags } from '../../stacks/tags';
import { readReport, REGION, ROOT, runCli, statusMap, tempDirs } from './support';

const TEMPLATE = path.join(ROOT, 'fixtures/templates/student-insecure.yaml');
const STUDENT = 'hong';
/** A student's own stack name: not the CDK app's CloudMart-<id>-<tier>, so verify is told the prefix. */
const STACK = 'hong-cloudmart';
const STACK_PREFIX = 'hong-';

/**
 * The checks the template fails, each because of one numbered choice in the fixture.
 * CloudFormation template reference, AWS::RDS::DBInstance (PubliclyAccessible,
 * StorageEncrypted) and AWS::ElastiCache::ReplicationGroup (AtRestEncryptionEnabled,
 * TransitEncryptionEnabled): https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html
 */
const EXPECTED_FAILURES: Record<string, string> = {
  // (1) PubliclyAccessible: true.
  'rds.not-public': 'fail',
  // (1) the DB subnet group holds the public subnets: "a PostgreSQL RDS instance in a DB subnet group of private subnets" no longer holds.
  'rds.postgres-present': 'fail',
  // (1) the same: RDS must sit only in private subnets (no route to an internet gateway).
  'vpc.private-tiers': 'fail',
  // (2) 5432 from 0.0.0.0/0 instead of only from the app security group.
  'sg.db-from-app-only': 'fail',
  // (3) StorageEncrypted: false.
  'rds.encrypted': 'fail',
  // (4) AtRestEncryptionEnabled and TransitEncryptionEnabled: false.
  'elasticache.encryption': 'fail',
  // (5) DB_PASSWORD=... in the launch template's user data.
  'secrets.no-plaintext': 'fail',
};
// Everything else passes: the template keeps the production design on purpose (two AZs with
// a NAT each, ALB on 80/443 forwarding to an ASG of 2..4 behind ELB health checks with group
// metrics and a target-tracking policy, IMDSv2, a least-privilege instance role, Multi-AZ RDS
// with 7-day backups, deletion protection and enhanced monitoring, Redis with a replica,
// automatic failover and snapshots, a private bucket behind CloudFront with OAC and HTTPS
// redirect, alarms with an SNS action on the ASG, ALB, target group, RDS and each Redis node,
// a dashboard, a log group with retention, a daily AWS Backup plan selecting the DB by ARN,
// every resource tagged through the stack's tags). No check is not-applicable for it: the
// template has every tier the checks look at.

let emulator: RunningEmulator;
const tempDir = tempDirs('student-template-');

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

/** What `aws cloudformation deploy --template-file ... --tags ...` does, through the SDK. */
async function deployStudentTemplate(): Promise<void> {
  const cloudformation = new CloudFormationClient({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });
  try {
    const expiresAt = new Date(Date.now() + 3 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await cloudformation.send(
      new CreateStackCommand({
        StackName: STACK,
        TemplateBody: readFileSync(TEMPLATE, 'utf8'),
        Parameters: [
          { ParameterKey: 'StudentId', ParameterValue: STUDENT },
          { ParameterKey: 'ExpiresAt', ParameterValue: expiresAt },
        ],
        Capabilities: ['CAPABILITY_IAM'],
        Tags: Object.entries(deploymentTags({ student: STUDENT, expiresAt })).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    const stack = (await cloudformation.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0];
    if (stack?.StackStatus !== 'CREATE_COMPLETE') {
      const events = (await cloudformation.send(new DescribeStackEventsCommand({ StackName: STACK }))).StackEvents ?? [];
      const failed = events.filter((e) => e.ResourceStatus?.endsWith('_FAILED')).map((e) => `${e.LogicalResourceId} (${e.ResourceType}): ${e.ResourceStatusReason}`);
      throw new Error(`the emulator did not create ${STACK}: ${stack?.StackStatus} ${stack?.StackStatusReason ?? ''} ${failed.join('; ')}`);
    }
  } finally {
    cloudformation.destroy();
  }
}

describe("a student's own insecure template", () => {
  it('nag --template flags the public DB, the open DB port and the missing encryption, and exits 1', async () => {
    const out = path.join(tempDir(), 'nag.json');
    const run = await runCli(['nag', '--template', TEMPLATE, '--out', out, '--lang', 'en']);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const findings = (JSON.parse(readFileSync(out, 'utf8')) as { findings: { ruleId: string; resource: string; level: string }[] }).findings;
    const errors = new Set(findings.filter((f) => f.level === 'error').map((f) => `${f.ruleId} ${f.resource}`));
    expect(errors).toContain('CloudMart-RDSInstancePublicAccess Database'); // (1)
    expect(errors).toContain('AwsSolutions-EC23 DbSecurityGroup'); // (2)
    expect(errors).toContain('AwsSolutions-RDS2 Database'); // (3)
    expect(errors).toContain('AwsSolutions-AEC5 Cache'); // (4)
  });

  it('deployed into the emulator anyway, verify fails exactly the checks its insecure choices break, and nothing else', { timeout: 180_000 }, async () => {
    await deployStudentTemplate();
    const out = tempDir();
    const run = await runCli(['verify', '--endpoint', emulator.endpoint, '--student', STUDENT, '--stack-prefix', STACK_PREFIX, '--format', 'json', '--out', out, '--lang', 'en'], {
      timeoutMs: 150_000,
    });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const report = readReport(path.join(out, 'report.json'));
    const notPassing = Object.fromEntries(Object.entries(statusMap(report)).filter(([, status]) => status !== 'pass'));
    const why = report.checks.filter((c) => c.status !== 'pass' || c.id in EXPECTED_FAILURES).map((c) => `${c.id} ${c.status}: ${JSON.stringify(c).slice(0, 1500)}`);
    expect(notPassing, why.join('\n')).toEqual(EXPECTED_FAILURES);
    // The stack was found as the student's (its tags), and verify says the deployment failed.
    expect(report.score.percent).toBeLessThan(100);
    expect(run.code).toBe(1);
  });
});
