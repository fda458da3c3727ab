// Re-grading keeps history: the new report lists the student's earlier scores with their
// dates, taken from the previous report.json (which carries its own history in turn).
import { Report, type HistoryEntry } from '../../contract/report';

/** At most this many earlier scores are kept (the oldest are dropped first). */
export const MAX_HISTORY = 50;

/** The previous report.json of a student, or undefined with the reason it cannot be used. */
export function readPreviousReport(text: string | undefined): { report?: Report; problem?: string } {
  if (text === undefined) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: 'the previous report.json is not JSON: history starts again' };
  }
  const parsed = Report.safeParse(raw);
  return parsed.success ? { report: parsed.data } : { problem: 'the previous report.json does not match the report schema: history starts again' };
}

/**
 * The new report with `history`: the previous report's history plus the previous score
 * itself, oldest first, without duplicates (re-rendering the same report adds nothing).
 * A previous report of another student is ignored.
 */
export function withHistory(previous: Report | undefined, next: Report): Report {
  if (!previous || previous.target.student !== next.target.student) return next;
  const entries: HistoryEntry[] = [
    ...(previous.history ?? []),
    { at: previous.finishedAt, percent: previous.score.percent, points: previous.score.points, maxPoints: previous.score.maxPoints },
  ];
  const byTime = new Map<string, HistoryEntry>();
  for (const e of entries) if (e.at !== next.finishedAt) byTime.set(e.at, e);
  const history = [...byTime.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-MAX_HISTORY);
  return history.length ? { ...next, history } : next;
}
