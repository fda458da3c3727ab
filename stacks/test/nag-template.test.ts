// `nag --template`: the same packs on any CloudFormation template. The deliberately insecure
// fixture fails with the expected rule IDs; a malformed file is one sentence and exit 2.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nag } from '../../commands/nag';
import { UsageError } from '../../contract/errors';
import { NagFinding, Report } from '../../contract/report';
import { nagTemplateFile, type TemplateNagResult } from '../nag/template';

const ROOT = path.resolve(import.meta.dirname, '../..');
const INSECURE = path.join(ROOT, 'fixtures/templates/insecure.json');
const MALFORMED = path.join(ROOT, 'fixtures/templates/malformed.json');

/** What the insecure fixture must trip, by rule (and finding) ID and resource. */
const EXPECTED = [
  ['AwsSolutions-EC23', 'OpenSecurityGroup'],
  ['AwsSolutions-EC23', 'DatabaseSecurityGroup'],
  ['AwsSolutions-RDS2', 'Database'],
  ['AwsSolutions-RDS3', 'Database'],
  ['AwsSolutions-RDS10', 'Database'],
  ['AwsSolutions-RDS11', 'Database'],
  ['AwsSolutions-RDS13', 'Database'],
  ['AwsSolutions-AEC3', 'Cache'],
  ['AwsSolutions-AEC4', 'Cache'],
  ['AwsSolutions-AEC6', 'Cache'],
  ['AwsSolutions-S1', 'SiteBucket'],
  ['AwsSolutions-S2', 'SiteBucket'],
  ['AwsSolutions-S10', 'SiteBucket'],
  ['AwsSolutions-EC26', 'Volume'],
  ['AwsSolutions-IAM5[Action::*]', 'InstanceRole'],
  ['AwsSolutions-IAM5[Resource::*]', 'InstanceRole'],
  ['AwsSolutions-VPC7', 'Vpc'],
  // The CloudMart pack: what AwsSolutions has no rule for.
  ['CloudMart-RDSInstancePublicAccess', 'Database'],
  ['CloudMart-RDSMasterPasswordNotPlaintext', 'Database'],
] as const;

let insecure: TemplateNagResult;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-nag-test-'));

beforeAll(() => {
  insecure = nagTemplateFile(INSECURE);
});

// Spawning the CLI (tsx, aws-cdk-lib) is slow on a loaded machine: generous limits.
const SLOW = 180_000;

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/cloudmart.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: SLOW - 10_000 });
}

describe('nag on a template', () => {
  it('finds every expected problem of the insecure fixture, as unacknowledged errors named by logical ID', () => {
    const found = insecure.findings.map((f) => [f.ruleId, f.resource]);
    expect(found).toEqual(expect.arrayContaining(EXPECTED.map(([rule, resource]) => [rule, resource])));
    for (const finding of insecure.findings) {
      expect(NagFinding.parse(finding)).toEqual(finding);
      expect(finding.suppressed).toBe(false);
      expect(finding.explanation.length).toBeGreaterThan(30);
    }
    expect(insecure.findings.find((f) => f.ruleId === 'AwsSolutions-RDS2')!.level).toBe('error');
  });

  it('returns exit code 1 and the findings as the report.json `nag` section', () => {
    const result = nag({ template: INSECURE, out: path.join(tmp, 'findings.json') });
    expect(result.exitCode).toBe(1);
    expect(result.blocking.length).toBeGreaterThanOrEqual(EXPECTED.length);
    const file = result.files[0]!;
    expect(file.path).toBe(path.join(tmp, 'findings.json'));
    expect(Report.shape.nag.parse(JSON.parse(file.content))).toEqual({ template: INSECURE, findings: insecure.findings });
  });

  it('passes a template without error-level findings (exit code 0)', () => {
    const clean = path.join(tmp, 'clean.json');
    writeFileSync(clean, JSON.stringify({ Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } } } }));
    const result = nag({ template: clean });
    expect(result.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it('reads YAML with CloudFormation short-form tags', () => {
    const yamlFile = path.join(tmp, 'open.yaml');
    writeFileSync(
      yamlFile,
      ['Resources:', '  Web:', '    Type: AWS::EC2::SecurityGroup', '    Properties:', '      GroupDescription: !Sub "web in ${AWS::Region}"', '      SecurityGroupIngress:', '        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }', ''].join('\n'),
    );
    expect(nagTemplateFile(yamlFile).findings.map((f) => [f.ruleId, f.resource])).toContainEqual(['AwsSolutions-EC23', 'Web']);
  });

  it('rejects what is not a CloudFormation template with a UsageError', () => {
    const notCfn = path.join(tmp, 'package.json');
    writeFileSync(notCfn, JSON.stringify({ name: 'x', version: '1.0.0' }));
    expect(() => nagTemplateFile(MALFORMED)).toThrow(UsageError);
    expect(() => nagTemplateFile(MALFORMED)).toThrow(/neither JSON nor YAML/);
    expect(() => nagTemplateFile(notCfn)).toThrow(/not a CloudFormation template/);
    expect(() => nagTemplateFile(path.join(tmp, 'missing.json'))).toThrow(/no such file/);
  });
});

describe('cloudmart nag (CLI)', () => {
  it('prints each finding, writes the JSON and exits 1 on the insecure fixture', () => {
    const out = path.join(tmp, 'cli-findings.json');
    const run = cli('nag', '--template', 'fixtures/templates/insecure.json', '--out', out);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FAIL AwsSolutions-RDS2 \[error\] Database/);
    expect(run.stdout).toMatch(/FAIL AwsSolutions-EC23 \[error\] OpenSecurityGroup/);
    expect(run.stdout).toMatch(/FAIL CloudMart-RDSInstancePublicAccess \[error\] Database/);
    expect(run.stdout).toMatch(/FAIL CloudMart-RDSMasterPasswordNotPlaintext \[error\] Database/);
    // Korean by default (--lang ko): the frame of the output; rule explanations are cdk-nag's own English.
    expect(run.stdout).toMatch(/^cdk-nag \(AwsSolutions, CloudMart\) 검사 결과, fixtures\/templates\/insecure\.json: 발견 \d+건\n/);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^nag: 실패 \(예외 인정되지 않은 error 수준 발견 \d+건\)\. 발견 내용을 .* 에 썼습니다\.$/);
    const written = Report.shape.nag.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(written!.findings.length).toBe(insecure.findings.length);
  }, SLOW);

  it('says one sentence and exits 2 on a malformed template, writing nothing', () => {
    const out = path.join(tmp, 'never.json');
    const run = cli('nag', '--template', 'fixtures/templates/malformed.json', '--out', out, '--lang', 'en');
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^cloudmart: fixtures\/templates\/malformed\.json is neither JSON nor YAML/);
    expect(existsSync(out)).toBe(false);
  }, SLOW);
});
