// Issue 13 item 4: a Korean report (--lang ko, the default) holds no English sentence of the
// check catalogue. The real checks run on several deployments (the reference, one built in the
// console on other ports, one with many defects, ones missing a tier), the real scoring makes
// the report, and every renderer a student reads (HTML, Markdown, CSV, JUnit, the terminal
// summary) renders it in Korean. Any English title, fix, console step, warning, summary, note or
// evidence line of those checks found in the output fails the test. report.json holds both
// languages by design and is not read here.
import { describe, expect, it } from 'vitest';
import type { Bilingual, CheckOutcome, CheckRun, Report } from '../../contract/report';
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from '../../checks/config';
import type { Inventory } from '../../contract/inventory';
import { evaluateChecks } from '../../checks/rules/evaluate';
import { CHECKS } from '../../checks/rules/index';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { CONSOLE_PORTS, consoleBuiltOtherPorts, manyDefects, withoutAlb, withoutRds, withoutRedis } from '../../fixtures/inventories/variants';
import { renderConsoleSummary } from '../render/console';
import { RENDERERS } from '../render/index';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();
/** Two English words in a row: a sentence or phrase, not an id or a value. */
const ENGLISH_WORDS = /\b[A-Za-z]{3,} [a-z]{2,}\b/;
/** Long enough to be a sentence of the catalogue, short enough to survive a truncated line. */
const PROBE = 36;
const MIN_PROBE = 12;

const DEPLOYMENTS: [string, () => Inventory, CheckConfig][] = [
  ['reference', referenceInventory, DEFAULT_CHECK_CONFIG],
  ['console-built on other ports', consoleBuiltOtherPorts, { ...DEFAULT_CHECK_CONFIG, appPort: CONSOLE_PORTS.app }],
  ['many defects', manyDefects, DEFAULT_CHECK_CONFIG],
  ['without Redis', withoutRedis, DEFAULT_CHECK_CONFIG],
  ['without RDS', withoutRds, DEFAULT_CHECK_CONFIG],
  ['without an ALB', withoutAlb, DEFAULT_CHECK_CONFIG],
];

function reportOf(inventory: Inventory, config: CheckConfig): { report: Report; outcomes: CheckOutcome[] } {
  const outcomes = evaluateChecks(inventory, config);
  const run: CheckRun = {
    target: { kind: 'local', region: 'ap-northeast-2', accountId: '123456789012', student: 's01', emulated: true },
    startedAt: '2026-11-26T05:00:00.000Z',
    finishedAt: '2026-11-26T05:01:00.000Z',
    checks: outcomes,
  };
  return { report: scoreRun(run, { rubric }), outcomes };
}

/** The English sentences of the catalogue and of these outcomes, each as a probe from where its Korean differs. */
function englishSentences(outcomes: CheckOutcome[]): Map<string, string> {
  const found = new Map<string, string>();
  const add = (where: string, line: Bilingual | undefined) => {
    if (!line || !ENGLISH_WORDS.test(line.en)) return;
    // From where the English parts from the Korean: ids and values both share are not English.
    // A line that is the same in both is English in both (a check not translated yet).
    let start = 0;
    if (line.ko !== line.en) while (start < line.en.length && line.en[start] === line.ko[start]) start++;
    const probe = line.en.slice(start, start + PROBE);
    if (probe.length >= MIN_PROBE && ENGLISH_WORDS.test(probe)) found.set(probe, `${where}: "${line.en}"`);
  };
  for (const check of CHECKS) {
    add(`${check.id} title`, check.title);
    add(`${check.id} fix`, check.remediation);
    add(`${check.id} console steps`, check.remediation.console);
    add(`${check.id} warning`, check.remediation.warning);
  }
  for (const o of outcomes) {
    add(`${o.id} fix`, o.remediation);
    add(`${o.id} console steps`, o.remediation.console);
    add(`${o.id} warning`, o.remediation.warning);
    add(`${o.id} summary`, o.summary);
    for (const note of o.notes ?? []) add(`${o.id} note`, note);
    for (const r of o.resources) add(`${o.id} evidence ${r.id}`, { ko: r.detailKo ?? r.detail, en: r.detail });
  }
  return found;
}

/** The output as plain text: entities decoded, CSV quotes and Markdown escapes undone, ANSI removed. */
function plain(output: string): string {
  return output
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/""/g, '"')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~:])/g, '$1')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/\s+/g, ' ');
}

function leaks(output: string, sentences: Map<string, string>): string[] {
  const text = plain(output);
  return [...sentences].filter(([probe]) => text.includes(probe.replace(/\s+/g, ' '))).map(([, where]) => where);
}

