// Issue 13 items 2, 4 and 6, report side: a report that did not read a real AWS account live
// says so in every format (endpoint, snapshot, simulated stamps); the report chrome is Korean
// with --lang ko and its times are in the reader's zone with the zone named; report.csv opens
// in Excel in a Korean locale (byte order mark).
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Report, type Stamp } from '../../contract/report';
import { UsageError } from '../../contract/errors';
import { checkById } from '../../checks/rules/index';
import { FINISH, rdsFailoverDrill, sampleRun } from '../../fixtures/reports/sample-runs';
import { renderConsoleSummary } from '../render/console';
import { CHECK_CSV_HEADER_KO } from '../render/csv';
import { RENDERERS } from '../render/index';
import { assertTimeZone, formatTime } from '../render/time';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();
const SHA = 'a'.repeat(64);

function stamped(stamps: Stamp[], statuses: Record<string, 'fail' | 'not-applicable'> = {}): Report {
  const run = sampleRun({ emulated: false, statuses });
  return scoreRun({ ...run, target: { ...run.target, ...(stamps.some((s) => s.kind === 'endpoint') ? { endpoint: 'http://127.0.0.1:4566' } : {}), stamps } }, { rubric });
}

/** Every format's text, the console's included. */
type Formats = Record<'html' | 'md' | 'junit' | 'csv' | 'json' | 'console', string>;

function allFormats(report: Report, lang: 'ko' | 'en'): Formats {
  return {
    html: RENDERERS.html.render(report, { lang }),
    md: RENDERERS.md.render(report, { lang }),
    junit: RENDERERS.junit.render(report, { lang }),
    csv: RENDERERS.csv.render(report, { lang }),
    json: RENDERERS.json.render(report, { lang }),
    console: renderConsoleSummary(report, { lang }),
  };
}

describe('honest labels (issue 13 item 2)', () => {
  it('a report made against an endpoint that is not AWS is stamped with it in every format, never shown as target aws', () => {
    const report = stamped([{ kind: 'endpoint', endpoint: 'http://127.0.0.1:4566' }]);
    for (const lang of ['en', 'ko'] as const) {
      const out = allFormats(report, lang);
      const label = lang === 'en' ? 'NOT AWS · endpoint http://127.0.0.1:4566' : 'NOT AWS · 엔드포인트 http://127.0.0.1:4566';
      for (const format of ['html', 'md', 'junit', 'csv', 'console'] as const) expect(out[format], `${format} ${lang}`).toContain(label);
      expect(JSON.parse(out.json).target.stamps).toEqual([{ kind: 'endpoint', endpoint: 'http://127.0.0.1:4566' }]);
      expect(out.html).toContain('data-testid="stamp-endpoint"');
      expect(out.html).not.toMatch(/>(Target|대상): <b>aws<\/b>/);
      expect(out.md).not.toMatch(/(Target|대상) aws\b/);
    }
    expect(allFormats(report, 'en').console).toMatch(/· not AWS \(another endpoint\)/);
    // The CSV says it on every row.
    const rows = parseCsv(allFormats(report, 'en').csv, { columns: true, bom: true }) as Record<string, string>[];
    for (const row of rows) expect(row.target).toBe('not AWS (another endpoint) [NOT AWS · endpoint http://127.0.0.1:4566]');
  });

  it('a report graded from a snapshot says "not verified live" with the file and its SHA-256, in both languages', () => {
    const report = stamped([{ kind: 'snapshot', file: 'kim.json', sha256: SHA, collectedAt: '2026-11-26T04:00:00.000Z' }]);
    const en = allFormats(report, 'en');
    const ko = allFormats(report, 'ko');
    for (const format of ['html', 'md', 'junit', 'csv', 'console'] as const) expect(en[format], format).toContain('SNAPSHOT · not verified live');
    for (const format of ['html', 'md', 'junit', 'console'] as const) {
      expect(en[format], format).toContain(`kim.json (SHA-256 ${SHA})`);
      expect(ko[format], format).toContain('SNAPSHOT · 실시간 검증 아님');
      expect(ko[format], format).toContain(`스냅샷 파일로 채점했으며 실시간으로 검증하지 않았습니다: kim.json (SHA-256 ${SHA}), 수집 시각 2026-11-26 13:00:00 Asia/Seoul (UTC+09:00).`);
    }
    expect(JSON.parse(en.json).target.stamps[0]).toMatchObject({ kind: 'snapshot', sha256: SHA });
  });

  it('an older report.json with an endpoint outside the emulator is read as stamped', () => {
    const run = sampleRun({ emulated: false });
    const old = scoreRun({ ...run, target: { ...run.target, endpoint: 'http://10.0.0.5:4566' } }, { rubric });
    expect(old.target.stamps).toBeUndefined();
    expect(RENDERERS.md.render(old, { lang: 'en' })).toContain('NOT AWS · endpoint http://10.0.0.5:4566');
  });

  it('simulated drills are stamped SIMULATED', () => {
    const report = scoreRun({ ...sampleRun({ drills: [rdsFailoverDrill()] }), target: { ...sampleRun().target, stamps: [{ kind: 'simulated' }] } }, { rubric });
    expect(RENDERERS.html.render(report, { lang: 'ko' })).toContain('SIMULATED · 시뮬레이션 훈련');
    expect(renderConsoleSummary(report, { lang: 'en' })).toContain('[SIMULATED · simulated drills]');
  });
});

