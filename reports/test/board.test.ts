// The live class board's pure parts (issue 17, part 2): the board model a round goes into,
// the sparkline, and the page and its updates (escaped, Korean and English, a CSP that
// allows only its own script, style and server).
import { describe, expect, it } from 'vitest';
import { HOSTILE, sampleRun } from '../../fixtures/reports/sample-runs';
import { applyRound, failRound, initialBoard, type BoardState, type RoundStudent } from '../class/board/board-model';
import { BOARD_CSP, renderBoardPage, renderBoardParts } from '../class/board/board-html';
import { sparkline, sparklinePoints } from '../class/board/sparkline';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();
const START = new Date('2026-12-08T01:00:00.000Z');
const END = new Date('2026-12-08T01:50:00.000Z');
const at = (minute: number) => new Date(START.getTime() + minute * 60_000);

function report(student: string, statuses: Record<string, 'fail' | 'error'> = {}) {
  return scoreRun(sampleRun({ student, statuses }), { rubric });
}

const ROSTER = [
  { student: 's01', name: '김민수' },
  { student: 's02', name: 'Lee, Jiwoo' },
  { student: 's03', name: 'Park Seoyeon' },
];

function board(): BoardState {
  return initialBoard(ROSTER, { source: 'emulator', startedAt: START, endsAt: END });
}

const cost = { known: true as const, usd: 0.12, budgetUsd: 0.8, priceTableAsOf: '2026-11-01', assumedFromFirst: 2 };

