import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { buildClassReport } from '../class/class-report';
import { classHtmlRenderer } from '../class/class-html';
import { parseRoster, type RosterProblem } from '../class/roster';

const ROSTERS = path.resolve(import.meta.dirname, '../../fixtures/rosters');
const read = (name: string) => readFileSync(path.join(ROSTERS, name), 'utf8');
/** The English reasons (class.json's `reason`), as the roster has always reported them. */
const english = (problems: RosterProblem[]) => problems.map(({ line, reason }) => ({ line, reason }));
/** English words left in a Korean reason once ids, column names and the rows' values (seoul) are taken out. */
const englishWordsIn = (korean: string) =>
  korean
    .replace(/\b(?:student_id|role_arn|external_id|region|scenario|name|profile|seoul|arn:\S+|[a-z]+-[a-z]+-\d)\b/g, '')
    .match(/\b[a-z]{3,}\b/g) ?? [];

describe('roster', () => {
  it('reads the example: profile, role with external id, role alone, region override', () => {
    const roster = parseRoster(read('example.csv'), 'example.csv');
    expect(roster.problems).toEqual([]);
    expect(roster.entries).toEqual([
      { line: 5, student: 'kim-minsu', name: '김민수', profile: 'bootcamp-kim' },
      { line: 6, student: 'lee-jiwoo', name: '이지우', roleArn: 'arn:aws:iam::210987654321:role/CloudMartGrader', externalId: 'cloudmart-2026' },
      { line: 7, student: 'park-seoyeon', name: 'Park, Seoyeon', roleArn: 'arn:aws:iam::310987654321:role/CloudMartGrader' },
      { line: 8, student: 'choi-hyun', name: '최현', region: 'us-east-1' },
    ]);
  });

  it('reports every malformed row by line with its reason, and keeps the good rows', () => {
    const roster = parseRoster(read('malformed.csv'), 'malformed.csv');
    expect(roster.entries.map((e) => [e.line, e.student])).toEqual([
      [2, 's01'],
      [10, 's09'],
    ]);
    expect(english(roster.problems)).toEqual([
      { line: 3, reason: 'has 7 fields, the header has 6 (an unquoted comma in a name?)' },
      { line: 4, reason: 'role_arn is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)' },
      { line: 5, reason: 'student id s01 is already on line 2: this row is skipped' },
      { line: 6, reason: 'the student id may hold only letters, digits and inner hyphens (at most 40 characters)' },
      { line: 7, reason: 'external_id is given without a role_arn' },
      { line: 8, reason: 'region seoul is not an AWS region name (like ap-northeast-2)' },
      { line: 9, reason: 'not valid CSV: invalid closing quote' },
      { line: 11, reason: 'the student id is empty' },
      { line: 12, reason: 'has 2 fields, the header has 6 (an unquoted comma in a name?)' },
    ]);
  });

  it('reads the 30-student class of separate emulated accounts with their scenarios', () => {
    const roster = parseRoster(read('class-30.csv'));
    expect(roster.problems).toEqual([]);
    expect(roster.entries).toHaveLength(30);
    expect(new Set(roster.entries.map((e) => e.roleArn!.split(':')[4])).size).toBe(30);
    expect(roster.entries[1]).toMatchObject({ student: 's02', scenario: 'rds-single-az', region: 'ap-northeast-2' });
  });

  it('handles a BOM, CRLF line ends, quoted line breaks, comments and extra columns', () => {
    const text = '\ufeffStudent ID,Name,E-mail\r\n# a comment\r\ns1,"Kim\r\nMinsu",a@x\r\n\r\ns2,,b@x\r\n';
    const roster = parseRoster(text);
    expect(roster.entries).toEqual([
      { line: 3, student: 's1', name: 'Kim\nMinsu' },
      { line: 6, student: 's2', name: 's2' },
    ]);
    expect(roster.ignoredColumns).toEqual(['E-mail']);
  });

  it('a quote left open costs its own row only: reported where the row starts, the rows after it kept', () => {
    const roster = parseRoster('student_id,name\ns1,ok\ns2,"never closed\ns3,kept\n');
    expect(roster.entries.map((e) => [e.line, e.student])).toEqual([
      [2, 's1'],
      [4, 's3'],
    ]);
    expect(english(roster.problems)).toEqual([{ line: 3, reason: 'not valid CSV: quote not closed' }]);
  });

  it('refuses a file that cannot be a roster with one clear sentence', () => {
    expect(() => parseRoster('', 'r.csv')).toThrow(UsageError);
    expect(() => parseRoster('', 'r.csv')).toThrow('r.csv: the roster is empty; it needs a header row (student_id,name,profile,role_arn,external_id,region).');
    expect(() => parseRoster('name,profile\nKim,p\n', 'r.csv')).toThrow('r.csv: the header has no student_id column (found: name, profile).');
  });

  it('gives every reason in Korean too, with no English sentence in it', () => {
    const roster = parseRoster(read('malformed.csv') + 's20,"never closed\n', 'malformed.csv');
    expect(roster.problems).toHaveLength(10);
    for (const p of roster.problems) expect(englishWordsIn(p.reasonKo), p.reasonKo).toEqual([]);
    expect(roster.problems.map((p) => [p.line, p.reasonKo]).slice(0, 3)).toEqual([
      [3, '필드가 7개인데 머리글은 6개입니다 (이름에 따옴표로 감싸지 않은 쉼표가 있나요?)'],
      [4, 'role_arn이 IAM 역할 ARN(arn:aws:iam::123456789012:role/NAME)이 아닙니다'],
      [5, '학생 ID s01은(는) 이미 2번째 줄에 있습니다: 이 줄은 건너뜁니다'],
    ]);
    expect(roster.problems.find((p) => p.line === 9)!.reasonKo).toBe('올바른 CSV가 아닙니다: 닫는 따옴표 뒤에 구분자가 아닌 문자가 있습니다');
    expect(roster.problems.at(-1)!.reasonKo).toBe('올바른 CSV가 아닙니다: 따옴표가 닫히지 않았습니다');
  });

  it('refuses a file that cannot be a roster in Korean too', () => {
    const koreanOf = (text: string) => {
      try {
        parseRoster(text, 'r.csv');
      } catch (error) {
        return (error as UsageError).in('ko');
      }
      return undefined;
    };
    expect(koreanOf('')).toBe('r.csv: 명단이 비어 있습니다. 머리글 행(student_id,name,profile,role_arn,external_id,region)이 필요합니다.');
    expect(koreanOf('name,profile\nKim,p\n')).toBe('r.csv: 머리글에 student_id 열이 없습니다 (찾은 열: name, profile).');
  });

  it('shows the reasons in the class report in its language', () => {
    const { problems } = parseRoster(read('malformed.csv'), 'malformed.csv');
    const report = buildClassReport([], { generatedAt: '2026-11-26T06:00:00.000Z', rosterProblems: problems });
    const korean = classHtmlRenderer.render(report, { lang: 'ko' });
    expect(korean).toContain('학생 ID가 비어 있습니다');
    expect(korean).not.toContain('the student id is empty');
    expect(korean).not.toContain('an unquoted comma');
    const englishHtml = classHtmlRenderer.render(report, { lang: 'en' });
    expect(englishHtml).toContain('the student id is empty');
    expect(englishHtml).not.toContain('학생 ID가 비어 있습니다');
  });
});
