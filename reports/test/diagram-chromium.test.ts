// The deployment diagram of report.html in Debian's headless Chromium (playwright-core, never a
// downloaded browser), compared at the structural level: the SVG's elements and their data
// attributes, where each box sits (in its AZ's column), and where a red one links. Read with
// scripts off, as a student opening the file might. Screenshots land in reports/out/screenshots/
// (git-ignored) for a human to look at.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentMapOf } from '../../checks/inventory/deployment-map';
import { evaluateChecks } from '../../checks/rules/evaluate';
import type { CheckRun, Report } from '../../contract/report';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { manyDefects, withoutRedis } from '../../fixtures/inventories/variants';
import { HOSTILE } from '../../fixtures/reports/sample-runs';
import { RENDERERS } from '../render/index';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const SHOTS = path.resolve(import.meta.dirname, '../out/screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function reportOf(inventory: ReturnType<typeof referenceInventory>): Report {
  const run: CheckRun = {
    target: { kind: 'local', region: 'ap-northeast-2', accountId: '123456789012', student: 's01', emulated: true },
    startedAt: '2026-12-08T01:00:00.000Z',
    finishedAt: '2026-12-08T01:01:00.000Z',
    checks: evaluateChecks(inventory),
    deployment: deploymentMapOf(inventory),
  };
  return scoreRun(run, { rubric: defaultRubric() });
}

interface Drawn {
  resource: string | null;
  status: string | null;
  kind: string | null;
  zone: string | null;
  role: string | null;
  slot: string | null;
  check: string | null;
  href: string | null;
  /** The box's centre, and whether it lies inside the column of its AZ. */
  inZone: boolean | null;
}

/** Every element of the diagram that carries data-status, as the browser parsed it. A string: this project's TypeScript has no DOM library. */
const READ_DIAGRAM = `(() => {
  const svg = document.querySelector('svg[data-testid="deployment-diagram"]');
  const zones = new Map([...svg.querySelectorAll('g.dg-zone')].map((g) => [g.getAttribute('data-zone'), g.querySelector('rect').getBoundingClientRect()]));
  return [...svg.querySelectorAll('[data-status]')].filter((el) => !el.classList.contains('dg-zone')).map((el) => {
    const box = el.querySelector('rect, path');
    const r = box ? box.getBoundingClientRect() : null;
    const zone = el.getAttribute('data-zone');
    const column = zone ? zones.get(zone) : null;
    const x = r ? r.left + r.width / 2 : null;
    const link = el.querySelector(':scope > a');
    return {
      resource: el.getAttribute('data-resource'), status: el.getAttribute('data-status'), kind: el.getAttribute('data-kind'),
      zone, role: el.getAttribute('data-role'), slot: el.getAttribute('data-slot'), check: el.getAttribute('data-check'),
      href: link ? link.getAttribute('href') : null,
      inZone: column && r ? x >= column.left && x <= column.right : null,
    };
  });
})()`;