describe('a Korean report holds no English sentence of the catalogue', () => {
  for (const [name, inventory, config] of DEPLOYMENTS) {
    const { report, outcomes } = reportOf(inventory(), config);
    const sentences = englishSentences(outcomes);
    for (const format of ['html', 'md', 'csv', 'junit'] as const) {
      it(`${name}: report.${format === 'junit' ? 'junit.xml' : format}`, () => {
        expect(leaks(RENDERERS[format].render(report, { lang: 'ko' }), sentences)).toEqual([]);
      });
    }
    it(`${name}: the terminal summary`, () => {
      expect(leaks(renderConsoleSummary(report, { lang: 'ko', width: 100 }), sentences)).toEqual([]);
    });
  }

  it('finds the English sentences in an English report (the test can fail)', () => {
    const { report, outcomes } = reportOf(manyDefects(), DEFAULT_CHECK_CONFIG);
    const sentences = englishSentences(outcomes);
    expect(sentences.size).toBeGreaterThan(100);
    for (const format of ['html', 'md', 'csv', 'junit'] as const) expect(leaks(RENDERERS[format].render(report, { lang: 'en' }), sentences).length, format).toBeGreaterThan(10);
    expect(leaks(renderConsoleSummary(report, { lang: 'en', width: 100 }), sentences).length).toBeGreaterThan(3);
  });
});

describe('the cost estimate in a Korean report (issue 13)', () => {
  // Over budget, so every render lists the estimate's lines as failing evidence.
  const overBudget = { ...DEFAULT_CHECK_CONFIG, budgetUsd: 0.01 };
  const { report, outcomes } = reportOf(referenceInventory(), overBudget);
  const cost = outcomes.find((o) => o.id === 'cost.within-budget')!;
  /** English of the estimate's lines: units, shares and phrases (the evidence ids stay English: identifiers). */
  const ENGLISH_COST = /\b(instance|node|gateway|address|alarm|dashboard)-hour\b|\bLCU-hour\b|\bGB-month\b|% of the total|\bbiggest line\b/;

  it('has each line in Korean in its evidence and summary, the evidence id unchanged', () => {
    expect(cost.status).toBe('fail');
    expect(cost.resources.map((r) => r.id)).toContain('EC2 t3.micro x 2 (running instances)');
    for (const r of cost.resources) {
      expect(r.detailKo, r.id).toMatch(/^[^:]*[가-힣][^:]*: /);
      expect(r.detailKo, r.id).not.toMatch(ENGLISH_COST);
      expect(r.detail, r.id).toMatch(/% of the total\)$/);
    }
    expect(cost.resources.find((r) => r.id.startsWith('EC2 '))!.detailKo).toMatch(/^EC2 t3\.micro 2대 \(실행 중인 인스턴스\): [\d.]+ 인스턴스-시간 x /);
    expect(cost.summary?.ko).toMatch(/가장 큰 항목은 NAT 게이트웨이 2개 \(USD/);
    expect(cost.summary?.en).toMatch(/the biggest line is NAT gateway x 2 \(USD/);
    expect(cost.remediation.ko).toMatch(/가장 큰 항목부터 줄이세요: NAT 게이트웨이 2개 USD [\d.]+, /);
    expect(cost.remediation.ko).not.toMatch(/NAT gateway|x 2 nodes|Multi-AZ/);
    expect(cost.remediation.en).toMatch(/first: NAT gateway x 2 USD [\d.]+, /);
    const assumptions = (cost.evidence as { assumptions: string[]; assumptionsKo: string[] });
    expect(assumptions.assumptionsKo).toHaveLength(assumptions.assumptions.length);
    for (const line of assumptions.assumptionsKo) expect(line).not.toMatch(/\b[a-z]{3,} [a-z]{3,}\b/);
  });

  for (const format of ['html', 'md', 'csv', 'junit'] as const) {
    it(`report.${format === 'junit' ? 'junit.xml' : format}: Korean lines in Korean, English lines in English`, () => {
      // The HTML report also dumps the raw evidence (report.json's data, keys and both languages): left out here.
      const checks = report.checks.map((c) => (c.id === cost.id ? { ...c, evidence: {} } : c));
      const korean = plain(RENDERERS[format].render({ ...report, checks }, { lang: 'ko' }));
      expect(korean).not.toMatch(ENGLISH_COST);
      for (const r of cost.resources) expect(korean).toContain(r.detailKo!.replace(/\s+/g, ' '));
      const english = plain(RENDERERS[format].render(report, { lang: 'en' }));
      expect(english).toMatch(/[\d.]+ instance-hour x USD [\d.]+ = USD [\d.]+ \(\d+% of the total\)/);
    });
  }
});
