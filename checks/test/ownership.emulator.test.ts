// Two students in one emulated account (the `neighbour` scenario: a's reference deployment
// and student nb-a's beside it): a security group tagged cloudmart:student=a but created by
// nb-a's stack (aws:cloudformation:stack-name CloudMart-nb-a-Network, tagged directly here)
// sits in a's VPC, open to the world on SSH. verify for a leaves it out (a's grades are
// exactly the scenario's), reports the conflict in report.json and in the rendered reports,
// bilingual and escaped; verify for nb-a does not take it either.
// CloudFormation Template Reference, "CloudFormation resource tagging" (aws-properties-resource-tags): CloudFormation creates the stack-level tags aws:cloudformation:logical-id, stack-id and stack-name, and the aws: prefix is reserved (a user cannot set it: here the emulator is told directly).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify, type VerifyResult } from '../../commands/verify';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createScenario, SCENARIOS } from '../../sandbox/scenarios/index';

const REGION = 'ap-northeast-2';
let emulator: RunningEmulator;
let groupArn: string;
const dirs: string[] = [];

function verifyFor(student: string, lang: 'en' | 'ko' = 'en'): Promise<VerifyResult> {
  const out = mkdtempSync(path.join(tmpdir(), 'cloudmart-ownership-'));
  dirs.push(out);
  return verify({ target: 'aws', endpoint: emulator.endpoint, region: REGION, student, out, formats: ['json', 'html', 'md'], lang, progress: false });
}

beforeAll(async () => {
  const { accessKeyId, secretAccessKey } = emulatorCredentials();
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey });
  emulator = await startEmulator();
  await createScenario('neighbour', { endpoint: emulator.endpoint, region: REGION, student: 'a' });
  const ec2 = new EC2Client({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });
  try {
    const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:cloudmart:student', Values: ['a'] }] }));
    const vpcId = vpcs.Vpcs![0]!.VpcId!;
    const group = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'conflicting-<nb>',
        Description: 'made by nb-a',
        VpcId: vpcId,
        TagSpecifications: [
          {
            ResourceType: 'security-group',
            Tags: [
              { Key: 'cloudmart:student', Value: 'a' },
              { Key: 'aws:cloudformation:stack-name', Value: 'CloudMart-nb-a-Network' },
            ],
          },
        ],
      }),
    );
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    groupArn = `arn:aws:ec2:${REGION}:123456789012:security-group/${group.GroupId}`;
  } finally {
    ec2.destroy();
  }
});

afterAll(async () => {
  await emulator?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('ownership conflicts between two students in one account', () => {
  it("leaves nb-a's resource tagged for a out of a's grading and names it, with nb-a's stack, in report.json and the reports", async () => {
    const result = await verifyFor('a');
    const statuses = Object.fromEntries(result.report.checks.map((c) => [c.id, c.status]));
    // The open SSH group would fail a security check if it were graded for a.
    expect(statuses).toEqual(SCENARIOS.neighbour!.expected);
    const conflicts = result.report.discovery?.ownershipConflicts ?? [];
    expect(conflicts).toEqual([{ resource: expect.stringMatching(/security-group\/sg-/), type: 'AWS::EC2::SecurityGroup', stack: 'CloudMart-nb-a-Network', student: 'nb-a' }]);
    expect(conflicts[0]!.resource.split('/')[1]).toBe(groupArn.split('/')[1]);
    const json = JSON.parse(result.files.find((f) => f.path.endsWith('report.json'))!.content) as { discovery: { ownershipConflicts: unknown[] } };
    expect(json.discovery.ownershipConflicts).toEqual(conflicts);
    const html = result.files.find((f) => f.path.endsWith('report.html'))!.content;
    expect(html).toContain('tagged for this student but created by student nb-a&#39;s stack CloudMart-nb-a-Network, so it was left out of grading.');
    expect(result.files.find((f) => f.path.endsWith('report.md'))!.content).toContain('Ownership conflicts: resources not graded');
    expect(result.summary).toContain('Ownership conflicts: resources not graded');
  });

  it('says it in Korean with --lang ko', async () => {
    const result = await verifyFor('a', 'ko');
    const html = result.files.find((f) => f.path.endsWith('report.html'))!.content;
    expect(html).toContain('소유권 충돌: 채점하지 않은 리소스');
    expect(html).toContain('학생 nb-a의 스택 CloudMart-nb-a-Network이(가) 만든 리소스이므로 채점에서 제외했습니다.');
  });

  it("does not grade it for nb-a either (it carries a's tag), and nb-a sees no conflict", async () => {
    const result = await verifyFor('nb-a');
    expect(result.report.discovery?.ownershipConflicts).toBeUndefined();
    expect(JSON.stringify(result.files.find((f) => f.path.endsWith('report.json'))!.content)).not.toContain(groupArn.split('/')[1]);
  });
});
