// The live class board (issue 17, part 2) in Debian's headless Chromium (playwright-core, never
// a downloaded browser): `grade --watch --serve` on a small emulated class (three defect
// scenarios, each in its own account, and a student whose profile does not exist). The board shows the class; a
// deployment fixed through the SDK during the test shows its new score without a page reload,
// by the round after the fix at the latest; the unreachable student is an error row while the
// others keep updating; the fixed student is named first to reach 100; Ctrl-C leaves the files
// `grade` writes.
// The fix: ModifyDBInstance with MultiAZ and ApplyImmediately ("MultiAZ: Specifies whether the
// DB instance is a Multi-AZ deployment", https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html).
// AWS applies it over minutes; the emulator at once: the board shows whatever DescribeDBInstances says.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DescribeDBInstancesCommand, ModifyDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../cli/files';
import type { BoardState } from '../../reports/class/board/board-model';
import { startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { emulatedAccountCredentials } from '../../sandbox/scenarios/index';
import { gradeWatch, type GradeWatchResult } from '../grade-watch';
import { readReport, tempDirs } from './support';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const REGION = 'ap-northeast-2';
const FIXED_ACCOUNT = '300000000002';
const ROSTER = `student_id,name,profile,role_arn,scenario
w01,김민수,,arn:aws:iam::300000000001:role/OrganizationAccountAccessRole,db-open-to-internet
w02,"Lee, Jiwoo",,arn:aws:iam::${FIXED_ACCOUNT}:role/OrganizationAccountAccessRole,rds-single-az
w03,<b>Park</b>,,arn:aws:iam::300000000003:role/OrganizationAccountAccessRole,no-dashboard
w04,Ghost Account,no-such-profile,,reference
`;
const tempDir = tempDirs('cloudmart-watch-');

/** What the functions run in the page read there (the project compiles without the DOM's types). */
interface InPage {
  document: { querySelectorAll(selector: string): { length: number }; querySelector(selector: string): { getAttribute(name: string): string | null } | null };
  /** Set by the test; a reload would erase it. */
  mark?: number;
}

let emulator: RunningEmulator;
let browser: Browser;
let page: Page;
let out: string;
let url: string;
let latest: BoardState | undefined;
const interrupt = new AbortController();
let watching: Promise<GradeWatchResult>;
const consoleErrors: string[] = [];
const requests: string[] = [];

const row = (student: string) => page.locator(`#rows tr[data-student="${student}"]`);
const attr = async (student: string, name: string) => row(student).getAttribute(name);

beforeAll(async () => {
  // The profile of w04 must not exist anywhere: an empty AWS config for this process.
  const home = tempDir();
  process.env.AWS_CONFIG_FILE = path.join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(home, 'credentials');
  const rosterPath = path.join(home, 'roster.csv');
  writeFileSync(rosterPath, ROSTER);
  out = path.join(tempDir(), 'class');
  emulator = await startEmulator();
  const listening = new Promise<string>((resolve) => {
    watching = gradeWatch({
      rosterPath,
      target: 'local',
      endpoint: emulator.endpoint,
      out,
      lang: 'ko',
      progress: false,
      intervalMs: 1_000,
      serve: true,
      port: 0,
      durationMinutes: 30,
      signal: interrupt.signal,
      onListening: resolve,
      // As the CLI does: every finished round's files written at once.
      onFiles: (files) => writeFilesAtomically(files),
      onRound: (board) => {
        latest = board;
      },
    });
    // A watch that fails before it listens fails the test at once.
    watching.catch(() => resolve(''));
  });
  url = await listening;
  if (!url) await watching;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
}, 240_000);

afterAll(async () => {
  interrupt.abort();
  await watching?.catch(() => undefined);
  await browser?.close();
  await emulator?.stop();
});

describe('grade --watch --serve in Chromium', { timeout: 180_000 }, () => {
  it('serves the board on 127.0.0.1 and shows the emulated class, one row per student, in Korean', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await page.waitForFunction(() => (globalThis as unknown as InPage).document.querySelectorAll('#rows tr[data-status="graded"]').length === 3, undefined, { timeout: 120_000 });
    expect(await page.locator('h1').innerText()).toBe('CloudMart 실시간 반 현황판');
    expect(await page.locator('[data-testid="source"]').innerText()).toContain('EMULATED');
    expect(await page.locator('#rows tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-student')))).toEqual(['w01', 'w02', 'w03', 'w04']);
    // A name is text, never markup.
    expect(await row('w03').locator('td').nth(1).innerText()).toBe('<b>Park</b>');
    expect(await row('w03').locator('td b').count()).toBe(1); // only the student id cell's own <b>
    for (const student of ['w01', 'w02', 'w03']) {
      expect(Number(await attr(student, 'data-percent')), student).toBeGreaterThan(0);
      expect(await row(student).locator('svg.spark').count(), student).toBe(1);
      expect(await row(student).locator('td[data-category]').count(), student).toBe(4);
      expect(await row(student).locator('[data-testid="cost"]').innerText(), student).toMatch(/USD \d+\.\d\d \/ 0\.80/);
    }
    expect(Number(await attr('w02', 'data-percent'))).toBeLessThan(100);
    expect(await row('w02').locator('code').innerText()).toBe('rds.multi-az');
    expect(await page.locator('#time-left').innerText()).toMatch(/^\d+:\d\d$/);
    // Every scenario here misses something: nobody has reached 100 yet.
    expect(await page.locator('[data-testid="first-to-100"]').count()).toBe(0);
  });

  it('shows the student whose account cannot be reached as an error row', async () => {
    expect(await attr('w04', 'data-status')).toBe('error');
    expect(await row('w04').locator('[data-testid="error"]').innerText()).toMatch(/^unreachable: .*no-such-profile/);
  });

  it('shows a deployment fixed during the test with its new score, pushed without a reload, by the round after the fix', async () => {
    // A mark on the page that a reload would erase.
    await page.evaluate(() => ((globalThis as unknown as InPage).mark = 1));
    const before = Number(await attr('w02', 'data-percent'));
    const othersBefore = { w01: Number(await attr('w01', 'data-points')), w03: Number(await attr('w03', 'data-points')) };

    const credentials = await emulatedAccountCredentials({ endpoint: emulator.endpoint, region: REGION, accountId: FIXED_ACCOUNT });
    const rds = new RDSClient({ endpoint: emulator.endpoint, region: REGION, credentials });
    const id = (await rds.send(new DescribeDBInstancesCommand({}))).DBInstances![0]!.DBInstanceIdentifier!;
    await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: id, MultiAZ: true, ApplyImmediately: true }));
    rds.destroy();
    // Rounds finished when the fix was made: the one in flight may have read the DB before it,
    // the one after it cannot have.
    const finishedAtFix = latest!.rounds;

    await page.waitForFunction((b) => Number((globalThis as unknown as InPage).document.querySelector('#rows tr[data-student="w02"]')?.getAttribute('data-percent')) > b, before, { timeout: 120_000 });
    const shownInRound = Number(await page.locator('body').getAttribute('data-round'));
    expect(shownInRound).toBeLessThanOrEqual(finishedAtFix + 2);
    expect(Number(await attr('w02', 'data-percent'))).toBe(100);
    expect(await row('w02').locator('code').count()).toBe(0);
    // The sparkline has the old and the new score.
    expect(Number(await row('w02').locator('svg.spark').getAttribute('data-points'))).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => (globalThis as unknown as InPage).mark)).toBe(1);
    expect(await page.locator('[data-testid="first-to-100"]').getAttribute('data-student')).toBe('w02');

    // The unreachable student is still an error row; the others kept updating.
    expect(await attr('w04', 'data-status')).toBe('error');
    expect(Number(await attr('w01', 'data-points'))).toBeGreaterThan(othersBefore.w01);
    expect(Number(await attr('w03', 'data-points'))).toBeGreaterThan(othersBefore.w03);
    await page.screenshot({ path: path.join(out, '..', 'board.png'), fullPage: true });
  });

  it('the page made no request but itself and its event stream, and logged no error', () => {
    expect(consoleErrors).toEqual([]);
    expect([...new Set(requests)].sort()).toEqual([url, `${url}events`].sort());
  });

  it('Ctrl-C ends the watch with the files grade writes: class.html, grades.csv and each graded student’s reports', async () => {
    interrupt.abort();
    const result = await watching;
    writeFilesAtomically(result.files);
    for (const file of ['class.html', 'grades.csv', 'class.json']) expect(existsSync(path.join(out, file)), file).toBe(true);
    for (const student of ['w01', 'w02', 'w03']) {
      for (const file of ['report.html', 'report.json', 'report.md']) expect(existsSync(path.join(out, student, file)), `${student}/${file}`).toBe(true);
    }
    expect(result.classReport!.students.find((s) => s.student === 'w02')!.percent).toBe(100);
    expect(result.classReport!.students.find((s) => s.student === 'w04')!.status).toBe('error');
    expect(result.exitCode).toBe(1);
    // Rounds written during the watch are not earlier gradings: no history came before it.
    expect(latest!.rounds).toBeGreaterThan(2);
    expect(readReport(path.join(out, 'w02', 'report.json')).history).toBeUndefined();
  });
});
