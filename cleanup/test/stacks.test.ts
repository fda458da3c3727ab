// Cleanup of stacks linked as the reference stacks are, on the emulator (which refuses to
// delete an export in use and a protected database as AWS does): Network exports, App and
// Data import, Data's DB instance has deletion protection on. Cleanup deletes App and Data
// before Network, turns the protection off (saying so) only with --yes, reports at once a
// stack another student's stack imports from, untangles security groups that reference each
// other, stops on Ctrl-C saying what is left, and checks at the end that nothing is left.
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { cleanup } from '../../commands/cleanup';
import { sessionFor } from '../../checks/aws/session';
import { deleteStack } from '../deleters/cloudformation';
import { appTemplate, createLinkedStacks } from './linked-stacks';

const REGION = 'ap-northeast-2';
let emulator: RunningEmulator;
const target = () => ({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });
// A long stack timeout: a cleanup that waited for a rejected stack instead of reporting it would hang the test.
const options = (student: string) => ({ ...target(), student, pollIntervalMs: 100, timeoutMs: 10 * 60_000, dependencyRetry: { intervalMs: 100, forMs: 2_000 }, lang: 'en' as const });

async function stacksOf(student: string): Promise<string[]> {
  const cfn = new CloudFormationClient(target());
  try {
    return ((await cfn.send(new DescribeStacksCommand({}))).Stacks ?? []).filter((s) => s.StackName!.startsWith(`CloudMart-${student}-`) && s.StackStatus !== 'DELETE_COMPLETE').map((s) => s.StackName!).sort();
  } finally {
    cfn.destroy();
  }
}

async function database(id: string) {
  const rds = new RDSClient(target());
  try {
    return (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances?.[0];
  } catch {
    return undefined;
  } finally {
    rds.destroy();
  }
}

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.stop();
});

