// The live suites run through vitest (runCheckSuites) give exactly the outcomes of the pure
// evaluation (evaluateChecks), build a complete CheckRun, print one progress line per suite,
// and run from any directory without the project's vitest.config.ts.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { IDS, referenceInventory } from '../../fixtures/inventories/reference';
import { derive } from '../../fixtures/inventories/sdk';
import { withoutRedis } from '../../fixtures/inventories/variants';
import { CheckRun, type Target } from '../../contract/report';
import { resolveCheckConfig } from '../config';
import type { Inventory } from '../inventory/types';
import { read } from '../rules/lib/collected';
import { evaluateChecks, runCheckSuites, runCheckSuitesForMany } from '../run-check-suites';

const ROOT = path.resolve(import.meta.dirname, '../..');
const target: Target = { kind: 'local', region: 'ap-northeast-2', accountId: '123456789012', student: 's01', emulated: true };

/** A deployment with a bit of everything: fails, an error, not-applicable checks. */
function mixed(): Inventory {
  return derive(withoutRedis() as Inventory, (inv) => {
    read(inv.rds.instances)[0]!.MultiAZ = false;
    read(inv.ec2.securityGroups).find((g) => g.GroupId === IDS.sg.app)!.IpPermissions!.push({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
    inv.logs.logGroups = { status: 'not-collected', operation: 'logs:DescribeLogGroups', reason: 'AccessDenied: no logs:DescribeLogGroups' };
  });
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

describe('runCheckSuites', () => {
  it('passes every check of the reference, as evaluateChecks does, and prints one line per suite', async () => {
    const inventory: Inventory = referenceInventory();
    const progress = new PassThrough();
    const output = collect(progress);
    const run = await runCheckSuites({ inventory, target, progress });
    expect(CheckRun.parse(run)).toEqual(run);
    expect(run.checks).toEqual(evaluateChecks(inventory));
    expect(run.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(run.target).toEqual(target);
    expect(run.discovery).toEqual({
      stackPrefix: 'CloudMart-s01-',
      stacks: inventory.discovery.stacks.map((s) => s.name),
      resourceCount: inventory.discovery.resources.length,
      searched: inventory.discovery.searched,
    });
    expect(Date.parse(run.finishedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
    expect(output().split('\n').filter(Boolean)).toEqual([
      `architecture        ${'✓'.repeat(10)}  10/10 passed`,
      `high-availability   ${'✓'.repeat(10)}  10/10 passed`,
      `security            ${'✓'.repeat(13)}  13/13 passed`,
      `monitoring          ${'✓'.repeat(6)}  6/6 passed`,
    ]);
  });

  it('reports fail, error and not-applicable exactly as evaluateChecks, and leaves process.exitCode alone', async () => {
    const inventory = mixed();
    const progress = new PassThrough();
    const output = collect(progress);
    const before = process.exitCode;
    const run = await runCheckSuites({ inventory, target, progress });
    expect(process.exitCode).toBe(before);
    expect(run.checks).toEqual(evaluateChecks(inventory));
    const status = Object.fromEntries(run.checks.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({
      'rds.multi-az': 'fail',
      'sg.app-from-alb-only': 'fail',
      'elasticache.redis-present': 'fail',
      'elasticache.automatic-failover': 'not-applicable',
      'sg.cache-from-app-only': 'not-applicable',
      'logs.retention': 'error',
      'asg.multi-az': 'pass',
    });
    expect(run.checks.find((c) => c.id === 'logs.retention')!.summary?.en).toBe('logs:DescribeLogGroups was not collected: AccessDenied: no logs:DescribeLogGroups');
    const lines = output().split('\n').filter(Boolean);
    expect(lines[1]).toMatch(/^high-availability\s+[✓✗!-]{10}  \d+\/10 passed \(1 failed, 2 n\/a\)$/);
    expect(lines[3]).toContain('(1 error)');
  });

  it('uses the given config', async () => {
    const run = await runCheckSuites({ inventory: referenceInventory(), target, config: resolveCheckConfig({ budgetUsd: 0.05 }), progress: false });
    expect(run.checks.find((c) => c.id === 'cost.within-budget')!.status).toBe('fail');
  });
});

describe('runCheckSuitesForMany (a class in one vitest run)', () => {
  it("gives each deployment exactly its own outcomes, in the order given", async () => {
    const inputs = [
      { inventory: referenceInventory(), target: { ...target, student: 'kim' } },
      { inventory: mixed(), target: { ...target, student: 'lee' } },
      { inventory: referenceInventory(), target: { ...target, student: 'park' }, config: resolveCheckConfig({ budgetUsd: 0.05 }) },
    ];
    const runs = await runCheckSuitesForMany(inputs, { progress: false });
    expect(runs.map((r) => r.target.student)).toEqual(['kim', 'lee', 'park']);
    expect(runs[0]!.checks).toEqual(evaluateChecks(inputs[0]!.inventory));
    expect(runs[1]!.checks).toEqual(evaluateChecks(inputs[1]!.inventory));
    expect(runs[2]!.checks).toEqual(evaluateChecks(inputs[2]!.inventory, inputs[2]!.config));
    expect(runs[2]!.checks.find((c) => c.id === 'cost.within-budget')!.status).toBe('fail');
    for (const run of runs) expect(CheckRun.safeParse(run).success).toBe(true);
  });

  it('refuses two deployments of the same student', async () => {
    const inputs = [
      { inventory: referenceInventory(), target },
      { inventory: referenceInventory(), target },
    ];
    await expect(runCheckSuitesForMany(inputs, { progress: false })).rejects.toThrow(/share the key s01/);
  });
});

describe('runCheckSuites from another directory', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-live-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the suites with their own config when the cwd is elsewhere', async () => {
    const script = path.join(dir, 'run.mts');
    writeFileSync(
      script,
      [
        `import { runCheckSuites } from ${JSON.stringify(path.join(ROOT, 'checks/run-check-suites.ts'))};`,
        `import { referenceInventory } from ${JSON.stringify(path.join(ROOT, 'fixtures/inventories/reference.ts'))};`,
        `const run = await runCheckSuites({ inventory: referenceInventory(), target: ${JSON.stringify(target)}, progress: false });`,
        `process.stdout.write(JSON.stringify(run.checks.map((c) => c.status)));`,
      ].join('\n'),
    );
    // tsx is loaded by absolute path: nothing in the temporary directory resolves from the project.
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, script], { cwd: dir });
    const statuses = JSON.parse(stdout) as string[];
    expect(statuses).toHaveLength(39);
    expect(new Set(statuses)).toEqual(new Set(['pass']));
  });
});
