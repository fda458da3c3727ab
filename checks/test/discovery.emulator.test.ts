// Discovery against the emulator (real SDK, real wire format): two students in one
// account, one of them with an id that extends the other's (kim, kim-lee), an untagged
// look-alike deployment and moto's default VPC. Each student's inventory holds only their
// own resources; nothing found is a usage error that says what was searched.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnreachableError, UsageError } from '../../contract/errors';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { collectInventory } from '../collect';
import { NoDeploymentError } from '../discovery/errors';
import { createTestDeployment, type TestDeployment } from '../discovery/test/sdk-deployment';
import type { Inventory } from '../inventory/types';

const REGION = 'ap-northeast-2';

/** Every string in a value (ids are compared whole: "CloudMart-kim" is not part of "CloudMart-kim-lee-..."). */
function stringsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}
let emulator: RunningEmulator;
let kim: TestDeployment;
let kimLee: TestDeployment;
let ghost: TestDeployment;
let kimInventory: Inventory;

const target = () => ({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });
const idsOf = (d: TestDeployment) =>
  new Set([
    d.vpcId,
    ...Object.values(d.subnetIds),
    ...Object.values(d.securityGroupIds),
    d.natGatewayId,
    d.allocationId,
    d.internetGatewayId,
    d.loadBalancerArn,
    d.targetGroupArn,
    d.launchTemplateId,
    d.autoScalingGroupName,
    d.dbInstanceIdentifier,
    d.replicationGroupId,
    d.bucket,
    d.distributionId,
    ...d.alarmNames,
    d.dashboardName,
    d.logGroupName,
    d.flowLogGroupName,
  ]);

beforeAll(async () => {
  emulator = await startEmulator();
  [kim, kimLee, ghost] = await Promise.all([
    createTestDeployment(target(), 'kim', { cidrOctet: 1, stack: true }),
    createTestDeployment(target(), 'kim-lee', { cidrOctet: 2, stack: true }),
    createTestDeployment(target(), 'ghost', { cidrOctet: 3, untagged: true }),
  ]);
  kimInventory = await collectInventory({ student: 'kim', endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });
});

afterAll(async () => {
  await emulator?.stop();
});

describe('discovery on the emulator', () => {
  it('finds the student’s stack (not kim-lee’s, whose name shares the prefix) and their tagged resources', () => {
    expect(kimInventory.discovery.stacks.map((s) => s.name)).toEqual(['CloudMart-kim-Extra']);
    expect(kimInventory.target).toMatchObject({ region: REGION, accountId: '123456789012', student: 'kim', stackPrefix: 'CloudMart-kim-' });
    const ids = new Set(kimInventory.discovery.resources.map((r) => r.id));
    expect([...idsOf(kim)].filter((id) => !ids.has(id))).toEqual([]);
    // A resource the template leaves untagged still carries the stack's tags, so it is found
    // through the stack and through the tag.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html
    const audit = kimInventory.discovery.resources.find((r) => r.id === '/cloudmart/kim/audit');
    expect(audit).toMatchObject({ type: 'AWS::Logs::LogGroup', via: ['stack', 'tag'], stackName: 'CloudMart-kim-Extra', logicalId: 'AuditLogs' });
  });

  it('never holds a resource of another student, of an untagged deployment or of the default VPC', () => {
    const others = new Set([...idsOf(kimLee), ...idsOf(ghost)]);
    const strings = stringsIn(kimInventory);
    expect([...others].filter((id) => strings.has(id))).toEqual([]);
    expect(kimInventory.ec2.vpcs).toMatchObject({ status: 'collected', data: [{ VpcId: kim.vpcId }] });
    expect(kimInventory.discovery.resources.filter((r) => r.tags?.['cloudmart:student'] !== undefined && r.tags['cloudmart:student'] !== 'kim')).toEqual([]);
  });

  it('finds kim-lee’s deployment for kim-lee, with the same isolation', async () => {
    const inventory = await collectInventory({ student: 'kim-lee', endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });
    expect(inventory.discovery.stacks.map((s) => s.name)).toEqual(['CloudMart-kim-lee-Extra']);
    expect(inventory.ec2.vpcs).toMatchObject({ status: 'collected', data: [{ VpcId: kimLee.vpcId }] });
    const strings = stringsIn(inventory);
    expect([...idsOf(kim)].filter((id) => strings.has(id))).toEqual([]);
  });

  it('says what it searched, in words a student understands', () => {
    const searched = kimInventory.discovery.searched.join('\n');
    expect(searched).toContain('CloudFormation stacks whose name starts with "CloudMart-kim-"');
    expect(searched).toContain('tagged cloudmart:student=kim');
    expect(searched).toContain('ap-northeast-2 (account 123456789012)');
    expect(searched).toMatch(/followed the deployment's links .*: \d+ resources in all/);
  });

  it('reports no deployment as a usage error (exit 2) naming the prefix, tag, region and account, and what to try', async () => {
    const error = await collectInventory({ student: 'nobody', endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoDeploymentError);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    for (const part of ['"nobody"', 'CloudMart-nobody-*', 'cloudmart:student=nobody', 'ap-northeast-2', '123456789012', '--region', '--student', '--stack-prefix']) expect(message).toContain(part);
    expect(message).not.toContain('\n');
  });

  it('reports the wrong region like no deployment, and a malformed region name before any call', async () => {
    const elsewhere = await collectInventory({ student: 'kim', endpoint: emulator.endpoint, region: 'eu-west-1', credentials: emulatorCredentials() }).catch((e: unknown) => e);
    // The CloudFront distribution and the bucket are global: alone they are no deployment in eu-west-1.
    expect(elsewhere).toBeInstanceOf(NoDeploymentError);
    expect((elsewhere as Error).message).toContain('in eu-west-1, account 123456789012 (only global resources carry the tag');
    // A closed port would be UnreachableError: a usage error here proves no call was made.
    const malformed = await collectInventory({ student: 'kim', endpoint: 'http://127.0.0.1:9', region: 'ap-northeast2', credentials: emulatorCredentials() }).catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(UsageError);
    expect((malformed as Error).message).toContain('"ap-northeast2" is not an AWS region name');
    expect(malformed).not.toBeInstanceOf(UnreachableError);
  });

  it('assumes a role (--role-arn with an external id) and discovers in that role’s account', async () => {
    const grading = '210987654321';
    const sts = new STSClient(target());
    const assumed = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${grading}:role/deployer`, RoleSessionName: 'setup' }))).Credentials!;
    sts.destroy();
    const credentials = { accessKeyId: assumed.AccessKeyId!, secretAccessKey: assumed.SecretAccessKey!, sessionToken: assumed.SessionToken! };
    const park = await createTestDeployment({ ...target(), credentials }, 'park', { cidrOctet: 4, redis: false });
    const inventory = await collectInventory({
      student: 'park',
      endpoint: emulator.endpoint,
      region: REGION,
      credentials: emulatorCredentials(),
      roleArn: `arn:aws:iam::${grading}:role/cloudmart-grader`,
      externalId: 'class-2026',
    });
    expect(inventory.target.accountId).toBe(grading);
    expect(inventory.ec2.vpcs).toMatchObject({ status: 'collected', data: [{ VpcId: park.vpcId }] });
    // The default account has no deployment of park.
    await expect(collectInventory({ student: 'park', endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() })).rejects.toBeInstanceOf(NoDeploymentError);
  });
});
