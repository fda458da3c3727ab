// The CloudMart nag pack (stacks/nag/cloudmart-pack.ts): a public database and a master
// password written into the template are errors, in `nag --template` and in the gate of
// the reference app, and are acknowledged the same way as AwsSolutions findings.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { describe, expect, it } from 'vitest';
import type { NagFinding } from '../../contract/report';
import { FEATURE_FLAGS } from '../feature-flags';
import { acknowledgeNag } from '../nag/acknowledge';
import { addNagGate } from '../nag/gate';
import { NAG_PACKS } from '../nag/packs';
import { cfnResourceLabeler, readValidationReport } from '../nag/report';
import { nagRuleCatalog } from '../nag/rule-catalog';
import { nagTemplateFile } from '../nag/template';

const PUBLIC = 'CloudMart-RDSInstancePublicAccess';
const PLAINTEXT = 'CloudMart-RDSMasterPasswordNotPlaintext';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-pack-test-'));

/** nag --template on a one-database template; the findings of the CloudMart pack, as [rule, suppressed]. */
function cloudMartFindings(database: Record<string, unknown>, extra: Record<string, unknown> = {}): string[] {
  const file = path.join(tmp, `t-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      ...extra,
      Resources: { Database: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20', MasterUsername: 'cloudmart', ...database } } },
    }),
  );
  return nagTemplateFile(file)
    .findings.filter((f) => f.ruleId.startsWith('CloudMart-'))
    .map((f) => f.ruleId)
    .sort();
}

describe('the CloudMart pack', () => {
  it('runs beside AwsSolutions in the gate and in nag --template', () => {
    expect(NAG_PACKS.map((p) => p.name)).toEqual(['AwsSolutions', 'CloudMart']);
    // Both rules are in the catalogue, as errors, with text that explains them.
    for (const id of [PUBLIC, PLAINTEXT]) {
      expect(nagRuleCatalog().get(id)).toEqual(expect.objectContaining({ ruleId: id, level: 'error', explanation: expect.stringMatching(/.{60,}/) }));
    }
  });

  // RDS API reference, CreateDBInstance PubliclyAccessible: without it, subnets in a VPC with an internet gateway make the instance public (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html).
  it('flags a DB instance that is public or does not say it is private', () => {
    expect(cloudMartFindings({ PubliclyAccessible: true, ManageMasterUserPassword: true })).toEqual([PUBLIC]);
    expect(cloudMartFindings({ ManageMasterUserPassword: true })).toEqual([PUBLIC]);
    expect(cloudMartFindings({ PubliclyAccessible: false, ManageMasterUserPassword: true })).toEqual([]);
  });

  // CloudFormation User Guide, dynamic references: keep sensitive values out of templates (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html).
  it('flags a master password written into the template, and only that', () => {
    const priv = { PubliclyAccessible: false };
    expect(cloudMartFindings({ ...priv, MasterUserPassword: 'cloudmart1234' })).toEqual([PLAINTEXT]);
    expect(cloudMartFindings({ ...priv, MasterUserPassword: { 'Fn::Join': ['', ['cloud', 'mart1234']] } })).toEqual([PLAINTEXT]);
    expect(cloudMartFindings({ ...priv, MasterUserPassword: '{{resolve:secretsmanager:cloudmart-db:SecretString:password}}' })).toEqual([]);
    expect(cloudMartFindings({ ...priv, MasterUserPassword: '{{resolve:ssm-secure:/cloudmart/db-password:1}}' })).toEqual([]);
    expect(cloudMartFindings({ ...priv, ManageMasterUserPassword: true })).toEqual([]);
    const parameter = (noEcho: boolean) => ({ Parameters: { DbPassword: { Type: 'String', ...(noEcho ? { NoEcho: true } : {}) } } });
    expect(cloudMartFindings({ ...priv, MasterUserPassword: { Ref: 'DbPassword' } }, parameter(true))).toEqual([]);
    expect(cloudMartFindings({ ...priv, MasterUserPassword: { Ref: 'DbPassword' } }, parameter(false))).toEqual([PLAINTEXT]);
  });

  it('is acknowledged like AwsSolutions: namespaced, with the reason kept in the report', () => {
    const outdir = mkdtempSync(path.join(tmp, 'ack-'));
    const app = new App({ outdir, analyticsReporting: false, context: { ...FEATURE_FLAGS, '@aws-cdk/core:failSynthOnValidationErrors': false } });
    const stack = new Stack(app, 'Ack');
    const db = new CfnDBInstance(stack, 'Database', { engine: 'postgres', dbInstanceClass: 'db.t3.micro', allocatedStorage: '20', manageMasterUserPassword: true, publiclyAccessible: true });
    acknowledgeNag(db, PUBLIC, 'A throwaway database for a public read-only demo, torn down after the class.');
    addNagGate(app);
    const outcome = readValidationReport(app.synth().directory, cfnResourceLabeler(app, { withStackName: false }));
    const publicFinding = outcome.findings.find((f: NagFinding) => f.ruleId === PUBLIC);
    expect(publicFinding).toEqual(expect.objectContaining({ resource: 'Database', suppressed: true, reason: expect.stringMatching(/public read-only demo/) }));
  });
});
