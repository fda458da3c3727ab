import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Report } from '../../contract/report';
import { checkById } from '../../checks/rules/index';
import { HOSTILE, HOSTILE_ALL, hostileRun, rdsFailoverDrill, SAMPLE_NAG, sampleRun } from '../../fixtures/reports/sample-runs';
import { displayWidth, renderConsoleSummary } from '../render/console';
import { CHECK_CSV_HEADER } from '../render/csv';
import { csvField, escapeHtml, escapeMarkdown, escapeXml } from '../render/escape';
import { parseFormats, RENDERERS, renderReportFiles } from '../render/index';
import { fixPlan } from '../render/lost-points';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const failing = scoreRun(
  sampleRun({ statuses: { 'rds.multi-az': 'fail', 'logs.retention': 'error', 'elasticache.snapshots': 'not-applicable' }, drills: [rdsFailoverDrill({ writeGapMs: 90_000 })], nag: SAMPLE_NAG }),
  { rubric },
);
const passing = scoreRun(sampleRun({ emulated: false }), { rubric });
/** The fix the sample runs carry for rds.multi-az: the check's own. */
const MULTI_AZ_FIX = checkById('rds.multi-az')!.remediation;
const hostile = scoreRun(hostileRun(), { rubric });

describe('escaping helpers', () => {
  it('HTML: the five specials become entities and control characters become visible', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml('a\u001b[31mb\u0000')).toBe('a\u241b[31mb\u2400');
    expect(escapeHtml('rtl\u202eevil')).toBe('rtl&lt;U+202E&gt;evil');
  });

  it('XML: no character XML 1.0 forbids survives', () => {
    const text = escapeXml(`x\u0000\u0008\ud800]]>`);
    expect(text).toBe('x\u2400\u2408\ufffd]]&gt;');
    expect(XMLValidator.validate(`<a b="${text}">${text}</a>`)).toBe(true);
  });

  it('Markdown: markup characters are backslash-escaped, HTML specials are entities, newlines fold', () => {
    expect(escapeMarkdown('[x](javascript:alert(1))\n# h <b>\u0007')).toBe('\\[x\\](javascript:alert(1)) # h &lt;b&gt;\u2407');
    // What would open a block at the start of a value is escaped too.
    expect(['# h', '- x', '+ x', '1. x', '10) x', '  code'].map(escapeMarkdown)).toEqual(['\\# h', '\\- x', '\\+ x', '1\\. x', '10\\) x', '&#32;&#32;code']);
    expect(escapeMarkdown('a|b *c* _d_ `e` ~f~ $g$ \\')).toBe('a\\|b \\*c\\* \\_d\\_ \\`e\\` \\~f\\~ \\$g\\$ \\\\');
  });

  it('Markdown: plain text keeps its punctuation (no needless escapes)', () => {
    for (const plain of ['ap-northeast-2', '20:53:12', 'MultiAZ=false (AZ ap-northeast-2a)', 'cloudmart-s01-db.c9x.rds.amazonaws.com:5433', 'Turn on Multi-AZ for the RDS instance.']) {
      expect(escapeMarkdown(plain)).toBe(plain);
    }
  });

  it('CSV: quotes doubled, formulas defused, numbers untouched', () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('plain')).toBe('plain');
    expect(csvField(-5)).toBe('-5');
  });
});