describe('board model', () => {
  it('starts with every roster student waiting, in roster order, no round yet', () => {
    const b = board();
    expect(b.rows.map((r) => [r.student, r.status, r.trend.length])).toEqual([
      ['s01', 'waiting', 0],
      ['s02', 'waiting', 0],
      ['s03', 'waiting', 0],
    ]);
    expect(b).toMatchObject({ rounds: 0, startedAt: START.toISOString(), endsAt: END.toISOString() });
    expect(b.lastRoundAt).toBeUndefined();
  });

  it('a round gives each student the score now, the trend since the start, the categories and the first check to fix', () => {
    const single = report('s02', { 'rds.multi-az': 'fail' });
    const first = applyRound(board(), [
      { student: 's01', name: '김민수', report: report('s01'), cost },
      { student: 's02', name: 'Lee, Jiwoo', report: single },
      { student: 's03', name: 'Park Seoyeon', error: { kind: 'unreachable', message: 'AssumeRole was denied.' } },
    ], at(5));
    const [s01, s02, s03] = first.rows;
    expect(s01).toMatchObject({ status: 'graded', percent: report('s01').score.percent, cost, trend: [{ at: at(5).toISOString(), percent: report('s01').score.percent }] });
    expect(s02!.percent).toBe(single.score.percent);
    expect(s02!.percent).toBeLessThan(s01!.percent!);
    expect(s02!.firstFailing).toMatchObject({ id: 'rds.multi-az', title: { ko: expect.any(String), en: expect.any(String) } });
    expect(s02!.categories!['high-availability']).toBeLessThan(100);
    expect(s02!.categories!.security).toBe(100);
    expect(s03).toMatchObject({ status: 'error', error: { kind: 'unreachable' }, trend: [] });
    expect(first).toMatchObject({ rounds: 1, lastRoundAt: at(5).toISOString() });

    // The student fixes it: the next round shows the new score and the trend has both.
    const second = applyRound(first, [
      { student: 's01', name: '김민수', report: report('s01') },
      { student: 's02', name: 'Lee, Jiwoo', report: report('s02') },
      { student: 's03', name: 'Park Seoyeon', error: { kind: 'unreachable', message: 'AssumeRole was denied.' } },
    ], at(6));
    expect(second.rows[1]!.trend.map((p) => p.percent)).toEqual([single.score.percent, report('s02').score.percent]);
    expect(second.rows[1]!.firstFailing).toBeUndefined();
    expect(second.rounds).toBe(2);
  });

  it('a student who fails after being graded is an error row that keeps their trend; the others still update', () => {
    const first = applyRound(board(), ROSTER.map((r) => ({ ...r, report: report(r.student, { 'alarms.coverage': 'fail' }) })), at(1));
    const second = applyRound(first, [
      { student: 's01', name: '김민수', report: report('s01') },
      { student: 's02', name: 'Lee, Jiwoo', error: { kind: 'timeout', message: 'grading took longer than 600 s and was stopped' } },
      { student: 's03', name: 'Park Seoyeon', report: report('s03') },
    ], at(2));
    expect(second.rows[1]).toMatchObject({ status: 'error', error: { kind: 'timeout' }, trend: first.rows[1]!.trend });
    expect(second.rows[1]!.percent).toBeUndefined();
    expect(second.rows[0]!.trend).toHaveLength(2);
    expect(second.rows[2]!.trend).toHaveLength(2);
  });

  it('a failed round keeps every row and marks the board stale since the first failure, until a round succeeds', () => {
    const graded = applyRound(board(), ROSTER.map((r) => ({ ...r, report: report(r.student) })), at(1));
    const failed = failRound(graded, 'the check run could not start', at(2));
    const failedAgain = failRound(failed, 'still broken', at(3));
    expect(failedAgain.rows).toEqual(graded.rows);
    expect(failedAgain).toMatchObject({ staleSince: at(2).toISOString(), staleReason: 'still broken', rounds: 3, lastRoundAt: at(1).toISOString() });
    const recovered = applyRound(failedAgain, ROSTER.map((r) => ({ ...r, report: report(r.student) })), at(4));
    expect(recovered.staleSince).toBeUndefined();
    expect(recovered.staleReason).toBeUndefined();
  });

  it('remembers who reached 100 first, and keeps them first when others reach it later', () => {
    const perfect = report('s03');
    const fails = (s: string) => report(s, { 'rds.multi-az': 'fail' });
    // What a student reaches 100 with: a sample run scored by the default rubric.
    expect(perfect.score.percent).toBe(100);
    const r1 = applyRound(board(), [{ ...ROSTER[0]!, report: fails('s01') }, { ...ROSTER[1]!, report: fails('s02') }, { ...ROSTER[2]!, report: perfect }], at(10));
    expect(r1.firstTo100).toEqual({ student: 's03', name: 'Park Seoyeon', at: at(10).toISOString() });
    const r2 = applyRound(r1, ROSTER.map((r) => ({ ...r, report: report(r.student) })), at(11));
    expect(r2.firstTo100!.student).toBe('s03');
    expect(r2.rows[0]!.reached100At).toBe(at(11).toISOString());
    // Dropping below 100 again does not take the place away.
    const r3 = applyRound(r2, [{ ...ROSTER[2]!, report: fails('s03') }], at(12));
    expect(r3.firstTo100!.student).toBe('s03');
    expect(r3.rows[2]!.reached100At).toBe(at(10).toISOString());
  });

  it('nobody is first to 100 while nobody reached it', () => {
    const r = applyRound(board(), ROSTER.map((s) => ({ ...s, report: report(s.student, { 'nat.per-az': 'fail' }) })), at(3));
    expect(r.firstTo100).toBeUndefined();
  });
});

describe('sparkline', () => {
  it('draws the scores on a fixed 0-100 scale, left to right, higher scores higher', () => {
    const points = sparklinePoints([0, 50, 100], 104, 24);
    expect(points).toEqual([
      [2, 22],
      [52, 12],
      [102, 2],
    ]);
  });

  it('clamps what is outside 0-100 and puts a single score in the middle', () => {
    expect(sparklinePoints([150], 120, 28)).toEqual([[60, 2]]);
    expect(sparklinePoints([-5, 0], 120, 28).map(([, y]) => y)).toEqual([26, 26]);
  });

  it('is an inline SVG with a title, a line for two or more scores and a dot on the latest', () => {
    const svg = sparkline([80, 90, 100], { label: 'scores' });
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('<title>scores</title>');
    expect(svg).toMatch(/<polyline [^>]*points="[\d., ]+"/);
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(sparkline([], { label: 'none' })).not.toMatch(/<polyline|<circle/);
  });
});

