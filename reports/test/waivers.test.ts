import { XMLParser } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import type { Report } from '../../contract/report';
import { sampleRun } from '../../fixtures/reports/sample-runs';
import { renderConsoleSummary } from '../render/console';
import { RENDERERS } from '../render/index';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';
import { openWaivers } from '../waivers/apply';
import { canonicalWaiverPayload, generateInstructorKeys, signWaivers, verifyWaiverFile } from '../waivers/signing';
import { parseWaiverFile, serializeWaiverFile, type WaiverEntry } from '../waivers/waiver-file';

const rubric = defaultRubric();
const instructor = generateInstructorKeys();
const student = generateInstructorKeys(); // a student's own key pair: must not be able to sign waivers
const NOW = new Date('2026-11-26T05:03:20.000Z');

const natWaiver: WaiverEntry = { check: 'nat.per-az', student: '*', reason: '예산 때문에 NAT 하나 허용 (one NAT for the budget)', approver: 'Instructor Kim', expires: '2026-12-31' };
const s01Multi: WaiverEntry = { check: 'rds.multi-az', student: 's01', reason: 'Account quota for Multi-AZ pending', approver: 'Instructor Kim', expires: '2026-12-31' };

function signedText(entries: WaiverEntry[], keyPem = instructor.privateKeyPem): string {
  return serializeWaiverFile(signWaivers(entries, keyPem));
}

function grade(waiverText: string, statuses: Record<string, 'pass' | 'fail' | 'error' | 'not-applicable'>, who = 's01'): Report {
  const waivers = openWaivers(waiverText, 'waivers.yaml', instructor.publicKeyPem);
  return scoreRun(sampleRun({ student: who, statuses }), { rubric, waivers, now: NOW });
}

const check = (report: Report, id: string) => report.checks.find((c) => c.id === id)!;

