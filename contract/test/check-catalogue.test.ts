// The check catalogue is a public contract. Always: its ids are unique and well formed, each has
// a rule file named after it, its categories and severities are the report's, its order is the
// report's (categories in CATEGORIES order), its titles are requirements in Korean and English.
// When ../shared/spec/checks.md is there (the course keeps it outside this repository): the same
// ids in the same order and categories, the severities it states, the refs it lists.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_CATALOGUE, catalogueEntry, LIVE_CHECK_IDS, type CheckCatalogueEntry } from '../check-catalogue';
import { CATEGORIES, Category, Refs, Severity } from '../report';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHECKS_MD = path.resolve(ROOT, '../shared/spec/checks.md');

const HANGUL = /[\uAC00-\uD7A3]/;
/** "...해야 함", "...있어야 함", "...없어야 함", "...있으면 안 됨": what must hold, not what is. */
const KOREAN_REQUIREMENT = /(야 함|안 됨)$/;

/** The report lists categories in CATEGORIES order and, within one, checks in catalogue order. */
function inReportOrder(entries: readonly Pick<CheckCatalogueEntry, 'category'>[]): boolean {
  const ranks = entries.map((e) => CATEGORIES.indexOf(e.category));
  return ranks.every((rank, i) => i === 0 || rank >= ranks[i - 1]!);
}

describe('the check catalogue', () => {
  it('has unique ids of the form service.name, the same in LIVE_CHECK_IDS, and no drill', () => {
    const ids = CHECK_CATALOGUE.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...LIVE_CHECK_IDS]).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+\.[a-z0-9-]+$/);
    expect(ids.some((id) => id.startsWith('drill.'))).toBe(false);
  });

  it('has a rule file named after every id (checks/rules/<id>.ts)', () => {
    const missing = LIVE_CHECK_IDS.filter((id) => !existsSync(path.join(ROOT, 'checks/rules', `${id}.ts`)));
    expect(missing).toEqual([]);
  });

  it('uses only the categories and severities of the report, with refs in the report shape', () => {
    for (const entry of CHECK_CATALOGUE) {
      expect(Category.safeParse(entry.category).success, entry.id).toBe(true);
      expect(Severity.safeParse(entry.severity).success, entry.id).toBe(true);
      expect(Refs.strict().parse(entry.refs), entry.id).toEqual(entry.refs);
    }
  });

  it('is in report order: every category in one block, the blocks in CATEGORIES order', () => {
    expect(inReportOrder(CHECK_CATALOGUE)).toBe(true);
    expect([...new Set(CHECK_CATALOGUE.map((e) => e.category))]).toEqual([...CATEGORIES]);
  });

  it('the order comparison can fail', () => {
    expect(inReportOrder([{ category: 'security' }, { category: 'architecture' }])).toBe(false);
  });

  it.each(CHECK_CATALOGUE.map((e) => [e.id, e] as const))('%s: its title is a requirement in Korean and in English', (_id, entry) => {
    expect(entry.title.ko).toMatch(HANGUL);
    expect(entry.title.ko).toMatch(KOREAN_REQUIREMENT);
    expect(entry.title.en).not.toMatch(HANGUL);
    expect(entry.title.en.length).toBeGreaterThan(20);
    expect(entry.title.en).toMatch(/\b(must|should)\b/);
    expect(entry.title.ko).not.toBe(entry.title.en);
  });

  it('the requirement pattern can fail on a statement of fact', () => {
    expect('RDS 인스턴스가 다중 AZ로 구성됨').not.toMatch(KOREAN_REQUIREMENT);
    expect('The RDS instance is Multi-AZ').not.toMatch(/\b(must|should)\b/);
  });

  it('hands out copies: changing one entry changes nothing another reader sees', () => {
    const entry = catalogueEntry('rds.multi-az');
    entry.title.en = 'changed';
    entry.refs.fsbp.push('X.1');
    expect(catalogueEntry('rds.multi-az').title.en).not.toBe('changed');
    expect(CHECK_CATALOGUE.find((e) => e.id === 'rds.multi-az')!.refs.fsbp).not.toContain('X.1');
  });
});

