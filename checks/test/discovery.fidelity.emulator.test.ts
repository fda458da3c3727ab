// Tags that only the right API reads (issue 12, items 4 and 8), on the scenarios of
// sandbox/scenarios/catalog/discovery-fidelity.ts: IAM roles of a stack are judged on their
// iam:ListRoleTags tags (never "unreadable" because the tagging API leaves roles out), a bucket
// in another region is judged on the tags S3 gives in that region, and a tag lookup that
// fails says so (tagsUnreadable) and makes tags.cleanup `error`, never a pass or a wrong fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { startFaultProxy, type FaultRule } from '../../test/support/faults/fault-proxy';
import { ASSETS_REGION, assetsBucketName, logRetentionRoleName } from '../../sandbox/scenarios/catalog/discovery-fidelity';
import { createScenario, emulatedAccountCredentials, SCENARIOS, type AwsCredentials } from '../../sandbox/scenarios/index';
import { collectInventory } from '../collect';
import { DEFAULT_CHECK_CONFIG } from '../config';
import type { Inventory } from '../inventory/types';
import { evaluateChecks } from '../run-check-suites';

const REGION = 'ap-northeast-2';
let emulator: RunningEmulator;

interface Built {
  student: string;
  accountId: string;
  credentials: AwsCredentials;
  inventory: Inventory;
}
const built = new Map<string, Built>();

async function build(name: string, accountId: string): Promise<Built> {
  const student = 'fid';
  await createScenario(name, { endpoint: emulator.endpoint, region: REGION, student, accountId });
  const credentials = await emulatedAccountCredentials({ endpoint: emulator.endpoint, region: REGION, accountId });
  const inventory = await collectInventory({ student, region: REGION, endpoint: emulator.endpoint, credentials });
  return { student, accountId, credentials, inventory };
}

const statuses = (inventory: Inventory) => Object.fromEntries(evaluateChecks(inventory, DEFAULT_CHECK_CONFIG).map((o) => [o.id, o.status]));
const tagsCleanup = (inventory: Inventory) => evaluateChecks(inventory, DEFAULT_CHECK_CONFIG).find((o) => o.id === 'tags.cleanup')!;

beforeAll(async () => {
  emulator = await startEmulator();
  const names = ['roles-in-stack', 'role-without-cleanup-tags', 'assets-bucket-us-east-1'];
  for (const [index, name] of names.entries()) built.set(name, await build(name, String(420000000000 + index)));
});

afterAll(async () => {
  await emulator?.stop();
});

describe('IAM roles of the deployment’s stacks', () => {
  // AWS: "IAM users and roles can only be used in TagResource and UntagResources operations. The GetResources operation does not currently support IAM users and roles" (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/supported-services.html).
  it('reads a role’s tags with iam:ListRoleTags, once per role, and passes every check of roles-in-stack', () => {
    const { inventory } = built.get('roles-in-stack')!;
    const role = inventory.discovery.resources.find((r) => r.type === 'AWS::IAM::Role');
    expect(role).toMatchObject({ id: logRetentionRoleName('fid'), via: ['stack'], tags: { 'cloudmart:student': 'fid', 'cloudmart:expires-at': expect.any(String) } });
    expect(role).not.toHaveProperty('tagsUnreadable');
    expect(inventory.calls['iam:ListRoleTags']).toBe(1);
    expect(statuses(inventory)).toEqual(SCENARIOS['roles-in-stack']!.expected);
  });

  it('fails tags.cleanup on a role whose IAM tags lack the cleanup tags, naming the role', () => {
    const { inventory } = built.get('role-without-cleanup-tags')!;
    const outcome = tagsCleanup(inventory);
    expect(outcome.status).toBe('fail');
    expect(outcome.resources.map((r) => r.id)).toEqual([logRetentionRoleName('fid')]);
    expect(statuses(inventory)).toEqual(SCENARIOS['role-without-cleanup-tags']!.expected);
  });

  it('says the role’s tags are unreadable (and tags.cleanup is error) when iam:ListRoleTags is denied', async () => {
    const { student, credentials } = built.get('roles-in-stack')!;
    const denyRoleTags: FaultRule = (request) => (request.service === 'iam' && request.operation === 'ListRoleTags' ? 'access-denied' : undefined);
    const proxy = await startFaultProxy({ upstream: emulator.endpoint, rule: denyRoleTags });
    try {
      const inventory = await collectInventory({ student, region: REGION, endpoint: proxy.endpoint, credentials });
      const role = inventory.discovery.resources.find((r) => r.type === 'AWS::IAM::Role');
      expect(role).toMatchObject({ tags: null, tagsUnreadable: expect.stringMatching(/^AccessDenied: .*iam:ListRoleTags/) });
      const outcome = tagsCleanup(inventory);
      expect(outcome.status).toBe('error');
      // The student reads which call failed, so they know which permission is missing.
      expect(outcome.summary?.en).toMatch(/could not be read \(AccessDenied: .*iam:ListRoleTags/);
      expect(outcome.summary?.ko).toMatch(/태그를 읽지 못했습니다 \(AccessDenied: .*iam:ListRoleTags/);
    } finally {
      await proxy.stop();
    }
  });
});

describe('a bucket in another region', () => {
  // AWS: GetResources "returns all the tagged or previously tagged resources that are located in the specified Region" (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html).
  it('reads its tags from S3 in its own region, and passes every check of assets-bucket-us-east-1', () => {
    const { inventory } = built.get('assets-bucket-us-east-1')!;
    const name = assetsBucketName({ student: 'fid', accountId: built.get('assets-bucket-us-east-1')!.accountId });
    expect(inventory.s3.buckets.status === 'collected' && inventory.s3.buckets.data.find((b) => b.name === name)?.region).toBe(ASSETS_REGION);
    const bucket = inventory.discovery.resources.find((r) => r.type === 'AWS::S3::Bucket' && r.id === name);
    expect(bucket).toMatchObject({ via: ['graph'], tags: { 'cloudmart:student': 'fid', 'cloudmart:expires-at': expect.any(String) } });
    expect(statuses(inventory)).toEqual(SCENARIOS['assets-bucket-us-east-1']!.expected);
  });
});
