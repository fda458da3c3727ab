// The class roster (CSV): who to grade and how to reach each account. A malformed row is
// reported with its line number and reason and skipped; the rest of the class is graded.
// Only a file that cannot be a roster at all (no header, no student id column) is refused.
import { parse } from 'csv-parse/sync';
import { UsageError } from '../../contract/errors';
import type { Bilingual } from '../../contract/report';

export interface RosterEntry {
  /** 1-based line of the file where the row starts. */
  line: number;
  student: string;
  name: string;
  /** A named profile of the instructor's AWS config. */
  profile?: string;
  /** A role to assume in the student's account (with the profile's or the default credentials). */
  roleArn?: string;
  externalId?: string;
  /** Overrides the default region (ap-northeast-2). */
  region?: string;
  /** Only with --target local: the emulated scenario to deploy for this student (reference or a defect). */
  scenario?: string;
}

/** A skipped row: `reason` in English (class.json keeps it), `reasonKo` for Korean output. */
export interface RosterProblem {
  line: number;
  reason: string;
  reasonKo: string;
}

function problem(line: number, reason: Bilingual): RosterProblem {
  return { line, reason: reason.en, reasonKo: reason.ko };
}

/** The reason in the output's language. */
export function rosterReason(p: Pick<RosterProblem, 'reason'> & { reasonKo?: string }, lang: 'ko' | 'en'): string {
  return lang === 'ko' && p.reasonKo ? p.reasonKo : p.reason;
}

export interface Roster {
  entries: RosterEntry[];
  problems: RosterProblem[];
  /** Header columns the roster does not use (an e-mail column, say): ignored, but shown. */
  ignoredColumns: string[];
}

// Student ids name stacks (CloudMart-<id>-...), tags and the student's output folder: letters,
// digits and hyphens only, so an id can never be a path or break a stack name.
const STUDENT_ID = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?$/;
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const PROFILE = /^[\w.+@-]{1,128}$/;
const SCENARIO = /^[a-z0-9][a-z0-9-]{0,63}$/;

const COLUMNS = {
  student: ['student_id', 'student', 'id'],
  name: ['name', 'student_name'],
  profile: ['profile', 'aws_profile'],
  roleArn: ['role_arn', 'role'],
  externalId: ['external_id'],
  region: ['region'],
  scenario: ['scenario'],
} as const;
type Field = keyof typeof COLUMNS;

export function parseRoster(text: string, source = 'roster'): Roster {
  const { records, problems } = readRecords(text, source);
  const [header, ...rows] = records;
  if (!header) {
    throw new UsageError({
      ko: `${source}: 명단이 비어 있습니다. 머리글 행(student_id,name,profile,role_arn,external_id,region)이 필요합니다.`,
      en: `${source}: the roster is empty; it needs a header row (student_id,name,profile,role_arn,external_id,region).`,
    });
  }

  const names = header.fields.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const index = {} as Record<Field, number | undefined>;
  for (const field of Object.keys(COLUMNS) as Field[]) {
    const i = names.findIndex((n) => (COLUMNS[field] as readonly string[]).includes(n));
    index[field] = i >= 0 ? i : undefined;
  }
  if (index.student === undefined) {
    throw new UsageError({
      ko: `${source}: 머리글에 student_id 열이 없습니다 (찾은 열: ${header.fields.join(', ') || '없음'}).`,
      en: `${source}: the header has no student_id column (found: ${header.fields.join(', ') || 'nothing'}).`,
    });
  }
  const used = new Set(Object.values(index).filter((i): i is number => i !== undefined));
  const ignoredColumns = header.fields.filter((_, i) => !used.has(i));

  const entries: RosterEntry[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { fields: record, line } of rows) {
    if (record.length !== header.fields.length) {
      problems.push(
        problem(line, {
          ko: `필드가 ${record.length}개인데 머리글은 ${header.fields.length}개입니다 (이름에 따옴표로 감싸지 않은 쉼표가 있나요?)`,
          en: `has ${record.length} fields, the header has ${header.fields.length} (an unquoted comma in a name?)`,
        }),
      );
      continue;
    }
    const get = (field: Field) => {
      const i = index[field];
      const v = i === undefined ? '' : record[i]!.trim();
      return v === '' ? undefined : v;
    };
    const entry: RosterEntry = { line, student: get('student') ?? '', name: get('name') ?? '' };
    const invalid = validate(entry, get);
    if (invalid) {
      problems.push(problem(line, invalid));
      continue;
    }
    const earlier = firstLineOf.get(entry.student.toLowerCase());
    if (earlier !== undefined) {
      problems.push(
        problem(line, {
          ko: `학생 ID ${entry.student}은(는) 이미 ${earlier}번째 줄에 있습니다: 이 줄은 건너뜁니다`,
          en: `student id ${entry.student} is already on line ${earlier}: this row is skipped`,
        }),
      );
      continue;
    }
    firstLineOf.set(entry.student.toLowerCase(), line);
    entries.push(entry);
  }
  problems.sort((a, b) => a.line - b.line);
  return { entries, problems, ignoredColumns };
}

