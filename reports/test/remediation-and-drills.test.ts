// Issue 13 items 1 and 4, report side: a fix's console steps beside its CDK snippet, and its
// warning (a fix that replaces or interrupts a resource) shown before it, in the report's
// language and escaped, in every format that shows fixes; drill sections in Korean with
// --lang ko (criteria and notes), English where an older result has no Korean.
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { CheckRun, DrillResult, Remediation, Report } from '../../contract/report';
import { HOSTILE, rdsFailoverDrill, sampleRun } from '../../fixtures/reports/sample-runs';
import { RENDERERS } from '../render/index';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();

/** rds.encrypted fails with the given remediation; everything else passes. */
function withFix(remediation: Remediation): Report {
  const run = sampleRun({ emulated: false, statuses: { 'rds.encrypted': 'fail' } });
  const checks = run.checks.map((c) => (c.id === 'rds.encrypted' ? { ...c, remediation } : c));
  return scoreRun({ ...run, checks }, { rubric });
}

const FIX: Remediation = {
  ko: '스냅샷을 암호화 복사한 뒤 새 인스턴스를 복원하세요.',
  en: 'Copy a snapshot with encryption and restore a new instance from it.',
  cdk: "new rds.DatabaseInstance(this, 'Db', { storageEncrypted: true });",
  console: {
    ko: 'RDS 콘솔 > 스냅샷 > 작업 > 스냅샷 복사 > "암호화 활성화" 선택',
    en: 'RDS console > Snapshots > Actions > Copy snapshot > select "Enable encryption"',
  },
  warning: {
    ko: '새 DB 인스턴스가 만들어지고 엔드포인트가 바뀝니다.',
    en: 'This makes a new DB instance and the endpoint changes.',
  },
};

