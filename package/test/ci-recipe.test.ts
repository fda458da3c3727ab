// The CI recipe for instructors (examples/github-actions/verify.yml) works as written: it is
// valid YAML with the shape of a workflow, every `cloudmart` command it runs exists and takes
// the options it passes, every variable its commands read is set, and its verify command,
// run as written (from a saved inventory instead of AWS), writes the files the later steps
// publish.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { saveSnapshot } from '../../checks/inventory/snapshot';
import { referenceInventory } from '../../fixtures/inventories/reference';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RECIPE = path.join(ROOT, 'examples/github-actions/verify.yml');
const CLI = path.join(ROOT, 'bin/cloudmart.js');
/** Variables GitHub sets in every job (https://docs.github.com/en/actions/reference/variables-reference). */
const GITHUB_VARIABLES = new Set(['GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_WORKSPACE']);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Workflow {
  on: { workflow_dispatch: { inputs: Record<string, { default?: string }> } };
  permissions: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'ci-recipe-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Shell words of one command line: quotes removed, `\` line continuations joined. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Every `cloudmart ...` command line of a run block. */
function cloudmartLines(run: string): string[][] {
  return run
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => words(line.trim()))
    .filter((w) => w[0] === 'cloudmart');
}

async function cli(args: string[], cwd = work): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** What is wrong with one `cloudmart` line: an unknown command, or options the command does not declare. */
async function problemsOf(line: string[]): Promise<string[]> {
  const command = line[1]!;
  const help = await cli([command, '--help']);
  if (help.code !== 0 || !help.stdout.startsWith(`Usage: cloudmart ${command} `)) return [`no command "${command}"`];
  const declared = new Set([...help.stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!));
  return line.filter((w) => w.startsWith('--')).filter((o) => !declared.has(o)).map((o) => `cloudmart ${command} has no option ${o}`);
}

const workflow = parse(readFileSync(RECIPE, 'utf8'), { strict: true, uniqueKeys: true }) as Workflow;
const job = workflow.jobs.verify!;
const lines = job.steps.flatMap((step) => (step.run ? cloudmartLines(step.run) : []));

describe('examples/github-actions/verify.yml', () => {
  it('is a workflow: a job of steps, the OIDC token permission, the inputs it reads', () => {
    expect(job.steps.length).toBeGreaterThan(3);
    for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run), JSON.stringify(step)).toBe(true);
    expect(workflow.permissions['id-token']).toBe('write');
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(['student', 'min-score']);
    expect(job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with?.['role-to-assume']).toBeDefined();
  });

  it('runs cloudmart verify with --format junit,md and --min-score', () => {
    expect(lines.map((l) => l.slice(0, 2).join(' '))).toEqual(['cloudmart verify']);
    const verify = lines[0]!;
    expect(verify[verify.indexOf('--format') + 1]).toBe('junit,md');
    expect(verify).toContain('--min-score');
  });

  it('every cloudmart command exists with the options it passes', async () => {
    for (const line of lines) expect(await problemsOf(line)).toEqual([]);
  });

  it('the check can fail: an unknown command or option is named', async () => {
    expect(await problemsOf(['cloudmart', 'verfy', '--student', 'x'])).toEqual(['no command "verfy"']);
    expect(await problemsOf(['cloudmart', 'verify', '--student', 'x', '--formats', 'md'])).toEqual(['cloudmart verify has no option --formats']);
  });

  it('every variable a run step reads is set by the job, the step or GitHub', () => {
    for (const step of job.steps.filter((s) => s.run)) {
      const set = new Set([...Object.keys(job.env ?? {}), ...Object.keys(step.env ?? {}), ...GITHUB_VARIABLES]);
      const read = [...step.run!.matchAll(/\$\{?([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]!);
      expect(read.filter((name) => !set.has(name)), step.name).toEqual([]);
    }
  });

  it('its verify, run as written on a saved inventory, writes what the later steps publish', async () => {
    const snapshot = path.join(work, 'reference.inventory.json');
    writeFileSync(snapshot, saveSnapshot(referenceInventory()));
    const minScore = workflow.on.workflow_dispatch.inputs['min-score']!.default!;
    // The recipe's line with its variables filled in, and a saved inventory in place of AWS.
    const [, ...args] = lines[0]!.map((w) => (w === '$MIN_SCORE' ? minScore : w));
    const asWritten = args.flatMap((w, i) => (w === '--student' ? ['--from-snapshot'] : args[i - 1] === '--student' ? [snapshot] : [w]));
    const result = await cli(asWritten);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const published = job.steps.flatMap((s) => [s.with?.report_paths, ...[...(s.run ?? '').matchAll(/cat (\S+)/g)].map((m) => m[1])]).filter((p): p is string => Boolean(p));
    expect(published).toEqual(expect.arrayContaining(['reports/out/junit.xml', 'reports/out/report.md']));
    for (const file of published) expect(existsSync(path.join(work, file)), file).toBe(true);
  });
});
