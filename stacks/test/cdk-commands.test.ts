// deploy / destroy / synth as commands. deploy and destroy need real AWS, so they are
// tested as far as the CDK command line they build (no AWS call); synth runs for real.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdkInvocation } from '../../commands/cdk';
import { formatSynthSummary, synth, type SynthResult } from '../../commands/synth';
import { UsageError } from '../../contract/errors';
import { fakeBundleDir } from './support';

const ROOT = path.resolve(import.meta.dirname, '../..');
const bundle = fakeBundleDir();
const now = new Date('2026-05-29T05:00:00Z');

function contextOf(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  args.forEach((arg, i) => {
    if (arg === '--context') {
      const [key, value] = args[i + 1]!.split(/=(.*)/s);
      out[key!] = value!;
    }
  });
  return out;
}

describe('deploy command line', () => {
  it('runs the local CDK CLI on the six stacks of the student, with the deployment as context', () => {
    const invocation = cdkInvocation({ action: 'deploy', student: 'kim', profile: 'lab', workloadBundleDir: bundle, now });
    expect(invocation.command).toBe(process.execPath);
    expect(invocation.args[0]).toBe(path.join(ROOT, 'node_modules/aws-cdk/bin/cdk'));
    expect(invocation.args.slice(1, 8)).toEqual(['deploy', 'CloudMart-kim-Network', 'CloudMart-kim-Data', 'CloudMart-kim-App', 'CloudMart-kim-Frontend', 'CloudMart-kim-Observability', 'CloudMart-kim-Backup']);
    expect(contextOf(invocation.args)).toEqual({ student: 'kim', profile: 'lab', expiresAt: '2026-05-29T07:00:00Z', workloadBundleDir: bundle });
    expect(invocation.args).toEqual(expect.arrayContaining(['--require-approval', 'broadening', '--no-notices']));
    expect(invocation.env).toEqual({ CDK_DISABLE_CLI_TELEMETRY: 'true' });
    expect(invocation.cwd).toBe(ROOT);
  });

  it('skips the approval prompt only with --yes and passes the AWS profile, alarm e-mail and drill switch', () => {
    const invocation = cdkInvocation({ action: 'deploy', student: 'kim', workloadBundleDir: bundle, yes: true, awsProfile: 'class', alarmEmail: 'kim@example.com', drillEndpoints: true, expiresAt: '2026-05-29T09:00:00Z' });
    expect(invocation.args).toEqual(expect.arrayContaining(['--require-approval', 'never', '--profile', 'class']));
    expect(contextOf(invocation.args)).toMatchObject({ profile: 'default', alarmEmail: 'kim@example.com', drillEndpoints: 'true', expiresAt: '2026-05-29T09:00:00Z' });
  });

  it('passes --drill-source-cidr as the drillSourceCidr context, and refuses one that is not an IPv4 CIDR or comes without --drill-endpoints', () => {
    const invocation = cdkInvocation({ action: 'deploy', student: 'kim', workloadBundleDir: bundle, drillEndpoints: true, drillSourceCidr: '203.0.113.7/32' });
    expect(contextOf(invocation.args)).toMatchObject({ drillEndpoints: 'true', drillSourceCidr: '203.0.113.7/32' });
    expect(contextOf(cdkInvocation({ action: 'deploy', student: 'kim', workloadBundleDir: bundle, drillEndpoints: true }).args)).not.toHaveProperty('drillSourceCidr');
    expect(() => cdkInvocation({ action: 'deploy', student: 'kim', workloadBundleDir: bundle, drillEndpoints: true, drillSourceCidr: '203.0.113.7' })).toThrow(
      /^Invalid --drill-source-cidr 203\.0\.113\.7: give an IPv4 CIDR such as 203\.0\.113\.7\/32, together with --drill-endpoints\.$/,
    );
    expect(() => cdkInvocation({ action: 'deploy', student: 'kim', workloadBundleDir: bundle, drillSourceCidr: '203.0.113.7/32' })).toThrow(UsageError);
  });

  it('refuses a bad student ID or expiry before anything runs', () => {
    expect(() => cdkInvocation({ action: 'deploy', student: 'Kim Minsu', workloadBundleDir: bundle })).toThrow(UsageError);
    expect(() => cdkInvocation({ action: 'deploy', student: 'kim', workloadBundleDir: bundle, expiresAt: 'soon' })).toThrow(/expires-at/);
  });

  it('uses the app and the telemetry/notice settings of cdk.json', () => {
    const cdkJson = JSON.parse(readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as Record<string, unknown>;
    expect(cdkJson.app).toBe('npx tsx stacks/main.ts');
    expect(cdkJson.notices).toBe(false);
    expect(cdkJson.versionReporting).toBe(false);
    expect((cdkJson.context as Record<string, unknown>)['cli-telemetry']).toBe(false);
  });
});

describe('destroy command line', () => {
  it('destroys the same six stacks, forcing only with --yes', () => {
    const asks = cdkInvocation({ action: 'destroy', student: 'kim', workloadBundleDir: bundle, now });
    expect(asks.args.slice(1, 8)).toEqual(['destroy', ...asks.stacks]);
    expect(asks.args).not.toContain('--force');
    expect(cdkInvocation({ action: 'destroy', student: 'kim', workloadBundleDir: bundle, yes: true }).args).toContain('--force');
  });
});

describe('synth command', () => {
  let result: SynthResult;

  beforeAll(async () => {
    result = await synth({
      student: 'kim',
      profile: 'production',
      expiresAt: '2026-05-29T09:00:00Z',
      workloadBundleDir: bundle,
      outdir: mkdtempSync(path.join(os.tmpdir(), 'cloudmart-synth-')),
      builtinValidation: false,
    });
  });

  it('passes: no unacknowledged finding, within budget', () => {
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.nag.unacknowledged).toEqual([]);
    expect(result.cost.withinBudget).toBe(true);
  });

  it('prints the stacks, the nag summary and the cost estimate', () => {
    const text = formatSynthSummary(result, 'en');
    for (const stack of result.stacks) expect(text).toContain(stack.name);
    expect(text).toMatch(/cdk-nag \(AwsSolutions, CloudMart\): 0 unacknowledged, \d+ acknowledged/);
    expect(text).toMatch(/Total\s+USD 0\.\d{4}\s+\(budget USD 0\.80: within budget\)/);
    expect(text).toContain('synth: OK');
  });

  it('fails when the estimate exceeds the budget', async () => {
    const tight = await synth({ student: 'kim', workloadBundleDir: bundle, outdir: mkdtempSync(path.join(os.tmpdir(), 'cloudmart-synth-')), builtinValidation: false, budgetUsd: 0.01 });
    expect(tight.ok).toBe(false);
    expect(tight.problems.map((p) => p.en).join(' ')).toMatch(/over the USD 0\.01 budget/);
    expect(formatSynthSummary(tight, 'en')).toContain('synth: FAILED');
    expect(formatSynthSummary(tight, 'ko')).toMatch(/synth: 실패\n {2}- 예상 비용\(USD \d+\.\d{2}\)이 50분 예산 USD 0\.01을\(를\) 넘습니다\./);
  });

  it('prints Korean by default: headings, the nag summary, the total and the verdict', () => {
    const text = formatSynthSummary(result);
    expect(text).toMatch(/^학생 "kim"의 CloudMart 참조 스택, 프로필 production/);
    expect(text).toMatch(/cdk-nag \(AwsSolutions, CloudMart\): 예외 인정 안 됨 0건, 예외 인정 \d+건/);
    expect(text).toMatch(/합계\s+USD 0\.\d{4}\s+\(예산 USD 0\.80: 예산 안\)/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('synth: 통과');
    expect(text).not.toMatch(/Stacks \(deployment order\)|Cost estimate|within budget|synth: OK/);
  });
});