describe('remediation: console steps and a warning before the fix (issue 13 item 1)', () => {
  const report = withFix(FIX);

  it('HTML shows the warning first, then the fix, the console steps and the CDK snippet, in the report’s language', () => {
    for (const lang of ['ko', 'en'] as const) {
      const other = lang === 'ko' ? 'en' : 'ko';
      const html = RENDERERS.html.render(report, { lang });
      const card = html.slice(html.indexOf('<code>rds.encrypted</code> <span>'));
      const at = (text: string) => card.indexOf(text);
      const escaped = (text: string) => text.replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/>/g, '&gt;');
      expect(card).toContain('data-testid="fix-warning"');
      expect(at(escaped(FIX.warning![lang])), lang).toBeGreaterThan(0);
      expect(at(escaped(FIX.warning![lang]))).toBeLessThan(at(FIX[lang]));
      expect(at(FIX[lang])).toBeLessThan(at(escaped(FIX.console![lang])));
      expect(at(escaped(FIX.console![lang]))).toBeLessThan(at(escaped(FIX.cdk!)));
      expect(card).toContain(lang === 'ko' ? '고치기 전에 알아 둘 것' : 'Before you fix it');
      expect(card).toContain(lang === 'ko' ? 'AWS 콘솔에서' : 'In the AWS console');
      expect(card).not.toContain(escaped(FIX.console![other]));
      expect(card).not.toContain(escaped(FIX.warning![other]));
    }
  });

  it('Markdown shows the warning as a quote before the fix, then the console steps and the CDK snippet', () => {
    for (const lang of ['ko', 'en'] as const) {
      const md = RENDERERS.md.render(report, { lang });
      const block = md.slice(md.indexOf('` rds.encrypted `'));
      const warning = block.indexOf(`> ⚠️ **${lang === 'ko' ? '고치기 전에 알아 둘 것' : 'Before you fix it'}**: ${FIX.warning![lang]}`);
      const fix = block.indexOf(`**${lang === 'ko' ? '고치는 방법' : 'How to fix'}**: ${FIX[lang]}`);
      const console = block.indexOf(`**${lang === 'ko' ? 'AWS 콘솔에서' : 'In the AWS console'}**: ${FIX.console![lang].replace(/>/g, '&gt;')}`);
      expect(warning, lang).toBeGreaterThan(0);
      expect(fix).toBeGreaterThan(warning);
      expect(console).toBeGreaterThan(fix);
      expect(block.indexOf(FIX.cdk!)).toBeGreaterThan(console);
    }
  });

  it('JUnit and CSV carry the warning and the console steps too', () => {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(RENDERERS.junit.render(report, { lang: 'ko' }));
    const cases = [xml.testsuites.testsuite].flat().flatMap((s: { testcase: unknown }) => [s.testcase].flat()) as { '@_name': string; failure?: { '#text': string } }[];
    const body = cases.find((c) => c['@_name'] === 'rds.encrypted')!.failure!['#text'];
    expect(body).toContain(`고치기 전에 알아 둘 것: ${FIX.warning!.ko}`);
    expect(body.indexOf(FIX.warning!.ko)).toBeLessThan(body.indexOf(FIX.ko));
    expect(body).toContain(`AWS 콘솔에서: ${FIX.console!.ko}`);

    const rows = parseCsv(RENDERERS.csv.render(report, { lang: 'en' }), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.find((r) => r.check_id === 'rds.encrypted')).toMatchObject({ remediation: FIX.en, remediation_warning: FIX.warning!.en, remediation_console: FIX.console!.en });
    // A fix with neither leaves both columns empty.
    const bare = parseCsv(RENDERERS.csv.render(withFix({ ko: FIX.ko, en: FIX.en }), { lang: 'en' }), { columns: true, bom: true }) as Record<string, string>[];
    expect(bare.find((r) => r.check_id === 'rds.encrypted')).toMatchObject({ remediation: FIX.en, remediation_warning: '', remediation_console: '' });
  });

  it('hostile console steps and warnings are text in every format', () => {
    const evil = `${HOSTILE.script} ${HOSTILE.attribute} ${HOSTILE.markdownLink}`;
    const hostile = withFix({ ...FIX, console: { ko: evil, en: evil }, warning: { ko: evil, en: evil } });
    for (const lang of ['ko', 'en'] as const) {
      const html = RENDERERS.html.render(hostile, { lang });
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
      const md = RENDERERS.md.render(hostile, { lang });
      expect(md).not.toContain('<script>');
      expect(md).not.toContain('[click](javascript:');
      expect(md).toContain('\\[click\\](javascript:alert(4)) \\| \\*\\*bold\\*\\*');
      expect(RENDERERS.junit.render(hostile, { lang })).not.toContain('<script>');
    }
  });

  it('a fix without console steps or a warning (reports written before issue 13) shows neither heading', () => {
    const old = withFix({ ko: FIX.ko, en: FIX.en });
    for (const lang of ['ko', 'en'] as const) {
      const html = RENDERERS.html.render(old, { lang });
      const md = RENDERERS.md.render(old, { lang });
      for (const out of [html, md]) {
        expect(out).toContain(FIX[lang]);
        expect(out).not.toContain(lang === 'ko' ? '고치기 전에 알아 둘 것' : 'Before you fix it');
        expect(out).not.toContain(lang === 'ko' ? 'AWS 콘솔에서' : 'In the AWS console');
      }
      expect(html).not.toContain('data-testid="fix-warning"');
    }
  });
});

