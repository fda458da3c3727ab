// The live class board's state (`grade --watch`): one row per roster student with the score
// now, the scores since the board started (the sparkline), the four category percentages,
// the first check to fix, the cost so far, and who reached 100 first. Pure: a round of grading
// goes in, the next state comes out; the page (board-html.ts) only draws it.
//
// A student whose grading failed this round is an error row that keeps the trend it had; a
// round that failed as a whole changes no row and marks the board stale since that moment.
import type { Bilingual, Category, Report } from '../../../contract/report';
import { fixPlan } from '../../render/lost-points';
import { categoryPercents, type StudentError } from '../class-report';

/** Where the board's data came from: a student reads it as a label (AWS, emulator, another endpoint). */
export type BoardSource = 'aws' | 'emulator' | 'endpoint';

/** Cost so far, from the resources' creation times and the dated price table (commands/ computes it). */
export type CostSoFar =
  | { known: true; usd: number; budgetUsd: number; priceTableAsOf: string; /** Resources with no published creation time, counted from the deployment's first resource. */ assumedFromFirst: number }
  | { known: false; reason: Bilingual };

export interface TrendPoint {
  at: string;
  percent: number;
}

export interface BoardRow {
  student: string;
  name: string;
  /** waiting: not graded yet this board; error: the latest round could not grade them. */
  status: 'waiting' | 'graded' | 'error';
  percent?: number;
  categories?: Record<Category, number | null>;
  /** Every score since the board started, one per round that graded the student. */
  trend: TrendPoint[];
  /** What costs the most points (the report's "what to fix first"), absent when nothing does. */
  firstFailing?: { id: string; title: Bilingual };
  cost?: CostSoFar;
  error?: StudentError;
  /** When the student's score first reached 100 on this board. */
  reached100At?: string;
  /** When the row last changed from a round (graded or error). */
  updatedAt?: string;
}

export interface BoardState {
  source: BoardSource;
  startedAt: string;
  endsAt: string;
  /** Rounds finished (successful or not). */
  rounds: number;
  lastRoundAt?: string;
  /** Set while the latest round failed as a whole: the rows are the last known state. */
  staleSince?: string;
  staleReason?: string;
  rows: BoardRow[];
  firstTo100?: { student: string; name: string; at: string };
}

/** One student's result in a round. */
export type RoundStudent =
  | { student: string; name: string; report: Report; cost?: CostSoFar }
  | { student: string; name: string; error: StudentError };

export function initialBoard(students: readonly { student: string; name: string }[], options: { source: BoardSource; startedAt: Date; endsAt: Date }): BoardState {
  return {
    source: options.source,
    startedAt: options.startedAt.toISOString(),
    endsAt: options.endsAt.toISOString(),
    rounds: 0,
    rows: students.map((s) => ({ student: s.student, name: s.name, status: 'waiting', trend: [] })),
  };
}

/** The board after a round that graded the class (each student graded or an error row). */
export function applyRound(state: BoardState, students: readonly RoundStudent[], at: Date): BoardState {
  const when = at.toISOString();
  const byStudent = new Map(students.map((s) => [s.student, s]));
  const rows = state.rows.map((row): BoardRow => {
    const result = byStudent.get(row.student);
    if (!result) return row;
    if ('error' in result) {
      const { percent: _percent, ...kept } = row;
      return { ...kept, status: 'error', error: result.error, updatedAt: when };
    }
    const { report } = result;
    const percent = report.score.percent;
    const first = fixPlan(report)[0]?.check;
    const { error: _error, firstFailing: _first, cost: _cost, ...kept } = row;
    return {
      ...kept,
      status: 'graded',
      percent,
      categories: categoryPercents(report),
      trend: [...row.trend, { at: when, percent }],
      ...(first ? { firstFailing: { id: first.id, title: first.title ?? { ko: first.id, en: first.id } } } : {}),
      ...(result.cost ? { cost: result.cost } : {}),
      ...(row.reached100At ? { reached100At: row.reached100At } : percent >= 100 ? { reached100At: when } : {}),
      updatedAt: when,
    };
  });
  const { staleSince: _since, staleReason: _reason, ...rest } = state;
  const firstTo100 = state.firstTo100 ?? firstReaching100(rows);
  return { ...rest, rounds: state.rounds + 1, lastRoundAt: when, rows, ...(firstTo100 ? { firstTo100 } : {}) };
}

/** The board after a round that failed as a whole: rows unchanged, stale since the first failure. */
export function failRound(state: BoardState, reason: string, at: Date): BoardState {
  return { ...state, rounds: state.rounds + 1, staleSince: state.staleSince ?? at.toISOString(), staleReason: reason };
}

/** Among the rows that reached 100, the earliest (roster order breaks a tie within one round). */
function firstReaching100(rows: readonly BoardRow[]): BoardState['firstTo100'] {
  let first: BoardRow | undefined;
  for (const row of rows) if (row.reached100At && (!first || row.reached100At < first.reached100At!)) first = row;
  return first ? { student: first.student, name: first.name, at: first.reached100At! } : undefined;
}
