// The instructor's side of waivers from the command line: `waivers keygen` (the private key
// readable by its owner only), `waivers sign`, `waivers check` (exit 0 trusted, 1 changed
// after signing), then `verify --waivers --waiver-key` on a defect scenario's saved inventory:
// the failed check becomes `waived` with its reason in report.json and report.md; the same
// file signed with another key changes nothing and is listed in waiversIgnored.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../cli/files';
import { collectInventory } from '../../checks/collect';
import { saveSnapshot } from '../../checks/inventory/snapshot';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { createScenario, SCENARIOS } from '../../sandbox/scenarios/index';
import { keygenWaivers, signWaiverFile } from '../waivers';
import { readReport, REGION, runCli, statusMap, tempDirs, userEnv } from './support';

const tempDir = tempDirs('cloudmart-waivers-');
const REASON = 'Single-AZ RDS approved for the budget lab (강사 승인)';
let emulator: RunningEmulator;
let snapshot: string;
let keys: string;
let waiverFile: string;

const privateKey = () => path.join(keys, 'instructor-waivers.key.pem');
const publicKey = () => path.join(keys, 'instructor-waivers.pub.pem');

function unsignedWaivers(): string {
  return [
    'format: cloudmart-waivers/v1',
    'waivers:',
    '  - check: rds.multi-az',
    '    student: kim',
    `    reason: "${REASON}"`,
    '    approver: Instructor Park',
    '    expires: "2099-12-31"',
    '  - check: sg.db-from-app-only',
    '    student: "*"',
    '    reason: lab shortcut',
    '    approver: Instructor Park',
    '    expires: "2099-12-31"',
    '',
  ].join('\n');
}

beforeAll(async () => {
  emulator = await startEmulator();
  await createScenario('rds-single-az', { endpoint: emulator.endpoint, region: REGION, student: 'kim' });
  const inventory = await collectInventory({ student: 'kim', region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });
  snapshot = path.join(tempDir(), 'kim.inventory.json');
  writeFileSync(snapshot, saveSnapshot(inventory));
  await emulator.stop();
});

afterAll(async () => {
  await emulator?.stop();
});

describe('waivers keygen, sign, check', { timeout: 120_000 }, () => {
  it('keygen writes a private key only its owner can read, and a public key', async () => {
    keys = tempDir();
    const run = await runCli(['waivers', 'keygen', '--lang', 'en', '--dir', keys], { env: userEnv() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^key id [0-9a-f]{16}\n/);
    expect(run.stdout).toContain(`wrote ${privateKey()}`);
    expect(statSync(privateKey()).mode & 0o777).toBe(0o600);
    expect(readFileSync(privateKey(), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(readFileSync(publicKey(), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it('sign, then check: trusted (exit 0); unsigned, or edited after signing: not trusted (exit 1)', async () => {
    waiverFile = path.join(tempDir(), 'waivers.yaml');
    writeFileSync(waiverFile, unsignedWaivers());
    const unsignedCopy = path.join(tempDir(), 'unsigned.yaml');
    writeFileSync(unsignedCopy, unsignedWaivers());
    const [sign, unsigned] = await Promise.all([
      runCli(['waivers', 'sign', '--lang', 'en', '--file', waiverFile, '--key', privateKey()], { env: userEnv() }),
      runCli(['waivers', 'check', '--lang', 'en', '--file', unsignedCopy, '--key', publicKey()], { env: userEnv() }),
    ]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stdout).toBe('NOT trusted, every waiver in it will be ignored: the waiver file is not signed\n');
    expect(sign.code, sign.stderr).toBe(0);
    expect(sign.stdout).toBe(`signed 2 waiver(s): ${waiverFile}\n`);

    // A student extends their own waiver: the signature no longer verifies.
    const edited = path.join(tempDir(), 'edited.yaml');
    writeFileSync(edited, readFileSync(waiverFile, 'utf8').replace('"2099-12-31"', '"2100-12-31"'));
    expect(readFileSync(edited, 'utf8')).not.toBe(readFileSync(waiverFile, 'utf8'));
    const [check, tampered] = await Promise.all([
      runCli(['waivers', 'check', '--lang', 'en', '--file', waiverFile, '--key', publicKey()], { env: userEnv() }),
      runCli(['waivers', 'check', '--lang', 'en', '--file', edited, '--key', publicKey()], { env: userEnv() }),
    ]);
    expect(check.code).toBe(0);
    expect(check.stdout).toBe("trusted: 2 waiver(s) signed with the instructor's key\n");
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toBe("NOT trusted, every waiver in it will be ignored: the waiver file's signature does not verify (it was changed after signing)\n");
  });
});

describe('verify --waivers --waiver-key', { timeout: 120_000 }, () => {
  it('turns the failed check into waived, with its reason in report.json and report.md (exit 0)', async () => {
    const out = tempDir();
    const run = await runCli(
      ['verify', '--quiet', '--from-snapshot', snapshot, '--waivers', waiverFile, '--waiver-key', publicKey(), '--out', out, '--lang', 'en'],
      { env: userEnv() },
    );
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    const report = readReport(path.join(out, 'report.json'));
    expect(statusMap(report)).toEqual({ ...SCENARIOS['rds-single-az']!.expected, 'rds.multi-az': 'waived' });
    expect(report.checks.find((c) => c.id === 'rds.multi-az')).toMatchObject({
      status: 'waived',
      originalStatus: 'fail',
      waiver: { reason: REASON, approver: 'Instructor Park', expires: '2099-12-31' },
    });
    // The never-waivable waiver is ignored and said so; it passed anyway.
    expect(report.waiversIgnored).toEqual([
      {
        checkId: 'sg.db-from-app-only',
        student: '*',
        reason: 'sg.db-from-app-only can never be waived (the rubric lists it as never-waivable)',
        reasonKo: 'sg.db-from-app-only은(는) 면제할 수 없습니다 (채점 기준이 면제 불가로 정함)',
      },
    ]);
    const markdown = readFileSync(path.join(out, 'report.md'), 'utf8').replace(/\\/g, '');
    expect(markdown).toContain(REASON);
    expect(markdown).toContain('Instructor Park');
  });

  it('ignores the same file signed with another key, and lists every waiver in waiversIgnored (exit 1)', async () => {
    const otherKeys = tempDir();
    writeFilesAtomically(keygenWaivers({ dir: otherKeys, name: 'student' }).files);
    const forged = path.join(tempDir(), 'forged.yaml');
    writeFilesAtomically(signWaiverFile({ file: waiverFile, privateKey: path.join(otherKeys, 'student.key.pem'), out: forged }).files);
    const out = tempDir();
    const run = await runCli(['verify', '--quiet', '--from-snapshot', snapshot, '--waivers', forged, '--waiver-key', publicKey(), '--out', out, '--lang', 'en'], {
      env: userEnv(),
    });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const report = readReport(path.join(out, 'report.json'));
    expect(statusMap(report)).toEqual(SCENARIOS['rds-single-az']!.expected);
    expect(report.checks.find((c) => c.id === 'rds.multi-az')!.waiver).toBeUndefined();
    expect(report.waiversIgnored!.map((w) => w.checkId)).toEqual(['rds.multi-az', 'sg.db-from-app-only']);
    for (const ignored of report.waiversIgnored!) {
      expect(ignored.reason).toMatch(/^the waiver file is signed with another key \([0-9a-f]{16}\), not the instructor's \([0-9a-f]{16}\): every waiver in .*forged\.yaml is ignored$/);
    }
  });
});
