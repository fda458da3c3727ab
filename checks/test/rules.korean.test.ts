// Issue 13 item 4: what a check says about a deployment is Korean in Korean. For the reference,
// a console-built deployment on other ports, one with many defects and ones missing a tier,
// every summary, note and evidence line has a Korean text that is not the English one (lines
// made only of ids and values may be the same), and every fix reads in Korean.
import { describe, expect, it } from 'vitest';
import type { Bilingual, CheckOutcome } from '../../contract/report';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { CONSOLE_PORTS, consoleBuiltOtherPorts, manyDefects, withMultiAzDbCluster, withoutAlarms, withoutAlb, withoutAsg, withoutFrontend, withoutRds, withoutRedis } from '../../fixtures/inventories/variants';
import { derive } from '../../fixtures/inventories/sdk';
import { DEFAULT_CHECK_CONFIG } from '../config';
import type { Inventory } from '../inventory/types';
import { evaluateChecks } from '../rules/evaluate';

const HANGUL = /[\uAC00-\uD7A3]/;
/** Two English words in a row: a sentence or phrase, not an id or a value. */
const ENGLISH_WORDS = /\b[A-Za-z]{3,} [a-z]{2,}\b/;

const INVENTORIES: [string, () => Inventory, typeof DEFAULT_CHECK_CONFIG][] = [
  ['reference', referenceInventory, DEFAULT_CHECK_CONFIG],
  ['console-built on other ports', consoleBuiltOtherPorts, { ...DEFAULT_CHECK_CONFIG, appPort: CONSOLE_PORTS.app }],
  ['many defects', manyDefects, DEFAULT_CHECK_CONFIG],
  ['without Redis', withoutRedis, DEFAULT_CHECK_CONFIG],
  ['without RDS', withoutRds, DEFAULT_CHECK_CONFIG],
  ['without an ASG', withoutAsg, DEFAULT_CHECK_CONFIG],
  ['without an ALB', withoutAlb, DEFAULT_CHECK_CONFIG],
  ['without a frontend', withoutFrontend, DEFAULT_CHECK_CONFIG],
  ['without alarms', withoutAlarms, DEFAULT_CHECK_CONFIG],
  ['a Multi-AZ DB cluster', withMultiAzDbCluster, DEFAULT_CHECK_CONFIG],
  [
    'a Multi-AZ DB cluster that could not be read',
    () => derive(withMultiAzDbCluster(), (inv) => (inv.rds.clusters = { status: 'not-collected', operation: 'rds:DescribeDBClusters', reason: 'AccessDenied' })),
    DEFAULT_CHECK_CONFIG,
  ],
];

/** Where an outcome's Korean text is missing or is the English one. */
function englishInKorean(outcome: CheckOutcome): string[] {
  const found: string[] = [];
  const pair = (where: string, line: Bilingual) => {
    if (ENGLISH_WORDS.test(line.en) && (line.ko === line.en || !HANGUL.test(line.ko))) found.push(`${where}: "${line.ko}"`);
  };
  if (outcome.summary) pair('summary', outcome.summary);
  for (const note of outcome.notes ?? []) pair('note', note);
  for (const r of outcome.resources) {
    if (r.detailKo === undefined) found.push(`${r.id}: no detailKo`);
    else pair(`evidence ${r.id}`, { ko: r.detailKo, en: r.detail });
  }
  const fix = outcome.remediation;
  for (const line of [fix, fix.console, fix.warning]) if (line) pair('fix', line);
  return found;
}

describe('checks speak Korean in Korean', () => {
  for (const [name, inventory, config] of INVENTORIES) {
    it(`${name}: every summary, note, evidence line and fix has its own Korean text`, () => {
      const outcomes = evaluateChecks(inventory(), config);
      const leaks = outcomes.flatMap((o) => englishInKorean(o).map((leak) => `${o.id} ${leak}`));
      expect(leaks).toEqual([]);
    });
  }

  it('the many-defects deployment fails the checks it is meant to, so its failure texts are read', () => {
    const failed = evaluateChecks(manyDefects()).filter((o) => o.status === 'fail').map((o) => o.id);
    for (const id of ['rds.multi-az', 'rds.not-public', 'rds.encrypted', 'sg.app-from-alb-only', 'ec2.imdsv2', 'asg.group-metrics', 'asg.scaling-policy', 'logs.retention', 'cloudfront.https-only', 's3.block-public-access', 'alarms.actions']) {
      expect(failed, id).toContain(id);
    }
  });

  it('catches an English line passed off as Korean (the test can fail)', () => {
    const outcome = evaluateChecks(referenceInventory())[0]!;
    expect(englishInKorean({ ...outcome, summary: { ko: 'The VPC is fine.', en: 'The VPC is fine.' } })).toHaveLength(1);
  });
});
