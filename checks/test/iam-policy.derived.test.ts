// The read-only policy verify needs, and cleanup's policy, are generated from the
// operations the code declares; this test proves the committed JSON is what the code
// declares, that every SDK command the code imports is declared (read from the source,
// so nothing is maintained by hand twice), and that verify's policy cannot mutate.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceByPackage } from '../aws/services';
import type { DeclaredOperation } from '../aws/operations';
import { STACK_RESOURCE_DELETE_ACTIONS, stackResourceDeleteActions } from '../../cleanup/stack-resource-actions';
import { CLEANUP_OPERATIONS, CLEANUP_POLICY_FILE, cleanupPolicy } from '../../cleanup/iam/policy';
import { synthesize } from '../../stacks/test/support';
import { VERIFY_OPERATIONS, VERIFY_POLICY_FILE, verifyPolicy } from '../iam/policy';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VERIFY_SOURCES = ['checks/aws', 'checks/collectors', 'checks/discovery', 'checks/collect.ts'];
const CLEANUP_SOURCES = [...VERIFY_SOURCES, 'cleanup'];
// The janitor (cleanup/janitor/) also publishes to its own SNS topic: its stack grants that on
// the topic alone, so it is not in cleanup's policy (cleanup/test/janitor-policy.test.ts checks it).
const NOT_CLEANUP = new Set([path.join(ROOT, 'cleanup/janitor')]);

function sources(entries: string[]): string[] {
  const out: string[] = [];
  const walk = (full: string) => {
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full)) if (name !== 'test' && !NOT_CLEANUP.has(path.join(full, name))) walk(path.join(full, name));
    } else if (full.endsWith('.ts') && !full.endsWith('.test.ts')) out.push(full);
  };
  for (const entry of entries) walk(path.join(ROOT, entry));
  return out;
}

/**
 * "<iam prefix>:<Operation>" for every command class, paginator or waiter a source takes
 * from an AWS SDK client, in either form the code uses: `import { X } from '@aws-sdk/client-...'`
 * or `const { X } = awsSdk('@aws-sdk/client-...')` (checks/aws/sdk.ts). Any other use of
 * awsSdk() is a problem: the scan could not see what it sends.
 */
export function sdkOperationsIn(text: string): { operations: string[]; problems: string[] } {
  const operations: string[] = [];
  const problems: string[] = [];
  const taken: { names: string; pkg: string }[] = [];
  for (const match of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+['"](@aws-sdk\/client-[^'"]+)['"]/g)) {
    if (!match[1]) taken.push({ names: match[2]!, pkg: match[3]! }); // type-only imports send nothing
  }
  const destructured = [...text.matchAll(/const\s+\{([^}]*)\}\s*=\s*awsSdk\(\s*['"](@aws-sdk\/[^'"]+)['"]\s*\)/g)];
  for (const match of destructured) taken.push({ names: match[1]!, pkg: match[2]! });
  const calls = [...text.matchAll(/\bawsSdk\(/g)].length;
  if (calls !== destructured.length) problems.push(`${calls - destructured.length} awsSdk() call(s) not in the form const { ... } = awsSdk('<package>')`);
  for (const { names: list, pkg } of taken) {
    if (!pkg.startsWith('@aws-sdk/client-')) continue; // credential providers send STS/SSO calls of their own
    const service = serviceByPackage(pkg);
    const names = list
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n && !n.startsWith('type '))
      .map((n) => n.split(/\s+as\s+|\s*:\s*/)[0]!);
    for (const name of names) {
      const operation = name.endsWith('Command') ? name.slice(0, -'Command'.length) : name.startsWith('paginate') ? name.slice('paginate'.length) : undefined;
      if (name.startsWith('waitUntil') || name.startsWith('waitFor')) problems.push(`${name} (a waiter sends an operation its name does not tell: poll with a command instead)`);
      if (!operation) continue;
      if (!service) problems.push(`${name} from ${pkg} (a client missing from checks/aws/services.ts)`);
      else operations.push(`${service[1].iamPrefix}:${operation}`);
    }
  }
  return { operations, problems };
}

function undeclared(files: string[], declared: readonly DeclaredOperation[]): string[] {
  const names = new Set(declared.map((o) => o.name));
  return files.flatMap((file) => {
    const { operations, problems } = sdkOperationsIn(readFileSync(file, 'utf8'));
    return [...problems, ...operations.filter((o) => !names.has(o))].map((o) => `${path.relative(ROOT, file)}: ${o}`);
  });
}

function used(files: string[]): Set<string> {
  return new Set(files.flatMap((file) => sdkOperationsIn(readFileSync(file, 'utf8')).operations));
}

const MUTATING = /^(Create|Delete|Put|Update|Modify|Reboot|Terminate|Attach|Detach|Associate|Disassociate|Authorize|Revoke|Start|Stop|Run|Tag|Untag|Add|Remove|Set|Enable|Disable|Register|Deregister|Release|Allocate|Replace|Reset|Restore|Cancel|Execute|Invoke|Publish|Send|Copy|Import|Apply|Promote|Failover|Test|Rotate|Upload|Assume|Pass|Change|Purge|Batch|Schedule|Accept|Reject|Request|Increase|Decrease|Failover)/;