describe('Korean throughout and times in the reader’s zone (issue 13 item 4, report side)', () => {
  const report = stamped([], { 'rds.multi-az': 'fail' });

  it('times are in Asia/Seoul by default, with the zone named, or in the zone asked for', () => {
    expect(formatTime(FINISH)).toBe('2026-11-26 14:03:20 Asia/Seoul (UTC+09:00)');
    expect(formatTime(FINISH, 'UTC')).toBe('2026-11-26 05:03:20 UTC (UTC+00:00)');
    expect(formatTime(FINISH, 'America/New_York')).toBe('2026-11-26 00:03:20 America/New_York (UTC-05:00)');
    const ko = allFormats(report, 'ko');
    for (const format of ['html', 'md', 'console'] as const) {
      expect(ko[format], format).toContain('2026-11-26 14:03:20 Asia/Seoul (UTC+09:00)');
      expect(ko[format], format).not.toContain(FINISH);
    }
    expect(RENDERERS.md.render(report, { lang: 'ko', timeZone: 'UTC' })).toContain('2026-11-26 05:03:20 UTC');
  });

  it('an unknown time zone is one sentence (exit 2)', () => {
    expect(assertTimeZone('Asia/Seoul')).toBe('Asia/Seoul');
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(UsageError);
    expect(() => assertTimeZone('Mars/Olympus')).toThrow('--time-zone must be an IANA time zone such as Asia/Seoul or UTC, not "Mars/Olympus".');
  });

  it('the chrome of a Korean report has no English heading, label or legend', () => {
    const ko = allFormats(report, 'ko');
    const chrome = ['What to fix first', 'What was graded', 'Checks by category', 'Evidence', 'How to fix', 'prefix', 'Total', 'Target', 'Graded', 'of the total', 'not applicable:', 'blocked by'];
    for (const format of ['html', 'md', 'console'] as const) {
      // As words of the page, not inside evidence such as HTTPCode_Target_5XX_Count.
      for (const word of chrome) expect(ko[format], `${format}: ${word}`).not.toMatch(new RegExp(`(^|[^\\w_])${word}([^\\w_]|$)`, 'm'));
    }
    expect(ko.html).toContain('<th>스택 이름 접두사</th>');
  });
});

describe('files that open where students open them (issue 13 item 6)', () => {
  it('report.csv starts with a UTF-8 byte order mark, and its header follows the language', () => {
    const report = stamped([], { 'rds.multi-az': 'fail' });
    const ko = RENDERERS.csv.render(report, { lang: 'ko' });
    expect(Buffer.from(ko, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(ko, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(Object.values(CHECK_CSV_HEADER_KO));
    expect(rows.find((r) => r['검사 ID'] === 'rds.multi-az')).toMatchObject({ 상태: 'fail', '고치는 방법': checkById('rds.multi-az')!.remediation.ko });
    expect(RENDERERS.csv.render(report, { lang: 'en' }).startsWith('\ufeffstudent,check_id,')).toBe(true);
  });

  it('report.md keeps plain text as it is and hostile text escaped', () => {
    const report = stamped([], { 'rds.multi-az': 'fail' });
    const md = RENDERERS.md.render(report, { lang: 'en' });
    expect(md).toContain('Region ap-northeast-2');
    expect(md).toContain('14:03:20');
    expect(md).not.toMatch(/ap\\-northeast|\d\\:\d/);
  });
});
