// verify in an account whose Organization limits regions, end to end: the us-east-1 tag
// search is refused (the fault proxy answers tag:GetResources there with AWS's AccessDenied
// shape), verify still grades the whole reference deployment (same statuses as the clean run),
// and the refused lookup is named in report.json's discovery and in the rendered report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from '../../commands/cleanup';
import { verify, type VerifyResult } from '../../commands/verify';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { denyServiceInRegion, startFaultProxy } from '../../test/support/faults/fault-proxy';
import { createScenario, SCENARIOS } from '../../sandbox/scenarios/index';

const REGION = 'ap-northeast-2';
let emulator: RunningEmulator;
const dirs: string[] = [];

function verifyAt(endpoint: string): Promise<VerifyResult> {
  const out = mkdtempSync(path.join(tmpdir(), 'cloudmart-region-locked-'));
  dirs.push(out);
  return verify({ target: 'aws', endpoint, region: REGION, student: 'rl', out, formats: ['json', 'html'], lang: 'en', progress: false });
}

beforeAll(async () => {
  // verify --endpoint takes its credentials from the standard chain, as for a user.
  const { accessKeyId, secretAccessKey } = emulatorCredentials();
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey });
  emulator = await startEmulator();
  await createScenario('reference', { endpoint: emulator.endpoint, region: REGION, student: 'rl' });
});

afterAll(async () => {
  await emulator?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('verify in a region-locked account', () => {
  // AWS: the region-deny SCP exempts only the global services it lists (CloudFront, IAM, ...); "any other requests to services in the us-east-1 Region are denied"
  // (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html).
  it('grades the reference as on an open account and names the refused lookup in report.json and report.html', async () => {
    const proxy = await startFaultProxy({ upstream: emulator.endpoint, rule: denyServiceInRegion('tagging', 'us-east-1') });
    let result: VerifyResult;
    try {
      result = await verifyAt(proxy.endpoint);
    } finally {
      await proxy.stop();
    }
    expect(proxy.stats.faulted).toContain('tagging:GetResources');
    const statuses = Object.fromEntries(result.report.checks.map((c) => [c.id, c.status]));
    expect(statuses).toEqual(SCENARIOS.reference!.expected);

    const refused = /CloudFront distributions tagged cloudmart:student=rl: the tag search in us-east-1 \(tag:GetResources\) was refused \(AccessDeniedException\)/;
    const json = JSON.parse(result.files.find((f) => f.path.endsWith('report.json'))!.content) as { discovery: { searched: string[] } };
    expect(json.discovery.searched.some((line) => refused.test(line))).toBe(true);
    expect(result.files.find((f) => f.path.endsWith('report.html'))!.content).toMatch(refused);
  });

  it('lets cleanup list the deployment, the distribution included, instead of stopping (read-only, no --yes)', async () => {
    const proxy = await startFaultProxy({ upstream: emulator.endpoint, rule: denyServiceInRegion('tagging', 'us-east-1') });
    try {
      const listed = await cleanup({ student: 'rl', region: REGION, endpoint: proxy.endpoint, credentials: emulatorCredentials(), lang: 'en' });
      expect(listed.exitCode).toBe(0);
      const distribution = listed.plan!.resources.find((r) => r.resource.type === 'AWS::CloudFront::Distribution');
      // The reference's distribution is a resource of its Edge stack, so it goes with the stack.
      expect(distribution).toMatchObject({ action: 'with-stack', resource: { tags: { 'cloudmart:student': 'rl' } } });
    } finally {
      await proxy.stop();
    }
    expect(proxy.stats.faulted).toContain('tagging:GetResources');
  });
});