describe('verify-policy.json', () => {
  it('is exactly what the code declares (regenerate with: npm run iam-policy)', () => {
    expect(JSON.parse(readFileSync(VERIFY_POLICY_FILE, 'utf8'))).toEqual(verifyPolicy());
  });

  it('declares every SDK command, paginator the discovery and collectors import', () => {
    expect(undeclared(sources(VERIFY_SOURCES), VERIFY_OPERATIONS)).toEqual([]);
  });

  it('declares nothing the code does not send', () => {
    const sent = used(sources(VERIFY_SOURCES));
    expect(VERIFY_OPERATIONS.map((o) => o.name).filter((name) => !sent.has(name))).toEqual([]);
  });

  it('contains only read actions (Describe*, List*, Get*), on one Allow statement', () => {
    const policy = JSON.parse(readFileSync(VERIFY_POLICY_FILE, 'utf8')) as ReturnType<typeof verifyPolicy>;
    const actions = policy.Statement.flatMap((s) => s.Action);
    expect(actions.length).toBeGreaterThan(30);
    expect(actions.filter((a) => !/^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]+$/.test(a))).toEqual([]);
    expect(actions.filter((a) => MUTATING.test(a.split(':')[1]!))).toEqual([]);
    expect(policy.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
  });
});

describe('cleanup-policy.json', () => {
  it('is exactly what the code declares', () => {
    expect(JSON.parse(readFileSync(CLEANUP_POLICY_FILE, 'utf8'))).toEqual(cleanupPolicy());
  });

  it('declares every SDK command cleanup imports, and nothing it does not send', () => {
    const files = sources(CLEANUP_SOURCES);
    expect(undeclared(files, CLEANUP_OPERATIONS)).toEqual([]);
    const sent = used(files);
    expect(CLEANUP_OPERATIONS.map((o) => o.name).filter((name) => !sent.has(name))).toEqual([]);
  });

  it('keeps its mutating actions to deletions and what a deletion needs first', () => {
    const actions = cleanupPolicy().Statement.flatMap((s) => s.Action);
    const mutating = actions.filter((a) => MUTATING.test(a.split(':')[1]!));
    expect(mutating.length).toBeGreaterThan(20);
    // What a stack's resources' delete handlers need (DeleteStack without a service role) may go beyond Delete*.
    const stackDeletion = new Set(stackResourceDeleteActions());
    expect(
      mutating.filter(
        (a) =>
          !/:(Delete|Terminate|Release|Detach|Disassociate|Remove|Revoke)/.test(a) &&
          !['cloudfront:UpdateDistribution', 'rds:ModifyDBInstance'].includes(a) &&
          !stackDeletion.has(a),
      ),
    ).toEqual([]);
  });

  it('lets DeleteStack delete every resource type the reference stacks create (a stack without a service role uses the caller’s permissions)', () => {
    // "If no role is available, CloudFormation uses a temporary session that's generated from your user credentials": https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html
    const types = new Set<string>();
    for (const profile of ['lab', 'default', 'production'] as const) {
      for (const template of Object.values(synthesize(profile).templates)) for (const resource of Object.values(template.Resources)) types.add(resource.Type);
    }
    expect([...types].filter((t) => !(t in STACK_RESOURCE_DELETE_ACTIONS))).toEqual([]);
    const actions = new Set(cleanupPolicy().Statement.flatMap((s) => s.Action));
    for (const needed of ['ec2:DeleteRoute', 'ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'elasticloadbalancing:DeleteListener', 'iam:DeleteInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'rds:ModifyDBInstance', 'cloudformation:ListImports']) {
      expect(actions.has(needed), needed).toBe(true);
    }
  }, 120_000);
});

describe('the source scan (it can fail)', () => {
  it('finds a command nobody declared', () => {
    const text = "import { DescribeDBInstancesCommand, RebootDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';\n";
    const { operations } = sdkOperationsIn(text);
    expect(operations).toEqual(['rds:DescribeDBInstances', 'rds:RebootDBInstance']);
    const names = new Set(VERIFY_OPERATIONS.map((o) => o.name));
    expect(operations.filter((o) => !names.has(o))).toEqual(['rds:RebootDBInstance']);
  });

  it('reads paginators, ignores type-only imports and flags waiters and unknown clients', () => {
    const text = [
      "import { paginateDescribeVpcs, type Vpc } from '@aws-sdk/client-ec2';",
      "import type { DBInstance } from '@aws-sdk/client-rds';",
      "import { waitUntilDBInstanceDeleted } from '@aws-sdk/client-rds';",
      "import { ListQueuesCommand } from '@aws-sdk/client-sqs';",
    ].join('\n');
    const { operations, problems } = sdkOperationsIn(text);
    expect(operations).toEqual(['ec2:DescribeVpcs']);
    expect(problems).toHaveLength(2);
  });

  it('reads what the code takes through awsSdk(), renamed or not, and flags awsSdk() used any other way', () => {
    const text = [
      "import type { DBInstance } from '@aws-sdk/client-rds';",
      "const { RDSClient, RebootDBInstanceCommand, DescribeEventsCommand: DescribeRdsEvents } = awsSdk('@aws-sdk/client-rds');",
      "const { fromTemporaryCredentials } = awsSdk('@aws-sdk/credential-providers');",
      "const send = (c: any) => c.send(new (awsSdk('@aws-sdk/client-ec2').TerminateInstancesCommand)({}));",
    ].join('\n');
    const { operations, problems } = sdkOperationsIn(text);
    expect(operations).toEqual(['rds:RebootDBInstance', 'rds:DescribeEvents']);
    expect(problems).toEqual(['1 awsSdk() call(s) not in the form const { ... } = awsSdk(\'<package>\')']);
  });
});
