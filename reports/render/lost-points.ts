// The checks that cost the student points, most points lost first: what every format lists
// under "what to fix first". Failed and errored checks, and not-applicable checks the rubric
// counts as failed (their tier is missing).
import type { CheckEntry } from '../../contract/report';

export function checksToFix(checks: readonly CheckEntry[]): CheckEntry[] {
  return checks
    .filter((c) => c.status === 'fail' || c.status === 'error' || c.scoredAs)
    .sort((a, b) => b.maxPoints - b.points - (a.maxPoints - a.points) || a.id.localeCompare(b.id));
}
