// The rule files against the check catalogue (contract/check-catalogue.ts, itself compared with
// ../shared/spec/checks.md by contract/test/check-catalogue.test.ts): every catalogue id is
// implemented exactly once, in one file named after it, which takes its id, category, severity,
// title and refs from the catalogue and states none of them itself; remediation, the rule's own,
// is in Korean and English.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueEntry, LIVE_CHECK_IDS, type LiveCheckId } from '../../contract/check-catalogue';
import { CHECKS } from '../rules/index';
import type { Check } from '../rules/types';

const RULES_DIR = path.resolve(import.meta.dirname, '../rules');
/** Files in checks/rules that are not checks. */
const NOT_CHECKS = new Set(['index.ts', 'types.ts', 'evaluate.ts']);

const HANGUL = /[\uAC00-\uD7A3]/;
/** A catalogue field written in a rule file (two-space indent: a property of defineCheck, not of a nested object or interface). */
const OWN_METADATA = /^  (id|category|severity|title|refs):(?!.*;$)/m;
const metadataOf = (check: Check) => ({ id: check.id, category: check.category, severity: check.severity, title: check.title, refs: check.refs });

describe('check rules against the catalogue', () => {
  it('implements every catalogue id exactly once, in catalogue order', () => {
    expect(CHECKS.map((c) => c.id)).toEqual([...LIVE_CHECK_IDS]);
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
  });

  it('has one file per check, named after its id, exporting that check', async () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !NOT_CHECKS.has(f));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual([...LIVE_CHECK_IDS].sort());
    for (const file of files) {
      const module = (await import(path.join(RULES_DIR, file))) as { check?: Check };
      expect(module.check?.id, file).toBe(file.replace(/\.ts$/, ''));
      expect(CHECKS, file).toContain(module.check);
    }
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s has the id, category, severity, title and refs of the catalogue', (id, check) => {
    expect(metadataOf(check)).toEqual(catalogueEntry(id as LiveCheckId));
  });

  it.each([...LIVE_CHECK_IDS])('%s.ts takes its metadata from the catalogue and writes none of its own', (id) => {
    const source = readFileSync(path.join(RULES_DIR, `${id}.ts`), 'utf8');
    expect(source).toContain(`...catalogueEntry('${id}')`);
    expect(source).not.toMatch(OWN_METADATA);
  });

  it('catches a rule that restates or changes its metadata (the comparisons can fail)', () => {
    expect("export const check = defineCheck({\n  ...catalogueEntry('rds.multi-az'),\n  severity: 'low',\n").toMatch(OWN_METADATA);
    expect('interface DbTarget {\n  id: string;\n}').not.toMatch(OWN_METADATA);
    const check = CHECKS.find((c) => c.id === 'rds.multi-az')!;
    expect(metadataOf({ ...check, severity: 'low' })).not.toEqual(catalogueEntry('rds.multi-az'));
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s has remediation in Korean and English', (_id, check) => {
    expect(check.remediation.ko).toMatch(HANGUL);
    expect(check.remediation.en.length).toBeGreaterThan(20);
    expect(check.remediation.en).not.toMatch(HANGUL);
    if (check.remediation.cdk !== undefined) expect(check.remediation.cdk).toMatch(/new |\.\w+\(|\w+: /);
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s: console steps beside the CDK, in Korean and English', (_id, check) => {
    const steps = check.remediation.console;
    expect(steps?.ko).toMatch(HANGUL);
    expect(steps?.ko).toMatch(/콘솔 >/);
    expect(steps?.en).toMatch(/console >/);
    expect(steps?.en).not.toMatch(HANGUL);
    if (check.remediation.warning) {
      expect(check.remediation.warning.ko).toMatch(HANGUL);
      expect(check.remediation.warning.en).not.toMatch(HANGUL);
    }
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s: no Korean text of the remediation is its English text', (_id, check) => {
    const r = check.remediation;
    for (const pair of [r, r.console, r.warning].filter((p) => p !== undefined)) expect(pair.ko).not.toBe(pair.en);
  });
});
