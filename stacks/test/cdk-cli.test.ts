// The CDK CLI path that `deploy` and `destroy` take: cdk.json's app (stacks/main.ts) with the
// deployment as context, the nag gate and the built-in validation on. Synth only: no AWS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cdkCliPath } from '../../commands/cdk';
import { fakeBundleDir } from './support';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Spawning the CDK CLI (and through it tsx and aws-cdk-lib) is slow on a loaded machine:
// generous limits, since speed is not what these tests are about.
const SLOW = 240_000;
const env = { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' };

function cdk(...args: string[]) {
  return spawnSync(process.execPath, [cdkCliPath(), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: SLOW - 10_000 });
}

describe('the CDK CLI with cdk.json', () => {
  it('synthesizes the six stacks of a student without credentials, gate on', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-cdk-cli-'));
    const run = cdk('synth', '--quiet', '-o', out, '-c', 'student=kim', '-c', 'profile=lab', '-c', `workloadBundleDir=${fakeBundleDir()}`, '-c', 'expiresAt=2026-05-29T09:00:00Z');
    expect(run.stderr).not.toMatch(/telemetry|NOTICES/i);
    expect(run.status, run.stderr).toBe(0);
    const templates = readdirSync(out).filter((f) => f.endsWith('.template.json')).sort();
    expect(templates).toEqual(['App', 'Backup', 'Data', 'Frontend', 'Network', 'Observability'].map((t) => `CloudMart-kim-${t}.template.json`));
    // The built-in CloudFormation validation ran too, and nothing is left unacknowledged.
    const report = JSON.parse(readFileSync(path.join(out, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: { severity: string }[]; suppressedViolations?: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
    expect(report.pluginReports.find((r) => r.pluginName === 'AwsSolutions')?.suppressedViolations?.length).toBeGreaterThan(0);
  }, SLOW);

  it('stops with one sentence when no student is given', () => {
    const run = cdk('synth', '--quiet', '-o', mkdtempSync(path.join(os.tmpdir(), 'cloudmart-cdk-cli-')));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('cloudmart: No student given: pass -c student=ID');
  }, SLOW);
});
