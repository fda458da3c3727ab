// Opens the student and class HTML reports in Debian's headless Chromium (playwright-core,
// never a downloaded browser): no console error, no request but the file itself, no dialog,
// hostile tag values shown as text, charts drawn, sorting working, readable with scripts off.
// Screenshots land in reports/out/screenshots/ (git-ignored) for a human to look at.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkById } from '../../checks/rules/index';
import { HOSTILE, hostileRun, rdsFailoverDrill, SAMPLE_NAG, sampleRun, scaleOutDrill } from '../../fixtures/reports/sample-runs';
import { CLASS_RENDERERS } from '../class/class-renderers';
import { buildClassReport, type StudentResult } from '../class/class-report';
import { withHistory } from '../class/history';
import { RENDERERS } from '../render/index';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';
import { openWaivers } from '../waivers/apply';
import { generateInstructorKeys, signWaivers } from '../waivers/signing';
import { serializeWaiverFile } from '../waivers/waiver-file';

const SHOTS = path.resolve(import.meta.dirname, '../out/screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const rubric = defaultRubric();
/** The fix the sample runs carry for rds.multi-az: the check's own. */
const MULTI_AZ_FIX = checkById('rds.multi-az')!.remediation;
const keys = generateInstructorKeys();
const waivers = openWaivers(
  serializeWaiverFile(signWaivers([{ check: 'nat.per-az', student: '*', reason: '예산상 NAT 하나 허용 (one NAT for the budget)', approver: '김강사', expires: '2026-12-31' }], keys.privateKeyPem)),
  'waivers.yaml',
  keys.publicKeyPem,
);

function studentReport() {
  const run = sampleRun({
    statuses: { 'rds.multi-az': 'fail', 'alarms.coverage': 'fail', 'logs.retention': 'error', 'nat.per-az': 'fail', 'elasticache.snapshots': 'not-applicable' },
    drills: [rdsFailoverDrill({ writeGapMs: 90_000 }), scaleOutDrill()],
    nag: SAMPLE_NAG,
  });
  const earlier = scoreRun({ ...sampleRun({ statuses: { 'rds.multi-az': 'fail', 'sg.db-from-app-only': 'fail', 'alarms.coverage': 'fail' } }), finishedAt: '2026-11-20T05:00:00.000Z' }, { rubric });
  return withHistory(earlier, scoreRun(run, { rubric, waivers }));
}

function classReport() {
  const results: StudentResult[] = Array.from({ length: 30 }, (_, i) => {
    const student = `s${String(i + 1).padStart(2, '0')}`;
    if (i === 6) return { student, name: `학생 ${i + 1}`, error: { kind: 'unreachable', message: 'AssumeRole into 100000000007 was denied.' } };
    const broken = ['rds.multi-az', 'alarms.coverage', 'nat.per-az', 'sg.db-from-app-only', 'dashboard.present', 'ec2.imdsv2'].filter((_, k) => (i + k) % (k + 2) === 0);
    const statuses = Object.fromEntries(broken.map((id) => [id, 'fail' as const]));
    return { student, name: i === 3 ? HOSTILE.script : `학생 ${i + 1}`, report: scoreRun(sampleRun({ student, statuses }), { rubric }), reportHref: `${student}/report.html` };
  });
  return buildClassReport(results, { generatedAt: '2026-11-26T06:00:00.000Z', rosterProblems: [{ line: 5, reason: 'has 7 fields, the header has 6 (an unquoted comma in a name?)' }] });
}

interface Visit {
  page: Page;
  console: string[];
  requests: string[];
  dialogs: string[];
  url: string;
}

describe('HTML reports in headless Chromium', () => {
  let dir: string;
  let userDataDir: string;
  let context: BrowserContext;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudmart-html-'));
    userDataDir = mkdtempSync(path.join(tmpdir(), 'cloudmart-chromium-'));
    mkdirSync(SHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1100, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  });

  async function visit(name: string, html: string, ctx: BrowserContext = context): Promise<Visit> {
    const file = path.join(dir, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await ctx.newPage();
    const v: Visit = { page, console: [], requests: [], dialogs: [], url };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') v.console.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => v.console.push(`pageerror: ${e.message}`));
    page.on('request', (r) => v.requests.push(r.url()));
    page.on('dialog', (d) => {
      v.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    return v;
  }

  function expectClean(v: Visit) {
    expect(v.console).toEqual([]);
    expect(v.requests).toEqual([v.url]);
    expect(v.dialogs).toEqual([]);
  }

  it('student report: score bars, drill timelines, waiver, history; no error, no request, Korean by default', async () => {
    const v = await visit('student-ko.html', RENDERERS.html.render(studentReport(), { lang: 'ko' }));
    expectClean(v);
    const { page } = v;
    expect(await page.locator('[data-testid="emulated"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="total"]').innerText()).toMatch(/^\d+(\.\d)? \/ 100 · \d+(\.\d)?%$/);
    expect(await page.locator('svg.chart').count()).toBe(4); // category bars, 2 drill timelines, history
    const timeline = await page.locator('#drills svg.chart').first().boundingBox();
    expect(timeline!.width).toBeGreaterThan(500);
    expect(await page.locator('#drills svg.chart').first().locator('rect[fill="#ffd8d3"]').count()).toBe(1); // one outage window
    expect(await page.locator('details.check.fail[open]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('details.check.waived').innerText()).toContain('김강사');
    expect(await page.getByText(MULTI_AZ_FIX.ko).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'student-report-ko.png'), fullPage: true });
    await page.screenshot({ path: path.join(SHOTS, 'student-report-ko-top.png') });
    await page.locator('#drills').screenshot({ path: path.join(SHOTS, 'student-report-drills.png') });
    await page.close();
  });

  it('student report in English', async () => {
    const v = await visit('student-en.html', RENDERERS.html.render(studentReport(), { lang: 'en' }));
    expectClean(v);
    expect(await v.page.getByText(MULTI_AZ_FIX.en).isVisible()).toBe(true);
    await v.page.screenshot({ path: path.join(SHOTS, 'student-report-en-top.png') });
    await v.page.close();
  });

  it('hostile tag values render as text: no script runs, no element is injected', async () => {
    const v = await visit('hostile.html', RENDERERS.html.render(scoreRun(hostileRun(), { rubric }), { lang: 'en' }));
    expectClean(v);
    const { page } = v;
    const header = await page.locator('header').innerText();
    expect(header).toContain(HOSTILE.script);
    expect(header).toContain(HOSTILE.attribute);
    expect(await page.getByText(HOSTILE.script).first().isVisible()).toBe(true);
    // A string expression: this project's TypeScript has no DOM library.
    const injected = await page.evaluate(`({
      images: document.querySelectorAll('img').length,
      handlers: document.querySelectorAll('[onerror],[onmouseover],[onclick]').length,
      scripts: document.scripts.length,
      links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')).filter((h) => !h || !h.startsWith('#')),
    })`);
    expect(injected).toEqual({ images: 0, handlers: 0, scripts: 1, links: [] });
    // Hovering where the hostile onmouseover would sit does nothing either.
    await page.getByText(HOSTILE.script).first().hover();
    expect(v.dialogs).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'hostile-report-top.png') });
    await page.close();
  });

  it('class report: histogram, pass rates, a table that sorts, the hostile name as text', async () => {
    const v = await visit('class.html', CLASS_RENDERERS.find((r) => r.format === 'html')!.render(classReport(), { lang: 'ko' }));
    expectClean(v);
    const { page } = v;
    expect(await page.locator('#distribution svg.chart rect').count()).toBeGreaterThan(0);
    expect(await page.locator('#students tbody tr').count()).toBe(30);
    expect(await page.locator('#students').innerText()).toContain(HOSTILE.script);
    const totals = async () => page.locator('#students tbody tr td:nth-child(3)').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
    const before = await totals();
    await page.locator('#students th', { hasText: '총점' }).click();
    const ascending = await totals();
    expect(ascending).toEqual([...before].sort((a, b) => a - b));
    await page.locator('#students th', { hasText: '총점' }).click();
    expect(await totals()).toEqual([...before].sort((a, b) => b - a));
    expect(await page.locator('#students a').first().getAttribute('href')).toMatch(/^s\d\d\/report\.html$/);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, 'class-report.png'), fullPage: true });
    await page.screenshot({ path: path.join(SHOTS, 'class-report-top.png') });
    await page.close();
  });

  it('reads the same with scripts off', async () => {
    const offDir = mkdtempSync(path.join(tmpdir(), 'cloudmart-chromium-nojs-'));
    const noJs = await chromium.launchPersistentContext(offDir, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS, javaScriptEnabled: false });
    try {
      const v = await visit('class-nojs.html', CLASS_RENDERERS.find((r) => r.format === 'html')!.render(classReport(), { lang: 'en' }), noJs);
      expectClean(v);
      expect(await v.page.locator('#students tbody tr').count()).toBe(30);
      expect(await v.page.locator('#pass-rates').isVisible()).toBe(true);
      const s = await visit('student-nojs.html', RENDERERS.html.render(studentReport(), { lang: 'en' }), noJs);
      expectClean(s);
      expect(await s.page.getByText(MULTI_AZ_FIX.en).isVisible()).toBe(true);
    } finally {
      await noJs.close();
      rmSync(offDir, { recursive: true, force: true });
    }
  });
});
