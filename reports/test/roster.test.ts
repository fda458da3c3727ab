import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { parseRoster } from '../class/roster';

const ROSTERS = path.resolve(import.meta.dirname, '../../fixtures/rosters');
const read = (name: string) => readFileSync(path.join(ROSTERS, name), 'utf8');

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
    expect(roster.problems).toEqual([
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
    expect(roster.problems).toEqual([{ line: 3, reason: 'not valid CSV: quote not closed' }]);
  });

  it('refuses a file that cannot be a roster with one clear sentence', () => {
    expect(() => parseRoster('', 'r.csv')).toThrow(UsageError);
    expect(() => parseRoster('', 'r.csv')).toThrow('r.csv: the roster is empty; it needs a header row (student_id,name,profile,role_arn,external_id,region).');
    expect(() => parseRoster('name,profile\nKim,p\n', 'r.csv')).toThrow('r.csv: the header has no student_id column (found: name, profile).');
  });
});
