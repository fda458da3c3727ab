import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { LIVE_CHECK_IDS as CATALOG_IDS } from '../../contract/check-catalogue';
import { assertRubricKnowsChecks, defaultRubric, parseRubric, rubricWaiverKeyPath } from '../rubric/rubric';

const BASE = `
name: test
weights: { architecture: 30, high-availability: 30, security: 20, monitoring: 20 }
severityPoints: { critical: 10, high: 6, medium: 3, low: 1 }
`;

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('rubric', () => {
  it('loads the shipped default: course weights, never-waivable data-tier checks, drills in high-availability', () => {
    const rubric = defaultRubric();
    expect(rubric.weights).toEqual({ architecture: 30, 'high-availability': 30, security: 20, monitoring: 20 });
    expect(rubric.neverWaivable).toEqual(expect.arrayContaining(['sg.db-from-app-only', 'rds.not-public']));
    expect(rubric.drills.category).toBe('high-availability');
    expect(rubric.drills.checks['drill.rds-failover']?.partial).toMatchObject({ by: 'metric', metric: 'writeGapMs', full: 60000, limit: 120000 });
    expect(rubric.digest).toMatch(/^[0-9a-f]{16}$/);
    // The default names only checks of the catalog.
    expect(() => assertRubricKnowsChecks(rubric, CATALOG_IDS)).not.toThrow();
  });

  it('rejects weights that do not add up to 100 with the sum and every weight in the message', () => {
    const text = BASE.replace('monitoring: 20', 'monitoring: 30');
    const message = usageMessage(() => parseRubric(text, 'my-rubric.yaml'));
    expect(message).toBe(
      'my-rubric.yaml: the category weights add up to 110, they must add up to 100 (architecture 30 + high-availability 30 + security 20 + monitoring 30).',
    );
  });

  it('accepts weights that add up to 100 in another split, and JSON as well as YAML', () => {
    const json = JSON.stringify({
      weights: { architecture: 25, 'high-availability': 25, security: 25, monitoring: 25 },
      severityPoints: { critical: 8, high: 5, medium: 2, low: 1 },
    });
    const rubric = parseRubric(json, 'r.json');
    expect(rubric.weights.security).toBe(25);
    expect(rubric.name).toBe('custom');
  });

  it('names a missing category, a misspelt key and a negative weight', () => {
    expect(usageMessage(() => parseRubric(BASE.replace('monitoring: 20', ''), 'r.yaml'))).toMatch(/^r\.yaml: weights\.monitoring: /);
    expect(usageMessage(() => parseRubric(`${BASE}\nweigths: {}\n`, 'r.yaml'))).toMatch(/weigths/);
    expect(usageMessage(() => parseRubric(BASE.replace('security: 20', 'security: -20').replace('monitoring: 20', 'monitoring: 60'), 'r.yaml'))).toMatch(
      /weights\.security/,
    );
  });

  it('rejects a partial-credit rule whose limit is not above full marks, and drills that do not exist', () => {
    const badPartial = `${BASE}\nchecks:\n  alarms.coverage: { partial: { by: metric, metric: x, full: 10, limit: 5, shareAtLimit: 0.5 } }\n`;
    expect(usageMessage(() => parseRubric(badPartial, 'r.yaml'))).toMatch(/limit \(5\) must be greater than full \(10\)/);
    const badDrill = `${BASE}\ndrills:\n  checks:\n    drill.moon-landing: { points: 3 }\n`;
    expect(usageMessage(() => parseRubric(badDrill, 'r.yaml'))).toMatch(/drill\.moon-landing.*drill\.scale-out/);
  });

  it('is not YAML at all: one clear sentence', () => {
    expect(usageMessage(() => parseRubric('weights: [unclosed', 'r.yaml'))).toMatch(/^r\.yaml: the rubric is not valid YAML or JSON/);
  });

  it('rejects overrides and never-waivable entries naming unknown checks (a typo would silently change grades)', () => {
    const rubric = parseRubric(`${BASE}\nchecks:\n  rds.multi-azz: { points: 3 }\nneverWaivable: [rds.not-public]\n`, 'r.yaml');
    expect(usageMessage(() => assertRubricKnowsChecks(rubric, CATALOG_IDS))).toBe(
      'r.yaml: unknown check id rds.multi-azz (a typo? see checks.md for the ids).',
    );
    const prerequisites = parseRubric(`${BASE}\nprerequisites:\n  rds.postgres-present: [rds.multi-az, rds.backups]\n`, 'p.yaml');
    expect(usageMessage(() => assertRubricKnowsChecks(prerequisites, CATALOG_IDS))).toMatch(/unknown check id rds\.backups/);
  });

  it('has the same digest whatever the key order and comments, and another one when a value changes', () => {
    const a = parseRubric(BASE, 'a');
    const b = parseRubric(`# comment\nseverityPoints: { low: 1, medium: 3, high: 6, critical: 10 }\nweights: { monitoring: 20, security: 20, high-availability: 30, architecture: 30 }\nname: test\n`, 'b');
    const c = parseRubric(BASE.replace('low: 1', 'low: 2'), 'c');
    expect(b.digest).toBe(a.digest);
    expect(c.digest).not.toBe(a.digest);
  });

  it('resolves the waiver public key relative to the rubric file', () => {
    const rubric = parseRubric(`${BASE}\nwaivers: { publicKey: keys/instructor.pub.pem }\n`, '/course/rubric.yaml');
    expect(rubricWaiverKeyPath(rubric)).toBe('/course/keys/instructor.pub.pem');
    expect(rubricWaiverKeyPath(parseRubric(BASE, '/course/rubric.yaml'))).toBeUndefined();
  });
});