describe('board page', () => {
  const hostileRoster = [
    { student: 's01', name: HOSTILE.script },
    { student: 's02', name: HOSTILE.attribute },
  ];
  const hostile = applyRound(
    initialBoard(hostileRoster, { source: 'emulator', startedAt: START, endsAt: END }),
    [
      { student: 's01', name: HOSTILE.script, report: report('s01', { 'rds.multi-az': 'fail' }), cost: { known: false, reason: { ko: HOSTILE.singleQuote, en: HOSTILE.singleQuote } } },
      { student: 's02', name: HOSTILE.attribute, error: { kind: 'unreachable', message: HOSTILE.script } },
    ] satisfies RoundStudent[],
    at(5),
  );

  it('escapes every name, error and reason (no tag or attribute a student wrote reaches the page)', () => {
    const html = renderBoardPage(hostile, { lang: 'en', now: at(6) });
    expect(html).not.toContain(HOSTILE.script);
    expect(html).not.toContain('<img');
    expect(html).not.toContain("onmouseover='");
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const parts = renderBoardParts(hostile, { lang: 'en', now: at(6) });
    expect(parts.rows).not.toContain(HOSTILE.script);
    expect(parts.rows).not.toContain('<img');
  });

  it('allows only its own script and style (by hash) and connections to its own server', () => {
    const html = renderBoardPage(hostile, { lang: 'ko', now: at(6) });
    expect(BOARD_CSP).toMatch(/default-src 'none'/);
    expect(BOARD_CSP).toMatch(/script-src 'sha256-[^']+'(;|$)/);
    expect(BOARD_CSP).toContain("connect-src 'self'");
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('shows the time left, the rounds, the source of the data and a stale note in the page language', () => {
    const ko = renderBoardParts(failRound(hostile, 'vitest could not start', at(7)), { lang: 'ko', now: at(8) });
    expect(ko.status).toContain('남은 시간');
    expect(ko.status).toContain('42:00');
    expect(ko.status).toContain('EMULATED');
    expect(ko.status).toContain('이전 상태를 보여 줍니다');
    expect(ko.status).toContain('vitest could not start');
    expect(ko.rows).toContain('오류');
    const en = renderBoardParts(hostile, { lang: 'en', now: at(50) });
    expect(en.status).toContain('Time left');
    expect(en.status).toMatch(/id="time-left"[^>]*>over</);
    expect(en.status).not.toContain('Showing the last known state');
  });

  it('marks each row with its student, status and score for the page and its tests', () => {
    const parts = renderBoardParts(hostile, { lang: 'en', now: at(6) });
    expect(parts.rows).toMatch(new RegExp(`<tr class="graded" data-student="s01" data-status="graded" data-percent="${hostile.rows[0]!.percent}" data-points="1">`));
    expect(parts.rows).toContain('data-student="s02" data-status="error"');
    expect(parts.rows).toContain('<code>rds.multi-az</code>');
  });

  it('shows the cost so far against the budget, over budget in red, and what was counted from the first resource', () => {
    const withCost = (usd: number) =>
      renderBoardParts(applyRound(board(), [{ ...ROSTER[0]!, report: report('s01'), cost: { ...cost, usd } }], at(5)), { lang: 'en', now: at(6) }).rows;
    expect(withCost(0.12)).toContain('USD 0.12 / 0.80');
    expect(withCost(0.12)).not.toContain('over budget');
    expect(withCost(0.95)).toContain('over budget');
    expect(withCost(0.12)).toContain('2 creation time(s) assumed');
    expect(withCost(0.12)).toMatch(/title="2 resource\(s\) have no creation time in AWS/);
    const ko = renderBoardParts(applyRound(board(), [{ ...ROSTER[0]!, report: report('s01'), cost: { ...cost, usd: 0.95 } }], at(5)), { lang: 'ko', now: at(6) }).rows;
    expect(ko).toContain('예산 초과');
    expect(ko).toContain('생성 시각 추정 2개');
  });
});
