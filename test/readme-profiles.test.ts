// The README's guide recommends `--deployment-profile lab`, which fails two checks on purpose;
// it says so next to the command, in English and Korean, with the score a lab deployment gets.
// That number is computed here with the default rubric and the check catalogue (every other
// live check passing, as in the reference deployment), never typed by hand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckEntry } from '../contract/report';
import { CHECKS } from '../checks/rules/index';
import { defaultRubric } from '../reports/rubric/rubric';
import { pointsFor } from '../reports/score/check-points';
import { totals } from '../reports/score/score-run';
import type { ProfileName } from '../stacks/config';
import { checksFailedByDesign } from '../stacks/profiles';

const README = readFileSync(path.resolve(import.meta.dirname, '../README.md'), 'utf8');

/** The score of a deployment of `profile` under the default rubric, drills not run. */
function profileScore(profile: ProfileName): ReturnType<typeof totals> {
  const rubric = defaultRubric();
  const failed = new Set(checksFailedByDesign(profile));
  const entries = CHECKS.map((check) => {
    const status = failed.has(check.id) ? 'fail' : 'pass';
    return { id: check.id, category: check.category, severity: check.severity, status, resources: [], ...pointsFor({ id: check.id, severity: check.severity, status, resources: [] }, rubric) };
  });
  return totals(entries as unknown as CheckEntry[], rubric);
}

/** 98.42 -> "98.42%", as the report writes a percent. */
const percent = (value: number) => `${value}%`;

describe('the profiles in the README', () => {
  it('lab fails exactly rds.deletion-protection and nat.per-az; production fails none', () => {
    expect(checksFailedByDesign('lab').sort()).toEqual(['nat.per-az', 'rds.deletion-protection']);
    expect(checksFailedByDesign('default')).toEqual(['nat.per-az']);
    expect(checksFailedByDesign('production')).toEqual([]);
    expect(profileScore('production').percent).toBe(100);
  });

  it('states the computed scores next to the lab command, in English and in Korean', () => {
    const lab = profileScore('lab');
    const labAvailability = lab.categories.find((c) => c.id === 'high-availability')!.percent;
    const english = README.slice(README.indexOf('## Reference stacks'));
    const korean = README.slice(README.indexOf('## 한국어 안내'), README.indexOf('## Commands'));
    const facts = [
      '--deployment-profile lab',
      'rds.deletion-protection',
      'nat.per-az',
      '--deployment-profile production',
      percent(lab.percent),
      percent(profileScore('default').percent),
      percent(labAvailability),
    ];
    for (const fact of facts) {
      expect(english, `English: ${fact}`).toContain(fact);
      expect(korean, `Korean: ${fact}`).toContain(fact);
    }
    expect(english).toContain(`high availability ${percent(labAvailability)}`);
    expect(korean).toContain(`고가용성 ${percent(labAvailability)}`);
  });
});
