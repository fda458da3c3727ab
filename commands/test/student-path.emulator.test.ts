// The student's whole path on the real templates, without AWS (issue 15): the CDK CLI deploys
// the six reference stacks into the emulator (bootstrap, the workload bundle asset published
// to the emulated S3, change sets), `verify` grades them 100 with every live check passing,
// a second student's deployment stays intact and 100 when the first is destroyed, nothing
// tagged with the destroyed student is left, and `cleanup --yes` of a deployment that was
// never destroyed leaves nothing either. The other profiles fail exactly what they give up.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudFormationClient, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DescribeSnapshotsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../contract/report';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { deployReferenceStacks } from '../../sandbox/scenarios/build/reference-stacks';
import { createClients } from '../../sandbox/scenarios/clients';
import { checksFailedByDesign } from '../../stacks/profiles';
import type { ProfileName } from '../../stacks/config';
import { REGION, runCli, userEnv, EMULATOR_ENV } from './support';

let emulator: RunningEmulator;
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const DEPLOY_MS = 240_000;

/** `npm run deploy` of the student: the CDK CLI, into the emulator. */
function deploy(student: string, profile: ProfileName = 'production') {
  return runCli(['deploy', '--endpoint', emulator.endpoint, '--student', student, '--deployment-profile', profile, '--out', tempDir('cdk-out-'), '--lang', 'en'], {
    timeoutMs: DEPLOY_MS,
  });
}

/** The same templates created by CloudFormation directly (no CDK CLI): faster, for the second student and a profile. */
async function createStacks(student: string, profile: ProfileName = 'production'): Promise<void> {
  const clients = createClients({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });
  try {
    await deployReferenceStacks(
      { endpoint: emulator.endpoint, region: REGION, accountId: '123456789012', student, stackPrefix: `CloudMart-${student}-`, credentials: emulatorCredentials(), clients, expiresAt: new Date(Date.now() + 3 * 3600_000).toISOString() },
      { profile },
    );
  } finally {
    clients.destroy();
  }
}

async function verify(student: string): Promise<{ code: number | null; report: Report }> {
  const out = tempDir('verify-');
  const run = await runCli(['verify', '--endpoint', emulator.endpoint, '--student', student, '--format', 'json', '--out', out, '--lang', 'en']);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return { code: run.code, report: Report.parse(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'))) };
}

/** Check id -> status, for the checks that did not pass. */
function notPassing(report: Report): Record<string, string> {
  return Object.fromEntries(report.checks.filter((c) => c.status !== 'pass').map((c) => [c.id, c.status]));
}

describe('npm run deploy -> verify -> destroy, on the emulator', () => {
  it('deploys the six stacks through the CDK CLI (bootstrap, assets, change sets) and verify gives 100 with every live check passing', { timeout: DEPLOY_MS }, async () => {
    const deployed = await deploy('kim');
    expect(deployed.code, deployed.stderr.slice(-3000)).toBe(0);
    for (const tier of ['Network', 'Data', 'App', 'Frontend', 'Observability', 'Backup']) expect(deployed.stdout + deployed.stderr).toContain(`CloudMart-kim-${tier}`);
    // The workload bundle went to the bootstrap bucket as the CDK's file asset.
    const s3 = new S3Client({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials(), forcePathStyle: true });
    const assets = await s3.send(new ListObjectsV2Command({ Bucket: `cdk-hnb659fds-assets-123456789012-${REGION}` }));
    expect((assets.Contents ?? []).some((o) => o.Key?.endsWith('.zip'))).toBe(true);
    s3.destroy();

    const { code, report } = await verify('kim');
    expect(notPassing(report)).toEqual({});
    expect(report.score.percent).toBe(100);
    expect(code).toBe(0);
  });

  it('a second student deployed beside the first keeps 100 when the first is destroyed, and nothing tagged with the first is left', { timeout: DEPLOY_MS }, async () => {
    await createStacks('lee');
    const cloudformation = new CloudFormationClient({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });
    const elasticache = new ElastiCacheClient({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });
    const dataResources = (await cloudformation.send(new ListStackResourcesCommand({ StackName: 'CloudMart-kim-Data' }))).StackResourceSummaries ?? [];
    const cacheGroup = dataResources.find((r) => r.ResourceType === 'AWS::ElastiCache::ReplicationGroup')!.PhysicalResourceId!;
    const destroyed = await runCli(['destroy', '--endpoint', emulator.endpoint, '--student', 'kim', '--yes', '--out', tempDir('cdk-out-'), '--lang', 'en'], { timeoutMs: DEPLOY_MS });
    expect(destroyed.code, destroyed.stderr.slice(-3000)).toBe(0);

    // The Redis group's DeletionPolicy Snapshot left a final snapshot (untagged): destroy --yes deleted it too.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html
    expect(((await elasticache.send(new DescribeSnapshotsCommand({}))).Snapshots ?? []).filter((s) => s.ReplicationGroupId === cacheGroup)).toEqual([]);
    cloudformation.destroy();
    elasticache.destroy();

    const { report } = await verify('lee');
    expect(notPassing(report)).toEqual({});
    expect(report.score.percent).toBe(100);

    // cleanup's listing (no --yes) is the after-picture of destroy: nothing of kim's.
    const listing = await runCli(['cleanup', '--endpoint', emulator.endpoint, '--student', 'kim', '--lang', 'en'], { env: userEnv(EMULATOR_ENV) });
    expect(listing.code, listing.stdout + listing.stderr).toBe(0);
    expect(listing.stdout).toMatch(/nothing|no resources/i);
  });

  it('cleanup --yes of a deployment that was never destroyed leaves nothing tagged with the student', { timeout: DEPLOY_MS }, async () => {
    await createStacks('park');
    const cleaned = await runCli(['cleanup', '--endpoint', emulator.endpoint, '--student', 'park', '--yes', '--lang', 'en'], { timeoutMs: DEPLOY_MS });
    expect(cleaned.code, cleaned.stdout + cleaned.stderr).toBe(0);
    const listing = await runCli(['cleanup', '--endpoint', emulator.endpoint, '--student', 'park', '--lang', 'en']);
    expect(listing.stdout).toMatch(/nothing|no resources/i);
  });
});

describe('the other deployment profiles', () => {
  it('default (created by CloudFormation) fails exactly the checks it gives up by design, nothing else', { timeout: DEPLOY_MS }, async () => {
    await createStacks('prof-default', 'default');
    const { report } = await verify('prof-default');
    expect(Object.keys(notPassing(report)).sort()).toEqual(checksFailedByDesign('default').sort());
  });

  it('lab (deployed by the CDK CLI: its buckets carry the CDK auto-delete custom resource) fails exactly what it gives up, and destroy leaves nothing', { timeout: 2 * DEPLOY_MS }, async () => {
    const deployed = await deploy('prof-lab', 'lab');
    expect(deployed.code, deployed.stderr.slice(-3000)).toBe(0);
    const { report } = await verify('prof-lab');
    expect(Object.keys(notPassing(report)).sort()).toEqual(checksFailedByDesign('lab').sort());
    const destroyed = await runCli(['destroy', '--endpoint', emulator.endpoint, '--student', 'prof-lab', '--yes', '--out', tempDir('cdk-out-'), '--lang', 'en'], { timeoutMs: DEPLOY_MS });
    expect(destroyed.code, destroyed.stderr.slice(-3000)).toBe(0);
    const listing = await runCli(['cleanup', '--endpoint', emulator.endpoint, '--student', 'prof-lab', '--lang', 'en']);
    expect(listing.stdout).toMatch(/nothing|no resources/i);
  });
});