describe('cleanup of linked stacks', { timeout: 120_000 }, () => {
  // "After another stack imports an output value, you can't delete the stack that is exporting the output value": https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html
  it('deletes App and Data before Network, turning off deletion protection on Data’s own database first (said in the output), and finds nothing left', async () => {
    const cfn = new CloudFormationClient(target());
    const stacks = await createLinkedStacks(cfn, 'kim', { cidrOctet: 41, deletionProtection: true });
    cfn.destroy();

    // Listing only changes nothing, the protection included.
    const listed = await cleanup(options('kim'));
    expect(listed.exitCode).toBe(0);
    expect((await database(stacks.database))?.DeletionProtection).toBe(true);

    const progress: string[] = [];
    const result = await cleanup({ ...options('kim'), yes: true, onProgress: (m) => progress.push(m) });
    expect(result.text).not.toContain('Could not delete');
    expect(result.exitCode).toBe(0);
    expect(result.outcome!.stacks.map((s) => [s.name, s.status])).toEqual(
      expect.arrayContaining([
        [stacks.network, 'deleted'],
        [stacks.app, 'deleted'],
        [stacks.data, 'deleted'],
      ]),
    );
    // "The database can't be deleted when deletion protection is enabled": https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html
    expect(result.text).toContain(`stack ${stacks.data}: turned off deletion protection on its own DB instance ${stacks.database}`);
    const networkStarted = progress.findIndex((m) => m === `${stacks.network}: deleting the stack`);
    const dataDone = progress.findIndex((m) => m.startsWith(`${stacks.data}: DELETE_COMPLETE`));
    const appDone = progress.findIndex((m) => m.startsWith(`${stacks.app}: DELETE_COMPLETE`));
    expect(dataDone).toBeGreaterThanOrEqual(0);
    expect(appDone).toBeGreaterThanOrEqual(0);
    expect(networkStarted).toBeGreaterThan(Math.max(dataDone, appDone));
    // Progress names each stack's status and the time since its delete began.
    expect(progress).toContainEqual(expect.stringMatching(new RegExp(`^${stacks.data}: DELETE_COMPLETE \\(\\d+ s\\)$`)));
    expect(result.text).toContain('Checked again (discovery): nothing cleanup was to delete is left.');
    expect(await stacksOf('kim')).toEqual([]);
    expect(await database(stacks.database)).toBeUndefined();
  });

  it('reports at once a stack whose export another student’s stack imports, and deletes the rest', async () => {
    const cfn = new CloudFormationClient(target());
    const stacks = await createLinkedStacks(cfn, 'lee', { cidrOctet: 42, deletionProtection: false });
    // Someone else's stack imports lee's VPC.
    await cfn.send(new CreateStackCommand({ StackName: 'Someone-Else', TemplateBody: appTemplate('CloudMart-lee-') }));
    cfn.destroy();

    const result = await cleanup({ ...options('lee'), yes: true });
    expect(result.exitCode).toBe(1);
    const network = result.outcome!.stacks.find((s) => s.name === stacks.network)!;
    expect(network.status).toBe('failed');
    expect(network.reason.en).toContain('the stack Someone-Else imports its export CloudMart-lee-Network:ExportsOutputRefVpc');
    expect(result.outcome!.stacks.find((s) => s.name === stacks.app)!.status).toBe('deleted');
    expect(result.outcome!.stacks.find((s) => s.name === stacks.data)!.status).toBe('deleted');
    expect(result.text).toMatch(new RegExp(`Checked again \\(discovery\\), still there, \\d+:\\n  stack ${stacks.network}`));
    expect(await stacksOf('lee')).toEqual([stacks.network]);
  });

  // A rejected delete returns the stack to UPDATE_COMPLETE (the StackDeleteComplete waiter of the CloudFormation API model counts it a failure): https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html
  it('knows at once that CloudFormation refused a delete (UPDATE_COMPLETE with the reason, DELETE_FAILED with the resource’s reason), without waiting for the timeout', async () => {
    const cfn = new CloudFormationClient(target());
    const stacks = await createLinkedStacks(cfn, 'han', { cidrOctet: 46, deletionProtection: true });
    cfn.destroy();
    const session = sessionFor(target(), 'cleanup-test');
    try {
      const watch = { session, pollIntervalMs: 100, timeoutMs: 10 * 60_000 };
      const network = await deleteStack(stacks.network, watch);
      expect(network).toMatchObject({ result: 'rejected', status: 'UPDATE_COMPLETE' });
      expect(network.result === 'rejected' && network.reason).toMatch(/^Export CloudMart-han-Network:ExportsOutputRef\w+ cannot be deleted as it is in use by CloudMart-han-/);
      const data = await deleteStack(stacks.data, watch);
      expect(data).toMatchObject({ result: 'failed', status: 'DELETE_FAILED' });
      expect(data.result === 'failed' && data.reason).toMatch(/^The following resource\(s\) failed to delete: \[Database\]\. Database \(AWS::RDS::DBInstance\): .*Cannot delete protected DB Instance/);
    } finally {
      session.destroy();
    }
  });

  it('untangles security groups that reference each other', async () => {
    const ec2 = new EC2Client(target());
    const tags = [{ ResourceType: 'security-group' as const, Tags: [{ Key: 'cloudmart:student', Value: 'choi' }] }];
    const vpcTags = [{ ResourceType: 'vpc' as const, Tags: [{ Key: 'cloudmart:student', Value: 'choi' }] }];
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.44.0.0/16', TagSpecifications: vpcTags }))).Vpc!.VpcId!;
    const app = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'choi-app', Description: 'app', TagSpecifications: tags }))).GroupId!;
    const db = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'choi-db', Description: 'db', TagSpecifications: tags }))).GroupId!;
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: db, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5433, ToPort: 5433, UserIdGroupPairs: [{ GroupId: app }] }] }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: app, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: db }] }] }));

    const result = await cleanup({ ...options('choi'), yes: true });
    expect(result.text).not.toContain('Could not delete');
    expect(result.exitCode).toBe(0);
    const left = ((await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).SecurityGroups ?? []).map((g) => g.GroupId);
    expect(left).not.toContain(app);
    expect(left).not.toContain(db);
    ec2.destroy();
  });

  it('on Ctrl-C stops, says what was deleted and what is left, in Korean by default, and exits non-zero', async () => {
    const cfn = new CloudFormationClient(target());
    const stacks = await createLinkedStacks(cfn, 'jung', { cidrOctet: 45, deletionProtection: false });
    cfn.destroy();
    const interrupt = new AbortController();
    const result = await cleanup({
      ...options('jung'),
      lang: 'ko',
      yes: true,
      signal: interrupt.signal,
      // Ctrl-C as the first wave (App, Data) is done: Network is left.
      onProgress: (m) => {
        if (m.startsWith(`${stacks.data}: DELETE_COMPLETE`) || m.startsWith(`${stacks.app}: DELETE_COMPLETE`)) interrupt.abort();
      },
    });
    expect(result.exitCode).toBe(130);
    expect(result.outcome!.interrupted).toBe(true);
    expect(result.outcome!.stacks.find((s) => s.name === stacks.network)!.status).toBe('left');
    expect(result.text).toContain('중단되었습니다(Ctrl-C).');
    expect(result.text).toContain(`중단으로 남은 것`);
    expect(result.text).toContain(`  스택 ${stacks.network}: 중단되어 지우지 않았습니다`);
    expect(result.text).not.toMatch(/Deleted \d+ stack|Could not delete|Checked again/);
    expect(await stacksOf('jung')).toContain(stacks.network);
  });
});