describe('the deployment diagram in headless Chromium', () => {
  let dir: string;
  let userDataDir: string;
  let context: BrowserContext;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudmart-diagram-'));
    userDataDir = mkdtempSync(path.join(tmpdir(), 'cloudmart-diagram-chromium-'));
    mkdirSync(SHOTS, { recursive: true });
    // Scripts off: the diagram must be readable without any.
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS, javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  });

  async function open(name: string, html: string): Promise<{ page: Page; problems: string[]; requests: string[]; url: string }> {
    const file = path.join(dir, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    return { page, problems, requests, url };
  }

  it('the reference (Korean): every resource in its AZ column, all passing, no request but the file', async () => {
    const v = await open('reference-ko.html', RENDERERS.html.render(reportOf(referenceInventory()), { lang: 'ko' }));
    expect(v.problems).toEqual([]);
    expect(v.requests).toEqual([v.url]);
    const svg = v.page.locator('svg[data-testid="deployment-diagram"]');
    expect(await svg.isVisible()).toBe(true);
    expect((await svg.boundingBox())!.width).toBeGreaterThan(700);
    const drawn = (await v.page.evaluate(READ_DIAGRAM)) as Drawn[];
    expect([...new Set(drawn.map((d) => d.status))]).toEqual(['pass']);
    const placed = drawn.filter((d) => d.zone);
    expect(placed.map((d) => `${d.kind}${d.role ? `[${d.role}]` : ''} ${d.resource} ${d.zone}`).sort()).toEqual(
      [
        'alb CloudMart-s01-alb ap-northeast-2a',
        'alb CloudMart-s01-alb ap-northeast-2c',
        'nat nat-0a00000000000000a ap-northeast-2a',
        'nat nat-0c00000000000000c ap-northeast-2c',
        'instance i-0aaaaaaaaaaaaaaa1 ap-northeast-2a',
        'instance i-0ccccccccccccccc1 ap-northeast-2c',
        'db[primary] cloudmart-s01-db ap-northeast-2a',
        'db[standby] cloudmart-s01-db ap-northeast-2c',
        'cache[primary] cloudmart-s01-redis-001 ap-northeast-2a',
        'cache[replica] cloudmart-s01-redis-002 ap-northeast-2c',
      ].sort(),
    );
    expect(placed.every((d) => d.inZone === true)).toBe(true);
    expect(drawn.filter((d) => d.href)).toEqual([]);
    // The Korean labels are text of the SVG, drawn with a width (a CJK font is installed by .ci/run).
    const label = v.page.locator('svg[data-testid="deployment-diagram"] text', { hasText: 'RDS 대기' });
    expect((await label.boundingBox())!.width).toBeGreaterThan(20);
    await svg.screenshot({ path: path.join(SHOTS, 'diagram-reference-ko.png') });
    await v.page.close();
  });

  it('many defects (English): red parts carry their check and link to its open evidence card', async () => {
    const v = await open('defects-en.html', RENDERERS.html.render(reportOf(manyDefects()), { lang: 'en' }));
    expect(v.problems).toEqual([]);
    const drawn = (await v.page.evaluate(READ_DIAGRAM)) as Drawn[];
    const primary = drawn.find((d) => d.kind === 'db' && d.role === 'primary')!;
    expect(primary).toMatchObject({ status: 'fail', check: 'rds.multi-az', zone: 'ap-northeast-2a', inZone: true });
    const standby = drawn.find((d) => d.kind === 'db' && d.slot === 'empty')!;
    expect(standby).toMatchObject({ status: 'missing', check: 'rds.multi-az', zone: 'ap-northeast-2c', inZone: true });
    expect(drawn.find((d) => d.resource === 'E2REF0000000001')).toMatchObject({ status: 'fail', check: 'cloudfront.https-only' });
    expect(drawn.find((d) => d.resource === 'cloudmart-s01-frontend')).toMatchObject({ status: 'fail', check: 's3.block-public-access' });
    const exposed = (await v.page.evaluate(`[...document.querySelectorAll('g.dg-path[data-exposure="true"]')].map((g) => g.getAttribute('data-path') + ' ' + g.getAttribute('data-status'))`)) as string[];
    expect(exposed).toEqual(['internet-app-exposed fail']);
    // Clicking the red primary goes to the rds.multi-az card, open, with its evidence.
    expect(primary.href).toMatch(/^#check-\d+$/);
    await v.page.locator('g.dg-node[data-kind="db"][data-role="primary"] > a').click();
    expect(new URL(v.page.url()).hash).toBe(primary.href);
    const card = v.page.locator(primary.href!);
    expect(await card.getAttribute('open')).not.toBeNull();
    expect(await card.locator('summary code').innerText()).toBe('rds.multi-az');
    expect(await card.isVisible()).toBe(true);
    await v.page.locator('svg[data-testid="deployment-diagram"]').screenshot({ path: path.join(SHOTS, 'diagram-defects-en.png') });
    await v.page.close();
  });

  it('no Redis: the cache row holds one dashed, missing slot, and the path to it is missing', async () => {
    const v = await open('no-redis.html', RENDERERS.html.render(reportOf(withoutRedis()), { lang: 'ko' }));
    expect(v.problems).toEqual([]);
    const drawn = (await v.page.evaluate(READ_DIAGRAM)) as Drawn[];
    expect(drawn.filter((d) => d.kind === 'cache')).toEqual([expect.objectContaining({ status: 'missing', slot: 'empty', check: 'elasticache.redis-present', inZone: true })]);
    const dashed = await v.page.locator('g.dg-node[data-kind="cache"] rect').getAttribute('stroke-dasharray');
    expect(dashed).toBeTruthy();
    expect(await v.page.locator('g.dg-path[data-path="app-cache"]').getAttribute('data-status')).toBe('missing');
    await v.page.locator('svg[data-testid="deployment-diagram"]').screenshot({ path: path.join(SHOTS, 'diagram-no-redis-ko.png') });
    await v.page.close();
  });

  it('hostile names are text: the attributes hold them exactly, nothing is injected', async () => {
    const report = reportOf(referenceInventory());
    const map = report.deployment!;
    map.databases[0]!.id = HOSTILE.script;
    map.instances[0]!.id = HOSTILE.attribute;
    map.loadBalancers[0]!.name = HOSTILE.singleQuote;
    map.buckets[0]!.name = HOSTILE.cdataEnd;
    const v = await open('hostile.html', RENDERERS.html.render(report, { lang: 'en' }));
    expect(v.problems).toEqual([]);
    expect(v.requests).toEqual([v.url]);
    const drawn = (await v.page.evaluate(READ_DIAGRAM)) as Drawn[];
    for (const name of [HOSTILE.script, HOSTILE.attribute, HOSTILE.singleQuote, HOSTILE.cdataEnd]) expect(drawn.map((d) => d.resource)).toContain(name);
    const injected = await v.page.evaluate(`({
      images: document.querySelectorAll('img').length,
      handlers: document.querySelectorAll('[onerror],[onmouseover],[onclick]').length,
      scripts: document.scripts.length,
      text: document.querySelector('svg[data-testid="deployment-diagram"]').textContent.includes(${JSON.stringify(HOSTILE.script)}),
    })`);
    expect(injected).toEqual({ images: 0, handlers: 0, scripts: 1, text: true });
    await v.page.close();
  });
});
