// `grade` takes the account options every command that talks to AWS takes (issue 17, part 3):
// --endpoint reaches any AWS-compatible endpoint as verify's does (every report stamped NOT AWS),
// and --profile / --role-arn / --external-id are where a roster row without its own account
// starts from; a row's own role wins. The students' accounts are reached by AssumeRole ("Typically,
// you use AssumeRole for cross-account access", https://boto3.amazonaws.com/v1/documentation/api/1.9.41/reference/services/sts.html);
// an endpoint is AWS only by its host name (https://docs.aws.amazon.com/general/latest/gr/rande.html).
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createScenario, SCENARIOS } from '../../sandbox/scenarios/index';
import { expectOneSentence, readReport, runCli, statusMap, tempDirs } from './support';

const REGION = 'ap-northeast-2';
const ROLE = (account: string) => `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`;
const ROSTER = `student_id,name,role_arn,scenario
e01,Own Role,${ROLE('400000000001')},rds-single-az
e02,Command Role,,no-dashboard
`;
const tempDir = tempDirs('cloudmart-grade-endpoint-');

let emulator: RunningEmulator;
let rosterPath: string;

beforeAll(async () => {
  emulator = await startEmulator();
  rosterPath = path.join(tempDir(), 'roster.csv');
  writeFileSync(rosterPath, ROSTER);
  await createScenario('rds-single-az', { endpoint: emulator.endpoint, region: REGION, student: 'e01', accountId: '400000000001' });
  await createScenario('no-dashboard', { endpoint: emulator.endpoint, region: REGION, student: 'e02', accountId: '400000000002' });
}, 180_000);

afterAll(async () => {
  await emulator?.stop();
});

describe('grade --endpoint and the account options', { timeout: 150_000 }, () => {
  it('grades a roster at the endpoint, a row without its own role through --role-arn, every report stamped NOT AWS', async () => {
    const out = path.join(tempDir(), 'class');
    const run = await runCli(['grade', '--roster', rosterPath, '--endpoint', emulator.endpoint, '--role-arn', ROLE('400000000002'), '--out', out, '--lang', 'en', '--quiet'], { timeoutMs: 140_000 });
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('graded 2 of 2 student(s)');
    const e01 = readReport(path.join(out, 'e01', 'report.json'));
    const e02 = readReport(path.join(out, 'e02', 'report.json'));
    expect(e01.target).toMatchObject({ kind: 'aws', accountId: '400000000001', endpoint: emulator.endpoint, stamps: [{ kind: 'endpoint', endpoint: emulator.endpoint }] });
    expect(e02.target).toMatchObject({ kind: 'aws', accountId: '400000000002', endpoint: emulator.endpoint, stamps: [{ kind: 'endpoint', endpoint: emulator.endpoint }] });
    // What was read is each student's own deployment.
    expect(statusMap(e01)).toEqual(SCENARIOS['rds-single-az']!.expected);
    expect(statusMap(e02)).toEqual(SCENARIOS['no-dashboard']!.expected);
    expect(existsSync(path.join(out, 'class.html'))).toBe(true);
  });

  it('refuses --profile or --role-arn with --target local, and --external-id without --role-arn, in one sentence before anything starts', async () => {
    const local = await runCli(['grade', '--roster', rosterPath, '--target', 'local', '--profile', 'teacher', '--lang', 'en']);
    expect(expectOneSentence(local, 2)).toMatch(/^--target local deploys every roster row in an emulated account/);
    const external = await runCli(['grade', '--roster', rosterPath, '--endpoint', emulator.endpoint, '--external-id', 'x', '--lang', 'en']);
    expect(expectOneSentence(external, 2)).toBe('--external-id goes with --role-arn.');
  });
});