describe('waivers', () => {
  it('a signed waiver turns a failed check into waived, keeps the reason and original status, and leaves the denominator', () => {
    const report = grade(signedText([natWaiver, s01Multi]), { 'nat.per-az': 'fail', 'rds.multi-az': 'fail' });
    expect(check(report, 'nat.per-az')).toMatchObject({
      status: 'waived',
      originalStatus: 'fail',
      points: 0,
      maxPoints: 0,
      waiver: { reason: natWaiver.reason, approver: 'Instructor Kim', expires: '2026-12-31' },
    });
    expect(check(report, 'rds.multi-az').status).toBe('waived');
    const ha = report.score.categories.find((c) => c.id === 'high-availability')!;
    expect(ha).toMatchObject({ points: 31, maxPoints: 31, percent: 100 });
    expect(ha.counts).toMatchObject({ waived: 2, fail: 0 });
    expect(report.waiversIgnored).toBeUndefined();
  });

  it('a waived prerequisite lifts the cost of the checks that needed it', () => {
    const statuses = { 'elasticache.redis-present': 'fail', 'elasticache.automatic-failover': 'not-applicable' } as const;
    const waiver = { check: 'elasticache.redis-present', student: 's01', reason: 'Redis quota not granted yet', approver: 'Instructor Kim', expires: '2026-12-31' };
    const report = grade(signedText([waiver]), statuses);
    expect(check(report, 'elasticache.redis-present').status).toBe('waived');
    expect(check(report, 'elasticache.automatic-failover')).toMatchObject({ status: 'not-applicable', points: 0, maxPoints: 0 });
  });

  it('waives an errored check too, and leaves passed checks alone', () => {
    const report = grade(signedText([natWaiver]), { 'nat.per-az': 'error' });
    expect(check(report, 'nat.per-az')).toMatchObject({ status: 'waived', originalStatus: 'error' });
    const passed = grade(signedText([natWaiver]), {});
    expect(check(passed, 'nat.per-az')).toMatchObject({ status: 'pass', points: 1 });
    expect(check(passed, 'nat.per-az').waiver).toBeUndefined();
  });

  it('a wildcard waiver applies to every student; a waiver for another student neither applies nor shows', () => {
    const text = signedText([natWaiver, s01Multi]);
    const s02 = grade(text, { 'nat.per-az': 'fail', 'rds.multi-az': 'fail' }, 's02');
    expect(check(s02, 'nat.per-az').status).toBe('waived');
    expect(check(s02, 'rds.multi-az').status).toBe('fail');
    expect(s02.waiversIgnored).toBeUndefined();
  });

  it('never-waivable checks stay failed, and the ignored waiver is reported with why', () => {
    const report = grade(signedText([{ ...natWaiver, check: 'rds.not-public' }]), { 'rds.not-public': 'fail' });
    expect(check(report, 'rds.not-public')).toMatchObject({ status: 'fail', points: 0, maxPoints: 10 });
    expect(report.waiversIgnored).toMatchObject([
      { checkId: 'rds.not-public', student: '*', reason: 'rds.not-public can never be waived (the rubric lists it as never-waivable)' },
    ]);
  });

  it('expired waivers are ignored and reported; a bare date is valid through that day in Korea', () => {
    const expired = grade(signedText([{ ...natWaiver, expires: '2026-11-25' }]), { 'nat.per-az': 'fail' });
    expect(check(expired, 'nat.per-az').status).toBe('fail');
    expect(expired.waiversIgnored?.[0]?.reason).toBe('the waiver expired (2026-11-25)');
    // NOW is 14:03 on 2026-11-26 in Korea: a waiver expiring "2026-11-26" still holds.
    expect(check(grade(signedText([{ ...natWaiver, expires: '2026-11-26' }]), { 'nat.per-az': 'fail' }), 'nat.per-az').status).toBe('waived');
    expect(check(grade(signedText([{ ...natWaiver, expires: '2026-11-26T05:00:00Z' }]), { 'nat.per-az': 'fail' }), 'nat.per-az').status).toBe('fail');
  });

  it('a file changed after signing is ignored entirely and reported as such', () => {
    const file = signWaivers([natWaiver], instructor.privateKeyPem);
    file.waivers[0]!.student = 's01'; // the student narrows the waiver: any change breaks the signature
    file.waivers.push({ ...s01Multi });
    const report = grade(serializeWaiverFile(file), { 'nat.per-az': 'fail', 'rds.multi-az': 'fail' });
    expect(check(report, 'nat.per-az').status).toBe('fail');
    expect(check(report, 'rds.multi-az').status).toBe('fail');
    expect(report.waiversIgnored).toHaveLength(2);
    expect(report.waiversIgnored![0]!.reason).toMatch(/signature does not verify \(it was changed after signing\): every waiver in waivers\.yaml is ignored/);
  });

  it("a student's own key, an unsigned file and a forged key id are all refused", () => {
    const ownKey = grade(signedText([s01Multi], student.privateKeyPem), { 'rds.multi-az': 'fail' });
    expect(check(ownKey, 'rds.multi-az').status).toBe('fail');
    expect(ownKey.waiversIgnored?.[0]?.reason).toMatch(/signed with another key/);

    const unsigned = grade(serializeWaiverFile({ format: 'cloudmart-waivers/v1', waivers: [s01Multi] }), { 'rds.multi-az': 'fail' });
    expect(unsigned.waiversIgnored?.[0]?.reason).toMatch(/^the waiver file is not signed/);

    const forged = signWaivers([s01Multi], student.privateKeyPem);
    forged.signature!.keyId = instructor.keyId;
    expect(verifyWaiverFile(forged, instructor.publicKeyPem)).toMatchObject({ trusted: false, reason: expect.stringMatching(/does not verify/) });
  });

  it('the signature covers a canonical payload: formatting, key order and NFC/NFD do not matter, values do', () => {
    const file = signWaivers([natWaiver], instructor.privateKeyPem);
    const json = JSON.stringify({ signature: file.signature, waivers: [{ expires: natWaiver.expires, approver: natWaiver.approver, reason: natWaiver.reason.normalize('NFD'), student: '*', check: 'nat.per-az' }], format: file.format });
    const reparsed = parseWaiverFile(json, 'waivers.json');
    expect(verifyWaiverFile(reparsed, instructor.publicKeyPem)).toEqual({ trusted: true });
    expect(canonicalWaiverPayload([natWaiver]).toString('utf8')).toBe(
      JSON.stringify(['cloudmart-waivers/v1', [['nat.per-az', '*', natWaiver.reason, 'Instructor Kim', '2026-12-31']]]),
    );
    expect(verifyWaiverFile({ ...file, waivers: [{ ...natWaiver, expires: '2027-12-31' }] }, instructor.publicKeyPem).trusted).toBe(false);
  });

  it('a malformed waiver file or key is a UsageError naming the field', () => {
    expect(() => parseWaiverFile('format: cloudmart-waivers/v1\nwaivers:\n  - check: nat.per-az\n    student: "*"\n    reason: x\n    approver: y\n    expires: soon\n', 'w.yaml')).toThrow(
      /w\.yaml: waivers\.0\.expires: must be a date/,
    );
    expect(() => parseWaiverFile('format: cloudmart-waivers/v1\nwaivers:\n  - check: nat.per-az\n    student: "*"\n    reason: x\n    approver: y\n    expires: "2026-02-31"\n', 'w.yaml')).toThrow(UsageError);
    expect(() => openWaivers(signedText([natWaiver]), 'w.yaml', 'not a key')).toThrow(/is not a PEM public key/);
  });

  it('shows the waiver with its reason and approver in every format', () => {
    const report = grade(signedText([natWaiver]), { 'nat.per-az': 'fail' });
    const reason = natWaiver.reason;
    const html = RENDERERS.html.render(report, { lang: 'ko' });
    expect(html).toContain(reason);
    expect(html).toContain('Instructor Kim');
    expect(RENDERERS.md.render(report, { lang: 'en' })).toMatch(/` nat\.per-az `: .*one NAT for the budget\) \(approved by Instructor Kim, expires 2026-12-31; original status fail\)/);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(RENDERERS.junit.render(report, { lang: 'en' }));
    const ha = junit.testsuites.testsuite.find((s: { '@_name': string }) => s['@_name'] === 'high-availability');
    const tc = ha.testcase.find((c: { '@_name': string }) => c['@_name'] === 'nat.per-az');
    expect(tc.skipped['@_message']).toBe(`waived: ${reason} (approved by Instructor Kim, expires 2026-12-31; was fail)`);
    const rows = parseCsv(RENDERERS.csv.render(report, { lang: 'en' }), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.find((r) => r.check_id === 'nat.per-az')).toMatchObject({ status: 'waived', original_status: 'fail', waiver_reason: reason, waiver_approver: 'Instructor Kim' });
    expect(JSON.parse(RENDERERS.json.render(report, { lang: 'en' })).checks.find((c: { id: string }) => c.id === 'nat.per-az').waiver.reason).toBe(reason);
  });

  describe('why a waiver was not applied, in the report\'s language (issue 13)', () => {
    /** Every way a waiver can be ignored, each with the report it gives. */
    const ignoredReports = () => {
      const changed = signWaivers([natWaiver], instructor.privateKeyPem);
      changed.waivers[0]!.student = 's01';
      return [
        grade(signedText([{ ...natWaiver, check: 'rds.not-public' }]), { 'rds.not-public': 'fail' }),
        grade(signedText([{ ...natWaiver, expires: '2026-11-25' }]), { 'nat.per-az': 'fail' }),
        grade(signedText([{ ...natWaiver, check: 'no.such-check' }]), { 'nat.per-az': 'fail' }),
        grade(signedText([natWaiver, { ...natWaiver, reason: 'again' }]), { 'nat.per-az': 'fail' }),
        grade(serializeWaiverFile(changed), { 'nat.per-az': 'fail' }),
        grade(signedText([s01Multi], student.privateKeyPem), { 'rds.multi-az': 'fail' }),
        grade(serializeWaiverFile({ format: 'cloudmart-waivers/v1', waivers: [s01Multi] }), { 'rds.multi-az': 'fail' }),
      ];
    };
    /** English words left in a Korean reason once check ids, file names and dates are taken out. */
    const englishWordsIn = (korean: string) => korean.replace(/\S*[.\d]\S*/g, '').match(/\b[a-z]{3,}\b/g) ?? [];

    it('keeps report.json\'s reason English and puts the Korean beside it, for every kind of ignored waiver', () => {
      const ignored = ignoredReports().flatMap((r) => r.waiversIgnored ?? []);
      expect(ignored).toHaveLength(7);
      for (const w of ignored) {
        expect(w.reasonKo, w.reason).toMatch(/[가-힣]/);
        expect(englishWordsIn(w.reasonKo!), w.reasonKo).toEqual([]);
      }
      expect(ignored.map((w) => w.reasonKo)).toEqual([
        'rds.not-public은(는) 면제할 수 없습니다 (채점 기준이 면제 불가로 정함)',
        '면제 기한이 지났습니다 (2026-11-25)',
        '보고서에 no.such-check 검사가 없습니다',
        '파일의 앞선 면제가 이미 nat.per-az을(를) 다룹니다',
        '면제 파일의 서명이 확인되지 않습니다 (서명한 뒤에 바뀌었습니다): waivers.yaml의 면제는 모두 무시됩니다',
        expect.stringMatching(/^면제 파일이 강사의 키\([0-9a-f]{16}\)가 아닌 다른 키\([0-9a-f]{16}\)로 서명되었습니다: waivers\.yaml의 면제는 모두 무시됩니다$/),
        '면제 파일에 서명이 없습니다: waivers.yaml의 면제는 모두 무시됩니다',
      ]);
      expect(ignored[2]!.reason).toBe('the report has no check no.such-check');
    });

    it('shows the Korean reason in a Korean report and the English one in an English report', () => {
      const report = grade(signedText([{ ...natWaiver, expires: '2026-11-25' }, { ...natWaiver, check: 'rds.not-public' }]), { 'nat.per-az': 'fail', 'rds.not-public': 'fail' });
      const english = ['the waiver expired (2026-11-25)', 'rds.not-public can never be waived (the rubric lists it as never-waivable)'];
      const korean = ['면제 기한이 지났습니다 (2026-11-25)', 'rds.not-public은(는) 면제할 수 없습니다 (채점 기준이 면제 불가로 정함)'];
      const unescape = (text: string) => text.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/\\([\\`*_{}[\]()#+\-.!|<>~:])/g, '$1');
      for (const format of ['html', 'md'] as const) {
        const ko = unescape(RENDERERS[format].render(report, { lang: 'ko' }));
        const en = unescape(RENDERERS[format].render(report, { lang: 'en' }));
        for (const line of korean) expect(ko, format).toContain(line);
        for (const line of english) expect(ko, format).not.toContain(line);
        for (const line of english) expect(en, format).toContain(line);
        for (const line of korean) expect(en, format).not.toContain(line);
      }
      const console = (lang: 'ko' | 'en') => renderConsoleSummary(report, { lang, width: 200 }).replace(/\u001b\[[0-9;]*m/g, '');
      expect(console('ko')).toContain(korean[0]);
      expect(console('ko')).not.toContain(english[0]);
      expect(console('en')).toContain(english[0]);
      const json = JSON.parse(RENDERERS.json.render(report, { lang: 'ko' })) as Report;
      expect(json.waiversIgnored).toEqual([
        { checkId: 'nat.per-az', student: '*', reason: english[0], reasonKo: korean[0] },
        { checkId: 'rds.not-public', student: '*', reason: english[1], reasonKo: korean[1] },
      ]);
    });

    it('shows an English-only reason of a report written before issue 13 as it is', () => {
      const report = grade(signedText([{ ...natWaiver, expires: '2026-11-25' }]), { 'nat.per-az': 'fail' });
      const old: Report = { ...report, waiversIgnored: [{ checkId: 'nat.per-az', student: '*', reason: 'the waiver expired (2026-11-25)' }] };
      expect(RENDERERS.html.render(old, { lang: 'ko' })).toContain('the waiver expired (2026-11-25)');
    });

    it('says a malformed waiver file in Korean too', () => {
      const koreanOf = (text: string) => {
        try {
          parseWaiverFile(text, 'w.yaml');
        } catch (error) {
          return (error as UsageError).in('ko');
        }
        return undefined;
      };
      expect(koreanOf('format: [unclosed')).toBe('w.yaml: 면제 파일이 올바른 YAML이나 JSON이 아닙니다.');
      expect(koreanOf('format: cloudmart-waivers/v1\nwaivers:\n  - check: nat.per-az\n    student: "*"\n    reason: x\n    approver: y\n    expires: soon\n')).toMatch(/^w\.yaml: 면제 파일의 waivers\.0\.expires이\(가\) 올바르지 않습니다 \(must be a date/);
    });
  });
});