describe('drills in the report’s language (issue 13 item 4)', () => {
  function koreanDrill(): DrillResult {
    const drill = rdsFailoverDrill({ writeGapMs: 150_000 });
    return {
      ...drill,
      verdict: {
        ...drill.verdict,
        criteria: [
          { name: 'write gap', nameKo: '쓰기 중단', expected: '<= 120 s (60 s for full marks)', expectedKo: '120초 이하(만점은 60초)', actual: '150 s', actualKo: '150초', pass: false },
          { name: 'lost writes', nameKo: '유실된 쓰기', expected: '0', actual: '0', pass: true },
        ],
      },
      notes: ['Local rehearsal: the failover was simulated with a PostgreSQL standby promotion.'],
      notesKo: ['로컬 리허설: 페일오버는 PostgreSQL 대기 서버 승격으로 시뮬레이션했습니다.'],
    };
  }
  const run: CheckRun = sampleRun({ drills: [koreanDrill()] });
  const report = scoreRun(run, { rubric });
  const EN_NOTE = 'Local rehearsal: the failover was simulated with a PostgreSQL standby promotion.';
  const KO_NOTE = '로컬 리허설: 페일오버는 PostgreSQL 대기 서버 승격으로 시뮬레이션했습니다.';

  it('HTML: the drill’s criteria table and notes in Korean with --lang ko, in English with --lang en', () => {
    const ko = RENDERERS.html.render(report, { lang: 'ko' });
    const drillKo = ko.slice(ko.indexOf('<section id="drills">'));
    expect(drillKo).toContain('<td>쓰기 중단</td><td>120초 이하(만점은 60초)</td><td>150초</td>');
    // A criterion with only its name in Korean shows the rest in English.
    expect(drillKo).toContain('<td>유실된 쓰기</td><td>0</td><td>0</td>');
    expect(drillKo).toContain(`<li>${KO_NOTE}</li>`);
    expect(drillKo).not.toContain('write gap');
    expect(drillKo).not.toContain(EN_NOTE);

    const en = RENDERERS.html.render(report, { lang: 'en' });
    const drillEn = en.slice(en.indexOf('<section id="drills">'));
    expect(drillEn).toContain('<td>write gap</td><td>&lt;= 120 s (60 s for full marks)</td><td>150 s</td>');
    expect(drillEn).toContain(`<li>${EN_NOTE}</li>`);
    expect(drillEn).not.toContain(KO_NOTE);
  });

  it('every format: the drill’s check lines and notes in Korean with --lang ko', () => {
    const check = report.checks.find((c) => c.id === 'drill.rds-failover')!;
    expect(check.resources.map((r) => r.detailKo)).toEqual(['쓰기 중단: 기대 120초 이하(만점은 60초), 측정 150초', '유실된 쓰기: 기대 0, 측정 0']);
    expect(check.notes).toEqual([{ ko: KO_NOTE, en: EN_NOTE }]);
    // The drill failed (150 s is past the limit), so it is in every format's fix list.
    const md = RENDERERS.md.render(report, { lang: 'ko' });
    expect(md).toContain('쓰기 중단: 기대 120초 이하(만점은 60초), 측정 150초');
    expect(md).toContain(`> ${KO_NOTE}`);
    expect(RENDERERS.junit.render(report, { lang: 'ko' })).toContain('측정 150초');
    expect(RENDERERS.csv.render(report, { lang: 'ko' })).toContain('쓰기 중단: 기대 120초 이하(만점은 60초), 측정 150초');
    expect(RENDERERS.md.render(report, { lang: 'en' })).toContain('expected &lt;= 120 s (60 s for full marks), measured 150 s');
  });

  it('a result written before issue 13 (no Korean) reads in English in a Korean report', () => {
    const old = scoreRun(sampleRun({ drills: [rdsFailoverDrill()] }), { rubric });
    const html = RENDERERS.html.render(old, { lang: 'ko' });
    const drills = html.slice(html.indexOf('<section id="drills">'));
    expect(drills).toContain('<td>write gap</td>');
    expect(drills).toContain(`<li>${EN_NOTE}</li>`);
    // notesKo that does not match the notes one for one is not trusted.
    const mismatched = scoreRun(sampleRun({ drills: [{ ...koreanDrill(), notesKo: [] }] }), { rubric });
    expect(mismatched.checks.find((c) => c.id === 'drill.rds-failover')!.notes).toEqual([{ ko: EN_NOTE, en: EN_NOTE }]);
  });
});
