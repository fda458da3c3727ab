// `cloudmart verify` from the command line when something is wrong: every failure ends with
// its exit code of interface.md (2 usage or configuration, 3 no credentials or unreachable)
// and ONE sentence on stderr, never a stack trace; and --min-score decides the exit code of a
// graded run. The CLI runs as a child process against one emulator shared by the file.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInventory } from '../../checks/collect';
import { saveSnapshot } from '../../checks/inventory/snapshot';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { closedPortEndpoint } from '../../test/support/faults/closed-port';
import { expireCredentials, startFaultProxy, type ProxiedRequest } from '../../test/support/faults/fault-proxy';
import { createScenario } from '../../sandbox/scenarios/index';
import { expectOneSentence, readReport, REGION, ROOT, runCli, tempDirs, userEnv } from './support';

let emulator: RunningEmulator;
let snapshotFile: string;
const tempDir = tempDirs('cloudmart-verify-errors-');

beforeAll(async () => {
  emulator = await startEmulator();
  await createScenario('rds-single-az', { endpoint: emulator.endpoint, region: REGION, student: 'kim' });
  const inventory = await collectInventory({ student: 'kim', region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });
  snapshotFile = path.join(tempDir(), 'kim.inventory.json');
  writeFileSync(snapshotFile, saveSnapshot(inventory));
});

afterAll(async () => {
  await emulator?.stop();
});

// --lang en: these tests read the English sentences (Korean, the default, is tested in error-language.cli.test.ts).
const verifyArgs = (...more: string[]) => ['verify', '--quiet', '--lang', 'en', '--out', path.join(tempDir(), 'out'), ...more];

describe.concurrent('verify exit codes and one-sentence errors', { timeout: 120_000 }, () => {
  it('exits 3 when no credentials can be found (no AWS_* variables, empty HOME)', async () => {
    const home = tempDir();
    const run = await runCli(verifyArgs('--endpoint', emulator.endpoint, '--student', 'kim'), { env: userEnv({ HOME: home }) });
    const sentence = expectOneSentence(run, 3);
    expect(sentence).toMatch(/^No AWS credentials were found \(.*\); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });

  it('exits 3 when the credentials have expired (ExpiredToken from STS)', async () => {
    const proxy = await startFaultProxy({ upstream: emulator.endpoint, rule: expireCredentials('sts') });
    try {
      const run = await runCli(verifyArgs('--endpoint', proxy.endpoint, '--student', 'kim'));
      expect(expectOneSentence(run, 3)).toBe('The AWS credentials have expired (ExpiredToken); refresh them (e.g. "aws sso login") and run again.');
      expect(proxy.stats.faults['expired-token']).toBeGreaterThan(0);
    } finally {
      await proxy.stop();
    }
  });

  it('exits 3 when nothing listens at the endpoint', async () => {
    const endpoint = await closedPortEndpoint();
    const run = await runCli(verifyArgs('--endpoint', endpoint, '--student', 'kim'));
    expect(expectOneSentence(run, 3)).toBe(`Cannot reach the endpoint ${endpoint} (ECONNREFUSED); is the emulator or service running there?`);
  });

  it('exits 2 when no deployment is found, saying what was searched', async () => {
    const run = await runCli(verifyArgs('--endpoint', emulator.endpoint, '--student', 'nobody'));
    const sentence = expectOneSentence(run, 2);
    expect(sentence).toContain('No CloudMart deployment found for student "nobody"');
    expect(sentence).toContain('no CloudFormation stack named "CloudMart-nobody-*"');
    expect(sentence).toContain('no resource tagged cloudmart:student=nobody');
    expect(sentence).toContain(`in ${REGION}, account 123456789012`);
  });

  it('exits 2 for a malformed region with --target local, before the emulator starts', async () => {
    const run = await runCli(verifyArgs('--target', 'local', '--region', 'seoul'));
    expect(expectOneSentence(run, 2)).toBe('"seoul" is not an AWS region name (they look like ap-northeast-2); pass --region with the region you deployed to.');
    expect(run.stdout).not.toContain('starting the local AWS emulator');
  });

  it('exits 2 for --from-snapshot of a file that is not a snapshot (one line, even when the file has several)', async () => {
    const notJson = path.join(tempDir(), 'notes.txt');
    writeFileSync(notJson, 'my deployment notes\nline two\n');
    const run = await runCli(verifyArgs('--from-snapshot', notJson));
    expect(expectOneSentence(run, 2)).toMatch(/^notes\.txt is not a JSON file \(.*\); pass a file written by verify --snapshot-out\.$/);
  });

  it('exits 2 for an unknown --format', async () => {
    const run = await runCli(verifyArgs('--from-snapshot', snapshotFile, '--format', 'html,pdf'));
    expect(expectOneSentence(run, 2)).toBe('Unknown report format pdf: choose from html, md, junit, json, csv.');
  });

  it('exits 2 for --scenario without --target local', async () => {
    const run = await runCli(verifyArgs('--endpoint', emulator.endpoint, '--student', 'kim', '--scenario', 'rds-single-az'));
    expect(expectOneSentence(run, 2)).toBe('--scenario only applies to --target local (it names the emulated deployment to create).');
  });

  it('exits 2 for a rubric whose weights do not add up to 100, before any AWS call', async () => {
    const rubric = path.join(tempDir(), 'rubric.yaml');
    // The course rubric with one weight changed: everything else in it is valid.
    writeFileSync(rubric, readFileSync(path.join(ROOT, 'reports/rubric/default.yaml'), 'utf8').replace(/^  monitoring: 20$/m, '  monitoring: 10'));
    const seen: ProxiedRequest[] = [];
    const proxy = await startFaultProxy({
      upstream: emulator.endpoint,
      rule: (request) => {
        seen.push(request);
        return undefined;
      },
    });
    try {
      const run = await runCli(verifyArgs('--endpoint', proxy.endpoint, '--student', 'kim', '--rubric', rubric));
      expect(expectOneSentence(run, 2)).toBe(
        `${rubric}: the category weights add up to 90, they must add up to 100 (architecture 30 + high-availability 30 + security 20 + monitoring 10).`,
      );
      expect(seen).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it('exits 2 for a --min-score that is not a number', async () => {
    const run = await runCli(verifyArgs('--from-snapshot', snapshotFile, '--min-score', 'eighty'));
    expect(expectOneSentence(run, 2)).toBe('--min-score must be a number from 0 to 100, not "eighty".');
  });

  it('with --min-score exits 0 when the score reaches it and 1 when it does not (a failing deployment)', async () => {
    const [outLow, outHigh] = [path.join(tempDir(), 'low'), path.join(tempDir(), 'high')];
    const [low, high] = await Promise.all([
      runCli(['verify', '--quiet', '--from-snapshot', snapshotFile, '--out', outLow, '--min-score', '50'], { env: userEnv() }),
      runCli(['verify', '--quiet', '--from-snapshot', snapshotFile, '--out', outHigh, '--min-score', '100'], { env: userEnv() }),
    ]);
    expect(low.stderr).toBe('');
    expect(low.code).toBe(0);
    expect(high.stderr).toBe('');
    expect(high.code).toBe(1);
    // The same deployment both times: rds.multi-az fails, the score is between the two bars.
    const report = readReport(path.join(outLow, 'report.json'));
    expect(report.checks.find((c) => c.id === 'rds.multi-az')!.status).toBe('fail');
    expect(report.score.percent).toBeGreaterThanOrEqual(50);
    expect(report.score.percent).toBeLessThan(100);
    expect(readReport(path.join(outHigh, 'report.json')).score).toEqual(report.score);
  });
});
