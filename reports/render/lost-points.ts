// "What to fix first", the same in every format: the checks that cost the student points,
// ordered by what fixing them adds to the total (category weight x points lost / category
// maximum: 10 points lost in security's 82 weigh less than 6 in monitoring's 17). A failed
// finding check (a missing tier) comes with the checks it blocks grouped under it, and its
// place follows what they add together.
import type { CheckEntry, Report } from '../../contract/report';
import { blockersOf, shownStatus } from './blocked';

export interface FixStep {
  check: CheckEntry;
  /** What fixing this check alone adds to the total score. */
  gain: number;
}

export interface FixItem extends FixStep {
  /** Blocked checks that fixing this one makes checkable again, largest gain first. */
  unblocks: FixStep[];
  /** gain plus the gains of the checks it unblocks. */
  totalGain: number;
}

/** What fixing the check adds to the total: its category's weight x points lost / the category's maximum. */
export function gainOf(report: Pick<Report, 'score'>, check: CheckEntry): number {
  const category = report.score.categories.find((c) => c.id === check.category);
  if (!category || category.maxPoints <= 0) return 0;
  return (category.weight * (check.maxPoints - check.points)) / category.maxPoints;
}

/** Failed, errored and blocked checks, as root causes with what they unblock, largest effect on the total first. */
export function fixPlan(report: Pick<Report, 'score' | 'checks'>): FixItem[] {
  const costing = report.checks.filter((c) => {
    const status = shownStatus(c);
    return status === 'fail' || status === 'error' || status === 'blocked';
  });
  const byId = new Map(costing.map((c) => [c.id, c]));
  // A blocked check goes under the first of its blockers that is itself on the list (followed to its root).
  const rootOf = (check: CheckEntry, seen = new Set<string>()): CheckEntry => {
    seen.add(check.id);
    const parent = blockersOf(check).map((id) => byId.get(id)).find((c) => c && !seen.has(c.id));
    return parent ? rootOf(parent, seen) : check;
  };
  const items = new Map<string, FixItem>();
  const step = (check: CheckEntry): FixStep => ({ check, gain: gainOf(report, check) });
  for (const check of costing) if (rootOf(check) === check) items.set(check.id, { ...step(check), unblocks: [], totalGain: 0 });
  for (const check of costing) {
    const root = rootOf(check);
    if (root !== check) items.get(root.id)!.unblocks.push(step(check));
  }
  const byGain = (a: FixStep, b: FixStep) => b.gain - a.gain || a.check.id.localeCompare(b.check.id);
  for (const item of items.values()) {
    item.unblocks.sort(byGain);
    item.totalGain = item.gain + item.unblocks.reduce((s, u) => s + u.gain, 0);
  }
  return [...items.values()].sort((a, b) => b.totalGain - a.totalGain || a.check.id.localeCompare(b.check.id));
}