interface SpecRow {
  id: string;
  category: string;
  /** Only where checks.md states one, e.g. "`nat.per-az` (low)". */
  severity?: string;
  refs?: Refs;
}

/** "FSBP RDS.5; cdk-nag AwsSolutions-RDS3; Prowler rds_instance_multi_az" as refs; "(none: ...)" and "" are none. */
function refsOf(cell: string): Refs {
  const refs: Refs = { fsbp: [], cdkNag: [], prowler: [] };
  const keys = { FSBP: 'fsbp', 'cdk-nag': 'cdkNag', Prowler: 'prowler' } as const;
  for (const part of cell.split(';').map((p) => p.trim()).filter((p) => p && !p.startsWith('('))) {
    const match = /^(FSBP|cdk-nag|Prowler) (.+)$/.exec(part);
    if (!match) throw new Error(`checks.md: refs "${part}" name no known tool`);
    // "FSBP CloudWatch.16 (relaxed)": the remark is not part of the id.
    refs[keys[match[1] as keyof typeof keys]].push(...match[2]!.replace(/\s*\(.*\)$/, '').split(',').map((id) => id.trim()));
  }
  return refs;
}

/** The rows of checks.md's tables: `| \`id\` (severity) | pass when | refs |` under "## category". */
function specRows(markdown: string): SpecRow[] {
  const rows: SpecRow[] = [];
  let category = '';
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) category = heading[1]!.trim();
    const row = /^\| `([a-z0-9]+\.[a-z0-9-]+)`(?: \((critical|high|medium|low)\))? \|(.*)\|\s*$/.exec(line);
    if (!row) continue;
    const cells = row[3]!.split('|');
    rows.push({
      id: row[1]!,
      category,
      ...(row[2] ? { severity: row[2] } : {}),
      ...(cells.length > 1 ? { refs: refsOf(cells[cells.length - 1]!) } : {}),
    });
  }
  return rows;
}

const entryOf = (id: string) => CHECK_CATALOGUE.find((e) => e.id === id);

describe.skipIf(!existsSync(CHECKS_MD))('the check catalogue against ../shared/spec/checks.md', () => {
  const live = () => specRows(readFileSync(CHECKS_MD, 'utf8')).filter((row) => !row.id.startsWith('drill.'));

  it('lists exactly the non-drill check ids of checks.md, in its order and categories', () => {
    expect(CHECK_CATALOGUE.map((e) => [e.id, e.category])).toEqual(live().map((row) => [row.id, row.category]));
  });

  it('has the severity checks.md states, where it states one', () => {
    const stated = live().filter((row) => row.severity);
    expect(stated.length).toBeGreaterThan(0);
    for (const row of stated) expect(entryOf(row.id)?.severity, row.id).toBe(row.severity);
  });

  it('has exactly the refs checks.md lists', () => {
    for (const row of live()) expect(entryOf(row.id)?.refs, row.id).toEqual(row.refs);
  });
});

describe('reading checks.md (the comparison can fail)', () => {
  it('reads ids, stated severities and refs of every tool, and none where it says none', () => {
    const rows = specRows(
      [
        '## security',
        '| id | pass when | refs |',
        '| `rds.multi-az` | Multi-AZ | FSBP RDS.5; cdk-nag AwsSolutions-RDS3; Prowler rds_instance_multi_az |',
        '| `nat.per-az` (low) | a NAT per AZ | (none: a cost trade-off) |',
        '| `logs.retention` | retention | FSBP CloudWatch.16 (relaxed) |',
      ].join('\n'),
    );
    expect(rows).toEqual([
      { id: 'rds.multi-az', category: 'security', refs: { fsbp: ['RDS.5'], cdkNag: ['AwsSolutions-RDS3'], prowler: ['rds_instance_multi_az'] } },
      { id: 'nat.per-az', category: 'security', severity: 'low', refs: { fsbp: [], cdkNag: [], prowler: [] } },
      { id: 'logs.retention', category: 'security', refs: { fsbp: ['CloudWatch.16'], cdkNag: [], prowler: [] } },
    ]);
  });
});