describe('renderers', () => {
  it('parses --format lists and refuses unknown formats', () => {
    expect(parseFormats('md,html')).toEqual(['md', 'html']);
    expect(parseFormats(undefined)).toEqual(['html', 'md', 'junit', 'json', 'csv']);
    expect(() => parseFormats('html,pdf')).toThrow(/Unknown report format pdf: choose from html, md, junit, json, csv\./);
  });

  it('renders every format of a report into the student folder', () => {
    const files = renderReportFiles(failing, { dir: 'out/s01', lang: 'ko' });
    expect(files.map((f) => f.path).sort()).toEqual(['out/s01/junit.xml', 'out/s01/report.csv', 'out/s01/report.html', 'out/s01/report.json', 'out/s01/report.md']);
  });

  describe('json', () => {
    it('is the report itself and validates against the schema', () => {
      const text = RENDERERS.json.render(failing, { lang: 'ko' });
      expect(Report.parse(JSON.parse(text))).toEqual(failing);
    });

    it('refuses a report that breaks the contract', () => {
      const broken = { ...failing, schemaVersion: 2 } as unknown as Report;
      expect(() => RENDERERS.json.render(broken, { lang: 'ko' })).toThrow();
    });
  });

  describe('csv', () => {
    it('one row per check with status and points; hostile values survive a round trip and cannot run as formulas', () => {
      const rows = parseCsv(RENDERERS.csv.render(failing, { lang: 'en' }), { columns: true, bom: true }) as Record<string, string>[];
      expect(rows).toHaveLength(failing.checks.length);
      expect(Object.keys(rows[0]!)).toEqual([...CHECK_CSV_HEADER]);
      expect(rows.find((r) => r.check_id === 'rds.multi-az')).toMatchObject({ status: 'fail', points: '0', max_points: '6', failing_resources: expect.stringContaining('MultiAZ=false') });
      expect(rows.find((r) => r.check_id === 'vpc.multi-az-subnets')).toMatchObject({ status: 'pass', points: '6' });

      const hostileRows = parseCsv(RENDERERS.csv.render(hostile, { lang: 'en' }), { columns: true, bom: true }) as Record<string, string>[];
      expect(hostileRows).toHaveLength(hostile.checks.length);
      for (const row of hostileRows) {
        for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
        expect(row.student).toContain(HOSTILE.script);
        expect(row.summary).toContain(HOSTILE.formula);
      }
      // A value starting with = gets an apostrophe in front.
      const formulaRun = scoreRun(sampleRun({ statuses: { 'rds.multi-az': 'fail' } }), { rubric });
      formulaRun.checks[0]!.summary = { ko: HOSTILE.formula, en: HOSTILE.formula };
      const first = (parseCsv(RENDERERS.csv.render(formulaRun, { lang: 'en' }), { columns: true, bom: true }) as Record<string, string>[])[0]!;
      expect(first.summary).toBe(`'${HOSTILE.formula}`);
    });
  });

  describe('junit', () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testcase' || name === 'testsuite' });

    it('one testcase per check, classname = category; fail -> failure, error -> error, n/a -> skipped', () => {
      const xml = RENDERERS.junit.render(failing, { lang: 'en' });
      expect(XMLValidator.validate(xml)).toBe(true);
      const doc = parser.parse(xml);
      const cases = doc.testsuites.testsuite.flatMap((s: { testcase: unknown[] }) => s.testcase) as Record<string, unknown>[];
      expect(cases).toHaveLength(failing.checks.length);
      expect(doc.testsuites['@_tests']).toBe(String(failing.checks.length));
      expect(doc.testsuites['@_failures']).toBe('1');
      expect(doc.testsuites['@_errors']).toBe('1');
      expect(doc.testsuites['@_skipped']).toBe('1');
      const byName = (n: string) => cases.find((c) => c['@_name'] === n)!;
      expect(byName('rds.multi-az')).toMatchObject({ '@_classname': 'high-availability', failure: { '@_message': 'The RDS instance is Single-AZ.', '@_type': 'high' } });
      expect((byName('rds.multi-az').failure as { '#text': string })['#text']).toContain('multiAz: true');
      expect(byName('logs.retention')).toMatchObject({ '@_classname': 'monitoring', error: { '@_type': 'error' } });
      expect(byName('elasticache.snapshots').skipped).toBeDefined();
      expect(byName('vpc.multi-az-subnets').failure).toBeUndefined();
      expect(byName('drill.rds-failover')['@_classname']).toBe('high-availability');
    });

    it('stays well-formed with hostile values everywhere, and gives them back as text', () => {
      const xml = RENDERERS.junit.render(hostile, { lang: 'en' });
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml).not.toContain('<script>');
      const doc = parser.parse(xml);
      const failure = doc.testsuites.testsuite
        .flatMap((s: { testcase: Record<string, unknown>[] }) => s.testcase)
        .find((c: Record<string, unknown>) => c.failure) as { failure: { '@_message': string } };
      expect(failure.failure['@_message']).toContain('<script>alert(1)</script>');
    });
  });

  describe('markdown', () => {
    it('puts the score table first and failed / errored checks with evidence and remediation before passes', () => {
      const md = RENDERERS.md.render(failing, { lang: 'en' });
      expect(md).toMatch(/\| Architecture \| 30 \|/);
      expect(md).toMatch(/\| \*\*Total\*\* \| 100 \|/);
      const fail = md.indexOf('#### ❌ ` rds.multi-az `');
      const error = md.indexOf('#### ⚠️ ` logs.retention `');
      const passes = md.indexOf('<details>');
      expect(fail).toBeGreaterThan(md.indexOf('What to fix first'));
      expect(error).toBeGreaterThan(0);
      expect(passes).toBeGreaterThan(Math.max(fail, error));
      expect(md).toContain('MultiAZ=false (AZ ap-northeast-2a)');
      expect(md).toContain(`**How to fix**: ${MULTI_AZ_FIX.en}`);
      expect(md).toContain(`\`\`\`ts\n${MULTI_AZ_FIX.cdk}\n\`\`\``);
      expect(RENDERERS.md.render(passing, { lang: 'en' })).toContain('No check failed or errored.');
    });

    it('shows hostile values as text: no raw HTML, no links, no table breaks', () => {
      const full = RENDERERS.md.render(hostile, { lang: 'en' });
      // Fenced code (the CDK snippet) is literal text in Markdown; the fence must hold it all.
      const fences = full.split('\n').filter((l) => /^`{3,}/.test(l));
      expect(fences.length % 2).toBe(0);
      const md = full.replace(/^(`{3,})ts\n[\s\S]*?\n\1$/gm, '');
      expect(md).not.toContain('<script');
      expect(md).not.toContain('<img');
      // No link can form: every ] of a value is escaped.
      expect(md).not.toMatch(/(?<!\\)\]\(javascript/);
      expect(md).toContain('\\[click\\](javascript:alert(4))');
      expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      // Every table row keeps its column count: hostile pipes are escaped.
      for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
        expect(line.replace(/\\\|/g, '').split('|').length).toBeGreaterThanOrEqual(5);
      }
      expect(md).not.toMatch(/[\u0000-\u0008\u001b]/);
    });
  });

  describe('blocked: a missing tier (issue 13 item 3)', () => {
    const report = scoreRun(sampleRun({ statuses: { 'rds.postgres-present': 'fail', 'rds.multi-az': 'not-applicable' } }), { rubric });
    const en = 'blocked by rds.postgres-present: rds.postgres-present failed, so there was nothing to check; this check costs its points like a failure.';
    const ko = 'rds.postgres-present 때문에 막힘: rds.postgres-present 검사가 실패해 검사할 대상이 없으므로, 이 검사는 실패와 같이 점수를 잃습니다.';

    it('is a status of its own in report.json, with what blocks it, and costs its points', () => {
      const json = Report.parse(JSON.parse(RENDERERS.json.render(report, { lang: 'en' })));
      expect(json.checks.find((c) => c.id === 'rds.multi-az')).toMatchObject({ status: 'blocked', blockedBy: ['rds.postgres-present'], points: 0, maxPoints: 6 });
      expect(json.score.categories.find((c) => c.id === 'high-availability')!.counts).toMatchObject({ blocked: 1, notApplicable: 0 });
    });

    it('is shown as blocked, with its blocker, in every format and both languages', () => {
      expect(RENDERERS.html.render(report, { lang: 'en' })).toContain(`<p class="banner" data-testid="blocked"><span class="badge blocked">blocked</span> ${en}</p>`);
      expect(RENDERERS.html.render(report, { lang: 'ko' })).toContain(`<span class="badge blocked">막힘</span> ${ko}`);
      // In Markdown it is listed under its root cause, in "what to fix first".
      expect(RENDERERS.md.render(report, { lang: 'en' })).toMatch(new RegExp(`^- ⛔ \` rds\\.multi-az \` .*: \\+4\\.7 · ${escapeRegExp(en)}$`, 'm'));
      expect(RENDERERS.md.render(report, { lang: 'ko' })).toContain(`· ${ko}`);
      expect(renderConsoleSummary(report, { lang: 'en', width: 200 })).toMatch(/BLOCKED\s+rds\.multi-az\s+blocked by rds\.postgres-present/);
      const rows = parseCsv(RENDERERS.csv.render(report, { lang: 'en' }), { columns: true, bom: true }) as Record<string, string>[];
      expect(rows.find((r) => r.check_id === 'rds.multi-az')).toMatchObject({ status: 'blocked', points: '0', max_points: '6', scoring_note: en, blocked_by: 'rds.postgres-present' });
      const xml = RENDERERS.junit.render(report, { lang: 'en' });
      expect(xml).toContain(`<failure message="${en}" type="blocked">`);
      expect(RENDERERS.junit.render(report, { lang: 'ko' })).toContain(`<failure message="${ko}" type="blocked">`);
    });

    it('an older report.json (not-applicable with scoredAs) reads the same', () => {
      const old: Report = {
        ...report,
        checks: report.checks.map(({ blockedBy: _b, ...c }) =>
          c.status === 'blocked' ? { ...c, status: 'not-applicable', scoredAs: { status: 'fail', reason: 'counts as failed: rds.postgres-present failed, so there was nothing to check' } } : c,
        ),
      };
      expect(Report.safeParse(old).success).toBe(true);
      expect(RENDERERS.md.render(old, { lang: 'en' })).toContain(`· ${en}`);
      expect(renderConsoleSummary(old, { lang: 'en', width: 200 })).toMatch(/BLOCKED\s+rds\.multi-az\s+blocked by rds\.postgres-present/);
      expect(RENDERERS.junit.render(old, { lang: 'en' })).toContain(`<failure message="${en}" type="blocked">`);
    });
  });

  describe('what to fix first (issue 13 item 3)', () => {
    // rds.not-public (critical, 10 of security's 84, weight 20) costs 2.4 of the total;
    // alarms.coverage (high, 6 of monitoring's 15, weight 20) costs 8: it comes first.
    const report = scoreRun(sampleRun({ statuses: { 'rds.not-public': 'fail', 'alarms.coverage': 'fail' } }), { rubric });

    it('is sorted by the effect on the total, not by raw check points, in every format', () => {
      const plan = fixPlan(report);
      expect(plan.map((i) => [i.check.id, Math.round(i.gain * 10) / 10])).toEqual([
        ['alarms.coverage', 8],
        ['rds.not-public', 2.4],
      ]);
      const order = (text: string) => text.indexOf('alarms.coverage') < text.indexOf('rds.not-public');
      expect(order(renderConsoleSummary(report, { lang: 'en' }))).toBe(true);
      expect(order(RENDERERS.md.render(report, { lang: 'en' }))).toBe(true);
      const html = RENDERERS.html.render(report, { lang: 'en' });
      const fix = html.slice(html.indexOf('id="fix-first"'), html.indexOf('id="checks"'));
      expect(order(fix)).toBe(true);
      expect(fix).toContain('(of the total -8)');
      expect(renderConsoleSummary(report, { lang: 'en' })).toMatch(/FAIL\s+alarms\.coverage.*\(-8\)$/m);
    });

    it('puts a root cause first with the checks it unblocks grouped under it and the points they add together', () => {
      const noRedis = scoreRun(
        sampleRun({
          statuses: {
            'rds.not-public': 'fail',
            'elasticache.redis-present': 'fail',
            'elasticache.automatic-failover': 'not-applicable',
            'elasticache.snapshots': 'not-applicable',
            'elasticache.encryption': 'not-applicable',
            'sg.cache-from-app-only': 'not-applicable',
          },
        }),
        { rubric },
      );
      const plan = fixPlan(noRedis);
      expect(plan.map((i) => i.check.id)).toEqual(['elasticache.redis-present', 'rds.not-public']);
      const root = plan[0]!;
      expect(root.unblocks.map((u) => u.check.id).sort()).toEqual(['elasticache.automatic-failover', 'elasticache.encryption', 'elasticache.snapshots', 'sg.cache-from-app-only']);
      expect(root.totalGain).toBeCloseTo(root.gain + root.unblocks.reduce((s, u) => s + u.gain, 0), 6);
      // Everything the missing tier costs, together: the score goes up by that much once Redis is there and passes.
      expect(root.totalGain).toBeCloseTo(scoreRun(sampleRun({ statuses: { 'rds.not-public': 'fail' } }), { rubric }).score.points - noRedis.score.points, 1);
      const md = RENDERERS.md.render(noRedis, { lang: 'en' });
      expect(md).toContain(`**fixing it unblocks** (of the total +${Math.round(root.totalGain * 10) / 10}):`);
      const text = renderConsoleSummary(noRedis, { lang: 'en', width: 200 });
      const lines = text.split('\n');
      const rootLine = lines.findIndex((l) => /FAIL\s+elasticache\.redis-present/.test(l));
      expect(lines[rootLine]).toContain(`with what it unblocks -${Math.round(root.totalGain * 10) / 10})`);
      expect(lines.slice(rootLine + 1, rootLine + 5).every((l) => /^ {6}BLOCKED /.test(l))).toBe(true);
    });

    it('the terminal shows the points even when the line is too long for it', () => {
      const long = scoreRun(sampleRun({ statuses: { 'rds.multi-az': 'fail' } }), { rubric });
      long.checks.find((c) => c.id === 'rds.multi-az')!.summary = { ko: '긴 요약 '.repeat(40), en: 'A very long summary. '.repeat(20) };
      for (const lang of ['en', 'ko'] as const) {
        const line = renderConsoleSummary(long, { lang, width: 60 }).split('\n').find((l) => l.includes('rds.multi-az'))!;
        expect(line).toMatch(/…  \(-4\.7\)$/);
        expect(displayWidth(line)).toBeLessThanOrEqual(60);
      }
    });
  });

  describe('console', () => {
    it('prints the score table and the checks that lost points, most first; no colour codes unless asked', () => {
      const text = renderConsoleSummary(failing, { lang: 'en' });
      expect(text).toMatch(/^Architecture\s+30\s+30\s+100%\s+46\/46/m);
      expect(text).toMatch(/^Total\s+100\s+\d+(\.\d)?\s+\d+(\.\d)?%/m);
      const lines = text.split('\n');
      const fail = lines.findIndex((l) => l.includes('rds.multi-az'));
      const error = lines.findIndex((l) => l.includes('logs.retention'));
      expect(lines[fail]).toMatch(/FAIL\s+rds\.multi-az\s+The RDS instance is Single-AZ\.\s+\(-4\)/);
      expect(lines[error]).toMatch(/ERROR\s+logs\.retention/);
      expect(fail).toBeLessThan(error);
      expect(text).not.toContain('\u001b');
      expect(renderConsoleSummary(failing, { lang: 'en', color: true })).toContain('\u001b[31m');
      expect(renderConsoleSummary(passing, { lang: 'en' })).not.toContain('What to fix first');
    });

    it('aligns Korean columns by terminal width and never passes a hostile escape sequence to the terminal', () => {
      const text = renderConsoleSummary(failing, { lang: 'ko' });
      const lines = text.split('\n');
      const head = lines.findIndex((l) => l.startsWith('영역'));
      const table = [lines[head]!, ...lines.slice(head + 2, head + 6)];
      expect(table[1]).toMatch(/^아키텍처/);
      const widths = new Set(table.map((l) => displayWidth(l.trimEnd())));
      expect(widths.size).toBe(1);
      const evil = renderConsoleSummary(hostile, { lang: 'en', color: false });
      expect(evil).not.toMatch(/[\u0000-\u0008\u001b\u007f]/);
      expect(evil).toContain('\u241b[31mred');
    });
  });

  describe('html (string level; the browser test opens it)', () => {
    it('is one file with no reference to anything outside it', () => {
      const html = RENDERERS.html.render(failing, { lang: 'ko' });
      expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
      expect(html).not.toMatch(/<link\b|@import|url\(/i);
      expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;/);
    });

    it('escapes every hostile value, in text and in attributes', () => {
      const html = RENDERERS.html.render(hostile, { lang: 'en' });
      expect(html).not.toContain(HOSTILE.script);
      expect(html).not.toContain('<img');
      expect(html).not.toMatch(/onerror=alert\(2\)>/);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
      expect(html).toContain('&#39; onmouseover=&#39;alert(3)&#39;');
      // The page's only script is the sorting helper: exactly one <script> element.
      expect(html.match(/<script>/g)).toHaveLength(1);
      expect(HOSTILE_ALL.length).toBeGreaterThan(0);
    });

    it('stamps EMULATED only for emulated targets, and shows drills and cdk-nag only when present', () => {
      const html = RENDERERS.html.render(failing, { lang: 'ko' });
      expect(html).toContain('data-testid="emulated"');
      expect(html).toContain('id="drills"');
      expect(html).toContain('id="nag"');
      expect(html).toContain('AwsSolutions-RDS3');
      const plain = RENDERERS.html.render(passing, { lang: 'ko' });
      expect(plain).not.toContain('data-testid="emulated"');
      expect(plain).not.toContain('id="drills"');
      expect(plain).not.toContain('id="nag"');
    });

    it('gives remediation in Korean by default and in English with lang en', () => {
      expect(RENDERERS.html.render(failing, { lang: 'ko' })).toContain(MULTI_AZ_FIX.ko);
      const en = RENDERERS.html.render(failing, { lang: 'en' });
      expect(en).toContain(MULTI_AZ_FIX.en);
      expect(en).not.toContain(MULTI_AZ_FIX.ko);
    });
  });
});