function validate(entry: RosterEntry, get: (field: Field) => string | undefined): Bilingual | undefined {
  if (!entry.student) return { ko: '학생 ID가 비어 있습니다', en: 'the student id is empty' };
  if (!STUDENT_ID.test(entry.student)) {
    return {
      ko: '학생 ID에는 영문자, 숫자, 중간의 하이픈만 쓸 수 있습니다 (최대 40자)',
      en: 'the student id may hold only letters, digits and inner hyphens (at most 40 characters)',
    };
  }
  const profile = get('profile');
  const roleArn = get('roleArn');
  const externalId = get('externalId');
  const region = get('region');
  if (profile !== undefined) {
    if (!PROFILE.test(profile)) return { ko: '프로필 이름에 프로필 이름으로 쓸 수 없는 문자가 있습니다', en: 'the profile name has characters a profile cannot have' };
    entry.profile = profile;
  }
  if (roleArn !== undefined) {
    if (!ROLE_ARN.test(roleArn)) {
      return { ko: 'role_arn이 IAM 역할 ARN(arn:aws:iam::123456789012:role/NAME)이 아닙니다', en: 'role_arn is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)' };
    }
    entry.roleArn = roleArn;
  }
  if (externalId !== undefined) {
    if (!roleArn) return { ko: 'role_arn 없이 external_id가 주어졌습니다', en: 'external_id is given without a role_arn' };
    if (!EXTERNAL_ID.test(externalId)) {
      return {
        ko: 'external_id는 영문자, 숫자, +=,.@:/- 로 된 2~1224자여야 합니다',
        en: 'external_id must be 2 to 1224 characters of letters, digits and +=,.@:/-',
      };
    }
    entry.externalId = externalId;
  }
  if (region !== undefined) {
    if (!REGION.test(region)) return { ko: `region ${region}은(는) AWS 리전 이름(예: ap-northeast-2)이 아닙니다`, en: `region ${region} is not an AWS region name (like ap-northeast-2)` };
    entry.region = region;
  }
  const scenario = get('scenario');
  if (scenario !== undefined) {
    if (!SCENARIO.test(scenario)) return { ko: 'scenario에는 영문 소문자, 숫자, 하이픈만 쓸 수 있습니다', en: 'scenario must be lower-case letters, digits and hyphens' };
    entry.scenario = scenario;
  }
  if (!entry.name) entry.name = entry.student;
  return undefined;
}

interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/**
 * Every record of the file with the line it starts on. A record csv-parse cannot read (a
 * stray or unclosed quote) is reported and parsing starts again on the next line, so one
 * bad quote costs one row, not the rest of the file.
 */
function readRecords(text: string, source: string): { records: CsvRecord[]; problems: RosterProblem[] } {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const records: CsvRecord[] = [];
  const problems: RosterProblem[] = [];
  let offset = 0; // lines already consumed before the chunk being parsed
  while (offset < lines.length) {
    let lastEnd = 0; // relative line where the last good record of this chunk ended
    try {
      parse(lines.slice(offset).join('\n'), {
        raw: true,
        comment: '#',
        comment_no_infix: true,
        skip_empty_lines: true,
        relax_column_count: true,
        // With raw: true, each record arrives as { record, raw } (the typings do not say so).
        on_record: ((record: { record: string[]; raw: string }, context: { lines: number }) => {
          records.push({ fields: record.record, line: offset + startLine(context.lines, record.raw) });
          lastEnd = context.lines;
          return record;
        }) as never,
      });
      break;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!code?.startsWith('CSV_') && code !== 'INVALID_OPENING_QUOTE') {
        const detail = (error as Error).message.split('\n')[0];
        throw new UsageError({ ko: `${source}: 명단이 CSV 파일이 아닙니다 (${detail}).`, en: `${source}: the roster is not a CSV file (${detail}).` }, { cause: error });
      }
      const bad = offset + firstContentLine(lines.slice(offset), lastEnd);
      const what = (error as Error).message.split(':')[0]!.trim().toLowerCase();
      problems.push(problem(bad, { ko: `올바른 CSV가 아닙니다: ${CSV_ERRORS_KO[code] ?? `CSV 형식 오류 (${code})`}`, en: `not valid CSV: ${what}` }));
      offset = bad;
    }
  }
  return { records, problems };
}

/** csv-parse's errors a roster row can cause, in Korean by code (any other: the code, an identifier). */
const CSV_ERRORS_KO: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '따옴표가 닫히지 않았습니다',
  CSV_INVALID_CLOSING_QUOTE: '닫는 따옴표 뒤에 구분자가 아닌 문자가 있습니다',
  INVALID_OPENING_QUOTE: '필드 중간에 여는 따옴표가 있습니다',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '닫는 따옴표 뒤에 구분자가 아닌 문자가 있습니다',
  CSV_MAX_RECORD_SIZE: '행이 너무 깁니다',
};

/** csv-parse counts the line a record ends on; a quoted field may span lines, and raw also holds the comment and empty lines skipped before it. */
function startLine(endLine: number, raw: string): number {
  const inner = raw.replace(/^(?:(?:#[^\n]*)?\n)*/, '').replace(/\n$/, '');
  return endLine - (inner.match(/\n/g)?.length ?? 0);
}

/** The 1-based line of the first line after `after` that is neither empty nor a comment. */
function firstContentLine(lines: string[], after: number): number {
  for (let i = after; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l !== '' && !l.startsWith('#')) return i + 1;
  }
  return after + 1;
}
